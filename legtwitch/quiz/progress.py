"""Scoring and progress: every submitted answer is an attempt; exports for a lecturer.

An attempt is (question id, answer, correct, time). ``unanswered`` and ``invalid`` checks
are not attempts. The running score counts questions answered correctly at least once.
The summary keeps apart what was **got wrong** (a question not yet right, right only after a
retry, or whose solution was looked at) and what was **not tried yet**, each with the
teaching-notebook section to reread, and names the misconceptions behind the wrong answers
("You twice treated a positive D-dimer as proof of a clot").

Widgets ``subscribe`` to a progress so that their score also moves when an answer is checked
from a code cell.
"""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable

from ..errors import ResultsFileError, short_repr
from . import results
from .questions import CheckResult, Question, Topic
from .results import CSV_COLUMNS, Attempt  # noqa: F401  (public here since the first release)


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


class Progress:
    """Attempts on a fixed list of questions. ``clock`` is injectable for tests."""

    def __init__(self, questions: Iterable[Question], *, clock: Callable[[], datetime] = _utc_now):
        self.questions = tuple(questions)
        self._clock = clock
        self.attempts: list[Attempt] = []
        self.solutions_viewed: set[str] = set()
        self.meta: dict = {}  # exercise and seed, when loaded from a JSON results file
        #: Question ids a results file of this progress may hold (default: its own questions;
        #: a review exercise accepts every question of every bank).
        self.universe: frozenset[str] | None = None
        self._listeners: list[Callable[[], None]] = []

    def subscribe(self, listener: Callable[[], None]) -> None:
        """Call ``listener()`` after every change (an attempt, a solution looked at, a restore)."""
        self._listeners.append(listener)

    def _changed(self) -> None:
        for listener in list(self._listeners):
            try:
                listener()
            except Exception:  # a display that cannot update must never break a check
                pass

    def record(self, result: CheckResult) -> None:
        if result.answered:
            stamp = self._clock().astimezone(timezone.utc).replace(microsecond=0).isoformat()
            self.attempts.append(Attempt(result.question_id, result.answer, result.correct, stamp))
            self._changed()

    def viewed_solution(self, question_id: str) -> None:
        self.solutions_viewed.add(question_id)
        self._changed()

    def reset(self) -> None:
        self.attempts.clear()
        self.solutions_viewed.clear()
        self._changed()

    # -- scores ------------------------------------------------------------------------------
    def attempts_for(self, question_id: str) -> list[Attempt]:
        return [a for a in self.attempts if a.question_id == question_id]

    def solved(self) -> set[str]:
        return {a.question_id for a in self.attempts if a.correct}

    def first_try(self) -> set[str]:
        firsts: dict[str, bool] = {}
        for a in self.attempts:
            firsts.setdefault(a.question_id, a.correct)
        return {q for q, ok in firsts.items() if ok and q not in self.solutions_viewed}

    def score_line(self) -> str:
        n = len(self.questions)
        return (f"Score: {len(self.solved())} of {n} correct "
                f"({len(self.first_try())} at the first try; {len(self.attempts)} answer(s) submitted)")

    def tried(self) -> set[str]:
        """Questions answered at least once, or whose solution was looked at."""
        return {a.question_id for a in self.attempts} | set(self.solutions_viewed)

    def missed(self) -> list[str]:
        """Questions got wrong: not yet right, right only after a retry, or solution looked at."""
        solved, first, tried = self.solved(), self.first_try(), self.tried()
        return [q.id for q in self.questions if q.id in tried and (q.id not in solved or q.id not in first)]

    def not_tried(self) -> list[str]:
        tried = self.tried()
        return [q.id for q in self.questions if q.id not in tried]

    def _by_topic(self, qids: Iterable[str]) -> list[tuple[Topic, list[str]]]:
        wanted = set(qids)
        out: dict[str, tuple[Topic, list[str]]] = {}
        for q in self.questions:
            if q.id in wanted:
                out.setdefault(q.topic.id, (q.topic, []))[1].append(q.id)
        return list(out.values())

    def to_revisit(self) -> list[tuple[Topic, list[str]]]:
        """Topics with a question got wrong (not yet right, right only after a retry, or solution seen)."""
        return self._by_topic(self.missed())

    def not_tried_by_topic(self) -> list[tuple[Topic, list[str]]]:
        return self._by_topic(self.not_tried())

    def misconceptions(self) -> list[tuple[object, int, list[str]]]:
        """(misconception, how many wrong answers showed it, question ids), most frequent first."""
        from .misconceptions import load_misconceptions
        known = load_misconceptions()
        by_id = {q.id: q for q in self.questions}
        counts: dict[str, list[str]] = {}
        for a in self.attempts:
            q = by_id.get(a.question_id)
            if a.correct or q is None:
                continue
            try:
                tags = q.misconceptions_of(a.answer)
            except Exception:  # an answer saved by another version of the bank
                tags = ()
            for mid in tags:
                if mid in known:
                    counts.setdefault(mid, []).append(a.question_id)
        order = sorted(counts, key=lambda m: (-len(counts[m]), m))
        return [(known[m], len(counts[m]), list(dict.fromkeys(counts[m]))) for m in order]

    def misconception_lines(self) -> list[str]:
        from .misconceptions import times
        return [f"You {times(n)} {m.you} (questions: {', '.join(qids)}). What is right: {m.correction}"
                for m, n, qids in self.misconceptions()]

    def summary(self) -> str:
        lines = [self.score_line()]
        revisit, untried = self.to_revisit(), self.not_tried_by_topic()
        if not revisit and not untried:
            lines.append("Every question right at the first try: nothing to revisit.")
        elif not revisit:
            lines.append("Nothing got wrong so far.")
        else:
            lines.append("Got wrong (not yet right, right only after a retry, or solution looked at) - revisit:")
            for topic, qids in revisit:
                lines.append(f"  - {topic.title}: {topic.location()} (questions: {', '.join(qids)})")
        if untried:
            lines.append(f"Not tried yet ({len(self.not_tried())} question(s)):")
            for topic, qids in untried:
                lines.append(f"  - {topic.title}: {topic.location()} (questions: {', '.join(qids)})")
        traps = self.misconception_lines()
        if traps:
            lines.append("Misconceptions behind your wrong answers:")
            lines += [f"  - {t}" for t in traps]
        return "\n".join(lines)

    # -- exports -------------------------------------------------------------------------------
    def score(self) -> dict:
        return {"correct": len(self.solved()), "questions": len(self.questions), "first_try": len(self.first_try())}

    def to_json(self, **meta) -> str:
        return results.render_json(self.attempts, score=self.score(), solutions_viewed=self.solutions_viewed, **meta)

    def to_csv(self) -> str:
        return results.render_csv(self.attempts)

    def export(self, path: str | Path, **meta) -> "ExportSummary":
        """Save the attempts to ``path`` (``.json`` or ``.csv``, by the suffix), never losing any.

        If ``path`` already holds legtwitch results of the same exercise, both are merged by
        question id and attempt time (identical attempts once); a file that is anything else
        is refused with ``ResultsFileError`` and left unchanged. The file is replaced
        atomically (temporary file, then rename): a failed write leaves the earlier file intact.
        """
        path = Path(path)
        kind = results.kind_of(path)
        earlier: results.ResultsFile | None = None
        if path.exists() or path.is_symlink():
            if not path.is_file():
                raise ResultsFileError(f"cannot save to {path}: it is not a file")
            earlier = results.read(path)
            self._check_same_exercise(earlier, meta)
        attempts = results.merge(earlier.attempts if earlier else (), self.attempts)
        viewed = set(self.solutions_viewed) | set(earlier.solutions_viewed if earlier else ())
        merged = Progress(self.questions, clock=self._clock)
        merged.attempts, merged.solutions_viewed = attempts, viewed
        text = merged.to_json(**meta) + "\n" if kind == "json" else merged.to_csv()
        results.write_atomic(path, text)
        before = len(earlier.attempts) if earlier else 0
        return ExportSummary(path, saved=len(attempts) - before, earlier=before, total=len(attempts),
                             merged=earlier is not None)

    def _check_same_exercise(self, earlier: "results.ResultsFile", meta: dict) -> None:
        """Refuse to merge the results of another exercise (or another practice seed)."""
        name = earlier.path.name
        for key in ("exercise", "seed"):
            theirs, ours = getattr(earlier, key), meta.get(key)
            if theirs is not None and theirs != ours:
                raise ResultsFileError(f"{name} holds the results of {key} {short_repr(theirs)}, not {ours!r}; "
                                       "save to another file (it was left unchanged)")
        known = self.universe if self.universe is not None else {q.id for q in self.questions}
        if known:
            strangers = sorted({a.question_id for a in earlier.attempts} - known)
            if strangers:
                raise ResultsFileError(f"{name} holds answers to questions that are not in this exercise "
                                       f"(e.g. {strangers[0]!r}); save to another file (it was left unchanged)")

    # -- restoring ---------------------------------------------------------------------------------
    @classmethod
    def load(cls, path: str | Path, questions: Iterable[Question] = (), *,
             clock: Callable[[], datetime] = _utc_now) -> "Progress":
        """The progress saved in a results file (``.json`` or ``.csv``), e.g. to continue a
        session or to plan a review. With ``questions``, every saved attempt must be about one
        of them. ``exercise`` and ``seed`` of a JSON file are kept in ``meta``."""
        saved = results.read(path)
        progress = cls(questions, clock=clock)
        progress.meta = {"exercise": saved.exercise, "seed": saved.seed}
        known = {q.id for q in progress.questions}
        if known:
            strangers = sorted({a.question_id for a in saved.attempts} - known)
            if strangers:
                raise ResultsFileError(f"{Path(path).name} holds answers to questions that are not in this "
                                       f"exercise (e.g. {strangers[0]!r})")
        progress.attempts = list(saved.attempts)
        progress.solutions_viewed = set(saved.solutions_viewed)
        return progress

    def absorb(self, other: "Progress") -> int:
        """Add the attempts of ``other`` (identical ones once, time order); returns how many were new."""
        before = len(self.attempts)
        self.attempts = results.merge(self.attempts, other.attempts)
        self.solutions_viewed |= other.solutions_viewed
        self._changed()
        return len(self.attempts) - before


class ExportSummary:
    """What an export did: ``saved`` new attempts, ``earlier`` ones already in the file."""

    def __init__(self, path: Path, *, saved: int, earlier: int, total: int, merged: bool):
        self.path, self.saved, self.earlier, self.total, self.merged = path, saved, earlier, total, merged
        self.name = path.name

    def text(self) -> str:
        if not self.merged:
            return f"Saved {self.saved} answer(s) to {self.name}"
        return (f"Saved {self.saved} new answer(s) to {self.name}, which keeps its {self.earlier} earlier "
                f"answer(s): {self.total} in all")
