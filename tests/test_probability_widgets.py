"""The probability explorer and the estimate-first questions, headless (no kernel, no browser).

Setting a control's ``.value`` or clicking a button runs the observers a student's click runs.
Every number shown must be the one ``legtwitch.probability`` computes, and an estimate-first
question must show nothing of its answer before the student commits a number.
"""
from __future__ import annotations

import pytest

pytest.importorskip("ipywidgets")
import ipywidgets as w  # noqa: E402
from widget_tree import all_widgets  # noqa: E402

from legtwitch.knowledge import load_knowledge  # noqa: E402
from legtwitch.probability import (ProbabilityError, format_percent, likelihood_ratios,  # noqa: E402
                                   pretest_probability, sequence, worked)
from legtwitch.widgets import estimate_first, probability_explorer  # noqa: E402
from legtwitch.widgets.probability import TESTS  # noqa: E402


def test_construction_prints_nothing_and_fills_the_panel(capsys):
    explorer = probability_explorer()
    assert capsys.readouterr() == ("", "")
    assert "role=\"img\"" in explorer.panel.value and "aria-live='polite'" in explorer.panel.value


def test_every_control_has_a_label():
    for control in all_widgets(probability_explorer().widget):
        if isinstance(control, (w.Dropdown, w.BoundedFloatText, w.ToggleButtons)):
            assert control.description.strip(), control
    question = estimate_first("q", 0.1, [("d_dimer", False)])
    assert question.box.description and question.button.description == "Commit my estimate"


@pytest.mark.parametrize("category", sorted(load_knowledge().pretest))
@pytest.mark.parametrize("key", sorted(TESTS))
@pytest.mark.parametrize("positive", [False, True])
def test_the_explorer_shows_what_the_probability_module_computes(category, key, positive):
    explorer = probability_explorer()
    explorer.set(pretest=category, test=key, result="positive" if positive else "negative")
    _label, test, context = TESTS[key]
    expected = sequence(pretest_probability(category).value, [(test, positive, context)])
    assert explorer.result == expected
    assert f": {format_percent(expected[-1].after)}" in str(explorer.summary())
    assert format_percent(expected[-1].after) in explorer.panel.value


def test_a_second_test_continues_from_the_first():
    explorer = probability_explorer()
    explorer.set(pretest="dvt_likely", test="compression_ultrasound_dvt", result="negative",
                 second_test="d_dimer_dvt", second_result="positive")
    first, second = explorer.result
    assert second.before == first.after
    assert abs(second.after - sequence(0.4, [("compression_ultrasound", False), ("d_dimer", True)])[-1].after) < 1e-12
    assert str(explorer.summary()).endswith("Below the test threshold (2 %): no")


def test_clicking_the_controls_updates_the_panel_like_set():
    explorer = probability_explorer()
    explorer.pretest_choice.value = "pe_likely"
    explorer.test.value = "ctpa_pe"
    explorer.result_toggle.value = True
    clicked = (explorer.panel.value, str(explorer.summary()))
    other = probability_explorer()
    other.set(pretest="pe_likely", test="ctpa_pe", result="positive")
    assert (other.panel.value, str(other.summary())) == clicked


def test_own_estimate_uses_the_number_box():
    explorer = probability_explorer()
    explorer.set(pretest=0.25, test="d_dimer_dvt", result="negative")
    assert explorer.pretest_choice.value == "own" and explorer.slider.value == 25.0
    assert explorer.result[0].before == 0.25


@pytest.mark.parametrize("kwargs, message", [
    (dict(pretest="dvt_maybe"), "unknown category 'dvt_maybe'"),
    (dict(pretest=1.5), "between 0 and 1"),
    (dict(pretest=0.0001), "0.1 % to 99.9 %"),
    (dict(test="x_ray"), "unknown test 'x_ray'"),
    (dict(result="maybe"), "'positive' or 'negative'"),
    (dict(pretest="pe_likely", result=1), "'positive' or 'negative'"),
])
def test_set_refuses_bad_values_and_changes_nothing(kwargs, message):
    explorer = probability_explorer()
    before = (explorer.pretest_choice.value, explorer.test.value, explorer.result_toggle.value, explorer.panel.value)
    with pytest.raises(ProbabilityError, match=message):
        explorer.set(**kwargs)
    assert (explorer.pretest_choice.value, explorer.test.value, explorer.result_toggle.value,
            explorer.panel.value) == before


def test_estimate_first_shows_nothing_of_the_answer_before_the_commit():
    question = estimate_first("Wells unlikely, negative D-dimer?", 0.1, [("d_dimer", False)])
    answer = format_percent(question.answer)
    assert not question.revealed and question.panel.value == ""
    assert answer not in question.widget.children[0].value
    question.box.value = "5"
    question.button.click()
    assert question.revealed and question.committed == 5.0
    assert f"the calculation gives {answer}" in question.panel.value
    assert "4 percentage points too high" in question.panel.value
    for line in worked(0.1, [("d_dimer", False)]).splitlines():
        assert line.replace("'", "&#x27;") in question.panel.value


@pytest.mark.parametrize("typed", ["", "abc", "150", "-3", "nan"])
def test_a_bad_estimate_is_one_line_and_reveals_nothing(typed):
    question = estimate_first("q", 0.4, [("d_dimer", False)])
    question.box.value = typed
    question.button.click()
    assert not question.revealed
    assert question.panel.value.startswith("<p role='alert'>") and question.panel.value.count("<p") == 1
    assert format_percent(question.answer) not in question.panel.value


@pytest.mark.parametrize("typed, verdict", [("1.2", "well judged"), ("1,2 %", "well judged"), ("40", "too high")])
def test_estimates_as_students_type_them(typed, verdict):
    question = estimate_first("q", 0.1, [("d_dimer", False)])
    question.box.value = typed
    question.button.click()
    assert question.revealed and verdict in question.panel.value


def test_the_likelihood_ratio_shown_is_the_derived_one():
    lr = likelihood_ratios("d_dimer")
    assert abs(lr.negative - (1 - lr.sensitivity) / lr.specificity) < 1e-12
    explorer = probability_explorer()
    explorer.set(pretest="dvt_unlikely", test="d_dimer_dvt", result="negative")
    assert f"likelihood ratio {lr.negative:.3g}" in str(explorer.summary())


def test_the_estimate_feedback_says_which_step_went_wrong():
    question = estimate_first("q", 0.4, [("d_dimer", False)])
    question.box.value = "40"
    question.button.click()
    assert "Where it went wrong: you left the probability where it was" in question.panel.value
