"""Safety properties of the triage engine, over thousands of generated scenarios.

Together these tests draw well over 5,000 scenarios per run (see the max_examples below).
"""
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from legtwitch import ScenarioError, TriageLevel, triage
from legtwitch.differential import EXCLUDE_BENIGN_FASCICULATIONS
from legtwitch.knowledge import load_knowledge
from legtwitch.population import ADULT, population
from legtwitch.rules import NEUROLOGICAL_RED_FLAGS, THROMBOSIS_INDICATIONS, pe_signs, persistent_days
from legtwitch.scenario import FINDING_FIELDS, FREQUENCIES, SEVERITIES, Scenario

from strategies import scenarios

ORDERED_FREQ = (None, *FREQUENCIES)
ORDERED_SEV = (None, *SEVERITIES)
E, U, D, S = TriageLevel.EMERGENCY, TriageLevel.URGENT, TriageLevel.SEE_DOCTOR, TriageLevel.SELF_CARE


def _replace(scenario: Scenario, **changes) -> Scenario:
    try:
        return scenario.replace(**changes)
    except ScenarioError:  # e.g. pregnancy added to a male scenario: not a patient
        assume(False)


@settings(max_examples=2000)
@given(scenarios(), st.sampled_from(FINDING_FIELDS))
def test_adding_a_finding_never_lowers_the_level(scenario, finding):
    before = triage(scenario).level
    after = triage(_replace(scenario, **{finding: True})).level
    assert after >= before, f"adding {finding} lowered {before} to {after} for {scenario}"


def long_standing_epc_exception(short: Scenario, long_: Scenario) -> bool:
    """The one named exception to 'a longer duration never lowers the level' (knowledge.yaml,
    rule long_standing_constant_twitching_in_epilepsy): constant twitching in known epilepsy
    is urgent while new (possible focal status epilepticus) and see-a-doctor once it has lasted
    the persistence threshold (specialist review)."""
    return (short.epilepsy and short.frequency == "constant"
            and "new_constant_twitching_in_epilepsy" in triage(short).rule_ids
            and "long_standing_constant_twitching_in_epilepsy" in triage(long_).rule_ids)


@settings(max_examples=1000)
@given(scenarios(), st.floats(0, 400, allow_nan=False), st.floats(0, 400, allow_nan=False))
def test_longer_duration_never_lowers_the_level_except_long_standing_epc(scenario, a, b):
    lo, hi = sorted((a, b))
    short, long_ = scenario.replace(duration_days=lo), scenario.replace(duration_days=hi)
    unknown = scenario.replace(duration_days=None)
    for earlier, later in ((short, long_), (unknown, short)):
        before, after = triage(earlier).level, triage(later).level
        if after < before:
            assert long_standing_epc_exception(earlier, later), (earlier, later, before, after)
            # the exception lowers urgent to see-a-doctor and no further
            assert (before, after) == (U, D) or triage(later).reasons[0].level >= D


@settings(max_examples=300)
@given(scenarios())
def test_the_long_standing_epc_exception_happens_exactly_where_documented(scenario):
    s = scenario.replace(epilepsy=True, frequency="constant", seizure=False)
    new = triage(s.replace(duration_days=persistent_days() - 0.5))
    old = triage(s.replace(duration_days=persistent_days()))
    assert "new_constant_twitching_in_epilepsy" in new.rule_ids and new.level >= U
    assert "long_standing_constant_twitching_in_epilepsy" in old.rule_ids and old.level >= D


@settings(max_examples=1000)
@given(scenarios(), st.integers(0, 3), st.integers(0, 3), st.integers(0, 3), st.integers(0, 3))
def test_higher_frequency_or_severity_never_lowers_the_level(scenario, f1, f2, s1, s2):
    f_lo, f_hi = sorted((f1, f2))
    s_lo, s_hi = sorted((s1, s2))
    low = scenario.replace(frequency=ORDERED_FREQ[f_lo], severity=ORDERED_SEV[s_lo])
    high = scenario.replace(frequency=ORDERED_FREQ[f_hi], severity=ORDERED_SEV[s_hi])
    assert triage(high).level >= triage(low).level


def leg_signs(s: Scenario) -> bool:
    return any(getattr(s, f) for f in THROMBOSIS_INDICATIONS)


@settings(max_examples=2500)
@given(scenarios())
def test_clinical_rules_always_hold(s):
    result = triage(s)
    level = result.level
    lung = bool(pe_signs(s))
    adult = population(s) == ADULT
    if lung:
        assert level is E
    if s.seizure and not s.epilepsy:
        assert level is E
    if leg_signs(s):
        assert level >= U
    persistent = s.duration_days is not None and s.duration_days >= persistent_days()
    if (persistent or s.frequency in ("frequent", "constant") or s.new_medication
            or any(getattr(s, f) for f in NEUROLOGICAL_RED_FLAGS)):
        assert level >= D
    # scores: only when a clot is suspected, and only in adults who are not pregnant
    assert (result.wells is not None) == (leg_signs(s) and adult)
    assert (result.pe_wells is not None) == (lung and adult)
    if not adult and (leg_signs(s) or lung):
        assert result.scores_note and result.first_test != "d_dimer"
    # the pathway agrees with the presentation: a PE presentation never starts with the leg scan
    if lung:
        assert result.first_test != "compression_ultrasound"
        if adult:
            assert result.first_test == ("ctpa" if result.pe_wells.likely else "d_dimer")
    elif leg_signs(s):
        if adult:
            assert result.first_test == ("compression_ultrasound" if result.wells.likely else "d_dimer")
        else:
            assert result.first_test == "compression_ultrasound"
    # benign fasciculations never sits beside weakness, wasting or a seizure
    if any(getattr(s, f) for f in EXCLUDE_BENIGN_FASCICULATIONS):
        assert "benign_fasciculations" not in result.cause_ids
    # the must-not-miss causes lead when their signs are present
    if lung:
        assert result.cause_ids[0] == "pulmonary_embolism"
    elif leg_signs(s):
        assert result.cause_ids[0] == "dvt"
    # every part of the result agrees with its level
    top = result.reasons[0]
    if level is E:
        assert "999" in top.patient.text
    if level is U:
        assert "today" in top.patient.text
    if level is S:
        assert result.recommended_tests == ()
    if level <= D:
        assert not {"ctpa", "d_dimer", "compression_ultrasound"} & set(result.test_ids)
    # explanation is complete and consistent
    assert level == max(r.level for r in result.reasons)
    assert [r.level for r in result.reasons] == sorted((r.level for r in result.reasons), reverse=True)
    sources = load_knowledge().sources
    for part in (*result.reasons, *result.recommended_tests, *result.likely_causes, *result.treatments):
        assert part.source and all(src in sources for src in part.source)
    for r in result.reasons:
        assert r.patient.source and r.clinician.source


BENIGN_ONLY = ("stress", "caffeine", "alcohol", "lack_of_sleep", "recent_exercise", "alternative_diagnosis_likely")


@settings(max_examples=500)
@given(st.sets(st.sampled_from(BENIGN_ONLY)), st.one_of(st.none(), st.floats(0, 13.99)),
       st.sampled_from((None, "occasional")), st.sampled_from((None, "mild", "moderate")),
       st.one_of(st.none(), st.integers(0, 120)))
def test_short_mild_twitching_without_red_flags_is_self_care(triggers, days, freq, sev, age):
    s = Scenario(duration_days=days, frequency=freq, severity=sev, age_years=age, **{t: True for t in triggers})
    assert triage(s).level is S


@settings(max_examples=500)
@given(scenarios(booleans_p=0.5))
def test_triage_is_deterministic_and_total(s):
    first, second = triage(s), triage(Scenario.from_dict(s.to_dict()))
    assert first == second
    assert first.to_dict() == second.to_dict()


@settings(max_examples=1000)
@given(st.dictionaries(st.sampled_from(["calf_pain", "age_years", "duration_days", "frequency", "severity", "sex",
                                        "pregnant_or_postpartum", "typical_faint", "nonsense"]),
                       st.one_of(st.none(), st.booleans(), st.integers(-5, 500), st.floats(allow_nan=True, allow_infinity=True),
                                 st.text(max_size=8), st.lists(st.booleans(), max_size=2))))
def test_any_input_either_validates_or_raises_a_one_line_value_error(data):
    try:
        s = Scenario.from_dict(data)
    except ValueError as err:
        assert "\n" not in str(err) and str(err)
    else:
        triage(s)
