"""The clinical rules on hand-picked scenarios, including the documented boundary cases."""
import pytest

from legtwitch import Scenario, TriageLevel, triage
from legtwitch.knowledge import load_knowledge
from legtwitch.rules import RULE_IDS

E, U, D, S = TriageLevel.EMERGENCY, TriageLevel.URGENT, TriageLevel.SEE_DOCTOR, TriageLevel.SELF_CARE


def level(**kw):
    return triage(Scenario(**kw)).level


def test_levels_are_ordered_with_their_values_and_actions():
    assert S < D < U < E and max(S, E) is E
    assert [l.value for l in TriageLevel] == ["self_care", "see_doctor", "urgent", "emergency"]
    assert E.action == "Call emergency services now."
    assert U.action == "See a doctor today, do not wait."
    assert D.action.startswith("Book an appointment with a doctor")
    assert S.action.startswith("Self-care and watchful waiting")
    assert TriageLevel.parse("urgent") is U
    with pytest.raises(ValueError, match="unknown triage level 'soon'"):
        TriageLevel.parse("soon")


@pytest.mark.parametrize("sign", ["chest_pain", "short_of_breath", "coughing_blood", "fainted"])
def test_pe_warning_sign_is_an_emergency(sign):
    assert level(**{sign: True}) is E
    assert level(**{sign: True, "calf_pain": True}) is E


def test_first_seizure_is_an_emergency_but_known_epilepsy_is_urgent():
    assert level(seizure=True) is E
    result = triage(Scenario(seizure=True, epilepsy=True))
    assert result.level is U and result.rule_ids[0] == "seizure_in_known_epilepsy"


@pytest.mark.parametrize("sign", ["calf_pain", "pain_worsening", "leg_warm", "leg_swollen", "calf_swelling_3cm",
                                  "pitting_edema", "vein_tenderness", "collateral_veins"])
def test_any_thrombosis_indication_is_urgent(sign):
    result = triage(Scenario(**{sign: True}))
    assert result.level is U and "suspected_dvt" in result.rule_ids
    assert result.wells is not None


def test_persistence_boundary_is_14_days():
    assert level(duration_days=13.9) is S
    assert level(duration_days=14) is D
    assert load_knowledge().thresholds["persistent_days"].value == 14


@pytest.mark.parametrize("kw, expected", [
    (dict(frequency="occasional"), S), (dict(frequency="frequent"), D), (dict(frequency="constant"), D),
    (dict(severity="moderate"), S), (dict(severity="severe"), D),
    (dict(both_legs=True), D), (dict(new_medication=True), D), (dict(known_neurological_disease=True), D),
    (dict(muscle_weakness=True), D), (dict(muscle_wasting=True), D), (dict(numbness=True), D),
    (dict(speech_or_swallowing_problems=True), D),
    (dict(epilepsy=True, frequency="constant"), U),
    (dict(epilepsy=True, frequency="constant", duration_days=400), D),
    (dict(active_cancer=True), S), (dict(previous_dvt=True), S), (dict(pregnant_or_postpartum=True), S),
    (dict(muscle_stiffness=True), D), (dict(alcohol=True), S),
    (dict(fainted=True, typical_faint=True), D), (dict(fainted=True), E),
    (dict(fainted=True, typical_faint=True, leg_warm=True), E),
    (dict(fainted=True, typical_faint=True, heart_rate_over_100=True), E),
    (dict(stress=True, caffeine=True, lack_of_sleep=True, recent_exercise=True, duration_days=5), S),
    (dict(alternative_diagnosis_likely=True), S),
])
def test_level_table(kw, expected):
    assert level(**kw) is expected


def test_reasons_are_strongest_first_with_evidence_and_sources():
    result = triage(Scenario(calf_pain=True, chest_pain=True, new_medication=True))
    assert result.rule_ids == ("pe_warning_signs", "suspected_dvt", "medication_side_effect")
    assert result.reasons[1].evidence == ("calf_pain",)
    assert "thrombosis" in result.reasons[1].source


def test_no_red_flags_reason_only_when_nothing_above_self_care_fired():
    assert triage(Scenario()).rule_ids == ("no_red_flags",)
    assert "no_red_flags" not in triage(Scenario(frequency="frequent")).rule_ids
    assert triage(Scenario(active_cancer=True)).rule_ids == ("clot_risk_without_leg_signs", "no_red_flags")


def test_every_reason_carries_both_voices_with_sources():
    for reason in triage(Scenario(calf_pain=True, chest_pain=True, seizure=True, new_medication=True)).reasons:
        assert reason.name and reason.patient.text and reason.clinician.text
        assert reason.patient.source and reason.clinician.source


def test_every_rule_has_text_level_and_sources_in_the_knowledge_base():
    rules = load_knowledge().rules
    assert set(rules) == set(RULE_IDS)


def test_recommended_tests_follow_nice_ng158():
    likely = triage(Scenario(calf_pain=True, leg_swollen=True, pitting_edema=True))
    assert likely.wells.total == 2 and likely.test_ids[:2] == ("compression_ultrasound", "d_dimer")
    unlikely = triage(Scenario(calf_pain=True, leg_swollen=True))
    assert unlikely.wells.total == 1 and unlikely.test_ids[:2] == ("d_dimer", "compression_ultrasound")


def test_recommended_tests_follow_the_diagnosis_section():
    assert triage(Scenario()).test_ids == ()
    persistent = triage(Scenario(duration_days=30))
    assert persistent.test_ids == ("neurological_exam", "blood_tests")  # no EMG for twitching alone (NG127)
    weak = triage(Scenario(duration_days=30, muscle_weakness=True, muscle_wasting=True))
    assert weak.test_ids[:3] == ("neurological_exam", "blood_tests", "emg")
    central = triage(Scenario(numbness=True, speech_or_swallowing_problems=True))
    assert {"neurological_exam", "imaging", "csf"} <= set(central.test_ids)
    assert central.test_ids[0] == "neurological_exam"
    assert triage(Scenario(seizure=True)).test_ids == ("ecg", "blood_tests", "imaging", "eeg")
    assert triage(Scenario(epilepsy=True, frequency="constant")).test_ids[0] == "eeg"
    assert triage(Scenario(fainted=True, typical_faint=True)).test_ids == ("ecg",)


def test_differential_ranks_clots_first_when_suspected_and_dvt_last_otherwise():
    assert triage(Scenario(calf_pain=True, stress=True)).cause_ids == ("dvt", "stress", "benign_fasciculations")
    assert triage(Scenario(stress=True)).cause_ids == ("stress", "benign_fasciculations", "dvt")
    assert triage(Scenario()).cause_ids == ("benign_fasciculations", "dvt")
    assert triage(Scenario(calf_pain=True, chest_pain=True)).cause_ids[:2] == ("pulmonary_embolism", "dvt")
    dvt = triage(Scenario(calf_pain=True)).likely_causes[0]
    assert dvt.must_not_miss and dvt.evidence == ("calf_pain",)


@pytest.mark.parametrize("kw, treatment", [
    (dict(), "no_treatment_needed"),
    (dict(stress=True), "relaxation_techniques"),
    (dict(caffeine=True), "reduce_triggers"),
    (dict(new_medication=True), "medication_review_with_doctor"),
    (dict(known_neurological_disease=True), "muscle_relaxants"),
    (dict(epilepsy=True, frequency="constant", duration_days=60), "epilepsy_surgery"),
    (dict(seizure=True), "seizure_first_aid"),
    (dict(calf_pain=True), "anticoagulation"),
    (dict(chest_pain=True), "anticoagulation"),
])
def test_treatments_match_the_causes(kw, treatment):
    assert treatment in triage(Scenario(**kw)).treatment_ids


def test_treatment_cautions_carry_the_source_texts_warnings():
    relaxants = next(t for t in triage(Scenario(known_neurological_disease=True)).treatments if t.id == "muscle_relaxants")
    assert "addictive" in relaxants.caution and "treatment" in relaxants.source
    review = next(t for t in triage(Scenario(new_medication=True)).treatments)
    assert "never stop" in review.caution.lower()


def test_no_muscle_relaxants_before_a_neurological_disease_is_known():
    assert "muscle_relaxants" not in triage(Scenario(muscle_weakness=True, muscle_wasting=True)).treatment_ids
    assert "muscle_relaxants" in triage(Scenario(muscle_weakness=True, known_neurological_disease=True)).treatment_ids


def test_no_surgery_for_occasional_twitching_in_epilepsy():
    assert "epilepsy_surgery" not in triage(Scenario(epilepsy=True, frequency="occasional")).treatment_ids
    assert "no_treatment_needed" not in triage(Scenario(stress=True)).treatment_ids


def test_triage_accepts_a_mapping_and_validates_it():
    assert triage({"calf_pain": True}).level is U
    with pytest.raises(ValueError, match="did you mean calf_pain"):
        triage({"calfpain": True})
