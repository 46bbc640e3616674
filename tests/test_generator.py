"""generate_cases: reproducible, valid, varied practice cases whose stories state every finding."""
import random
import re

import pytest

from legtwitch import Scenario, TriageLevel, triage
from legtwitch.generator import GeneratedCase, finding_sentences, generate_cases
from legtwitch.scenario import BOOLEAN_FIELDS, FIELD_SPECS

MANY = generate_cases(600, 2417)


def test_same_seed_same_output():
    assert generate_cases(50, 7) == generate_cases(50, 7)


def test_case_i_does_not_depend_on_n():
    assert generate_cases(10, 3)[:5] == generate_cases(5, 3)
    assert generate_cases(600, 2417)[:50] == MANY[:50]


def test_different_seeds_differ():
    a, b, c = generate_cases(20, 1), generate_cases(20, 2), generate_cases(20, -1)
    stories = [tuple(x.story for x in run) for run in (a, b, c)]
    assert len(set(stories)) == 3


def test_ids_seed_and_index():
    cases = generate_cases(3, 2417)
    assert [c.id for c in cases] == ["g2417-001", "g2417-002", "g2417-003"]
    assert [c.index for c in cases] == [1, 2, 3]
    assert all(isinstance(c, GeneratedCase) and c.seed == 2417 for c in cases)
    assert len({c.id for c in MANY}) == len(MANY)


def test_zero_cases():
    assert generate_cases(0, 1) == []


def test_global_random_is_untouched():
    random.seed(12345)
    state = random.getstate()
    generate_cases(20, 9)
    assert random.getstate() == state


def test_every_scenario_valid_and_triage_never_raises():
    for case in MANY:
        assert isinstance(case.scenario, Scenario)
        assert Scenario.from_dict(case.scenario.to_dict()) == case.scenario
        triage(case.scenario)


def test_all_levels_appear():
    levels = {triage(c.scenario).level for c in MANY[:300]}
    assert levels == set(TriageLevel)


def test_every_field_appears_somewhere():
    for spec in FIELD_SPECS:
        assert any(getattr(c.scenario, spec.name) not in (None, False) for c in MANY), spec.name


def test_scenarios_are_not_uniform_noise():
    # archetypes: most cases carry only a few findings, and PE signs come with clot signs
    sizes = [len(c.scenario.findings()) for c in MANY]
    assert max(sizes) <= 10 and sum(sizes) / len(sizes) < 4
    for c in MANY:
        s = c.scenario
        if s.alternative_diagnosis_likely:
            assert any(getattr(s, f) for f in ("calf_pain", "pain_worsening", "leg_warm", "leg_swollen",
                                                 "calf_swelling_3cm", "pitting_edema", "vein_tenderness",
                                                 "collateral_veins"))


@pytest.mark.parametrize("case", MANY[:200], ids=lambda c: c.id)
def test_story_mentions_every_set_field_and_no_unset_finding(case):
    s, story = case.scenario, case.story
    assert "\n" not in story and story.endswith(".")
    for field in BOOLEAN_FIELDS:
        if field == "both_legs":
            assert ("both legs" in story) == s.both_legs
            continue
        mentioned = any(sentence in story for sentence in finding_sentences(field))
        assert mentioned == getattr(s, field), field
    if s.age_years is not None:
        assert f"{s.age_years}-year-old" in story
    if s.duration_days is not None:
        assert re.search(rf"for {s.duration_days:g} days?\.", story)
    freq = {"occasional": "now and then", "frequent": "many times a day", "constant": "constant"}
    for value, words in freq.items():
        assert (words in story) == (s.frequency == value)
    if s.severity is not None:
        assert f"The twitching is {s.severity}" in story
    else:
        assert "The twitching is" not in story


@pytest.mark.parametrize("n", [-1, 1.5, True, "3", None, 100_001, 10 ** 9, 10 ** 100])
def test_bad_n(n):
    with pytest.raises(ValueError, match=r"^n must be a whole number from 0 to 100,000, got .{1,80}$"):
        generate_cases(n, 1)


@pytest.mark.parametrize("seed", [1.0, "7", None, False, 2 ** 63, -(2 ** 63), pytest.param(10 ** 5000, id="10**5000")])
def test_bad_seed(seed):
    with pytest.raises(ValueError, match=r"^seed must be a whole number from -\(2\*\*63 - 1\) to 2\*\*63 - 1, got .{1,80}$"):
        generate_cases(3, seed)


def test_largest_seed_is_allowed():
    assert generate_cases(1, 2 ** 63 - 1)[0].id == f"g{2 ** 63 - 1}-001"
