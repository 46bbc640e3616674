"""Reasoning with probabilities: pre-test probability, likelihood ratios, post-test probability.

Standard library only; pure functions. A Wells category is a pre-test probability; a test
result multiplies the *odds* (not the probability) by its likelihood ratio; a pathway stops
when the probability falls below the test threshold. Every number comes from knowledge.yaml
with its source: likelihood ratios are derived here from the stored sensitivity and
specificity, never typed in.

    >>> from legtwitch.probability import post_test_probability
    >>> round(post_test_probability(0.10, 0.109), 3)
    0.012
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Iterable

from .errors import LegtwitchError, short_repr
from .knowledge import Accuracy, PretestEntry, load_knowledge


class ProbabilityError(LegtwitchError):
    """A probability, likelihood ratio or test that cannot be used (one line naming what is wrong)."""


def _number(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ProbabilityError(f"{what} must be a number, got {short_repr(value)}")
    try:
        number = float(value)
    except OverflowError:
        raise ProbabilityError(f"{what} is too large: {short_repr(value)}") from None
    if not math.isfinite(number):
        raise ProbabilityError(f"{what} must be a finite number, got {short_repr(value)}")
    return number


def check_probability(value: Any, what: str = "a probability") -> float:
    """``value`` as a float strictly between 0 and 1 (0 and 1 would make odds meaningless)."""
    p = _number(value, what)
    if not 0 < p < 1:
        raise ProbabilityError(f"{what} must be between 0 and 1 (not 0 or 1 itself), got {short_repr(value)}")
    return p


def odds(p: float) -> float:
    """Odds for a probability: p / (1 - p)."""
    p = check_probability(p)
    return p / (1 - p)


def probability_from_odds(o: float) -> float:
    """Probability for odds: o / (1 + o)."""
    o = _number(o, "odds")
    if o < 0:
        raise ProbabilityError(f"odds must be 0 or more, got {short_repr(o)}")
    return o / (1 + o)


def post_test_probability(pre: float, lr: float) -> float:
    """Bayes in odds form: post-test odds = pre-test odds x likelihood ratio.

    ``ValueError`` (a ``ProbabilityError``) unless 0 < pre < 1 and lr > 0.
    """
    pre = check_probability(pre, "the pre-test probability")
    lr = _number(lr, "the likelihood ratio")
    if lr <= 0:
        raise ProbabilityError(f"the likelihood ratio must be above 0, got {short_repr(lr)}")
    o = pre / (1 - pre) * lr
    return o / (1 + o)


# -- pre-test probability ----------------------------------------------------------------------

@dataclass(frozen=True)
class PreTest:
    """A pre-test probability: ``value`` (0-1), the published interval where there is one."""

    id: str
    label: str
    value: float
    low: float | None
    high: float | None
    source: tuple[str, ...]
    text: str = ""
    derived: bool = False

    def to_dict(self) -> dict:
        return {"id": self.id, "label": self.label, "value": self.value, "low": self.low, "high": self.high,
                "source": list(self.source), "derived": self.derived}


def _pretest(entry: PretestEntry) -> PreTest:
    return PreTest(entry.id, entry.label, entry.value, entry.low, entry.high, entry.source, entry.text, entry.derived)


def pretest_probability(x: Any) -> PreTest:
    """The pre-test probability for a DVT ``WellsScore``, a ``PEWellsScore`` or a category id
    (``dvt_likely``, ``dvt_unlikely``, ``pe_likely``, ``pe_unlikely``, ``dvt_1997_low``, ...)."""
    from .pe_wells import PEWellsScore
    from .wells import WellsScore
    kb = load_knowledge()
    if isinstance(x, WellsScore):
        key = f"dvt_{x.category}"
    elif isinstance(x, PEWellsScore):
        key = f"pe_{x.category}"
    elif isinstance(x, str):
        key = x
    else:
        raise ProbabilityError(f"give a Wells score or a category id, not {short_repr(x)}; "
                               f"categories: {', '.join(kb.pretest)}")
    if key not in kb.pretest:
        raise ProbabilityError(f"unknown category {short_repr(key)}; known: {', '.join(kb.pretest)}")
    return _pretest(kb.pretest[key])


# -- likelihood ratios --------------------------------------------------------------------------

@dataclass(frozen=True)
class LikelihoodRatios:
    """LR+ and LR- of a test for a target, derived from sensitivity and specificity."""

    test: str
    target: str
    sensitivity: float
    specificity: float
    source: tuple[str, ...]
    note: str = ""

    @property
    def positive(self) -> float:
        return self.sensitivity / (1 - self.specificity)

    @property
    def negative(self) -> float:
        return (1 - self.sensitivity) / self.specificity

    def for_result(self, positive: bool) -> float:
        return self.positive if positive else self.negative

    def to_dict(self) -> dict:
        return {"test": self.test, "target": self.target, "sensitivity": self.sensitivity,
                "specificity": self.specificity, "positive": self.positive, "negative": self.negative,
                "source": list(self.source), "note": self.note}


_DEFAULT_TARGET = {"d_dimer": "dvt", "compression_ultrasound": "dvt", "ctpa": "pe"}
AGE_ADJUSTED_FROM = 51  # NICE NG158: consider an age-adjusted D-dimer cut-off for people over 50


def _accuracy(test_id: str, target: str) -> Accuracy:
    """The module's default accuracy figures for a test and target (entry ``<test>_<target>``)."""
    kb = load_knowledge()
    key = f"{test_id}_{target}"
    if key not in kb.test_accuracy:
        raise ProbabilityError(f"no accuracy figures for {test_id} as a test for {target}")
    return kb.test_accuracy[key]


def likelihood_ratios(test_id: str, *, target: str | None = None, age_years: int | None = None,
                      age_adjusted: bool = False) -> LikelihoodRatios:
    """Likelihood ratios of ``test_id`` for ``target`` (``dvt`` or ``pe``).

    ``test_id`` is a test (``d_dimer``, ``compression_ultrasound``, ``ctpa``) or an accuracy
    entry of knowledge.yaml (for example ``ctpa_pe_pioped``). For the D-dimer, ``age_years``
    over 50 uses the accuracy in that age band at the fixed cut-off, or at the age-adjusted
    cut-off with ``age_adjusted=True`` (Schouten 2013).
    """
    kb = load_knowledge()
    if not isinstance(test_id, str):
        raise ProbabilityError(f"give a test id as text, not {short_repr(test_id)}")
    if test_id in kb.test_accuracy:
        acc = kb.test_accuracy[test_id]
        if target is not None and target != acc.target:
            raise ProbabilityError(f"{test_id} is a test for {acc.target}, not {target}")
        return LikelihoodRatios(acc.test, acc.target, acc.sensitivity, acc.specificity, acc.source)
    if test_id not in _DEFAULT_TARGET:
        known = sorted({*(_DEFAULT_TARGET), *kb.test_accuracy})
        raise ProbabilityError(f"no likelihood ratios for {short_repr(test_id)}; known: {', '.join(known)}")
    target = target or _DEFAULT_TARGET[test_id]
    if target not in ("dvt", "pe"):
        raise ProbabilityError(f"target must be dvt or pe, got {short_repr(target)}")
    if age_adjusted and test_id != "d_dimer":
        raise ProbabilityError("only the D-dimer has an age-adjusted cut-off")
    if test_id == "d_dimer" and age_years is not None:
        age = _number(age_years, "age_years")
        if age >= AGE_ADJUSTED_FROM:
            band = next((b for b in kb.d_dimer_age_bands.values() if b.from_age <= age <= b.to_age), None)
            if band is not None:
                spec = band.adjusted_specificity if age_adjusted else band.fixed_specificity
                cut = "age-adjusted cut-off (age x 10)" if age_adjusted else "fixed cut-off"
                return LikelihoodRatios("d_dimer", target, band.sensitivity, spec, band.source,
                                        f"{cut}, ages {band.from_age}-{band.to_age}")
        elif age_adjusted:
            raise ProbabilityError(f"the age-adjusted cut-off applies over 50, not at {age:g}")
    acc = _accuracy(test_id, target)
    return LikelihoodRatios(acc.test, acc.target, acc.sensitivity, acc.specificity, acc.source)


# -- several tests in a row -------------------------------------------------------------------

@dataclass(frozen=True)
class ProbabilityStep:
    """One test in a pathway: the probability before, the result, the LR used, the probability after."""

    test: str
    positive: bool
    before: float
    lr: float
    after: float
    source: tuple[str, ...]
    note: str = ""

    def to_dict(self) -> dict:
        return {"test": self.test, "positive": self.positive, "before": self.before, "lr": self.lr,
                "after": self.after, "source": list(self.source), "note": self.note}


def sequence(pre: float | PreTest, steps: Iterable[tuple]) -> tuple[ProbabilityStep, ...]:
    """Each step's probability for tests done one after another.

    ``steps`` are ``(test_id, positive)`` or ``(test_id, positive, {context})`` where the
    context is passed to ``likelihood_ratios`` (for example ``{"target": "pe"}``). The tests
    are treated as independent given the disease, the usual teaching simplification.
    """
    p = check_probability(pre.value if isinstance(pre, PreTest) else pre, "the pre-test probability")
    out = []
    for i, step in enumerate(steps, 1):
        if not isinstance(step, (tuple, list)) or len(step) not in (2, 3):
            raise ProbabilityError(f"step {i} must be (test, positive) or (test, positive, context), got {short_repr(step)}")
        test_id, positive, *rest = step
        if not isinstance(positive, bool):
            raise ProbabilityError(f"step {i}: the result must be True (positive) or False (negative), got {short_repr(positive)}")
        context = rest[0] if rest else {}
        if not isinstance(context, dict):
            raise ProbabilityError(f"step {i}: the context must be a mapping, got {short_repr(context)}")
        try:
            lrs = likelihood_ratios(test_id, **context)
        except TypeError:
            raise ProbabilityError(f"step {i}: unknown context {', '.join(map(str, context))}; "
                                   "allowed: target, age_years, age_adjusted") from None
        lr = lrs.for_result(positive)
        after = post_test_probability(p, lr)
        out.append(ProbabilityStep(lrs.test, positive, p, lr, after, lrs.source, lrs.note))
        p = min(max(after, 1e-12), 1 - 1e-12)  # keep the next step's odds finite
    return tuple(out)


def test_threshold() -> float:
    """Below this post-test probability a clot counts as excluded (knowledge.yaml)."""
    return load_knowledge().probability_thresholds["test_threshold"].value


def format_percent(p: float) -> str:
    """A probability as students read it: '1.2 %', '14 %', 'under 0.1 %', 'over 99.9 %'."""
    percent = p * 100
    if percent < 0.1:
        return "under 0.1 %"
    if percent > 99.9:
        return "over 99.9 %"
    if percent < 10 or percent > 90:
        return f"{percent:.1f} %"
    return f"{percent:.0f} %"


__all__ = ["ProbabilityError", "PreTest", "LikelihoodRatios", "ProbabilityStep", "post_test_probability",
           "pretest_probability", "likelihood_ratios", "sequence", "odds", "probability_from_odds",
           "check_probability", "test_threshold", "format_percent", "AGE_ADJUSTED_FROM"]
