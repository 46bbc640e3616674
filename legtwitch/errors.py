"""Error types. Every error is a ``ValueError`` whose message is one line naming what was wrong.

Students and lecturers see these messages (in notebooks, and from the CLI as a single line
on stderr), so they say *which* field or entry failed and *what* is allowed instead of
showing a traceback. A message never echoes an unbounded piece of input: values are shown
through ``short_repr`` (a 400-digit number or a megabyte of text is cut to a few dozen
characters, with its length).
"""
from __future__ import annotations

from typing import Any

#: Longest piece of user input an error message repeats (in characters of its repr).
SHOWN_CHARS = 60


def short_repr(value: Any, limit: int = SHOWN_CHARS) -> str:
    """``repr(value)``, cut when long: ``1000000000…000000 (400 digits)``, ``'xxxx…' (1048576 characters)``.

    Safe for any value: huge integers are never converted to text in full (Python refuses
    ints of more than 4300 digits), and a failing ``__repr__`` gives the type name instead.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        bits = abs(value).bit_length()
        if bits > 13_000:  # more than ~3900 digits: do not even try str()
            return f"{'-' if value < 0 else ''}a whole number of about {int(bits * 0.30103)} digits"
        text = repr(value)
        if len(text) <= limit:
            return text
        return f"{text[:12]}…{text[-6:]} ({len(text.lstrip('-'))} digits)"
    if isinstance(value, (str, bytes)) and len(value) > limit:
        head = repr(value[: limit - 12])
        unit = "characters" if isinstance(value, str) else "bytes"
        return f"{head[:-1]}…{head[-1]} ({len(value)} {unit})"
    try:
        text = repr(value)
    except Exception:  # a hostile object whose repr fails (or a container of huge ints)
        return f"<{type(value).__name__}>"
    if len(text) > limit:
        return f"{text[: limit - 8]}…{text[-6:]} ({len(text)} characters)"
    return text


class LegtwitchError(ValueError):
    """Base of every error legtwitch raises on purpose (all are ``ValueError``, one line)."""


class FileFormatError(LegtwitchError):
    """A file is not valid YAML/JSON, too large, or not UTF-8. ``file`` and ``line`` (1-based,
    if known) locate it."""

    def __init__(self, file: str, line: int | None, problem: str):
        self.file, self.line, self.problem = file, line, problem
        where = f"{file}:{line}" if line is not None else file
        super().__init__(f"{where}: {problem}")


class ScenarioError(LegtwitchError):
    """A scenario (dict, file or widget state) is not valid.

    ``field`` names the offending key (``None`` for whole-file problems such as bad YAML);
    ``file`` and ``line`` are set when the scenario came from a file.
    """

    def __init__(self, message: str, *, field: str | None = None,
                 file: str | None = None, line: int | None = None):
        self.field = field
        self.file = file
        self.line = line
        self.bare_message = message
        where = ""
        if file is not None:
            where = f"{file}:{line}: " if line is not None else f"{file}: "
        super().__init__(where + message)

    def in_file(self, file: str, line: int | None = None) -> "ScenarioError":
        """Return the same error located in ``file`` (keeps a line found earlier)."""
        return ScenarioError(self.bare_message, field=self.field, file=file,
                             line=line if line is not None else self.line)


class DataError(LegtwitchError):
    """A packaged data file (knowledge base, case library, question bank) is broken.

    The message names the file (and the line when known), the entry and the field, so an
    author can fix it at once. The command line treats it as an internal error (exit 1):
    it is not the user's input that is wrong but the installed package.
    """

    def __init__(self, file: str, entry: str | None, field: str | None, problem: str,
                 *, line: int | None = None):
        self.file, self.entry, self.field, self.problem, self.line = file, entry, field, problem, line
        parts = [file if line is None else f"{file}:{line}"]
        if entry is not None:
            parts.append(f"entry {short_repr(entry)}")
        if field is not None:
            parts.append(f"field {short_repr(field)}")
        super().__init__(": ".join(parts) + ": " + problem)


class QuizError(LegtwitchError):
    """A quiz or exercise was used in a way it cannot handle (unknown question, bad argument)."""


class UnknownQuestionError(QuizError, KeyError):
    """No question with this id in the exercise or quiz. Also a ``KeyError`` (as ``ex[id]``
    always raised), with a plain one-line message instead of KeyError's quoted one."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class ResultsFileError(QuizError):
    """A results file cannot be written, read or merged; nothing was changed on disk."""


__all__ = ["LegtwitchError", "FileFormatError", "ScenarioError", "DataError", "QuizError",
           "UnknownQuestionError", "ResultsFileError", "short_repr"]
