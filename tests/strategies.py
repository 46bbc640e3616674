"""Hypothesis strategies that generate valid scenarios over the whole vocabulary."""
from hypothesis import strategies as st

from legtwitch.scenario import BOOLEAN_FIELDS, FREQUENCIES, SEVERITIES, SEXES, Scenario

durations = st.one_of(st.none(), st.integers(0, 400), st.floats(0, 400, allow_nan=False, allow_infinity=False))
frequencies = st.sampled_from((None, *FREQUENCIES))
severities = st.sampled_from((None, *SEVERITIES))
sexes = st.sampled_from((None, *SEXES))


@st.composite
def scenarios(draw, booleans_p: float = 0.25):
    """A valid Scenario; each boolean is true with roughly probability ``booleans_p``.

    Combinations the vocabulary refuses are repaired the way an author would write them:
    no pregnancy in a male scenario, and a typical faint only with a faint.
    """
    values = {name: draw(st.floats(0, 1)) < booleans_p for name in BOOLEAN_FIELDS}
    sex = draw(sexes)
    if sex == "male":
        values["pregnant_or_postpartum"] = False
    if not values["fainted"]:
        values["typical_faint"] = False
    return Scenario(age_years=draw(st.one_of(st.none(), st.integers(0, 120))), sex=sex,
                    duration_days=draw(durations), frequency=draw(frequencies),
                    severity=draw(severities), **values)
