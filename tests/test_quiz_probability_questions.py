"""The probability question type (issue 12): keys computed with legtwitch.probability from
knowledge.yaml, a tolerance in percentage points, and feedback that names the step that went wrong."""
from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml

from legtwitch import probability
from legtwitch.errors import DataError
from legtwitch.probability import pretest_probability, sequence
from legtwitch.quiz import all_questions, get_question, load_bank_file
from legtwitch.quiz.bank import questions_dir

PROBABILITY = [q for q in all_questions() if q.kind == "probability"]


def test_bank_07_has_at_least_twelve_questions_numeric_and_sba():
    from legtwitch.quiz import get_bank
    bank = get_bank("07")
    kinds = [q.kind for q in bank.questions]
    assert len(kinds) >= 12 and kinds.count("probability") >= 6 and kinds.count("single") >= 4


@pytest.mark.parametrize("q", PROBABILITY, ids=lambda q: q.id)
def test_the_key_is_the_probability_module_and_nothing_is_stored(q):
    raw = next(r for r in yaml.safe_load((questions_dir() / f"{q.bank}.yaml").read_text(encoding="utf-8"))["questions"]
               if r["id"] == q.id)
    assert "answer" not in raw
    steps = [s.as_tuple() for s in q.steps]
    pre = q.pre()
    if isinstance(raw["pretest"], str) and raw["pretest"] != "case":
        assert pre == pretest_probability(raw["pretest"]).value
    assert math.isclose(q.key, sequence(pre, steps)[-1].after * 100, rel_tol=1e-12)
    assert q.tolerance < q.key / 2  # 0 % never counts as right


def test_a_changed_likelihood_ratio_changes_the_key(monkeypatch):
    """A changed sensitivity in knowledge.yaml would move every key (and fail nbval)."""
    q = get_question("prob_first_1")
    before = q.key
    real = probability.likelihood_ratios

    def less_sensitive(test_id, **context):
        lrs = real(test_id, **context)
        from dataclasses import replace
        return replace(lrs, sensitivity=0.80) if test_id == "d_dimer" else lrs
    monkeypatch.setattr(probability, "likelihood_ratios", less_sensitive)
    assert q.key > before + 2 and not q.check(round(before, 2)).correct


@pytest.mark.parametrize("q", PROBABILITY, ids=lambda q: q.id)
def test_right_within_the_tolerance_wrong_outside(q):
    key, tol = q.key, q.tolerance
    assert q.check(key).correct and q.check(f"{key:.2f} %").correct
    assert q.check(key + 0.9 * tol).correct and q.check(max(key - 0.9 * tol, 0.0001)).correct
    outside = key + 1.5 * tol if key + 1.5 * tol <= 100 else key - 1.5 * tol
    assert q.check(outside).status == "incorrect"


@pytest.mark.parametrize("q", PROBABILITY, ids=lambda q: q.id)
def test_each_question_recognises_at_least_one_slip_and_names_its_step(q):
    recognised = [(m, v, t) for m, v, t in q.slips() if abs(v - q.key) > 2 * q.tolerance and 1 <= v <= 100]
    assert recognised, q.id
    mid, value, text = recognised[0]
    result = q.check(round(value, 3))
    assert result.status == "incorrect" and result.misconceptions == (mid,)
    assert text in result.feedback and "The trap:" in result.feedback


def test_the_slips_a_student_makes(monkeypatch):
    q = get_question("prob_first_2")  # DVT likely (40 %), D-dimer negative: about 6.8 %
    odds = 0.4 / 0.6 * q.steps[0].lrs().negative
    assert math.isclose(q.key, odds / (1 + odds) * 100)
    naive = q.check(round(40 * q.steps[0].lrs().negative, 2))
    assert naive.misconceptions == ("probability_not_odds",) and "multiplied the probability itself" in naive.feedback
    flipped = q.check(round(sequence(0.4, [("d_dimer", True)])[-1].after * 100, 2))
    assert flipped.misconceptions == ("wrong_likelihood_ratio",)
    assert "Step 1 (D-dimer, negative): that is what the LR+ gives" in flipped.feedback
    pre = q.check(40)
    assert pre.misconceptions == ("forgot_a_step",) and "That is the pre-test probability" in pre.feedback
    other = q.check(round(sequence(0.1, [("d_dimer", False)])[-1].after * 100, 2))
    assert other.misconceptions in (("pretest_ignored",), ())  # 1.2 % is within reach of other slips too
    sens = q.check(96.1)
    assert sens.misconceptions == ("accuracy_is_post_test",) and "sensitivity of the D-dimer" in sens.feedback
    two = get_question("prob_repeat_1")  # scan negative, then D-dimer positive
    skipped = two.check(round(sequence(0.4, [("d_dimer", True)])[-1].after * 100, 2))
    assert skipped.misconceptions == ("forgot_a_step",) and "Step 1 (leg-vein ultrasound, negative) seems to be missing" in skipped.feedback
    halfway = two.check(round(sequence(0.4, [("compression_ultrasound", False)])[-1].after * 100, 2))
    assert "That is the probability after step 1" in halfway.feedback
    positive = get_question("prob_positive_1")  # 10 %, D-dimer positive: about 14 %
    as_odds = positive.chain()[-1].after / (1 - positive.chain()[-1].after) * 100
    assert positive.check(round(as_odds, 2)).misconceptions == ("odds_for_probability",)
    age = get_question("prob_age_1")
    standard = sequence(0.1, [("d_dimer", True, {"age_years": 75})])[-1].after * 100
    result = age.check(round(standard, 2))
    assert result.misconceptions == ("age_cut_off_ignored",) and "standard cut-off gives" in result.feedback


def test_percent_or_fraction_and_other_unreadable_answers():
    q = get_question("prob_positive_1")  # about 14 %
    fraction = q.check(round(q.key / 100, 4))
    assert fraction.status == "invalid" and "looks like a fraction" in fraction.feedback
    assert q.check("14,2").correct and q.check("14.2%").correct
    for bad in (-1, 150, "abc", True, float("nan"), "9" * 40, [14]):
        assert q.check(bad).status == "invalid", bad
    small = get_question("prob_first_1")  # about 1.2 %: 1.2 is a percentage here, not a fraction
    assert small.check(1.2).correct


def _bank07(tmp_path: Path, edit) -> Path:
    data = yaml.safe_load((questions_dir() / "07_reasoning_with_probability.yaml").read_text(encoding="utf-8"))
    q = next(q for q in data["questions"] if q["id"] == "prob_odds_2")
    edit(q)
    path = tmp_path / "07_reasoning_with_probability.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("edit, field, words", [
    (lambda q: q.update(pretest="dvt_maybe"), "pretest", "unknown category"),
    (lambda q: q.update(pretest=20), "pretest", "a fraction between 0 and 1"),
    (lambda q: q.update(pretest="case"), "pretest", "needs a 'case'"),
    (lambda q: q.update(steps=[["d_dimer", "maybe"]]), "steps", "step 1 must be"),
    (lambda q: q.update(steps=[["x_ray", "positive"]]), "steps", "no likelihood ratios"),
    (lambda q: q.update(steps=[["d_dimer", "negative", {"colour": "red"}]]), "steps", "context may only set"),
    (lambda q: q.update(tolerance=2.0), "tolerance", "too wide"),
    (lambda q: q.update(tolerance=0), "tolerance", "above 0"),
    (lambda q: q.update(answer=2.7), "answer", "do not store it"),
    (lambda q: q.update(prompt="The D-dimer has a sensitivity of {sens_9} %."), "prompt", "unknown figure {sens_9}"),
])
def test_a_broken_probability_question_is_refused_naming_the_field(tmp_path, edit, field, words):
    with pytest.raises(DataError) as err:
        load_bank_file(_bank07(tmp_path, edit))
    assert err.value.entry == "prob_odds_2" and err.value.field == field and words in str(err.value)


def test_question_texts_quote_the_figures_of_the_knowledge_base():
    q = get_question("prob_odds_2")
    lrs = q.steps[0].lrs()
    assert f"sensitivity {round(lrs.sensitivity * 100, 1):g} %" in q.prompt
    assert f"specificity {round(lrs.specificity * 100, 1):g} %" in q.prompt
    assert "{" not in q.prompt + q.hint_text + q.explanation
    assert f"about {round(q.key, 1):g} %" in q.explanation


def test_the_solution_works_the_odds_step_by_step():
    q = get_question("prob_repeat_2")
    text = q.solution()
    assert text.startswith(f"Answer: {probability.format_percent(q.key / 100)}")
    assert text.count("probability") >= 3 and "leg-vein ultrasound, negative (LR- " in text
    assert "D-dimer, positive (LR+ " in text
