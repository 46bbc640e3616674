"""Predict first: the Wells calculator and the scenario explorer keep the answer hidden after
every change until the student commits a prediction, and judge the prediction."""
from __future__ import annotations

import pytest

pytest.importorskip("ipywidgets")

from legtwitch import Scenario, triage, wells_score  # noqa: E402
from legtwitch.widgets import differential_explorer, scenario_explorer, wells_calculator  # noqa: E402


def test_the_wells_total_stays_hidden_until_the_student_commits_one():
    calc = wells_calculator(predict_first=True)
    calc.set(leg_swollen=True, previous_dvt=True)
    total = wells_score(Scenario(leg_swollen=True, previous_dvt=True)).total
    assert calc.answer_hidden and "Answer hidden" in calc.panel.value and "DVT likely" not in calc.panel.value
    calc.prediction.value = str(total - 1)
    calc.predict_button.click()
    assert not calc.answer_hidden and f"the score is {total}" in calc.panel.value
    calc.set(active_cancer=True)  # a change asks for a new prediction
    assert calc.answer_hidden and not calc.predict_button.disabled and "Commit" in calc.predict_button.description
    assert str(calc.predict(total + 1)).startswith(f"Your total {total + 1}: right")


def test_the_explorer_level_stays_hidden_and_under_triage_is_named():
    explorer = scenario_explorer(predict_first=True)
    explorer.set(calf_pain=True, chest_pain=True)
    level = triage(Scenario(calf_pain=True, chest_pain=True)).level
    assert explorer.answer_hidden and level.label.upper() not in explorer.panel.value
    verdict = explorer.predict("see_doctor")
    assert "under-triage, the dangerous error" in verdict and level.label.upper() in explorer.panel.value
    explorer.reset()
    assert explorer.answer_hidden


@pytest.mark.parametrize("typed", ["", "two", "1.5"])
def test_a_bad_prediction_reveals_nothing(typed):
    calc = wells_calculator(predict_first=True)
    calc.prediction.value = typed
    calc.predict_button.click()
    assert calc.answer_hidden and "Not committed" in calc.panel.value


def test_the_mode_can_be_switched_off_and_is_off_by_default():
    explorer = scenario_explorer(predict_first=True)
    explorer.predict_toggle.value = False
    assert not explorer.answer_hidden and "lt-result" in explorer.panel.value
    assert not scenario_explorer().answer_hidden and not wells_calculator().answer_hidden
    with pytest.raises(TypeError):
        differential_explorer(predict_first=True)
