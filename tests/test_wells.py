"""The two-level Wells score: points, category boundary, and when it is shown."""
import pytest

from legtwitch import Scenario, triage, wells_score
from legtwitch.knowledge import load_knowledge

ONE_POINT = ["active_cancer", "paralysis_or_cast", "bedridden_or_surgery", "vein_tenderness", "leg_swollen",
             "calf_swelling_3cm", "pitting_edema", "collateral_veins", "previous_dvt"]


@pytest.mark.parametrize("field", ONE_POINT)
def test_each_criterion_scores_one_point(field):
    assert wells_score(Scenario(**{field: True})).total == 1


def test_alternative_diagnosis_subtracts_two():
    assert wells_score(Scenario(alternative_diagnosis_likely=True)).total == -2
    assert wells_score(Scenario(leg_swollen=True, pitting_edema=True, alternative_diagnosis_likely=True)).total == 0


def test_range_is_minus_two_to_nine():
    everything = Scenario(**{f: True for f in ONE_POINT}, alternative_diagnosis_likely=True)
    assert wells_score(everything).total == 7
    assert wells_score(Scenario(**{f: True for f in ONE_POINT})).total == 9


def test_source_text_signs_score_no_points():
    score = wells_score(Scenario(calf_pain=True, pain_worsening=True, leg_warm=True))
    assert score.total == 0 and score.items == ()


@pytest.mark.parametrize("fields, total, category", [
    (["leg_swollen"], 1, "unlikely"),
    (["leg_swollen", "pitting_edema"], 2, "likely"),
    ([], 0, "unlikely"),
])
def test_likely_from_two(fields, total, category):
    score = wells_score(Scenario(**{f: True for f in fields}))
    assert (score.total, score.category) == (total, category)
    assert score.likely == (category == "likely")


def test_threshold_is_named_data_with_a_source():
    threshold = load_knowledge().thresholds["wells_likely_from"]
    assert threshold.value == 2 and "wells_2003" in threshold.source


def test_wells_worked_out_only_when_a_dvt_is_suspected():
    assert triage(Scenario(stress=True)).wells is None
    assert triage(Scenario(calf_pain=True)).wells.total == 0
    # a risk factor alone is not a suspicion (NICE NG158 1.1.1-1.1.2)
    assert triage(Scenario(active_cancer=True)).wells is None
    assert triage(Scenario(active_cancer=True, leg_warm=True)).wells.total == 1


@pytest.mark.parametrize("kw, words", [
    (dict(age_years=12), "Under 18"), (dict(age_years=17), "Under 18"),
    (dict(pregnant_or_postpartum=True), "Pregnant or within 6 weeks"),
])
def test_no_wells_score_for_children_or_in_pregnancy(kw, words):
    result = triage(Scenario(leg_swollen=True, **kw))
    assert result.wells is None and words in result.scores_note
    assert triage(Scenario(leg_swollen=True, age_years=18)).wells.total == 1
    assert triage(Scenario(leg_swollen=True, age_years=18)).scores_note is None
