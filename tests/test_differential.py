"""The differential (issue 11): every cause ranks where its features put it, its exclusions keep
it out, the explanation names the findings for and against, and no mimic ever pushes a clot down
or lowers the level."""
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from legtwitch import Scenario, ScenarioError, triage
from legtwitch.features import FeatureError, parse_feature
from legtwitch.knowledge import load_knowledge
from legtwitch.rules import THROMBOSIS_INDICATIONS, pe_signs

from strategies import scenarios

NEW_CAUSES = ("muscle_cramp", "restless_legs", "hypnic_jerks", "electrolyte_disturbance", "hyperthyroidism",
              "motor_neuron_disease", "cellulitis", "superficial_thrombophlebitis", "bakers_cyst", "muscle_injury",
              "convulsive_syncope")

#: For each cause: a presentation where it belongs in the top three, and one where a finding
#: (or a missing requirement) keeps it out.
RANKS = {
    "muscle_cramp": (dict(movement="cramp", recent_exercise=True, evening_or_night=True), dict(movement="jerk")),
    "restless_legs": (dict(movement="urge_to_move", evening_or_night=True), dict(evening_or_night=True, both_legs=True)),
    "hypnic_jerks": (dict(movement="jerk", when_falling_asleep=True, stress=True), dict(movement="jerk", stress=True)),
    "electrolyte_disturbance": (dict(salt_loss=True, movement="cramp"), dict(movement="cramp")),
    "hyperthyroidism": (dict(thyroid_symptoms=True, movement="fasciculation"), dict(movement="fasciculation")),
    "motor_neuron_disease": (dict(muscle_weakness=True, muscle_wasting=True, age_years=62),
                             dict(movement="fasciculation", age_years=62, getting_worse=True)),
    "cellulitis": (dict(skin_redness=True, fever=True, calf_pain=True), dict(fever=True, calf_pain=True)),
    "superficial_thrombophlebitis": (dict(tender_surface_vein=True, leg_warm=True), dict(leg_warm=True)),
    "bakers_cyst": (dict(swelling_behind_knee=True, calf_pain=True), dict(calf_pain=True)),
    "muscle_injury": (dict(sudden_pain_during_activity=True, calf_pain=True, recent_exercise=True),
                      dict(calf_pain=True, recent_exercise=True)),
    "convulsive_syncope": (dict(fainted=True, typical_faint=True), dict(fainted=True, typical_faint=True, seizure=True)),
}


def test_every_cause_has_sources_features_and_a_next_step():
    causes = load_knowledge().causes
    for cause_id in NEW_CAUSES:
        assert cause_id in causes
    for cause in causes.values():
        assert cause.source and cause.next_step, cause.id
        if cause.id not in ("pulmonary_embolism", "dvt"):
            assert cause.requires_any or cause.requires_all or cause.rank_last, cause.id


@pytest.mark.parametrize("cause_id", NEW_CAUSES)
def test_cause_ranks_in_the_top_three_where_its_features_are(cause_id):
    present, _absent = RANKS[cause_id]
    result = triage(Scenario(**present))
    assert cause_id in result.cause_ids[:3], result.cause_ids
    match = next(c for c in result.likely_causes if c.id == cause_id)
    assert match.for_findings and match.next_step


@pytest.mark.parametrize("cause_id", NEW_CAUSES)
def test_cause_stays_out_where_its_requirement_is_missing_or_excluded(cause_id):
    _present, absent = RANKS[cause_id]
    assert cause_id not in triage(Scenario(**absent)).cause_ids


def test_the_issue_examples():
    cramp = triage(Scenario(movement="cramp", recent_exercise=True))
    assert "muscle_cramp" in cramp.cause_ids[:3]
    assert "restless_legs" in triage(Scenario(movement="urge_to_move")).cause_ids[:3]
    weak = triage(Scenario(muscle_weakness=True, muscle_wasting=True))
    assert "motor_neuron_disease" in weak.cause_ids and "benign_fasciculations" not in weak.cause_ids
    assert weak.likely_causes[0].id == "motor_neuron_disease" and weak.likely_causes[0].must_not_miss


def test_findings_for_and_against_are_named_in_words():
    result = triage(Scenario(muscle_weakness=True, muscle_wasting=True, numbness=True, age_years=30))
    mnd = next(c for c in result.likely_causes if c.id == "motor_neuron_disease")
    assert "real muscle weakness" in mnd.for_findings
    assert "numbness or other change in feeling" in mnd.against and "age under 40" in mnd.against
    other = next(c for c in result.likely_causes if c.id == "neurological_disease")
    assert other.score > 0
    bfs = triage(Scenario(movement="cramp")).likely_causes
    assert next(c for c in bfs if c.id == "benign_fasciculations").against == ("a painful hardening of the muscle (cramp)",)


def test_hypnic_jerks_need_sleep_onset_and_restless_legs_the_urge():
    awake = triage(Scenario(movement="jerk", evening_or_night=True))
    assert "hypnic_jerks" not in awake.cause_ids
    assert "restless_legs" not in triage(Scenario(evening_or_night=True, movement="cramp")).cause_ids


@pytest.mark.parametrize("mimic", [dict(skin_redness=True, fever=True), dict(tender_surface_vein=True),
                                   dict(swelling_behind_knee=True), dict(sudden_pain_during_activity=True)])
def test_dvt_stays_first_and_urgent_next_to_a_mimic(mimic):
    result = triage(Scenario(calf_pain=True, leg_swollen=True, **mimic))
    assert result.likely_causes[0].id == "dvt" and result.level.value == "urgent"
    assert result.first_test in ("compression_ultrasound", "d_dimer")


MIMIC_FEATURES = ("skin_redness", "fever", "tender_surface_vein", "swelling_behind_knee", "sudden_pain_during_activity",
                  "salt_loss", "thyroid_symptoms", "when_falling_asleep", "evening_or_night")


@settings(max_examples=1500)
@given(scenarios(), st.sets(st.sampled_from(MIMIC_FEATURES), min_size=1), st.sampled_from((None, "fasciculation", "cramp", "jerk", "urge_to_move")))
def test_no_mimic_lowers_the_level_or_pushes_down_a_clot(scenario, mimics, movement):
    leg = any(getattr(scenario, f) for f in THROMBOSIS_INDICATIONS)
    assume(leg)
    before = triage(scenario)
    try:
        after = triage(scenario.replace(movement=movement, **{m: True for m in mimics}))
    except ScenarioError:
        assume(False)
    assert after.level >= before.level
    first = "pulmonary_embolism" if pe_signs(after.scenario) else "dvt"
    assert after.cause_ids[0] == first


@pytest.mark.parametrize("text, message", [
    ("calf_pian", "unknown scenario field 'calf_pian'"), ("movement=wobble", "has no choice 'wobble'"),
    ("stress>=3", "is not a number field"), ("age_years>=old", "is not a number"), ("Stress", "not of the form"),
])
def test_feature_typos_are_refused(text, message):
    with pytest.raises(FeatureError, match=message):
        parse_feature(text)
