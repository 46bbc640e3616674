"""Renderers: the level by word and symbol as well as colour; sources shown; JSON schema stable."""
import json

from legtwitch import Scenario, TriageLevel, render_html, render_json, render_text, triage
from legtwitch.knowledge import load_knowledge

DVT = triage(Scenario(calf_pain=True, leg_swollen=True, pitting_edema=True, stress=True))


def test_text_shows_level_word_symbol_action_reasons_and_sources():
    text = render_text(DVT)
    first = text.splitlines()[0]
    assert first == "⚠ URGENT (urgent): See a doctor today, do not wait."
    assert "1. suspected_dvt -> urgent [calf_pain, leg_swollen, pitting_edema]" in text
    assert "Wells score: 2 -> DVT likely" in text
    assert "compression_ultrasound (first)" in text
    assert load_knowledge().sources["thrombosis"].title in text


def test_html_conveys_the_level_by_word_symbol_and_colour():
    for scenario, level in [(Scenario(), TriageLevel.SELF_CARE), (Scenario(chest_pain=True), TriageLevel.EMERGENCY)]:
        page = render_html(triage(scenario))
        assert level.colour in page and level.label.upper() in page and level.symbol in page
        assert 'role="status"' in page
    assert "<abbr class=\"lt-src\"" in render_html(DVT)


def test_html_escapes_text():
    page = render_html(DVT)
    assert "<script" not in page


def test_json_schema_v1_keys_and_values():
    data = json.loads(render_json(DVT))
    assert list(data) == ["schema_version", "scenario", "level", "action", "reasons", "wells",
                          "recommended_tests", "likely_causes", "treatments"]
    assert data["schema_version"] == 1 and data["level"] == "urgent"
    assert data["scenario"] == {"calf_pain": True, "leg_swollen": True, "pitting_edema": True, "stress": True}
    assert data["wells"]["total"] == 2 and data["wells"]["category"] == "likely"
    assert set(data["reasons"][0]) == {"rule_id", "level", "text", "evidence", "source"}
    assert [t["id"] for t in data["recommended_tests"]] == ["compression_ultrasound", "d_dimer"]
    assert json.loads(render_json(triage(Scenario())))["wells"] is None
