"""Question banks: schema validation, coverage, and agreement with the engine.

Case questions never store a key: it is computed from triage()/wells_score() when the bank
loads, and a stored answer is refused. These tests also compare every computed key with the
case library's own expectation, so a drifting engine shows up here too.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
import yaml

from legtwitch.errors import DataError
from legtwitch.levels import TriageLevel
from legtwitch.engine import triage
from legtwitch.wells import wells_score
from legtwitch.cases import get_case
from legtwitch.knowledge import LEVEL_IDS, SECTION_IDS, load_knowledge
from legtwitch.quiz import QUESTION_TYPES, all_questions, get_bank, get_question, load_bank_file, load_banks
from legtwitch.quiz.bank import bank_files, questions_dir

ROOT = Path(__file__).resolve().parent.parent
BANK_IDS = ["01_thrombosis_warning_signs", "02_why_legs_twitch", "03_treatment", "04_diagnosis",
            "05_triage_cases", "06_case_clinic", "07_reasoning_with_probability"]
QUESTIONS = all_questions()
CASE_QUESTIONS = [q for q in QUESTIONS if q.kind in ("triage_level", "wells_total", "next_test")]

def test_one_bank_per_exercise():
    assert sorted(load_banks()) == BANK_IDS
    assert [p.stem for p in bank_files()] == BANK_IDS  # misconceptions.yaml is not a bank


def test_at_least_120_questions_of_every_type():
    assert len(QUESTIONS) >= 120
    kinds = Counter(q.kind for q in QUESTIONS)
    assert set(kinds) == set(QUESTION_TYPES)


def test_every_source_section_and_every_level_covered():
    cited = {s for q in QUESTIONS for s in q.source}
    assert set(SECTION_IDS) <= cited
    levels = {q.key for q in QUESTIONS if q.kind == "triage_level"}
    assert levels == set(LEVEL_IDS)


def test_every_bank_covers_more_than_one_type():
    for bank in load_banks().values():
        assert len({q.kind for q in bank.questions}) >= 2, bank.id


def test_question_ids_unique_across_banks():
    ids = [q.id for q in QUESTIONS]
    assert len(ids) == len(set(ids))


def test_every_question_has_feedback_explanation_hint_and_known_sources():
    known = set(load_knowledge().sources)
    for q in QUESTIONS:
        assert q.feedback_correct and q.feedback_incorrect and q.explanation.strip() and q.hint(), q.id
        assert q.source and set(q.source) <= known, q.id


def test_case_questions_store_no_answer_in_the_yaml():
    for path in bank_files():
        for raw in yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]:
            if raw["type"] in ("triage_level", "wells_total", "next_test", "matching", "probability"):
                assert "answer" not in raw, f"{path.name}: {raw['id']}"


# -- agreement with the engine -----------------------------------------------------------------

@pytest.mark.parametrize("q", CASE_QUESTIONS, ids=lambda q: q.id)
def test_case_question_key_agrees_with_engine_and_library(q):
    result = triage(q.case.scenario)
    if q.kind == "triage_level":
        assert q.key == result.level.value
        if q.case.id:
            assert TriageLevel(q.key) == get_case(q.case.id).expected_level
    elif q.kind == "wells_total":
        assert q.key == wells_score(q.case.scenario).total
        assert result.wells is not None and q.key == result.wells.total
        if q.case.id:
            assert q.key == get_case(q.case.id).expected_wells
    else:
        assert q.key == (result.recommended_tests[0].id if result.recommended_tests else "none")


def test_matching_keys_come_from_the_knowledge_base():
    kb = load_knowledge()
    for q in QUESTIONS:
        if q.kind == "matching":
            for cause, treatment in q.key.items():
                assert cause in kb.treatments[treatment].for_causes


def test_a_changed_engine_changes_the_key(monkeypatch):
    """The key is not frozen at load: if the engine said otherwise, the question would follow."""
    q = next(q for q in QUESTIONS if q.kind == "triage_level" and q.key == "urgent")
    import legtwitch.quiz.questions as questions
    real = questions.CaseQuestion.result

    def lowered(self):
        from dataclasses import replace
        return replace(real(self), level=TriageLevel.SEE_DOCTOR)
    monkeypatch.setattr(questions.CaseQuestion, "result", lowered)
    assert q.key == "see_doctor"
    assert not q.check("urgent").correct


# -- broken banks name file, question and field --------------------------------------------------

def _bank(tmp_path, mutate, name="01_thrombosis_warning_signs") -> Path:
    data = yaml.safe_load((questions_dir() / f"{name}.yaml").read_text(encoding="utf-8"))
    mutate(data)
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _q(data, qid):
    return next(q for q in data["questions"] if q["id"] == qid)


BROKEN = [
    ("unknown source", lambda d: _q(d, "typical_signs").update(source=["thrombosis", "wikipedia"]), "typical_signs", "source"),
    ("unknown case", lambda d: _q(d, "wells_2").update(case="pill_and_long_flite"), "wells_2", "case"),
    ("answer not an option", lambda d: _q(d, "typical_signs").update(answer="z"), "typical_signs", "answer"),
    ("no correct answer", lambda d: _q(d, "wells_1").update(answer=[]), "wells_1", "answer"),
    ("answer missing", lambda d: _q(d, "typical_signs").pop("answer"), "typical_signs", "answer"),
    ("stored key on a case question", lambda d: _q(d, "pe_1").update(answer="emergency"), "pe_1", "answer"),
    ("unknown type", lambda d: _q(d, "typical_signs").update(type="essay"), "typical_signs", "type"),
    ("unknown topic", lambda d: _q(d, "typical_signs").update(topic="nowhere"), "typical_signs", "topic"),
    ("missing explanation", lambda d: _q(d, "typical_signs").pop("explanation"), "typical_signs", "explanation"),
    ("missing level", lambda d: _q(d, "typical_signs").pop("level"), "typical_signs", "level"),
    ("unknown level", lambda d: _q(d, "typical_signs").update(level="evaluate"), "typical_signs", "level"),
    ("unknown difficulty", lambda d: _q(d, "typical_signs").update(difficulty="impossible"), "typical_signs", "difficulty"),
    ("empty feedback", lambda d: _q(d, "typical_signs")["feedback"].update(incorrect=""), "typical_signs", "incorrect"),
    ("feedback for unknown option", lambda d: _q(d, "typical_signs")["feedback"]["choices"].update(q="x"), "typical_signs", "feedback"),
    ("unknown misconception", lambda d: _q(d, "typical_signs")["feedback"]["choices"]["b"].update(misconception="twitching_is_clot"),
     "typical_signs", "misconception"),
    ("feedback for an unknown level", lambda d: _q(d, "signs_3")["feedback"]["choices"].update(maybe="x"), "signs_3", "feedback"),
    ("duplicate id", lambda d: _q(d, "twitch_1").update(id="typical_signs"), "typical_signs", "id"),
    ("case and scenario", lambda d: _q(d, "signs_3").update(case="classic_calf_dvt"), "signs_3", "case"),
    ("vignette with a library case", lambda d: _q(d, "risks_1").update(vignette="A story."), "risks_1", "vignette"),
    ("bad scenario", lambda d: _q(d, "signs_3").update(scenario={"calf_pian": True}), "signs_3", "scenario"),
    ("wells without clot signs", lambda d: _q(d, "wells_2").update(case="exam_stress_twitch"), "wells_2", "case"),
    ("engine key not offered", lambda d: (_q(d, "nice_1").update(options=["d_dimer", "emg"]),
                                          _q(d, "nice_1")["feedback"].pop("choices")), "nice_1", "options"),
    ("option id not a letter", lambda d: _q(d, "typical_signs")["choices"].update(ab="x"), "typical_signs", "choices"),
]


@pytest.mark.parametrize("mutate,qid,field", [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN])
def test_broken_bank_names_file_question_and_field(tmp_path, mutate, qid, field):
    path = _bank(tmp_path, mutate)
    with pytest.raises(DataError) as err:
        load_bank_file(path)
    assert err.value.file == path.name
    assert err.value.entry == qid
    assert err.value.field == field
    assert path.name in str(err.value) and qid in str(err.value) and field in str(err.value)


def test_bank_id_must_match_file_name(tmp_path):
    path = _bank(tmp_path, lambda d: d.update(bank="01_other"))
    with pytest.raises(DataError, match="must match the file name"):
        load_bank_file(path)


def test_matching_question_with_an_untreatable_cause_is_refused(tmp_path):
    def mutate(d):
        d["questions"].append({"id": "m", "type": "matching", "topic": "wells", "level": "recall",
                               "difficulty": "easy", "prompt": "p", "hint": "h",
                               "feedback": {"correct": "c", "incorrect": "i"}, "explanation": "e",
                               "source": ["treatment"], "items": ["stress", "epilepsy"],
                               "options": ["relaxation_techniques", "muscle_relaxants"]})
    with pytest.raises(DataError) as err:
        load_bank_file(_bank(tmp_path, mutate))
    assert (err.value.entry, err.value.field) == ("m", "options")


def test_short_bank_names_and_unknown_ones():
    assert get_bank("04").id == "04_diagnosis"
    with pytest.raises(ValueError, match="unknown question bank"):
        get_bank("99")


# -- links from topics to the teaching notebooks -------------------------------------------------

def _headings(path: Path) -> set[str]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return {line.lstrip("#").strip() for c in nb["cells"] if c["cell_type"] == "markdown"
            for line in "".join(c["source"]).splitlines() if line.startswith("#")}


def test_every_topic_links_to_an_existing_teaching_notebook_section():
    topics = {t for b in load_banks().values() for t in b.topics.values()}
    for topic in topics:
        path = ROOT / topic.notebook
        assert path.exists(), topic
        if topic.section:
            assert topic.section in _headings(path), f"{topic.id}: no heading {topic.section!r} in {topic.notebook}"


def test_practice_topics_link_to_existing_sections():
    from legtwitch.quiz.exercise import _PRACTICE_TOPIC, _TESTS_TOPIC, _WELLS_TOPIC
    for topic in (_PRACTICE_TOPIC, _TESTS_TOPIC, _WELLS_TOPIC):
        assert topic.section in _headings(ROOT / topic.notebook), topic


@pytest.mark.parametrize("question", [q for q in QUESTIONS if q.case is not None], ids=lambda q: q.id)
def test_question_pronouns_match_the_case_sex(question):
    """A question about a case never calls a man 'she' or a woman 'he' (issue 9, finding 7)."""
    from legtwitch.pronouns import pronoun_mismatches
    parts = [question.prompt, question.hint_text, question.explanation, question.feedback_correct,
             question.feedback_incorrect, question.case.vignette or ""]
    parts += [text for _cid, text in getattr(question, "choices", ())]
    parts += list(getattr(question, "choice_feedback", {}).values())
    assert pronoun_mismatches(" ".join(parts), question.case.scenario.sex) == []


def test_the_pronoun_check_catches_a_mismatch():
    from legtwitch.pronouns import pronoun_mismatches
    assert pronoun_mismatches("Which level fits this woman? She fainted.", "male") == ["she", "woman"]
    assert pronoun_mismatches("His wife says he fainted.", "male") == []
    assert pronoun_mismatches("Her leg is swollen.", None) == ["her"]
