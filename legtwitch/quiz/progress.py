"""Scoring and progress: every submitted answer is an attempt; exports for a lecturer.

An attempt is (question id, answer, correct, time). ``unanswered`` and ``invalid`` checks
are not attempts. The running score counts questions answered correctly at least once;
the summary also lists the topics to revisit (a question not yet right, right only after
a retry, or whose solution was looked at) with the teaching-notebook section to reread.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable

from .questions import CheckResult, Question, Topic, answer_to_text

CSV_COLUMNS = ("question_id", "answer", "correct", "time")


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass(frozen=True)
class Attempt:
    question_id: str
    answer: object
    correct: bool
    time: str  # ISO 8601, UTC, whole seconds

    def to_dict(self) -> dict:
        return {"question_id": self.question_id, "answer": self.answer, "correct": self.correct,
                "time": self.time}


class Progress:
    """Attempts on a fixed list of questions. ``clock`` is injectable for tests."""

    def __init__(self, questions: Iterable[Question], *, clock: Callable[[], datetime] = _utc_now):
        self.questions = tuple(questions)
        self._clock = clock
        self.attempts: list[Attempt] = []
        self.solutions_viewed: set[str] = set()

    def record(self, result: CheckResult) -> None:
        if result.answered:
            stamp = self._clock().astimezone(timezone.utc).replace(microsecond=0).isoformat()
            self.attempts.append(Attempt(result.question_id, result.answer, result.correct, stamp))

    def viewed_solution(self, question_id: str) -> None:
        self.solutions_viewed.add(question_id)

    def reset(self) -> None:
        self.attempts.clear()
        self.solutions_viewed.clear()

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

    def to_revisit(self) -> list[tuple[Topic, list[str]]]:
        """Topics with a question not yet right, right only after a retry, or solution seen."""
        solved, first = self.solved(), self.first_try()
        out: dict[str, tuple[Topic, list[str]]] = {}
        for q in self.questions:
            if q.id not in solved or q.id not in first:
                out.setdefault(q.topic.id, (q.topic, []))[1].append(q.id)
        return list(out.values())

    def summary(self) -> str:
        lines = [self.score_line()]
        revisit = self.to_revisit()
        if not revisit:
            lines.append("Every question right at the first try: nothing to revisit.")
        else:
            lines.append("Topics to revisit:")
            for topic, qids in revisit:
                lines.append(f"  - {topic.title}: {topic.location()} (questions: {', '.join(qids)})")
        return "\n".join(lines)

    # -- exports -------------------------------------------------------------------------------
    def to_json(self, **meta) -> str:
        data = {**meta, "score": {"correct": len(self.solved()), "questions": len(self.questions),
                                  "first_try": len(self.first_try())},
                "solutions_viewed": sorted(self.solutions_viewed),
                "answers": [a.to_dict() for a in self.attempts]}
        return json.dumps(data, ensure_ascii=False, indent=2)

    def to_csv(self) -> str:
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for a in self.attempts:
            writer.writerow([a.question_id, answer_to_text(a.answer), "true" if a.correct else "false", a.time])
        return buf.getvalue()

    def export(self, path: str | Path, **meta) -> Path:
        """Write the attempts to ``path``: ``.json`` or ``.csv`` (chosen by the suffix)."""
        path = Path(path)
        if path.suffix.lower() == ".json":
            path.write_text(self.to_json(**meta) + "\n", encoding="utf-8")
        elif path.suffix.lower() == ".csv":
            path.write_text(self.to_csv(), encoding="utf-8")
        else:
            raise ValueError(f"export to .json or .csv, not {path.suffix or 'a file without suffix'!r}")
        return path
