"""Case practice: work through a case stage by stage, commit to a decision, then see the answer.

``CaseRun`` is one case: the presenting complaint shows first; ``next_stage()`` takes the
history, then examines; ``commit(...)`` records the student's decision and only then is the
engine's answer (``feedback``) available, with the test results stage if the case has one.
``PracticeSession`` is a run of cases (library cases, or a seeded set of generated cases that
is the same for a whole class) with a per-session summary and an export for the lecturer.

No ipywidgets here: ``legtwitch.widgets.case_runner`` puts controls on top of this, and the
notebooks' checking cells drive it from code.

Results files (``export``) follow the quiz's conventions (``legtwitch.quiz.results``): JSON or
CSV by suffix; exporting to a file that already holds this session's results *merges* (every
commit of both kept, identical ones once, in time order); a file that is anything else is
refused and left untouched; the new content is written to a temporary file and renamed over.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from .cases import Case, get_case
from .engine import triage
from .errors import FileFormatError, LegtwitchError, ResultsFileError, short_repr
from .generator import GeneratedCase, generate_cases
from .result import TriageResult
from .scenario import Scenario
from .scoring import CommitError, Feedback, SessionSummary, assess, commitment
from .stages import Stage

FORMAT = "legtwitch-case-results"
FORMAT_VERSION = 1
CSV_COLUMNS = ("case_id", "time", "level", "causes", "first_test", "pretest", "reason", "engine_level",
               "engine_first_test", "level_correct", "under_triage", "over_triage", "missed_must_not_miss",
               "score", "max_score")
_JSON_KEYS = {"format", "format_version", "session", "seed", "commits"}
MAX_SESSION_CASES = 50


@dataclass(frozen=True)
class PracticeCase:
    """A case ready for practice: its stages and scenario. ``title`` is shown only after the
    commit (a library title may name the answer); before it the case is "Case 2 of 5"."""

    id: str
    title: str
    stages: tuple[Stage, ...]
    scenario: Scenario
    teaching_points: tuple[str, ...] = ()

    @property
    def clinical_stages(self) -> tuple[Stage, ...]:
        return tuple(s for s in self.stages if not s.after_commit)

    @property
    def result_stages(self) -> tuple[Stage, ...]:
        return tuple(s for s in self.stages if s.after_commit)


def practice_case(case: str | Case | GeneratedCase | PracticeCase) -> PracticeCase:
    """A library case (by id or as a ``Case``), a generated case, or a ``PracticeCase``."""
    if isinstance(case, PracticeCase):
        return case
    if isinstance(case, str):
        case = get_case(case)
    if isinstance(case, Case):
        return PracticeCase(case.id, case.title, case.stages, case.scenario, case.teaching_points)
    if isinstance(case, GeneratedCase):
        return PracticeCase(case.id, f"Practice case {case.index} (seed {case.seed})", case.stages, case.scenario)
    raise LegtwitchError(f"a case is a library case id, a Case or a generated case, not {short_repr(case)}")


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass(frozen=True)
class CommitRecord:
    """One commit of a session, as exported."""

    case_id: str
    time: str
    feedback: Feedback | None = None
    row: dict | None = None  # a commit read back from a file (no live feedback object)

    def to_dict(self) -> dict:
        if self.row is not None:
            return dict(self.row)
        f = self.feedback
        c = f.committed
        return {"case_id": self.case_id, "time": self.time, "level": c.level.value, "causes": list(c.causes),
                "first_test": c.first_test, "pretest": c.pretest, "reason": c.reason,
                "engine_level": f.result.level.value, "engine_first_test": f.result.first_test,
                "level_correct": f.level_correct, "under_triage": f.under_triage, "over_triage": f.over_triage,
                "missed_must_not_miss": list(f.missed_must_not_miss), "score": f.score, "max_score": f.max_score}

    def identity(self) -> tuple:
        d = self.to_dict()
        return (d["case_id"], d["time"], d["level"], tuple(d["causes"]), d["first_test"], d["pretest"], d["reason"])


class CaseRun:
    """One case, worked through stage by stage; the answer exists only after ``commit``."""

    def __init__(self, case: str | Case | GeneratedCase | PracticeCase) -> None:
        self.case = practice_case(case)
        self.shown = 1
        self.feedback: Feedback | None = None
        self._result: TriageResult | None = None

    # -- stages ---------------------------------------------------------------------------------
    @property
    def ready(self) -> bool:
        """Every stage before the results has been shown: the student may commit."""
        return self.shown >= len(self.case.clinical_stages)

    @property
    def next_action(self) -> str | None:
        """What the student does next ("Take the history", "Examine"), or None when ready."""
        stages = self.case.clinical_stages
        return None if self.ready else stages[self.shown].action

    def next_stage(self) -> Stage | None:
        """Show the next stage before the results (None when every one is showing)."""
        if self.ready:
            return None
        self.shown += 1
        return self.case.clinical_stages[self.shown - 1]

    def visible_stages(self) -> tuple[Stage, ...]:
        """What is on the student's screen: the stages shown so far, and after the commit the
        test results."""
        shown = self.case.clinical_stages[: self.shown]
        return shown + (self.case.result_stages if self.revealed else ())

    # -- commit ---------------------------------------------------------------------------------
    @property
    def revealed(self) -> bool:
        return self.feedback is not None

    def commit(self, level: Any, causes: Iterable[Any] = (), first_test: Any = None, pretest: Any = None,
               reason: Any = "") -> Feedback:
        """Commit a decision and reveal the answer. Committing shows any stage not yet shown
        (from code one may commit at once; the case runner asks the student to examine first).
        A second commit needs ``reset()`` first: the first answer stands."""
        if self.revealed:
            raise CommitError("this case is already committed; reset() to try it again")
        committed = commitment(level, causes, first_test, pretest, reason)
        self.shown = len(self.case.clinical_stages)
        self._result = self._result or triage(self.case.scenario)
        self.feedback = assess(self.case.id, committed, self._result)
        return self.feedback

    def reset(self) -> None:
        """Start the case again: only the presenting complaint shows, no answer."""
        self.shown = 1
        self.feedback = None

    @property
    def result(self) -> TriageResult:
        """The engine's result: only after the commit (reading it earlier is an error)."""
        if self._result is None or not self.revealed:
            raise CommitError("commit first: the engine's answer shows after your decision")
        return self._result


class PracticeSession:
    """A run of cases with a running summary and an export of every commit."""

    def __init__(self, cases: Sequence[str | Case | GeneratedCase | PracticeCase], *, name: str = "practice",
                 seed: int | None = None, clock: Callable[[], datetime] = _utc_now) -> None:
        if not cases:
            raise LegtwitchError("a session needs at least one case")
        if len(cases) > MAX_SESSION_CASES:
            raise LegtwitchError(f"a session has at most {MAX_SESSION_CASES} cases, got {len(cases)}")
        if not isinstance(name, str) or not name.strip() or len(name) > 100:
            raise LegtwitchError(f"a session name is a short text, got {short_repr(name)}")
        self.runs = [CaseRun(c) for c in cases]
        self.name, self.seed, self._clock = name, seed, clock
        self.index = 0
        self.records: list[CommitRecord] = []

    @classmethod
    def generated(cls, seed: int, n: int = 5, **kw: Any) -> "PracticeSession":
        """``n`` generated cases for ``seed``: the same cases for everyone who uses the seed."""
        if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= MAX_SESSION_CASES:
            raise LegtwitchError(f"n must be a whole number from 1 to {MAX_SESSION_CASES}, got {short_repr(n)}")
        return cls(generate_cases(n, seed), name=kw.pop("name", f"generated-{seed}"), seed=seed, **kw)

    @property
    def current(self) -> CaseRun:
        return self.runs[self.index]

    @property
    def label(self) -> str:
        """The name the student sees before the commit ("Case 2 of 5")."""
        return f"Case {self.index + 1} of {len(self.runs)}"

    def next_case(self) -> CaseRun | None:
        if self.index + 1 >= len(self.runs):
            return None
        self.index += 1
        return self.current

    def go_to(self, index: int) -> CaseRun:
        if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(self.runs):
            raise LegtwitchError(f"case number from 1 to {len(self.runs)}, got {short_repr(index)}")
        self.index = index
        return self.current

    def commit(self, **decision: Any) -> Feedback:
        """Commit on the current case and record it (with the time) for the export."""
        feedback = self.current.commit(**decision)
        stamp = self._clock().astimezone(timezone.utc).replace(microsecond=0).isoformat()
        self.records.append(CommitRecord(self.current.case.id, stamp, feedback))
        return feedback

    def summary(self) -> SessionSummary:
        latest = {r.case_id: r.feedback for r in self.records if r.feedback is not None}
        return SessionSummary(tuple(latest.values()))

    def names(self) -> dict[str, str]:
        """Case id -> what to call it in a summary: its title once committed, else "Case n"."""
        return {run.case.id: (run.case.title if run.revealed else f"Case {i}") for i, run in enumerate(self.runs, 1)}

    # -- export -----------------------------------------------------------------------------------
    def export(self, path: str | Path) -> str:
        """Save every commit to ``path`` (.json or .csv), merging with this session's earlier file.
        Returns one line saying what was saved."""
        from .quiz.results import kind_of, write_atomic
        path = Path(path)
        kind = kind_of(path)
        earlier: list[CommitRecord] = []
        if path.exists():
            earlier = read_case_results(path, session=self.name)
        merged, seen = [], set()
        for record in [*earlier, *self.records]:
            key = record.identity()
            if key not in seen:
                seen.add(key)
                merged.append(record)
        merged.sort(key=lambda r: r.time)
        text = _render_json(merged, self.name, self.seed) if kind == "json" else _render_csv(merged)
        write_atomic(path, text)
        added = len(merged) - len(earlier)
        return (f"Saved {len(merged)} commit{'s' if len(merged) != 1 else ''} to {path.name}"
                + (f" ({len(earlier)} already in the file, {added} new)" if earlier else "") + ".")


# -- results files --------------------------------------------------------------------------------

def _render_json(records: Sequence[CommitRecord], session: str, seed: int | None) -> str:
    data = {"format": FORMAT, "format_version": FORMAT_VERSION, "session": session, "seed": seed,
            "commits": [r.to_dict() for r in records]}
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False)


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _render_csv(records: Sequence[CommitRecord]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in records:
        d = r.to_dict()
        writer.writerow([_cell(d[c]) for c in CSV_COLUMNS])
    return buf.getvalue()


def _refused(path: Path, why: str) -> ResultsFileError:
    return ResultsFileError(f"{path}: is not a legtwitch case-practice results file ({why}); it was left unchanged")


def read_case_results(path: str | Path, *, session: str | None = None) -> list[CommitRecord]:
    """Read a case-practice results file; anything else is a one-line ``ResultsFileError``.
    With ``session``, a file of another session is refused too (never mixed)."""
    from .quiz.results import MAX_RESULTS_BYTES, kind_of
    from .yamlio import decode, parse_document, read_limited
    path = Path(path)
    kind = kind_of(path)
    try:
        text = decode(read_limited(path, max_bytes=MAX_RESULTS_BYTES), str(path))
    except FileFormatError as err:
        raise ResultsFileError(str(err)) from None
    if kind == "json":
        try:
            data = parse_document(text, str(path), json_only=True, max_bytes=MAX_RESULTS_BYTES).data
        except FileFormatError as err:
            raise _refused(path, err.problem) from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise _refused(path, "its format is not " + FORMAT)
        if data.get("format_version") != FORMAT_VERSION:
            raise ResultsFileError(f"{path}: case results format version {short_repr(data.get('format_version'))} "
                                   f"is not one this legtwitch reads ({FORMAT_VERSION}); it was left unchanged")
        if set(data) != _JSON_KEYS:
            raise _refused(path, "its keys are not " + ", ".join(sorted(_JSON_KEYS)))
        if session is not None and data["session"] != session:
            raise ResultsFileError(f"{path}: holds the results of session {short_repr(data['session'])}, not "
                                   f"{short_repr(session)}; save to another file. It was left unchanged")
        rows = data["commits"]
        if not isinstance(rows, list):
            raise _refused(path, "'commits' is not a list")
        return [_record(path, row, i) for i, row in enumerate(rows, 1)]
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if header is None or tuple(header) != CSV_COLUMNS:
            raise _refused(path, "the first line must be " + ",".join(CSV_COLUMNS))
        out = []
        for i, cells in enumerate(reader, 1):
            if len(cells) != len(CSV_COLUMNS):
                raise _refused(path, f"line {reader.line_num}: {len(cells)} columns instead of {len(CSV_COLUMNS)}")
            out.append(_record(path, _row_from_csv(path, dict(zip(CSV_COLUMNS, cells)), reader.line_num), i))
        return out
    except csv.Error as err:
        raise _refused(path, f"not valid CSV: {err}") from None


def _row_from_csv(path: Path, cells: dict, line: int) -> dict:
    row: dict[str, Any] = dict(cells)
    for key in ("level_correct", "under_triage", "over_triage"):
        if cells[key] not in ("true", "false"):
            raise _refused(path, f"line {line}: {key} must be true or false")
        row[key] = cells[key] == "true"
    for key in ("causes", "missed_must_not_miss"):
        row[key] = [x for x in cells[key].split(";") if x]
    for key in ("first_test", "engine_first_test"):
        row[key] = cells[key] or None
    try:
        row["pretest"] = float(cells["pretest"]) if cells["pretest"] else None
        row["score"], row["max_score"] = int(cells["score"]), int(cells["max_score"])
    except ValueError:
        raise _refused(path, f"line {line}: pretest, score and max_score must be numbers") from None
    return row


def _record(path: Path, row: Any, n: int) -> CommitRecord:
    if not isinstance(row, dict) or set(row) != set(CSV_COLUMNS):
        raise _refused(path, f"commit {n} needs exactly the keys " + ", ".join(CSV_COLUMNS))
    if not isinstance(row["case_id"], str) or not row["case_id"]:
        raise _refused(path, f"commit {n} has no case id")
    time = row["time"]
    try:
        ok = isinstance(time, str) and datetime.fromisoformat(time).tzinfo is not None
    except ValueError:
        ok = False
    if not ok:
        raise _refused(path, f"commit {n}: 'time' must be an ISO 8601 time with a time zone")
    if not isinstance(row["causes"], list) or not all(isinstance(c, str) for c in row["causes"]):
        raise _refused(path, f"commit {n}: 'causes' must be a list of cause ids")
    return CommitRecord(row["case_id"], time, None, dict(row))


__all__ = ["FORMAT", "CSV_COLUMNS", "CaseRun", "CommitRecord", "PracticeCase", "PracticeSession", "practice_case",
           "read_case_results"]
