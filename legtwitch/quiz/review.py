"""The review queue: questions you got wrong (or looked up) come back, spaced out.

    from legtwitch.quiz import review
    rv = review()                    # reads my_results*.json/.csv and my_review*.json/.csv here
    rv.widget()                      # or rv[0].check(...), as in any exercise
    rv.export("my_review.json")      # the review answers join the schedule next time
    rv.schedule()                    # every question you have tried: its box and when it is due

**The schedule (Leitner boxes).** Every question you have answered sits in one of five boxes.
Its history decides the box, replayed in time order from box 1: a right answer moves it up one
box (at most box 5), a wrong answer sends it back to box 1. A question whose solution you
looked at counts its first right answer as a look-up, not as knowing it: it stays in box 1
until you answer it right again. A question is due this many days after your last answer
to it: box 1 at once, box 2 after 1 day, box 3 after 3 days, box 4 after 7 days, box 5 after
21 days. ``review()`` asks the due questions, lowest box first (most overdue first within a
box), at most ``limit`` of them.

**Nothing extra is stored.** The schedule is worked out from your results files each time
(the same files ``ex.export`` writes: atomic writes, merged and never overwritten, a clear
error for a corrupt file), so it survives a restart and needs no state of its own. Answers to
generated practice cases are not reviewed (their questions are not in the banks).

**JupyterLite.** Files you save there live in the browser's storage for that site. To keep
them, or move them to another computer, right-click the file in the file browser and choose
Download; to bring them back, use the file browser's Upload button, then call ``review()``.
"""
from __future__ import annotations

import glob
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable, Iterable

from ..display import Report
from ..errors import QuizError, ResultsFileError, short_repr
from . import results
from .bank import all_questions
from .exercise import Exercise
from .progress import _utc_now
from .questions import Question

BOXES = 5
#: Days from the last answer until a question in each box is due again.
INTERVAL_DAYS = {1: 0, 2: 1, 3: 3, 4: 7, 5: 21}
#: Where ``review()`` looks when given no file: the names the exercise notebooks suggest.
DEFAULT_PATTERNS = ("my_results*.json", "my_results*.csv", "my_review*.json", "my_review*.csv")
DEFAULT_LIMIT = 20
REVIEW_ID = "review"


def _time(stamp: str) -> datetime:
    t = datetime.fromisoformat(stamp)
    return t if t.tzinfo else t.replace(tzinfo=timezone.utc)


def leitner_box(attempts: Iterable[results.Attempt], looked_up: bool = False) -> int:
    """The box (1-5) a question's answers put it in (see the module docstring)."""
    box = 1
    discount = looked_up  # the first right answer after a look-up does not count
    for a in sorted(attempts, key=lambda a: _time(a.time)):
        if not a.correct:
            box = 1
        elif discount:
            discount, box = False, 1
        else:
            box = min(box + 1, BOXES)
    return box


@dataclass(frozen=True)
class Card:
    """One question in the schedule."""

    question: Question
    box: int
    last: datetime | None  # the last answer (None: only looked up)
    due: datetime
    answers: int
    wrong: int
    looked_up: bool

    def is_due(self, now: datetime) -> bool:
        return self.due <= now

    def line(self, now: datetime) -> str:
        when = "due now" if self.is_due(now) else f"due {self.due.date().isoformat()}"
        extra = ", solution looked at" if self.looked_up else ""
        return (f"box {self.box}  {when:<14}  {self.question.id} ({self.question.topic.title}; "
                f"{self.answers} answer(s), {self.wrong} wrong{extra})")


class Schedule:
    """Every question tried so far, with its Leitner box and when it is due."""

    def __init__(self, cards: Iterable[Card], now: datetime, files: Iterable[str] = (), skipped: int = 0):
        self.cards = tuple(sorted(cards, key=lambda c: (c.box, c.due, c.question.id)))
        self.now = now
        self.files = tuple(files)
        self.skipped = skipped

    def due(self) -> list[Card]:
        return [c for c in self.cards if c.is_due(self.now)]

    def text(self) -> str:
        head = (f"Review schedule on {self.now.date().isoformat()}: {len(self.cards)} question(s) tried, "
                f"{len(self.due())} due now.")
        if self.files:
            head += " From: " + ", ".join(self.files) + "."
        if self.skipped:
            head += f" {self.skipped} answer(s) to generated practice cases are not reviewed."
        counts = ", ".join(f"box {b}: {sum(1 for c in self.cards if c.box == b)}" for b in range(1, BOXES + 1))
        return "\n".join([head, counts, *(c.line(self.now) for c in self.cards)])

    def __str__(self) -> str:
        return self.text()

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        p.text(self.text())


def _paths(sources: tuple) -> list[Path]:
    patterns = sources or DEFAULT_PATTERNS
    out: list[Path] = []
    for src in patterns:
        if not isinstance(src, (str, Path)):
            raise QuizError(f"give results files as paths or patterns such as 'my_results*.json', "
                            f"not {short_repr(src)}")
        text = str(src)
        if glob.has_magic(text):
            out += [Path(p) for p in sorted(glob.glob(text))]
        else:
            out.append(Path(text))  # a missing file is a clear ResultsFileError when read
    unique = list(dict.fromkeys(out))
    if not unique:
        shown = ", ".join(str(p) for p in patterns)
        raise QuizError(f"no results files found ({shown}); save your answers first, for example "
                        'ex.export("my_results_01.json")')
    return unique


def read_history(*sources: str | Path) -> tuple[list[results.Attempt], set[str], list[str]]:
    """Every attempt and looked-up solution in the results files (paths or glob patterns;
    none: ``DEFAULT_PATTERNS`` in the current folder). A corrupt or foreign file is a one-line
    ``ResultsFileError`` naming it."""
    attempts: list[results.Attempt] = []
    viewed: set[str] = set()
    names = []
    for path in _paths(tuple(sources)):
        saved = results.read(path)
        attempts = results.merge(attempts, saved.attempts)
        viewed |= set(saved.solutions_viewed)
        names.append(path.name)
    return attempts, viewed, names


def build_schedule(attempts: Iterable[results.Attempt], viewed: Iterable[str], now: datetime,
                   files: Iterable[str] = ()) -> Schedule:
    questions = {q.id: q for q in all_questions()}
    by_question: dict[str, list[results.Attempt]] = {}
    skipped = 0
    for a in attempts:
        if a.question_id in questions:
            by_question.setdefault(a.question_id, []).append(a)
        else:
            skipped += 1
    viewed = {v for v in viewed if v in questions}
    cards = []
    for qid in sorted(set(by_question) | viewed):
        mine = sorted(by_question.get(qid, []), key=lambda a: _time(a.time))
        box = leitner_box(mine, qid in viewed)
        last = _time(mine[-1].time) if mine else None
        due = (last or now) + timedelta(days=INTERVAL_DAYS[box])
        cards.append(Card(questions[qid], box, last, due, len(mine), sum(1 for a in mine if not a.correct),
                          qid in viewed))
    return Schedule(cards, now, files, skipped)


def schedule(*sources: str | Path, now: datetime | None = None) -> Schedule:
    """The Leitner schedule of every question in your results files (see ``review``)."""
    now = _now(now)
    attempts, viewed, names = read_history(*sources)
    return build_schedule(attempts, viewed, now, names)


def _now(now: datetime | None) -> datetime:
    if now is None:
        return _utc_now()
    if not isinstance(now, datetime):
        raise QuizError(f"now must be a datetime, not {short_repr(now)}")
    return now if now.tzinfo else now.replace(tzinfo=timezone.utc)


class ReviewExercise(Exercise):
    """An exercise of the questions due for review; its answers join the schedule once exported."""

    def __init__(self, plan: Schedule, cards: list[Card], *, seed: int, repo_root: str,
                 history: tuple[list[results.Attempt], set[str]],
                 clock: Callable[[], datetime] = _utc_now):
        title = f"Review: {len(cards)} question(s) due on {plan.now.date().isoformat()}"
        super().__init__(REVIEW_ID, title, [c.question for c in cards], repo_root=repo_root,
                         order_seed=seed, clock=clock)
        self.plan = plan
        self._history = history
        self.progress.universe = frozenset(q.id for q in all_questions())

    def intro(self) -> Report:
        p = self.plan
        lines = [f"{self.title}: questions you got wrong or looked up come back first, then older ones "
                 "(Leitner boxes 1 to 5; box 1 is due at once, box 2 after 1 day, box 3 after 3, box 4 after 7, "
                 "box 5 after 21)."]
        if p.files:
            lines.append("Read from: " + ", ".join(p.files) + ".")
        if not self.questions:
            lines.append("Nothing is due now: well done. rv.schedule() shows when the next questions come back.")
        lines.append('Save your review answers with rv.export("my_review.json"): they move the questions between boxes.')
        return Report("\n".join(lines))

    def schedule(self) -> Schedule:
        """The schedule with this session's answers included (before or after exporting them)."""
        attempts = results.merge(self._history[0], self.progress.attempts)
        viewed = self._history[1] | self.progress.solutions_viewed
        return build_schedule(attempts, viewed, _now(self.progress._clock()), self.plan.files)

    def restore(self, path: str | Path) -> Report:
        raise ResultsFileError("a review is built from your results files: call review() again instead of restore()")


def review(*sources: str | Path, now: datetime | None = None, limit: int = DEFAULT_LIMIT, seed: int = 0,
           repo_root: str = "..") -> ReviewExercise:
    """A review exercise of the questions due in your saved progress.

    ``sources``: results files written by ``ex.export`` (paths or glob patterns such as
    ``"my_results_*.json"``); none: ``my_results*`` and ``my_review*`` (.json, .csv) in the
    current folder. ``limit``: at most this many questions (1 to 200). ``now``: the date to plan
    for (default: now). Errors are one line: ``QuizError`` for bad arguments or no files,
    ``ResultsFileError`` for a file that cannot be read.
    """
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= 200:
        raise QuizError(f"limit must be a whole number from 1 to 200, got {short_repr(limit)}")
    from ..generator import MAX_SEED
    if isinstance(seed, bool) or not isinstance(seed, int) or not -MAX_SEED <= seed <= MAX_SEED:
        raise QuizError(f"seed must be a whole number from -(2**63 - 1) to 2**63 - 1, got {short_repr(seed)}")
    when = _now(now)
    attempts, viewed, names = read_history(*sources)
    plan = build_schedule(attempts, viewed, when, names)
    due = plan.due()[:limit]
    return ReviewExercise(plan, due, seed=seed, repo_root=repo_root, history=(attempts, viewed),
                          clock=(lambda: when) if now is not None else _utc_now)


__all__ = ["BOXES", "INTERVAL_DAYS", "DEFAULT_PATTERNS", "Card", "Schedule", "ReviewExercise", "leitner_box",
           "read_history", "build_schedule", "schedule", "review"]
