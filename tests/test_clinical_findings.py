"""Regression tests for the nine clinical findings of the clinician-educator review (issue 9).

Each test states the finding and checks the engine, the knowledge base or the question
banks no longer teach the wrong step. A test here failing means a student would again be
taught something a clinician marked as wrong.
"""
import pytest

from legtwitch import Scenario, render_text, triage
from legtwitch.cases import get_case, load_cases
from legtwitch.knowledge import load_knowledge
from legtwitch.quiz import all_questions, get_question
from legtwitch.render import render_html


# 1. Suspected PE showed a leg ultrasound first, and DVT "same-day" advice under EMERGENCY.
@pytest.mark.parametrize("case_id, first", [
    ("pe_after_hip_surgery", "ctpa"), ("coughing_blood_swollen_leg", "ctpa"), ("previous_pe_breathless", "ctpa"),
    ("fainted_with_tender_calf", "d_dimer"), ("chest_pain_without_leg_signs", "d_dimer"),
    ("postpartum_breathless", "chest_xray"),
])
def test_1_pe_presentations_follow_the_pe_pathway(case_id, first):
    result = triage(get_case(case_id).scenario)
    assert result.level.value == "emergency"
    assert result.first_test == first and result.first_test != "compression_ultrasound"
    assert result.pathways[0].id.startswith("pe_")


def test_1_pe_likely_means_ctpa_first_and_unlikely_means_d_dimer_then_ctpa():
    likely = triage(Scenario(age_years=60, chest_pain=True, pe_most_likely=True, heart_rate_over_100=True))
    assert likely.pe_wells.total == 4.5 and likely.pe_wells.category == "likely"
    assert likely.test_ids[0] == "ctpa"
    unlikely = triage(Scenario(age_years=60, chest_pain=True, heart_rate_over_100=True))
    assert unlikely.pe_wells.total == 1.5 and unlikely.pe_wells.category == "unlikely"
    assert unlikely.test_ids[0] == "d_dimer" and unlikely.test_ids.index("ctpa") > 0


def test_1_every_part_of_an_emergency_agrees_with_its_level():
    result = triage(Scenario(calf_pain=True, leg_swollen=True, chest_pain=True))
    text = render_text(result)
    assert result.level.value == "emergency"
    assert "same-day" not in text.lower() and "Same-day medical assessment" not in text
    assert "Next step: the PE pathway leads" in text  # the DVT Wells next step is not shown as the plan
    assert "999" in result.reasons[0].patient.text


# 2. The 14-year-old in a cast: "D-dimer first" was marked right; adult scores applied to a child.
def test_2_no_adult_scores_or_d_dimer_first_for_a_child():
    result = triage(get_case("teen_cast_calf_pain").scenario)
    assert result.wells is None and result.pe_wells is None and "Under 18" in result.scores_note
    assert result.first_test == "compression_ultrasound"
    question = next(q for q in all_questions() if q.kind == "next_test" and q.case.scenario.age_years is not None
                    and q.case.scenario.age_years < 18)
    assert question.key == "compression_ultrasound"
    assert question.check("d_dimer").status == "incorrect"


@pytest.mark.parametrize("kw", [dict(age_years=9), dict(age_years=16, sex="female", pregnant_or_postpartum=True),
                                dict(sex="female", pregnant_or_postpartum=True, age_years=30)])
@pytest.mark.parametrize("signs", [dict(calf_pain=True), dict(chest_pain=True), dict(calf_pain=True, chest_pain=True)])
def test_2_children_and_pregnancy_never_get_a_wells_score_or_d_dimer_first(kw, signs):
    result = triage(Scenario(**kw, **signs))
    assert result.wells is None and result.pe_wells is None and result.scores_note
    assert "d_dimer" not in result.test_ids


# 3. A Wells score for risk factors alone; questions asking for it with no leg sign.
def test_3_no_dvt_wells_without_a_leg_sign():
    for kw in (dict(active_cancer=True), dict(previous_dvt=True, stress=True), dict(bedridden_or_surgery=True)):
        result = triage(Scenario(**kw))
        assert result.wells is None and result.level.value == "self_care"
        assert "clot_risk_without_leg_signs" in result.rule_ids
    for q in all_questions():
        if q.kind == "wells_total":
            assert triage(q.case.scenario).wells is not None, q.id


# 4. 400 days of constant twitching in epilepsy was graded "today".
def test_4_long_standing_epc_is_see_doctor_and_new_epc_urgent():
    old = triage(Scenario(epilepsy=True, frequency="constant", duration_days=400))
    new = triage(Scenario(epilepsy=True, frequency="constant", duration_days=2))
    assert old.level.value == "see_doctor" and "long_standing_constant_twitching_in_epilepsy" in old.rule_ids
    assert new.level.value == "urgent" and "new_constant_twitching_in_epilepsy" in new.rule_ids
    assert triage(get_case("long_standing_epc").scenario).first_test == "eeg"


# 5. "Benign fasciculations" next to weakness, wasting or a first seizure.
@pytest.mark.parametrize("finding", ["muscle_weakness", "muscle_wasting", "seizure"])
def test_5_benign_fasciculations_never_beside_weakness_wasting_or_seizure(finding):
    assert "benign_fasciculations" not in triage(Scenario(**{finding: True})).cause_ids
    assert "benign_fasciculations" in triage(Scenario(stress=True)).cause_ids


# 6. First-seizure work-up put the EEG first and had no ECG.
def test_6_first_seizure_starts_with_an_ecg_and_bloods_eeg_last():
    result = triage(get_case("first_seizure_after_all_nighter").scenario)
    assert result.test_ids[:2] == ("ecg", "blood_tests")
    assert result.test_ids.index("eeg") > result.test_ids.index("blood_tests")
    first_seizure = [q for q in all_questions() if q.kind == "next_test" and q.case.scenario.seizure
                     and not q.case.scenario.epilepsy]
    assert first_seizure and all(q.key == "ecg" for q in first_seizure)


def test_6_seizure_versus_syncope_is_taught_with_a_case_each():
    faint = triage(get_case("faint_in_the_queue").scenario)
    assert faint.level.value == "see_doctor" and faint.rule_ids[0] == "uncomplicated_faint"
    assert faint.first_test == "ecg" and "pe_warning_signs" not in faint.rule_ids
    assert triage(get_case("first_seizure_after_all_nighter").scenario).rule_ids[0] == "first_seizure"


# 7. Question errors: immobility credited without immobility; a man called "she"; X-ray uncommented.
def test_7_the_listed_question_errors_are_fixed():
    palliative = next(q for q in all_questions() if q.kind == "wells_total" and q.case.id == "palliative_swollen_leg")
    assert "immobil" not in palliative.explanation.lower()
    assert not get_case("palliative_swollen_leg").scenario.bedridden_or_surgery
    assert " he " in get_question("pe_3").prompt and get_question("pe_3").case.scenario.sex == "male"
    assert "he passed out" in get_question("case_7").feedback_incorrect
    imaging = get_question("tests_3")
    assert "X-rays show bone, not brain or spinal cord" in imaging.explanation
    assert "neuroimaging_text" in imaging.source


# 8. Source-text claims that mislead without a comment.
def test_8_source_text_claims_carry_the_clinicians_comment():
    kb = load_knowledge()
    relaxants = kb.treatments["muscle_relaxants"].comment.text
    for word in ("baclofen", "benzodiazepine", "spasticity", "not the same as fasciculation"):
        assert word in relaxants
    assert "Plain X-rays show bone" in kb.tests["imaging"].comment.text
    shown = render_text(triage(Scenario(known_neurological_disease=True)))
    assert "Clinician's note" in shown


# 9. Weakly sourced choices: risk-factor escalation, red flags "book an appointment", EMG for any twitching.
def test_9_weakly_sourced_choices_are_gone():
    kb = load_knowledge()
    assert "clot_risk_factors" not in kb.rules
    red = kb.rules["neurological_red_flags"]
    assert "without delay" in red.clinician.text and "nice_ng42" in red.clinician.source
    assert "emg" not in triage(Scenario(duration_days=30)).test_ids
    assert "emg" in triage(Scenario(duration_days=30, muscle_weakness=True)).test_ids


def test_every_library_case_renders_without_answering_for_the_wrong_population():
    for case in load_cases():
        html = render_html(triage(case.scenario))
        assert "role=\"status\"" in html
