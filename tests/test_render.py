"""Renderers: plain language for students, ids for authors; the level by word and symbol as
well as colour; numbered sources; JSON schema v2 stable."""
import json
import re

from legtwitch import Scenario, TriageLevel, render_html, render_json, render_text, triage
from legtwitch.knowledge import load_knowledge

DVT = triage(Scenario(calf_pain=True, leg_swollen=True, pitting_edema=True, stress=True))


def test_text_shows_level_word_symbol_action_reasons_voices_and_sources():
    text = render_text(DVT)
    assert text.splitlines()[0] == "⚠ URGENT: See a doctor today, do not wait."
    assert "1. A sign of a clot in a leg vein: pulling pain in the calf; entire leg swollen; pitting oedema" in text
    assert "What the person should do: Get an urgent GP appointment" in text
    assert "What the clinician does next: Take a history" in text
    assert "DVT Wells score: 2 -> DVT likely" in text
    assert "1. Leg-vein ultrasound (proximal compression ultrasound) (first)" in text
    assert load_knowledge().sources["thrombosis"].title in text


def test_student_text_has_no_engine_ids_but_the_author_view_has():
    student, author = render_text(DVT), render_text(DVT, author=True)
    for engine_id in ("suspected_dvt", "calf_pain", "compression_ultrasound", "dvt_likely", "nice_ng158"):
        assert engine_id not in student
        assert engine_id in author


def test_html_conveys_the_level_by_word_symbol_and_colour_in_a_live_region():
    from legtwitch.levels import level_icon_svg
    for scenario, level in [(Scenario(), TriageLevel.SELF_CARE), (Scenario(chest_pain=True), TriageLevel.EMERGENCY)]:
        page = render_html(triage(scenario))
        # the symbol is drawn as an inline SVG icon, so no font can turn it into an empty box
        assert level.colour in page and level.label.upper() in page and level_icon_svg(level) in page
        assert 'role="status" aria-live="polite"' in page
        assert "white-space:nowrap" in page  # badges never wrap onto two lines
    assert re.search(r'<sup class="lt-src" title="[^"]+">\[\d', render_html(DVT))


def test_html_escapes_text():
    assert "<script" not in render_html(DVT)


def test_json_schema_v2_keys_and_values():
    data = json.loads(render_json(DVT))
    assert list(data) == ["schema_version", "scenario", "level", "action", "reasons", "wells", "pe_wells",
                          "scores_note", "pathways", "recommended_tests", "likely_causes", "treatments", "probability"]
    assert data["schema_version"] == 2 and data["level"] == "urgent"
    assert data["scenario"] == {"calf_pain": True, "leg_swollen": True, "pitting_edema": True, "stress": True}
    assert data["wells"]["total"] == 2 and data["wells"]["category"] == "likely"
    assert data["pe_wells"] is None
    assert set(data["reasons"][0]) == {"rule_id", "name", "level", "text", "evidence", "source", "patient", "clinician"}
    assert data["reasons"][0]["patient"]["source"] == ["thrombosis", "nhs_dvt"]
    assert [t["id"] for t in data["recommended_tests"]] == ["compression_ultrasound", "d_dimer"]
    assert data["pathways"] == [{"id": "dvt_likely", "name": "Suspected DVT, DVT likely (NICE NG158)",
                                 "source": ["nice_ng158"]}]
    assert data["probability"]["target"] == "dvt" and data["probability"]["pretest"]["id"] == "dvt_likely"
    assert [s["test"] for s in data["probability"]["steps"]] == ["compression_ultrasound", "d_dimer"]
    assert data["probability"]["steps"][1]["start"] == data["probability"]["steps"][0]["if_negative"]
    assert json.loads(render_json(triage(Scenario())))["wells"] is None
    assert json.loads(render_json(triage(Scenario())))["probability"] is None
    pe = json.loads(render_json(triage(Scenario(chest_pain=True, coughing_blood=True, age_years=40))))
    assert pe["pe_wells"]["total"] == 1.0 and pe["pe_wells"]["criteria"][0]["id"] == "haemoptysis"
