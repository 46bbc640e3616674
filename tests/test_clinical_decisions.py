"""docs/clinical-decisions.md is generated from knowledge.yaml and kept in step with it."""
from pathlib import Path

from legtwitch.decisions import clinical_decisions_markdown
from legtwitch.knowledge import load_knowledge

DOC = Path(__file__).resolve().parent.parent / "docs" / "clinical-decisions.md"


def test_the_committed_document_is_the_generated_one():
    assert DOC.read_text(encoding="utf-8") == clinical_decisions_markdown(), \
        "docs/clinical-decisions.md is out of date: run python scripts/build_docs.py"


def test_every_rule_threshold_pathway_and_choice_has_a_row():
    kb = load_knowledge()
    text = clinical_decisions_markdown()
    for section in (kb.rules, kb.thresholds, kb.pathways, kb.decisions):
        for entry_id in section:
            assert f"`{entry_id}`" in text, entry_id
    for rule in kb.rules.values():
        assert rule.basis in ("direct", "judgement") and rule.where


def test_every_judgement_call_and_unconfirmed_detail_is_labelled():
    text = clinical_decisions_markdown()
    assert "judgement call" in text and "direct reading" in text
    assert "unconfirmed" in text  # nothing unconfirmed is presented as confirmed
