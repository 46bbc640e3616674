"""Feedback on a student's committed decision, weighed as a clinician weighs errors.

The student commits to a triage level, up to three causes (ranked), a first test, a pre-test
probability of a clot (where they suspect one) and a one-line reason; ``assess`` compares that
with ``triage()`` and scores each part. The scoring table (``SCORING_TABLE``, also printed in
notebook 07 and the docs) follows one principle: a missed danger costs more than a cautious
extra step.

- **Level.** The engine's level: +4. One level higher (over-triage): +1, noted as a cost (an
  earlier visit or a test the person did not need). Two or more higher: 0. One level lower
  (**under-triage**): −4, called out as the dangerous error; two or more lower: −8.
- **Causes.** The engine's leading cause among your three: +2. Each other cause on the engine's
  list that the findings point to and that you name: +1 (at most +2). Each **must-not-miss** cause the findings point to
  (a clot in the leg or lung, a first seizure, motor neurone disease) that you leave out: −3,
  flagged above every other miss.
- **First test.** The engine's first test: +2. A test where none is needed: 0 (a cost). No test
  where one is needed: −2. Another test: 0.
- **Pre-test probability** (only where the engine has one: an adult with a suspected clot):
  within 10 percentage points of the Wells category's pre-test probability: +1.
- **Reason.** Not scored: it is shown beside the engine's reasons for the student to compare.

The score of a case is the sum; its maximum is what a fully right answer would earn. Every part
of the feedback names the teaching section to go back to.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from .errors import LegtwitchError, short_repr
from .knowledge import load_knowledge
from .levels import TriageLevel
from .result import TriageResult

#: Points per outcome (see the module docstring); a test prints this table in the docs.
POINTS = {
    "level_right": 4, "level_over_1": 1, "level_over_2": 0, "level_under_1": -4, "level_under_2": -8,
    "top_cause": 2, "other_cause": 1, "other_cause_max": 2, "missed_must_not_miss": -3,
    "test_right": 2, "test_not_needed": 0, "test_missing": -2, "test_other": 0,
    "pretest_close": 1,
}
PART_NAMES = {"level": "Level", "causes": "Causes", "first_test": "First test", "pretest": "Pre-test probability",
              "reason": "Reason"}
#: How close (in percentage points) a pre-test estimate must be to earn its point.
PRETEST_TOLERANCE_POINTS = 10.0
MAX_CAUSES = 3
MAX_REASON_CHARS = 300

SCORING_TABLE = (
    ("Level", "the engine's level", POINTS["level_right"]),
    ("Level", "one level higher (over-triage: a cost)", POINTS["level_over_1"]),
    ("Level", "two or more levels higher", POINTS["level_over_2"]),
    ("Level", "one level lower (under-triage: dangerous)", POINTS["level_under_1"]),
    ("Level", "two or more levels lower (under-triage: dangerous)", POINTS["level_under_2"]),
    ("Causes", "the engine's leading cause among your three", POINTS["top_cause"]),
    ("Causes", "each other cause on the engine's list that the findings point to (at most +2)",
     POINTS["other_cause"]),
    ("Causes", "each must-not-miss cause the findings point to that you leave out", POINTS["missed_must_not_miss"]),
    ("First test", "the engine's first test", POINTS["test_right"]),
    ("First test", "a test where none is needed (a cost)", POINTS["test_not_needed"]),
    ("First test", "no test where one is needed", POINTS["test_missing"]),
    ("First test", "another test", POINTS["test_other"]),
    ("Pre-test probability", f"within {PRETEST_TOLERANCE_POINTS:g} points of the Wells category's (adults with a "
                             "suspected clot)", POINTS["pretest_close"]),
    ("Reason", "not scored: compare it with the engine's reasons", 0),
)

#: Where to go back to for each kind of error: (notebook file, section heading).
TEACHING_LINKS = {
    "under_triage": ("05_triage_cases.ipynb", "How the engine decides"),
    "over_triage": ("05_triage_cases.ipynb", "How the engine decides"),
    "dvt": ("01_thrombosis_warning_signs.ipynb", "1. What a leg-vein clot feels like"),
    "pulmonary_embolism": ("01_thrombosis_warning_signs.ipynb", "6. When urgent becomes an emergency: a clot in the lungs"),
    "epilepsy": ("02_why_legs_twitch.ipynb", "5. Epilepsy: jerks that come from the brain"),
    "motor_neuron_disease": ("04_diagnosis.ipynb", "4. Benign fasciculations or motor neurone disease?"),
    "causes": ("02_why_legs_twitch.ipynb", "2. How the causes are ranked"),
    "first_test": ("04_diagnosis.ipynb", "3. In which order?"),
    "pretest": ("06_reasoning_with_probability.ipynb", "1. A Wells category is a probability"),
}


class CommitError(LegtwitchError, ValueError):
    """A commitment that cannot be scored (unknown level, cause or test): one line."""


@dataclass(frozen=True)
class Commitment:
    """What the student committed to, validated (ids; the widget shows plain names)."""

    level: TriageLevel
    causes: tuple[str, ...] = ()
    first_test: str | None = None
    pretest: float | None = None  # percent, 0-100
    reason: str = ""

    def to_dict(self) -> dict:
        return {"level": self.level.value, "causes": list(self.causes), "first_test": self.first_test,
                "pretest": self.pretest, "reason": self.reason}


def commitment(level: Any, causes: Iterable[Any] = (), first_test: Any = None, pretest: Any = None,
               reason: Any = "") -> Commitment:
    """Validate a commitment; anything unusable is a one-line ``CommitError`` naming the part."""
    kb = load_knowledge()
    try:
        lvl = TriageLevel.parse(level)
    except ValueError:
        raise CommitError(f"level: got {short_repr(level)}; allowed: "
                          + ", ".join(l.value for l in TriageLevel)) from None
    if isinstance(causes, (str, bytes)) or not isinstance(causes, (list, tuple)):
        raise CommitError(f"causes: give a list of up to {MAX_CAUSES} cause ids, got {short_repr(causes)}")
    chosen = tuple(c for c in causes if c not in (None, ""))
    if len(chosen) > MAX_CAUSES:
        raise CommitError(f"causes: at most {MAX_CAUSES}, got {len(chosen)}")
    for c in chosen:
        if not isinstance(c, str) or c not in kb.causes:
            raise CommitError(f"causes: unknown cause {short_repr(c)}; known: " + ", ".join(kb.causes))
    if len(set(chosen)) != len(chosen):
        raise CommitError("causes: a cause is named twice")
    if first_test in ("", "none"):
        first_test = None
    if first_test is not None and (not isinstance(first_test, str) or first_test not in kb.tests):
        raise CommitError(f"first_test: unknown test {short_repr(first_test)}; known: none, " + ", ".join(kb.tests))
    if pretest is not None:
        if isinstance(pretest, bool) or not isinstance(pretest, (int, float)) or not 0 <= pretest <= 100:
            raise CommitError(f"pretest: a percentage from 0 to 100 (or leave it out), got {short_repr(pretest)}")
        pretest = float(pretest)
    if not isinstance(reason, str):
        raise CommitError(f"reason: give one line of text, got {short_repr(reason)}")
    reason = " ".join(reason.split())
    if len(reason) > MAX_REASON_CHARS:
        raise CommitError(f"reason: one line, at most {MAX_REASON_CHARS} characters, got {len(reason)}")
    return Commitment(lvl, chosen, first_test, pretest, reason)


@dataclass(frozen=True)
class PartFeedback:
    """Feedback on one part of the commitment."""

    part: str          # "level", "causes", "first_test", "pretest", "reason"
    verdict: str       # "right", "close", "cost", "wrong", "dangerous", "missed", "not scored"
    points: int
    max_points: int
    message: str
    link: tuple[str, str] | None = None  # (notebook, section) to go back to

    def to_dict(self) -> dict:
        return {"part": self.part, "verdict": self.verdict, "points": self.points, "max_points": self.max_points,
                "message": self.message, "link": list(self.link) if self.link else None}


@dataclass(frozen=True)
class Feedback:
    """The engine's answer next to the student's, part by part, with the case's score."""

    case_id: str
    committed: Commitment
    result: TriageResult
    parts: tuple[PartFeedback, ...]
    missed_must_not_miss: tuple[str, ...] = field(default=())

    @property
    def engine_level(self) -> TriageLevel:
        return self.result.level

    @property
    def level_correct(self) -> bool:
        return self.committed.level is self.result.level

    @property
    def under_triage(self) -> bool:
        """The dangerous error: a lower level than the engine's."""
        return self.committed.level < self.result.level

    @property
    def over_triage(self) -> bool:
        return self.committed.level > self.result.level

    @property
    def first_test_correct(self) -> bool:
        return self.committed.first_test == self.result.first_test

    @property
    def score(self) -> int:
        return sum(p.points for p in self.parts)

    @property
    def max_score(self) -> int:
        return sum(p.max_points for p in self.parts)

    def part(self, name: str) -> PartFeedback:
        return next(p for p in self.parts if p.part == name)

    def text(self) -> str:
        """The feedback as plain text (what nbval compares; the widget shows the same in HTML)."""
        from .words import cause_name
        lines = []
        if self.under_triage:
            lines.append(f"UNDER-TRIAGE: you chose {self.committed.level.label}, the engine says "
                         f"{self.result.level.label}. This is the dangerous error.")
        for name in self.missed_must_not_miss:
            lines.append(f"MISSED A MUST-NOT-MISS CAUSE: {cause_name(name)}.")
        for p in self.parts:
            mark = "" if p.verdict == "not scored" else f" [{p.points:+d} of {p.max_points}]"
            go = f" (go back to: {p.link[1]}, {p.link[0]})" if p.link and p.verdict not in ("right", "not scored") else ""
            lines.append(f"{PART_NAMES[p.part]}: {p.message}{mark}{go}")
        lines.append(f"Score for this case: {self.score} of {self.max_score}")
        return "\n".join(lines)

    def to_dict(self) -> dict:
        return {"case_id": self.case_id, "committed": self.committed.to_dict(), "engine_level": self.result.level.value,
                "engine_first_test": self.result.first_test, "level_correct": self.level_correct,
                "under_triage": self.under_triage, "over_triage": self.over_triage,
                "missed_must_not_miss": list(self.missed_must_not_miss), "score": self.score,
                "max_score": self.max_score, "parts": [p.to_dict() for p in self.parts]}


def _level_part(c: Commitment, r: TriageResult) -> PartFeedback:
    diff = c.level.rank - r.level.rank
    you, engine = c.level.label, r.level.label
    if diff == 0:
        return PartFeedback("level", "right", POINTS["level_right"], POINTS["level_right"], f"{you}: right.")
    if diff > 0:
        pts = POINTS["level_over_1"] if diff == 1 else POINTS["level_over_2"]
        return PartFeedback("level", "cost", pts, POINTS["level_right"],
                            f"{you}, the engine says {engine}: over-triage. Safe, but it costs the person an "
                            "earlier visit or a test they did not need.", TEACHING_LINKS["over_triage"])
    pts = POINTS["level_under_1"] if diff == -1 else POINTS["level_under_2"]
    return PartFeedback("level", "dangerous", pts, POINTS["level_right"],
                        f"{you}, the engine says {engine}: under-triage, the dangerous error. The person "
                        "would wait when they should not.", TEACHING_LINKS["under_triage"])


def _causes_part(c: Commitment, r: TriageResult) -> tuple[PartFeedback, tuple[str, ...]]:
    from .words import cause_name
    engine = [m.id for m in r.likely_causes]
    top3 = engine[:MAX_CAUSES]
    in_play_must = [m.id for m in r.likely_causes if m.must_not_miss and m.evidence]
    missed = tuple(m for m in in_play_must if m not in c.causes)
    # Other causes count only when the findings point to them (not the "no trigger found" fallback
    # or a must-not-miss cause listed as a reminder without any finding).
    others = [m.id for m in r.likely_causes[1:] if m.evidence]
    max_pts = POINTS["top_cause"] + min(POINTS["other_cause_max"], len(others) * POINTS["other_cause"])
    pts = 0
    notes = []
    if top3 and top3[0] in c.causes:
        pts += POINTS["top_cause"]
        notes.append(f"you named the leading cause, {cause_name(top3[0])}")
    elif top3:
        notes.append(f"the engine's leading cause is {cause_name(top3[0])}")
    named_others = [x for x in others if x in c.causes]
    pts += min(POINTS["other_cause_max"], len(named_others) * POINTS["other_cause"])
    if named_others:
        notes.append("also on the engine's list: " + ", ".join(cause_name(x) for x in named_others))
    elif others:
        notes.append("other causes the findings point to: " + ", ".join(cause_name(x) for x in others[:3]))
    pts += POINTS["missed_must_not_miss"] * len(missed)
    if missed:
        notes.append("must not miss: " + ", ".join(cause_name(x) for x in missed))
    if not c.causes:
        notes.append("you named no cause")
    verdict = "missed" if missed else "right" if pts == max_pts else "close" if pts > 0 else "wrong"
    link = TEACHING_LINKS.get(missed[0], TEACHING_LINKS["causes"]) if missed else TEACHING_LINKS["causes"]
    engine_list = ", ".join(cause_name(x) for x in top3) or "none"
    message = "; ".join(notes) + f". The engine ranks: {engine_list}."
    return PartFeedback("causes", verdict, pts, max_pts, message[0].upper() + message[1:], link), missed


def _test_part(c: Commitment, r: TriageResult) -> PartFeedback:
    from .words import test_name
    engine = r.first_test
    right = POINTS["test_right"]
    you = test_name(c.first_test) if c.first_test else "no test"
    if c.first_test == engine:
        return PartFeedback("first_test", "right", right, right,
                            f"{you}: right." if engine else "No test needed: right.")
    link = TEACHING_LINKS["first_test"]
    if engine is None:
        return PartFeedback("first_test", "cost", POINTS["test_not_needed"], right,
                            f"{you}, but nothing here calls for a test: a cost without a gain.", link)
    if c.first_test is None:
        return PartFeedback("first_test", "missed", POINTS["test_missing"], right,
                            f"No test, but the engine's first test is {test_name(engine)}: the work-up is missed.", link)
    return PartFeedback("first_test", "wrong", POINTS["test_other"], right,
                        f"{you}; the engine's first test is {test_name(engine)}.", link)


def _pretest_part(c: Commitment, r: TriageResult) -> PartFeedback | None:
    from .probability import format_percent
    if r.probability is None:
        if c.pretest is None:
            return None
        return PartFeedback("pretest", "not scored", 0, 0,
                            f"You estimated {c.pretest:g} %; no Wells category applies here, so there is no "
                            "published pre-test probability to compare with.")
    pre = r.probability.pretest
    engine = pre.value * 100
    link = TEACHING_LINKS["pretest"]
    if c.pretest is None:
        return PartFeedback("pretest", "missed", 0, POINTS["pretest_close"],
                            f"A clot is suspected here: the category is {pre.label}, about {format_percent(pre.value)}.",
                            link)
    gap = c.pretest - engine
    if abs(gap) <= PRETEST_TOLERANCE_POINTS:
        return PartFeedback("pretest", "right", POINTS["pretest_close"], POINTS["pretest_close"],
                            f"{c.pretest:g} %: close to {pre.label}, about {format_percent(pre.value)}.")
    return PartFeedback("pretest", "wrong", 0, POINTS["pretest_close"],
                        f"{c.pretest:g} %: {abs(gap):.0f} points too {'high' if gap > 0 else 'low'}; "
                        f"{pre.label} is about {format_percent(pre.value)}.", link)


def _reason_part(c: Commitment, r: TriageResult) -> PartFeedback:
    engine = r.reasons[0].name
    if not c.reason:
        return PartFeedback("reason", "not scored", 0, 0, f"You gave no reason. The engine's strongest: {engine}.")
    return PartFeedback("reason", "not scored", 0, 0, f"Yours: \"{c.reason}\". The engine's strongest: {engine}.")


def assess(case_id: str, committed: Commitment, result: TriageResult) -> Feedback:
    """Score ``committed`` against the engine's ``result`` for one case."""
    causes, missed = _causes_part(committed, result)
    parts = [_level_part(committed, result), causes, _test_part(committed, result)]
    pre = _pretest_part(committed, result)
    if pre is not None:
        parts.append(pre)
    parts.append(_reason_part(committed, result))
    return Feedback(case_id, committed, result, tuple(parts), missed)


@dataclass(frozen=True)
class SessionSummary:
    """Totals over a session's committed cases, with the errors that matter most first."""

    feedback: tuple[Feedback, ...]

    @property
    def score(self) -> int:
        return sum(f.score for f in self.feedback)

    @property
    def max_score(self) -> int:
        return sum(f.max_score for f in self.feedback)

    @property
    def under_triaged(self) -> tuple[str, ...]:
        return tuple(f.case_id for f in self.feedback if f.under_triage)

    @property
    def missed_must_not_miss(self) -> tuple[tuple[str, str], ...]:
        return tuple((f.case_id, m) for f in self.feedback for m in f.missed_must_not_miss)

    def text(self, names: dict[str, str] | None = None) -> str:
        from .words import cause_name
        names = names or {}
        n = len(self.feedback)
        if not n:
            return "No case committed yet."
        right = sum(f.level_correct for f in self.feedback)
        lines = [f"{n} case{'s' if n != 1 else ''} committed; level right in {right}; score {self.score} of {self.max_score}."]
        if self.under_triaged:
            lines.append("Under-triage (dangerous) in: " + ", ".join(names.get(c, c) for c in self.under_triaged)
                         + f". Go back to: {TEACHING_LINKS['under_triage'][1]} ({TEACHING_LINKS['under_triage'][0]}).")
        if self.missed_must_not_miss:
            lines.append("Must-not-miss causes left out: " + "; ".join(
                f"{cause_name(m)} in {names.get(c, c)}" for c, m in self.missed_must_not_miss) + ".")
            for m in dict.fromkeys(m for _c, m in self.missed_must_not_miss):
                nb, section = TEACHING_LINKS.get(m, TEACHING_LINKS["causes"])
                lines.append(f"  Go back to: {section} ({nb}).")
        over = [f.case_id for f in self.feedback if f.over_triage]
        if over:
            lines.append("Over-triage (a cost) in: " + ", ".join(names.get(c, c) for c in over) + ".")
        tests = [f.case_id for f in self.feedback if not f.first_test_correct]
        if tests:
            lines.append("First test differs in: " + ", ".join(names.get(c, c) for c in tests)
                         + f". Go back to: {TEACHING_LINKS['first_test'][1]} ({TEACHING_LINKS['first_test'][0]}).")
        return "\n".join(lines)


def scoring_table_markdown() -> str:
    rows = "\n".join(f"| {part} | {what} | {pts:+d} |" for part, what, pts in SCORING_TABLE)
    return "| part | outcome | points |\n|---|---|---|\n" + rows


__all__ = ["POINTS", "SCORING_TABLE", "TEACHING_LINKS", "CommitError", "Commitment", "Feedback", "PartFeedback",
           "SessionSummary", "assess", "commitment", "scoring_table_markdown"]

