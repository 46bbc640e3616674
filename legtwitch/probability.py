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
        # A non-default entry (e.g. PIOPED II for CTPA) says whose figures these are.
        note = "" if test_id == f"{acc.test}_{acc.target}" else f"figures of {acc.where}"
        return LikelihoodRatios(acc.test, acc.target, acc.sensitivity, acc.specificity, acc.source, note)
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
                                        f"{cut}; figures for ages {band.from_age} to {band.to_age}")
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
        text = f"{percent:.1f}"
        return (text[:-2] if text.endswith(".0") else text) + " %"
    return f"{percent:.0f} %"


__all__ = ["ProbabilityError", "PreTest", "LikelihoodRatios", "ProbabilityStep", "post_test_probability",
           "pretest_probability", "likelihood_ratios", "sequence", "odds", "probability_from_odds",
           "check_probability", "test_threshold", "format_percent", "AGE_ADJUSTED_FROM"]


# -- what the next tests would do, for a triage result --------------------------------------------

@dataclass(frozen=True)
class OutlookStep:
    """One test of the leading pathway: the probability it starts from and where each result leads."""

    test: str
    condition: str  # "" for the first test, else e.g. "after a positive D-dimer"
    start: float
    if_negative: float
    if_positive: float
    source: tuple[str, ...]
    note: str = ""

    def to_dict(self) -> dict:
        return {"test": self.test, "condition": self.condition, "start": self.start,
                "if_negative": self.if_negative, "if_positive": self.if_positive,
                "source": list(self.source), "note": self.note}


@dataclass(frozen=True)
class ProbabilityOutlook:
    """The pre-test probability of the leading clot pathway and what each next test would do."""

    target: str
    pretest: PreTest
    steps: tuple[OutlookStep, ...]
    threshold: float

    def to_dict(self) -> dict:
        return {"target": self.target, "pretest": self.pretest.to_dict(), "steps": [s.to_dict() for s in self.steps],
                "test_threshold": self.threshold}


#: For each adult clot pathway: the pre-test category, the target, and the tests in order, each
#: continuing from the first test's result that leads to it (NICE NG158).
_PLANS = {
    "dvt_unlikely": ("dvt_unlikely", "dvt", (("d_dimer", None), ("compression_ultrasound", True))),
    "dvt_likely": ("dvt_likely", "dvt", (("compression_ultrasound", None), ("d_dimer", False))),
    "pe_unlikely": ("pe_unlikely", "pe", (("d_dimer", None), ("ctpa", True))),
    "pe_likely": ("pe_likely", "pe", (("ctpa", None),)),
}


def outlook(pathway_id: str, age_years: int | None = None) -> ProbabilityOutlook | None:
    """Probabilities along an adult clot pathway (``None`` for any other pathway).

    Over 50, the D-dimer uses the age-adjusted cut-off that NICE NG158 suggests considering.
    """
    if pathway_id not in _PLANS:
        return None
    from .words import test_name
    category, target, plan = _PLANS[pathway_id]
    pre = pretest_probability(category)
    adjusted = age_years is not None and age_years >= AGE_ADJUSTED_FROM
    steps: list[OutlookStep] = []
    start = pre.value
    for test, after_positive in plan:
        if after_positive is not None:
            first = steps[0]
            start = first.if_positive if after_positive else first.if_negative
        context: dict = {"target": target}
        if test == "d_dimer" and adjusted:
            context.update(age_years=age_years, age_adjusted=True)
        lrs = likelihood_ratios(test, **context)
        first_name = test_name(steps[0].test).split(" (")[0] if steps else ""
        if first_name[1:2].islower():
            first_name = first_name[0].lower() + first_name[1:]
        condition = "" if after_positive is None else \
            f"after a {'positive' if after_positive else 'negative'} {first_name}"
        steps.append(OutlookStep(test, condition, start, post_test_probability(start, lrs.negative),
                                 post_test_probability(start, lrs.positive), lrs.source, lrs.note))
    return ProbabilityOutlook(target, pre, tuple(steps), test_threshold())


def worked(pre: float | PreTest, steps: Iterable[tuple]) -> str:
    """The calculation written out, step by step, the way a student should do it on paper:
    probability to odds, times the likelihood ratio, odds back to probability."""
    from .words import test_name
    steps = tuple(steps)
    p0 = pre.value if isinstance(pre, PreTest) else pre
    lines = [f"Before testing: probability {format_percent(p0)}, odds {odds(p0):.3g} to 1."]
    for step in sequence(p0, steps):
        result = "positive" if step.positive else "negative"
        o_after = step.before / (1 - step.before) * step.lr
        lines.append(f"{test_name(step.test)} {result}: likelihood ratio {step.lr:.3g}; "
                     f"odds {odds(step.before):.3g} x {step.lr:.3g} = {o_after:.3g}; "
                     f"probability {o_after:.3g} / (1 + {o_after:.3g}) = {format_percent(step.after)}"
                     + (f" ({step.note})" if step.note else "") + ".")
    final = sequence(p0, steps)[-1].after if steps else p0
    lines.append(f"Below the test threshold of {format_percent(test_threshold())}: "
                 + ("yes, a clot counts as excluded." if final < test_threshold() else "no, not excluded yet."))
    return "\n".join(lines)


__all__ += ["OutlookStep", "ProbabilityOutlook", "outlook", "worked"]

# -- what went wrong in an estimate ------------------------------------------------------------

#: How close (in percentage points) an estimate must be to a typical wrong calculation to be
#: called that mistake. Tighter than the ±2 points that count as right, so that a right answer
#: is never mistaken for a wrong method.
MISTAKE_TOLERANCE_POINTS = 1.0


def likely_mistake(estimate_percent: float, pre: float | PreTest, steps: Iterable[tuple]) -> str | None:
    """Name the usual wrong step that produces ``estimate_percent``, or None.

    Checked: multiplying the *probability* (not the odds) by the likelihood ratio; using the
    likelihood ratio of the other result (LR+ for a negative test or the reverse); and leaving
    the probability where it was (the test changes nothing). Used by the estimate-first
    questions and the numeric quiz feedback, so that a student learns which step to redo.
    """
    p0 = check_probability(pre.value if isinstance(pre, PreTest) else pre, "the pre-test probability")
    steps = tuple(steps)
    right = sequence(p0, steps)
    target = right[-1].after * 100 if right else p0 * 100
    if abs(estimate_percent - target) <= 2:
        return None
    candidates = []
    naive = p0
    for step in right:
        naive *= step.lr
    candidates.append((min(naive, 1.0) * 100, "you multiplied the probability by the likelihood ratio; "
                       "convert to odds first (odds = p / (1 - p)), multiply, then convert back"))
    flipped = sequence(p0, [(s[0], not s[1], *s[2:]) for s in steps])
    candidates.append((flipped[-1].after * 100, "you used the likelihood ratio of the other result: "
                       "a negative test uses LR- (below 1), a positive test LR+ (above 1)"))
    candidates.append((p0 * 100, "you left the probability where it was: the test result changes the odds "
                       "by its likelihood ratio"))
    for value, message in candidates:
        if abs(estimate_percent - value) <= MISTAKE_TOLERANCE_POINTS and abs(value - target) > 2:
            return message
    return None


__all__ += ["likely_mistake"]
