"""legtwitch.probability: Bayes in odds form, pre-test probabilities and likelihood ratios with
sources, several tests in a row, and the published figures the module can be checked against."""
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legtwitch import Scenario, triage
from legtwitch.knowledge import load_knowledge
from legtwitch.probability import (ProbabilityError, format_percent, likelihood_ratios, odds,
                                   post_test_probability, pretest_probability, probability_from_odds, sequence)


def by_hand(pre, lr):
    o = pre / (1 - pre) * lr
    return o / (1 + o)


@pytest.mark.parametrize("pre, lr", [(0.1, 0.109), (0.4, 60.07), (0.5, 1.0), (0.001, 1000), (0.999, 0.001)])
def test_post_test_probability_matches_hand_calculation(pre, lr):
    assert abs(post_test_probability(pre, lr) - by_hand(pre, lr)) < 1e-9


@pytest.mark.parametrize("pre, lr, message", [
    (0, 2, "between 0 and 1"), (1, 2, "between 0 and 1"), (-0.1, 2, "between 0 and 1"), (1.5, 2, "between 0 and 1"),
    (0.5, 0, "above 0"), (0.5, -1, "above 0"), (math.nan, 2, "finite"), (0.5, math.inf, "finite"),
    ("0.5", 2, "must be a number"), (True, 2, "must be a number"), (0.5, 10 ** 400, "too large"),
])
def test_invalid_input_is_a_one_line_value_error(pre, lr, message):
    with pytest.raises(ValueError, match=message) as info:
        post_test_probability(pre, lr)
    assert "\n" not in str(info.value) and isinstance(info.value, ProbabilityError)


@settings(max_examples=500)
@given(st.floats(1e-6, 1 - 1e-6), st.floats(1e-3, 1e3))
def test_properties_of_bayes(pre, lr):
    post = post_test_probability(pre, lr)
    assert 0 < post < 1
    assert (post > pre) == (lr > 1) or math.isclose(post, pre, rel_tol=1e-9, abs_tol=1e-12)
    # undoing the test gives the pre-test probability back
    assert math.isclose(post_test_probability(post, 1 / lr), pre, rel_tol=1e-6, abs_tol=1e-9)
    assert math.isclose(probability_from_odds(odds(pre)), pre, rel_tol=1e-9)


def test_every_pretest_and_likelihood_ratio_carries_a_known_source():
    kb = load_knowledge()
    for entry in kb.pretest:
        pre = pretest_probability(entry)
        assert 0 < pre.value < 1 and pre.source and all(s in kb.sources for s in pre.source)
    for test, target in [("d_dimer", "dvt"), ("d_dimer", "pe"), ("compression_ultrasound", "dvt"),
                         ("compression_ultrasound", "pe"), ("ctpa", "pe")]:
        lr = likelihood_ratios(test, target=target)
        assert lr.positive > 1 > lr.negative > 0 and all(s in kb.sources for s in lr.source)


def test_likelihood_ratios_are_derived_from_sensitivity_and_specificity():
    acc = load_knowledge().test_accuracy["d_dimer_dvt"]
    lr = likelihood_ratios("d_dimer")
    assert lr.positive == acc.sensitivity / (1 - acc.specificity)
    assert lr.negative == (1 - acc.sensitivity) / acc.specificity
    assert round(lr.negative, 2) == 0.11 and round(lr.positive, 2) == 1.49  # Bhatt 2020, as in the notes
    assert round(likelihood_ratios("ctpa").positive) == 47 and round(likelihood_ratios("ctpa").negative, 2) == 0.06


def test_age_adjusted_d_dimer_over_50():
    fixed = likelihood_ratios("d_dimer", age_years=75)
    adjusted = likelihood_ratios("d_dimer", age_years=75, age_adjusted=True)
    assert adjusted.specificity == 0.442 and fixed.specificity == 0.245 and adjusted.source == ("schouten_2013",)
    assert adjusted.negative < fixed.negative and adjusted.positive > fixed.positive
    with pytest.raises(ProbabilityError, match="over 50"):
        likelihood_ratios("d_dimer", age_years=40, age_adjusted=True)
    assert likelihood_ratios("d_dimer", age_years=40) == likelihood_ratios("d_dimer")


def test_pretest_from_wells_scores():
    result = triage(Scenario(age_years=60, calf_pain=True, leg_swollen=True, pitting_edema=True, chest_pain=True))
    assert pretest_probability(result.wells).id == "dvt_likely"
    assert pretest_probability(result.pe_wells).id == "pe_unlikely"
    with pytest.raises(ProbabilityError, match="unknown category"):
        pretest_probability("dvt_probably")


def test_the_derived_dvt_unlikely_figure_reproduces_the_published_combination():
    """Wells unlikely + negative D-dimer: Geersing 2014 found 1.2 % (0.7-1.8 %)."""
    kb = load_knowledge()
    published = kb.strategy_outcomes["dvt_unlikely_negative_d_dimer"]
    pre = pretest_probability("dvt_unlikely")
    for value, target in [(pre.value, published.value), (pre.low, published.low), (pre.high, published.high)]:
        after = sequence(value, [("d_dimer", False)])[0].after
        assert abs(after - target) < 0.0005, (value, after, target)


def test_sequence_chains_the_steps():
    steps = sequence(0.10, [("d_dimer", True), ("compression_ultrasound", False)])
    assert steps[0].before == 0.10 and steps[1].before == steps[0].after
    assert steps[0].after > 0.10 > steps[1].after
    pe = sequence(0.465, [("d_dimer", True, {"target": "pe"}), ("ctpa", True)])
    assert pe[-1].after > 0.95
    with pytest.raises(ProbabilityError, match="True \\(positive\\) or False"):
        sequence(0.1, [("d_dimer", "yes")])
    with pytest.raises(ProbabilityError, match="unknown context"):
        sequence(0.1, [("d_dimer", True, {"colour": "red"})])


def test_format_percent():
    assert [format_percent(p) for p in (0.0004, 0.0123, 0.02, 0.142, 0.976, 0.99995)] == \
        ["under 0.1 %", "1.2 %", "2 %", "14 %", "97.6 %", "over 99.9 %"]


def test_the_result_carries_the_probability_of_the_leading_clot_pathway():
    young = triage(Scenario(calf_pain=True, age_years=40))
    assert young.probability.pretest.id == "dvt_unlikely"
    first, second = young.probability.steps
    assert (first.test, second.test) == ("d_dimer", "compression_ultrasound")
    assert abs(first.if_negative - 0.012) < 0.0005 and second.start == first.if_positive
    assert second.condition == "after a positive D-dimer blood test"
    old = triage(Scenario(calf_pain=True, age_years=75)).probability.steps[0]
    assert "age-adjusted" in old.note and old.if_negative < first.if_negative
    likely = triage(Scenario(calf_pain=True, leg_swollen=True, pitting_edema=True, age_years=40)).probability
    assert [s.test for s in likely.steps] == ["compression_ultrasound", "d_dimer"]
    pe = triage(Scenario(chest_pain=True, heart_rate_over_100=True, pe_most_likely=True, age_years=40)).probability
    assert pe.pretest.id == "pe_likely" and [s.test for s in pe.steps] == ["ctpa"]
    for kw in (dict(calf_pain=True, age_years=12), dict(chest_pain=True, sex="female", pregnant_or_postpartum=True),
               dict(stress=True), dict(seizure=True)):
        assert triage(Scenario(**kw)).probability is None


def test_renderers_show_the_probabilities():
    from legtwitch import render_html, render_text
    result = triage(Scenario(calf_pain=True, age_years=40))
    text = render_text(result)
    assert "Probability: DVT unlikely (two-level Wells 1 or less)" in text
    assert "D-dimer blood test: if negative 1.2 %, if positive 14 %" in text
    assert "Below 2 % a clot counts as excluded" in text
    assert "if negative 1.2 %" in render_html(result)


def test_likely_mistake_names_the_wrong_step():
    from legtwitch.probability import likely_mistake
    # Wells likely (40 %), negative D-dimer: right 6.8 %; probability x LR gives 4.4 %.
    pre, steps = 0.4, [("d_dimer", False)]
    naive = 0.4 * likelihood_ratios("d_dimer").negative * 100
    flipped = sequence(pre, [("d_dimer", True)])[-1].after * 100
    assert "odds first" in likely_mistake(naive, pre, steps)
    assert "other result" in likely_mistake(flipped, pre, steps)
    assert "left the probability where it was" in likely_mistake(40, pre, steps)
    assert likely_mistake(sequence(pre, steps)[-1].after * 100, pre, steps) is None  # right
    assert likely_mistake(25, pre, steps) is None  # wrong, but not a recognisable mistake
    # When the naive calculation lands within 2 points of the right answer, it is not called a mistake.
    assert likely_mistake(0.1 * likelihood_ratios("d_dimer").negative * 100, 0.1, steps) is None


def test_students_read_numbered_footnotes_not_source_ids():
    from legtwitch import render_html, render_text
    for kw in (dict(calf_pain=True, age_years=40), dict(chest_pain=True, age_years=40)):
        result = triage(Scenario(**kw))
        for shown in (render_html(result), render_text(result)):
            for sid in load_knowledge().sources:
                assert f"[{sid}" not in shown and f"{sid}]" not in shown, sid
