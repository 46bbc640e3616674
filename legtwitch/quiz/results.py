"""Results files: what ``Exercise.export`` writes and ``Progress.load`` / ``Exercise.restore``
read back. A student's saved answers are never lost:

- **Merge, never overwrite.** Exporting to a file that already holds legtwitch results of the
  same exercise (JSON or CSV) merges by question id and attempt time: every attempt of both
  sessions is kept, identical attempts only once, in time order. A file that is anything
  else (another program's JSON, a truncated CSV, results of another exercise) is refused
  with a one-line ``ResultsFileError`` and left exactly as it was.
- **Atomic writes.** The new content goes to a temporary file in the same folder, is flushed
  to disk, and only then renamed over the old file (``os.replace``). A full disk or any
  other failure leaves the earlier file intact and removes the temporary file.
- **Clear errors** for a missing folder, a full disk, an unreadable or corrupt file.

Formats (both written and read): JSON with ``"format": "legtwitch-results"`` and
``"format_version": 1`` (files written before that field existed are read too), and CSV
with the header ``question_id,answer,correct,time``. Times are ISO 8601 in UTC.
"""
from __future__ import annotations

import csv
import errno
import io
import json
import os
import re
import secrets
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Iterable, Sequence

from ..errors import FileFormatError, ResultsFileError, short_repr
from ..yamlio import decode, parse_document, read_limited

FORMAT = "legtwitch-results"
FORMAT_VERSION = 1
CSV_COLUMNS = ("question_id", "answer", "correct", "time")
#: Largest results file read back (16 MiB: over 100,000 attempts).
MAX_RESULTS_BYTES = 16 << 20
_JSON_KEYS = {"format", "format_version", "exercise", "seed", "score", "solutions_viewed", "answers"}
_ANSWER_KEYS = {"question_id", "answer", "correct", "time"}
_WHOLE_NUMBER = re.compile(r"-?[0-9]{1,20}\Z")


@dataclass(frozen=True)
class Attempt:
    question_id: str
    answer: object
    correct: bool
    time: str  # ISO 8601, UTC, whole seconds

    def to_dict(self) -> dict:
        return {"question_id": self.question_id, "answer": self.answer, "correct": self.correct,
                "time": self.time}

    def identity(self) -> tuple:
        """Two attempts with the same identity are the same attempt (saved twice)."""
        from .questions import answer_to_text
        return self.question_id, answer_to_text(self.answer), self.correct, self.time


@dataclass(frozen=True)
class ResultsFile:
    """What a results file holds. ``exercise`` and ``seed`` are only known for JSON files."""

    path: Path
    kind: str  # "json" or "csv"
    attempts: tuple[Attempt, ...]
    solutions_viewed: frozenset[str] = frozenset()
    exercise: str | None = None
    seed: int | None = None


def kind_of(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in (".json", ".csv"):
        raise ResultsFileError(f"results go to a .json or .csv file, not {suffix or 'a file without suffix'!r} "
                               f"({path.name})")
    return suffix[1:]


def merge(*groups: Iterable[Attempt]) -> list[Attempt]:
    """Every attempt of every group, identical ones once, in time order (stable)."""
    seen, out = set(), []
    for group in groups:
        for attempt in group:
            key = attempt.identity()
            if key not in seen:
                seen.add(key)
                out.append(attempt)
    return sorted(out, key=lambda a: _parse_time(a.time))


# -- reading -----------------------------------------------------------------------------------------

def read(path: str | Path) -> ResultsFile:
    """Read a results file (JSON or CSV by suffix); anything else is a ``ResultsFileError``."""
    path = Path(path)
    kind = kind_of(path)
    try:
        text = decode(read_limited(path, max_bytes=MAX_RESULTS_BYTES), str(path))
    except FileFormatError as err:
        raise ResultsFileError(f"{err}") from None
    if kind == "json":
        return _read_json(path, text)
    return _read_csv(path, text)


def _not_results(path: Path, why: str, line: int | None = None) -> ResultsFileError:
    where = f"{path}:{line}" if line is not None else str(path)
    return ResultsFileError(f"{where}: is not a legtwitch results file ({why}); it was left unchanged")


def _read_json(path: Path, text: str) -> ResultsFile:
    try:
        doc = parse_document(text, str(path), json_only=True, max_bytes=MAX_RESULTS_BYTES)
    except FileFormatError as err:
        raise _not_results(path, err.problem, err.line) from None
    data = doc.data
    if not isinstance(data, dict) or "answers" not in data:
        raise _not_results(path, "no 'answers' in it")
    if "format" in data:
        if data["format"] != FORMAT:
            raise _not_results(path, f"its format is {short_repr(data['format'])}")
        version = data.get("format_version")
        if isinstance(version, bool) or not isinstance(version, int) or not 1 <= version <= FORMAT_VERSION:
            raise ResultsFileError(f"{path}: results format version {short_repr(version)} is not one this "
                                   f"legtwitch reads (1 to {FORMAT_VERSION}); update legtwitch. The file was left unchanged")
    unknown = sorted(str(k) for k in data if k not in _JSON_KEYS)
    if unknown:
        raise _not_results(path, f"unexpected key {short_repr(unknown[0])}", doc.line(unknown[0]))
    answers = data["answers"]
    if not isinstance(answers, list):
        raise _not_results(path, "'answers' is not a list", doc.line("answers"))
    attempts = []
    for i, item in enumerate(answers):
        line = doc.line("answers", i, "question_id")
        if not isinstance(item, dict) or set(item) != _ANSWER_KEYS:
            raise _not_results(path, f"answer {i + 1} needs exactly the keys {', '.join(sorted(_ANSWER_KEYS))}", line)
        attempts.append(_attempt(path, line, item["question_id"], item["answer"], item["correct"], item["time"]))
    viewed = data.get("solutions_viewed", [])
    if not isinstance(viewed, list) or not all(isinstance(q, str) for q in viewed):
        raise _not_results(path, "'solutions_viewed' is not a list of question ids", doc.line("solutions_viewed"))
    exercise, seed = data.get("exercise"), data.get("seed")
    if exercise is not None and not isinstance(exercise, str):
        raise _not_results(path, "'exercise' is not a text", doc.line("exercise"))
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
        raise _not_results(path, "'seed' is not a whole number", doc.line("seed"))
    return ResultsFile(path, "json", tuple(attempts), frozenset(viewed), exercise, seed)


def _read_csv(path: Path, text: str) -> ResultsFile:
    if "\x00" in text:
        raise _not_results(path, "it contains a NUL byte")
    reader = csv.reader(io.StringIO(text, newline=""))
    attempts = []
    try:
        header = next(reader, None)
        if header is None or tuple(header) != CSV_COLUMNS:
            raise _not_results(path, f"the first line must be {','.join(CSV_COLUMNS)}", 1)
        for row in reader:
            line = reader.line_num
            if len(row) != len(CSV_COLUMNS):
                raise _not_results(path, f"{len(row)} columns instead of {len(CSV_COLUMNS)}", line)
            qid, answer, correct, time = row
            if correct not in ("true", "false"):
                raise _not_results(path, f"'correct' must be true or false, got {short_repr(correct)}", line)
            attempts.append(_attempt(path, line, qid, _answer_from_text(answer), correct == "true", time))
    except csv.Error as err:
        raise _not_results(path, f"not valid CSV: {err}", reader.line_num) from None
    return ResultsFile(path, "csv", tuple(attempts))


def _answer_from_text(text: str) -> Any:
    """The answer a CSV cell stands for: the inverse of ``answer_to_text`` (lists and dicts are
    JSON text, Wells totals whole numbers, everything else text)."""
    if text[:1] in ("[", "{"):
        try:
            return json.loads(text)
        except ValueError:
            return text
    if _WHOLE_NUMBER.match(text):
        return int(text)
    return text


def _attempt(path: Path, line: int | None, qid: Any, answer: Any, correct: Any, time: Any) -> Attempt:
    if not isinstance(qid, str) or not qid:
        raise _not_results(path, "an answer without a question id", line)
    if not isinstance(correct, bool):
        raise _not_results(path, f"'correct' must be true or false, got {short_repr(correct)}", line)
    if not isinstance(time, str) or _parse_time(time, strict=True) is None:
        raise _not_results(path, f"'time' must be an ISO 8601 time with a time zone, got {short_repr(time)}", line)
    return Attempt(qid, answer, correct, time)


def _parse_time(text: str, *, strict: bool = False) -> datetime | None:
    try:
        stamp = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return None if strict else datetime.max
    if stamp.tzinfo is None:
        return None if strict else stamp
    return stamp.replace(tzinfo=None) - stamp.utcoffset()  # naive UTC: comparable


# -- writing -----------------------------------------------------------------------------------------

def render_json(attempts: Sequence[Attempt], *, score: dict, solutions_viewed: Iterable[str], **meta: Any) -> str:
    data = {"format": FORMAT, "format_version": FORMAT_VERSION, **meta, "score": score,
            "solutions_viewed": sorted(solutions_viewed), "answers": [a.to_dict() for a in attempts]}
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False)


def render_csv(attempts: Sequence[Attempt]) -> str:
    from .questions import answer_to_text
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for a in attempts:
        writer.writerow([a.question_id, answer_to_text(a.answer), "true" if a.correct else "false", a.time])
    return buf.getvalue()


def _write_data(fh, data: bytes) -> None:
    """The one place bytes reach the disk (tests replace it to simulate a full disk)."""
    fh.write(data)


def _sync(fd: int) -> None:
    """Flush to the disk before the rename. Some file systems (FUSE mounts, the browser's in
    JupyterLite) cannot sync at all: that is not a failed save, unlike a full disk."""
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS):
            raise


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder and a rename.

    On any failure the earlier ``path`` (if any) is untouched and the temporary file removed.
    """
    folder = path.parent
    if not folder.is_dir():
        raise ResultsFileError(f"cannot save {path.name}: the folder {folder} does not exist "
                               "(create it first, or save somewhere else)")
    existed = path.exists()
    data = text.encode("utf-8")
    temp = folder / f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp"
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as exc:
        raise ResultsFileError(f"cannot save {path.name} in {folder}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            _write_data(fh, data)
            fh.flush()
            _sync(fh.fileno())
        if existed:
            shutil.copymode(path, temp)
        os.replace(temp, path)
    except BaseException as exc:
        try:
            os.unlink(temp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            kept = "the earlier file is unchanged" if existed else "nothing was saved"
            raise ResultsFileError(f"could not save {path.name}: {exc.strerror or exc}; {kept}") from None
        raise


__all__ = ["Attempt", "ResultsFile", "FORMAT", "FORMAT_VERSION", "CSV_COLUMNS", "MAX_RESULTS_BYTES",
           "read", "merge", "render_json", "render_csv", "write_atomic", "kind_of"]
