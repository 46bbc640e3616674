"""generate_cases: reproducible, valid, varied practice cases told as stories, in stages, that
state every finding (or let the student discover it by asking or examining), deny only what is
absent, and never name the answer."""
import os
import random
import re
import subprocess
import sys

import pytest

from legtwitch import Scenario, TriageLevel, triage
from legtwitch.generator import GeneratedCase, generate_cases, generate_scenarios
from legtwitch.narrative import DENIALS, EXAMINATION_FIELDS, states
from legtwitch.scenario import FIELD_SPECS
from legtwitch.stages import STAGE_KINDS

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


def test_no_two_of_200_cases_share_their_first_sentence():
    firsts = [re.split(r"(?<=[.!?])\s+", c.story)[0] for c in MANY[:200]]
    assert len(set(firsts)) == 200


@pytest.mark.parametrize("case", MANY[:200], ids=lambda c: c.id)
def test_every_true_field_is_stated_in_the_stage_that_reveals_it(case):
    """Stated (presenting complaint) or discoverable (history, examination): every field the
    scenario sets is revealed by exactly one stage before any result, and that stage's text
    says it (its cue words appear)."""
    s = case.scenario
    kinds = [st.kind for st in case.stages]
    assert kinds[:3] == ["presenting", "history", "examination"] and kinds == sorted(kinds, key=STAGE_KINDS.index)
    revealed = [f for st in case.stages if not st.after_commit for f in st.reveals]
    assert sorted(revealed) == sorted(s.to_dict()) and len(revealed) == len(set(revealed))
    for stage in case.stages:
        for field in stage.reveals:
            assert states(stage.text, field), (field, stage.kind, stage.text)
    for field in EXAMINATION_FIELDS:
        if getattr(s, field):
            where = next(st.kind for st in case.stages if field in st.reveals)
            assert where in ("examination", "presenting"), field  # never handed over in the history


@pytest.mark.parametrize("case", MANY, ids=lambda c: c.id)
def test_a_story_never_denies_what_is_true(case):
    for pattern, fields in DENIALS:
        for stage in case.stages:
            if re.search(pattern, stage.text):
                assert not any(getattr(case.scenario, f) for f in fields), (pattern, stage.text)


ANSWER_WORDS = re.compile(r"\b(urgent|emergency|self-care|wells|d-dimer|ultrasound|ctpa|999|triage|"
                          r"score|likely dvt|dvt unlikely)\b", re.IGNORECASE)


@pytest.mark.parametrize("case", MANY, ids=lambda c: c.id)
def test_the_story_never_names_a_level_a_score_or_a_test(case):
    for stage in case.stages:
        if not stage.after_commit:
            assert not ANSWER_WORDS.search(stage.text), (ANSWER_WORDS.search(stage.text), stage.text)


def test_stories_are_varied_and_carry_realistic_detail():
    stories = [c.story for c in MANY[:200]]
    history = [st.text for c in MANY[:200] for st in c.stages if st.kind == "history"]
    # irrelevant detail: a pastime in every history
    assert all(re.search(r"\b(sings|grows|plays|paints|volunteers|reads|bakes|keeps|does|knits|collects|"
                         r"birdwatches|restores|is in the school|loves|is learning|builds)\b", h) for h in history)
    # the same finding is told in more than one way across the run
    calf = {re.search(r"[^.]*calf[^.]*(pain|ache|hurts)[^.]*\.", x).group(0).split(" ", 2)[-1]
            for x in stories if re.search(r"[^.]*calf[^.]*(pain|ache|hurts)[^.]*\.", x)}
    assert len(calf) >= 3
    # negatives a clinician would ask about appear, and only some of the time
    assert 0.2 < sum("No chest pain" in x for x in stories) / len(stories) < 0.9


def test_adults_with_a_suspected_clot_get_the_result_of_their_first_test():
    with_results = [c for c in MANY if c.stages[-1].after_commit]
    assert with_results
    for case in with_results:
        result = triage(case.scenario)
        (test,) = case.stages[-1].tests
        assert result.probability is not None and test.test == result.first_test
    positives = sum(c.stages[-1].tests[0].positive for c in with_results)
    assert 0 < positives < len(with_results)


def test_the_same_seed_gives_the_same_cases_on_another_machine():
    """Another interpreter with a different hash seed (what differs between machines) tells the
    same cases word for word."""
    code = ("import hashlib; from legtwitch.generator import generate_cases; "
            "print(hashlib.sha256(repr([(c.id, c.scenario.to_dict(), [s.to_dict() for s in c.stages]) "
            "for c in generate_cases(60, 2417)]).encode()).hexdigest())")
    digests = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": hs}).stdout for hs in ("0", "1", "4242")}
    assert len(digests) == 1


def test_scenarios_alone_match_the_told_cases():
    assert generate_scenarios(50, 2417) == [c.scenario for c in MANY[:50]]


@pytest.mark.parametrize("n", [-1, 1.5, True, "3", None, 10_001, 10 ** 9, 10 ** 100])
def test_bad_n(n):
    with pytest.raises(ValueError, match=r"^n must be a whole number from 0 to 10,000, got .{1,80}$"):
        generate_cases(n, 1)
    if n != 10_001:
        with pytest.raises(ValueError, match=r"^n must be a whole number from 0 to 100,000, got .{1,80}$"):
            generate_scenarios(n, 1)


@pytest.mark.parametrize("seed", [1.0, "7", None, False, 2 ** 63, -(2 ** 63), pytest.param(10 ** 5000, id="10**5000")])
def test_bad_seed(seed):
    with pytest.raises(ValueError, match=r"^seed must be a whole number from -\(2\*\*63 - 1\) to 2\*\*63 - 1, got .{1,80}$"):
        generate_cases(3, seed)


def test_largest_seed_is_allowed():
    assert generate_cases(1, 2 ** 63 - 1)[0].id == f"g{2 ** 63 - 1}-001"
