"""Headless tests of the widget builders: construct, drive the controls, read the result.

No kernel and no browser: setting a control's ``.value`` (or clicking a button) runs the
same observers a student's click runs in JupyterLab, Notebook 7 or Voila.
"""
from __future__ import annotations

import sys

import pytest

pytest.importorskip("ipywidgets")
import ipywidgets as w  # noqa: E402
from widget_tree import all_widgets  # noqa: E402

import legtwitch  # noqa: E402
from legtwitch import Scenario, ScenarioError, TriageLevel, triage, wells_score  # noqa: E402
from legtwitch.knowledge import load_knowledge  # noqa: E402
from legtwitch.render import render_html  # noqa: E402
from legtwitch.scenario import FIELD_SPECS, GROUPS  # noqa: E402
from legtwitch.widgets import (differential_explorer, scenario_explorer, treatment_picker,  # noqa: E402
                               views, wells_calculator, workup_planner)

BUILDERS = [wells_calculator, differential_explorer, workup_planner, scenario_explorer]



def test_core_import_does_not_import_ipywidgets(tmp_path):
    import subprocess
    code = "import sys, legtwitch, legtwitch.plots, legtwitch.widgets.views; print('ipywidgets' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("build", BUILDERS + [treatment_picker])
def test_construction_prints_nothing(build, capsys):
    widget = build()
    assert capsys.readouterr() == ("", "")
    assert isinstance(widget.widget, w.Widget)
    assert widget.panel.value  # the panel is filled on construction (a trait, not output)


@pytest.mark.parametrize("build", BUILDERS + [treatment_picker])
def test_every_control_has_label_and_tooltip(build):
    widget = build()
    controls = [x for x in all_widgets(widget.widget) if isinstance(x, (w.Checkbox, w.Dropdown, w.Text, w.Button))]
    assert controls
    for c in controls:
        assert c.description.strip(), c
        assert c.tooltip and len(c.tooltip) > 10, c


@pytest.mark.parametrize("build", BUILDERS)
def test_reset_button_restores_defaults(build):
    widget = build()
    blank = widget.summary()
    first_bool = next(n for n in widget.fields if isinstance(widget.controls[n], w.Checkbox))
    widget.controls[first_bool].value = True
    assert widget.summary() != blank
    widget.reset_button.click()
    assert widget.summary() == blank
    assert all(not c.value for c in widget.controls.values())


def test_scenario_explorer_has_a_control_for_every_field_grouped_by_group():
    e = scenario_explorer()
    assert set(e.controls) == {s.name for s in FIELD_SPECS}
    titles = [x.value for x in all_widgets(e.widget) if isinstance(x, w.HTML) and x.value.startswith("<strong>")]
    for label in GROUPS.values():
        assert any(label in t for t in titles), label
    kinds = {s.name: s.kind for s in FIELD_SPECS}
    for name, c in e.controls.items():
        expected = {"bool": w.Checkbox, "choice": w.Dropdown, "int": w.Text, "number": w.Text}[kinds[name]]
        assert isinstance(c, expected), name


def test_ticking_a_checkbox_updates_the_panel_live_with_render_html():
    e = scenario_explorer()
    assert e.result.level is TriageLevel.SELF_CARE
    e.controls["calf_pain"].value = True  # what a click in the browser does
    assert e.result.level is TriageLevel.URGENT
    assert e.panel.value.startswith(render_html(triage(Scenario(calf_pain=True)))[:200])
    from legtwitch.levels import level_icon_svg
    assert "Urgent".upper() in e.panel.value and level_icon_svg(TriageLevel.URGENT) in e.panel.value
    e.controls["chest_pain"].value = True
    assert e.result.level is TriageLevel.EMERGENCY
    assert "Possible clot in the lungs (pulmonary embolism)" in e.panel.value
    assert "pe_warning_signs" not in e.panel.value  # students read names, not rule ids


def test_set_matches_the_pure_engine_for_every_field():
    e = scenario_explorer()
    values = {"age_years": 70, "duration_days": 21.5, "frequency": "constant", "severity": "severe"}
    e.set(**values)
    assert e.controls["duration_days"].value == "21.5"
    assert e.result == triage(Scenario(**values))
    for spec in FIELD_SPECS:
        if spec.kind == "bool":
            fields = {spec.name: True, **({"fainted": True} if spec.name == "typical_faint" else {})}
            e.reset()
            e.set(**fields)
            assert e.result == triage(Scenario(**fields)), spec.name
            assert e.scenario == Scenario(**fields)


def test_set_validates_before_touching_controls():
    e = scenario_explorer()
    with pytest.raises(ScenarioError, match="did you mean calf_pain"):
        e.set(calf_pian=True)
    with pytest.raises(ScenarioError, match="age_years"):
        e.set(age_years=200)
    with pytest.raises(ScenarioError, match="frequency"):
        e.set(frequency="sometimes")
    with pytest.raises(ScenarioError):
        e.set(calf_pain="yes")
    assert e.scenario == Scenario()


def test_typed_invalid_number_is_an_error_not_a_guess():
    e = scenario_explorer()
    e.controls["age_years"].value = "forty"
    assert e.result is None
    assert e.error.startswith("Age in years:") and "forty" in e.error and "age_years" not in e.error
    assert "Invalid input" in e.panel.value and "role='alert'" in e.panel.value
    assert "Invalid input" in e.summary()
    e.controls["age_years"].value = "40.5"
    assert e.error is not None
    e.controls["age_years"].value = ""
    assert e.error is None and e.result.level is TriageLevel.SELF_CARE
    e.controls["duration_days"].value = "nan"
    assert e.error is not None
    e.controls["duration_days"].value = " 14 "
    assert "persistent_twitching" in e.result.rule_ids


def test_case_loader_fills_every_control_and_matches_the_case():
    from legtwitch.cases import load_cases
    e = scenario_explorer()
    for case in load_cases():
        e.case_dropdown.value = case.id
        assert e.scenario == case.scenario, case.id
        assert e.result.level == case.expected_level, case.id
        assert views.esc(case.title) in e.vignette.value
    e.load_case(load_cases()[0].id)
    assert e.scenario == load_cases()[0].scenario
    with pytest.raises(ValueError, match="unknown case"):
        e.load_case("no_such_case")
    e.reset()
    assert e.case_dropdown.value is None and e.scenario == Scenario() and e.vignette.value == ""


def test_case_loader_clears_fields_the_previous_case_set():
    e = scenario_explorer()
    e.set(chest_pain=True, age_years=30)
    case = next(c for c in legtwitch.load_cases() if not c.scenario.chest_pain)
    e.load_case(case.id)
    assert e.scenario == case.scenario


def test_one_recomputation_per_set_call(monkeypatch):
    e = scenario_explorer()
    calls = []
    original = e.compute
    monkeypatch.setattr(e, "compute", lambda s: calls.append(s) or original(s))
    e.set(calf_pain=True, leg_warm=True, age_years=60, frequency="frequent")
    assert len(calls) == 1


def test_wells_calculator_follows_wells_score():
    calc = wells_calculator()
    assert list(calc.controls) == list(load_knowledge().wells_criteria)
    assert calc.result.total == 0 and calc.result.category == "unlikely"
    calc.controls["leg_swollen"].value = True
    assert calc.result.total == 1 and "D-dimer" in calc.panel.value
    calc.controls["previous_dvt"].value = True
    assert calc.result == wells_score(Scenario(leg_swollen=True, previous_dvt=True))
    assert calc.result.category == "likely" and "ultrasound" in calc.panel.value
    assert "this patient: 2 -&gt; DVT likely" in calc.panel.value or "this patient: 2 -> DVT likely" in calc.panel.value
    calc.controls["alternative_diagnosis_likely"].value = True
    assert calc.result.total == 0
    assert "Wells total: 0 -> DVT unlikely" in calc.summary()
    with pytest.raises(ScenarioError, match="no control"):
        calc.set(calf_pain=True)


def test_differential_explorer_reranks_causes():
    d = differential_explorer()
    assert d.result.cause_ids[0] == "benign_fasciculations"
    d.controls["stress"].value = True
    assert d.result.cause_ids[0] == "stress"
    assert d.panel.value.index("Stress") < d.panel.value.index("No trigger found")
    d.controls["calf_pain"].value = True
    assert d.result.cause_ids[0] == "dvt"
    assert "must not miss" in d.panel.value
    assert "1. Deep-vein thrombosis (must not miss) - for: pulling pain in the calf" in d.summary()


def test_workup_planner_shows_nice_order():
    p = workup_planner()
    assert "No test" in p.panel.value
    p.set(calf_pain=True)
    assert p.result.test_ids[:2] == ("d_dimer", "compression_ultrasound")
    p.set(calf_swelling_3cm=True, vein_tenderness=True)
    assert p.result.test_ids[:2] == ("compression_ultrasound", "d_dimer")
    assert p.panel.value.index("ultrasound") < p.panel.value.index("D-dimer")
    p.reset()
    p.set(duration_days=30)
    assert p.result.test_ids[0] == "neurological_exam"


def test_treatment_picker_lists_knowledge_base_treatments():
    kb = load_knowledge()
    p = treatment_picker()
    for cause in kb.causes:
        p.dropdown.value = cause
        expected = tuple(t.id for t in kb.treatments.values() if cause in t.for_causes)
        assert p.result.treatment_ids == expected and expected
        for tid in expected:
            assert kb.treatments[tid].name in p.panel.value
    p.set(cause="neurological_disease")
    assert "addictive" in p.panel.value and "Caution" in p.summary()
    with pytest.raises(ValueError, match="unknown cause"):
        p.set(cause="gout")
    p.reset_button.click()
    assert p.result.cause == list(kb.causes)[0]


@pytest.mark.parametrize("build", BUILDERS + [treatment_picker])
def test_widget_displays_as_itself_with_a_readable_fallback(build):
    widget = build()
    bundle = widget._repr_mimebundle_()
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == widget.widget.model_id
    assert bundle["text/plain"] == f"[{widget.title}: interactive widget - run the notebook to use it]"


def test_views_summarize_and_compare():
    s = Scenario(stress=True)
    assert views.summarize(triage(s)).splitlines()[0].startswith("Level: ✓ Self-care")
    change = views.compare(s, calf_pain=True)
    assert "Self-care -> ⚠ Urgent (up)" in change and "+ A sign of a clot in a leg vein" in change
    assert "suspected_dvt" not in change
    assert "+ A sign of a clot in a leg vein (suspected_dvt)" in views.compare(s, author=True, calf_pain=True)
    flip = views.compare({"calf_pain": True, "vein_tenderness": True}, previous_dvt=True)
    assert ("Tests: D-dimer blood test (first), Leg-vein ultrasound (proximal compression ultrasound) (then) -> "
            "Leg-vein ultrasound (proximal compression ultrasound) (first), D-dimer blood test (then)") in flip
    same = views.compare(s, caffeine=True)
    assert "(same)" in same
    with pytest.raises(ScenarioError):
        views.compare(s, calf_pian=True)


def test_views_tables_render_sources_from_the_knowledge_base():
    kb = load_knowledge()
    doc = views.wells_table()
    for c in kb.wells_criteria.values():
        assert c.text in doc.text
    assert kb.sources["wells_2003"].title in doc.text and kb.sources["wells_2003"].title in doc.html
    assert "<caption" in doc.html and "<th scope='col'" in doc.html
    doc = views.sources_table(["thrombosis", "nice_ng158"])
    assert repr(doc).splitlines() == [f"[1] {kb.sources['thrombosis'].title}",
                                      f"[2] {kb.sources['nice_ng158'].title}"]
    with pytest.raises(ValueError, match="unknown source"):
        views.sources_table(["nope"])
    assert "Caution" in views.treatments_table("neurological_disease").text
    with pytest.raises(ValueError):
        views.treatments_table("gout")
    assert all(l.label in views.levels_table().text for l in TriageLevel)


def test_case_report_says_whether_engine_agrees():
    case = legtwitch.load_cases()[0]
    doc = views.case_report(case.id)
    assert "Engine agrees with the case" in doc.text
    assert case.vignette in doc.html


# -- hostile input: exact values, all-or-nothing set(), errors in the panel ------------------------------

@pytest.mark.parametrize("days", [13.9999999, 14.000000001, 0.1 + 0.2, 1e-7, 12345.6789012345])
def test_the_box_shows_exactly_the_number_the_engine_used(days):
    e = scenario_explorer()
    e.set(duration_days=days)
    assert float(e.controls["duration_days"].value) == days  # no rounding to 6 significant digits
    assert e.scenario.duration_days == days
    assert e.result == triage(Scenario(duration_days=days))


def test_just_under_the_persistence_threshold_agrees_with_triage():
    e = scenario_explorer()
    e.set(duration_days=13.9999999)
    assert e.controls["duration_days"].value == "13.9999999"
    assert e.result.level is triage({"duration_days": 13.9999999}).level is TriageLevel.SELF_CARE


def test_loading_a_case_shows_exact_values():
    e = scenario_explorer()
    for case in legtwitch.load_cases():
        e.load_case(case.id)
        assert e.scenario == case.scenario and e.error is None


@pytest.mark.parametrize("bad", [dict(duration_days=10 ** 400), dict(duration_days=float("nan")), dict(frequency=["x"]),
                                 dict(severity=b"mild"), dict(nonsense=True)],
                         ids=["duration_10_400", "nan", "list", "bytes", "unknown_field"])
def test_set_is_all_or_nothing(bad):
    e = scenario_explorer()
    e.set(leg_warm=True)
    before = {n: c.value for n, c in e.controls.items()}
    result = e.result
    with pytest.raises(ScenarioError):
        e.set(calf_pain=True, age_years=50, **bad)  # two good values before the bad one
    assert {n: c.value for n, c in e.controls.items()} == before
    assert e.result == result and e.error is None


def test_set_puts_every_control_back_if_applying_fails_half_way(monkeypatch):
    e = scenario_explorer()
    e.set(leg_warm=True)
    before = {n: c.value for n, c in e.controls.items()}
    box = e.controls["severity"]

    def refuse(change):
        if change["new"] == "severe":
            raise RuntimeError("the front end went away")

    box.observe(refuse, names="value")
    with pytest.raises(RuntimeError):
        e.set(calf_pain=True, severity="severe")
    box.unobserve(refuse, names="value")
    assert {n: c.value for n, c in e.controls.items()} == before
    assert e.result == triage(Scenario(leg_warm=True))


@pytest.mark.parametrize("typed", ["1" * 400, "9" * 5000, "012", "0x1F", "1_000", "1e400", "+5", "١٢"])
def test_a_bad_number_typed_into_a_box_is_one_line_in_the_panel(typed):
    e = scenario_explorer()
    e.set(calf_pain=True, leg_warm=True)
    assert e.result.level is TriageLevel.URGENT
    e.controls["age_years"].value = typed  # runs the observer, as a keystroke does: must not raise
    assert e.result is None  # no stale result looking valid
    assert "Invalid input" in e.panel.value and "URGENT" not in e.panel.value
    assert "\n" not in e.error and len(e.error) < 300 and e.error.startswith("Age in years:")
    assert str(e.summary()).startswith("Invalid input: ")


def test_an_unexpected_failure_is_shown_in_the_panel_not_raised(monkeypatch):
    e = scenario_explorer()

    def broken(_scenario):
        raise RuntimeError("engine exploded")

    monkeypatch.setattr(e, "compute", broken)
    e.controls["calf_pain"].value = True  # a click: must not raise
    assert e.result is None and "engine exploded" in e.panel.value and "role='alert'" in e.panel.value
