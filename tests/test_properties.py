"""Safety properties of the triage engine, over thousands of generated scenarios.

Together these tests draw well over 5,000 scenarios per run (see the max_examples below).
"""
from hypothesis import given, settings
from hypothesis import strategies as st

from legtwitch import TriageLevel, triage
from legtwitch.knowledge import load_knowledge
from legtwitch.rules import NEUROLOGICAL_RED_FLAGS, PE_WARNING_SIGNS, THROMBOSIS_INDICATIONS, persistent_days
from legtwitch.scenario import FINDING_FIELDS, FREQUENCIES, SEVERITIES, Scenario
from legtwitch.wells import wells_relevant

from strategies import scenarios

ORDERED_FREQ = (None, *FREQUENCIES)
ORDERED_SEV = (None, *SEVERITIES)


@settings(max_examples=2000)
@given(scenarios(), st.sampled_from(FINDING_FIELDS))
def test_adding_a_finding_never_lowers_the_level(scenario, finding):
    before = triage(scenario).level
    after = triage(scenario.replace(**{finding: True})).level
    assert after >= before, f"adding {finding} lowered {before} to {after} for {scenario}"


@settings(max_examples=1000)
@given(scenarios(), st.floats(0, 400, allow_nan=False), st.floats(0, 400, allow_nan=False))
def test_longer_duration_never_lowers_the_level(scenario, a, b):
    short, long_ = sorted((a, b))
    assert triage(scenario.replace(duration_days=long_)).level >= triage(scenario.replace(duration_days=short)).level
    # a known duration never ranks below "unknown"
    assert triage(scenario.replace(duration_days=short)).level >= triage(scenario.replace(duration_days=None)).level


@settings(max_examples=1000)
@given(scenarios(), st.integers(0, 3), st.integers(0, 3), st.integers(0, 3), st.integers(0, 3))
def test_higher_frequency_or_severity_never_lowers_the_level(scenario, f1, f2, s1, s2):
    f_lo, f_hi = sorted((f1, f2))
    s_lo, s_hi = sorted((s1, s2))
    low = scenario.replace(frequency=ORDERED_FREQ[f_lo], severity=ORDERED_SEV[s_lo])
    high = scenario.replace(frequency=ORDERED_FREQ[f_hi], severity=ORDERED_SEV[s_hi])
    assert triage(high).level >= triage(low).level


@settings(max_examples=2000)
@given(scenarios())
def test_clinical_rules_always_hold(s):
    result = triage(s)
    level = result.level
    if any(getattr(s, f) for f in PE_WARNING_SIGNS):
        assert level is TriageLevel.EMERGENCY
    if s.seizure and not s.epilepsy:
        assert level is TriageLevel.EMERGENCY
    if any(getattr(s, f) for f in THROMBOSIS_INDICATIONS):
        assert level >= TriageLevel.URGENT
    persistent = s.duration_days is not None and s.duration_days >= persistent_days()
    if (persistent or s.frequency in ("frequent", "constant") or s.new_medication
            or any(getattr(s, f) for f in NEUROLOGICAL_RED_FLAGS)):
        assert level >= TriageLevel.SEE_DOCTOR
    # explanation is complete and consistent
    assert level == max(r.level for r in result.reasons)
    assert [r.level for r in result.reasons] == sorted((r.level for r in result.reasons), reverse=True)
    sources = load_knowledge().sources
    for part in (*result.reasons, *result.recommended_tests, *result.likely_causes, *result.treatments):
        assert part.source and all(src in sources for src in part.source)
    assert (result.wells is not None) == wells_relevant(s)
    assert result.likely_causes[0].id == "dvt" or not any(getattr(s, f) for f in THROMBOSIS_INDICATIONS)


BENIGN_ONLY = ("stress", "caffeine", "lack_of_sleep", "recent_exercise", "alternative_diagnosis_likely")


@settings(max_examples=500)
@given(st.sets(st.sampled_from(BENIGN_ONLY)), st.one_of(st.none(), st.floats(0, 13.99)),
       st.sampled_from((None, "occasional")), st.sampled_from((None, "mild", "moderate")),
       st.one_of(st.none(), st.integers(0, 120)))
def test_short_mild_twitching_without_red_flags_is_self_care(triggers, days, freq, sev, age):
    s = Scenario(duration_days=days, frequency=freq, severity=sev, age_years=age, **{t: True for t in triggers})
    assert triage(s).level is TriageLevel.SELF_CARE


@settings(max_examples=500)
@given(scenarios(booleans_p=0.5))
def test_triage_is_deterministic_and_total(s):
    first, second = triage(s), triage(Scenario.from_dict(s.to_dict()))
    assert first == second
    assert first.to_dict() == second.to_dict()


@settings(max_examples=1000)
@given(st.dictionaries(st.sampled_from(["calf_pain", "age_years", "duration_days", "frequency", "severity", "nonsense"]),
                       st.one_of(st.none(), st.booleans(), st.integers(-5, 500), st.floats(allow_nan=True, allow_infinity=True),
                                 st.text(max_size=8), st.lists(st.booleans(), max_size=2))))
def test_any_input_either_validates_or_raises_a_one_line_value_error(data):
    try:
        s = Scenario.from_dict(data)
    except ValueError as err:
        assert "\n" not in str(err) and str(err)
    else:
        triage(s)
