"""Error types. Every error is a ``ValueError`` whose message is one line naming what was wrong.

Students and lecturers see these messages (in notebooks, and from the CLI as a single line
on stderr), so they say *which* field or entry failed and *what* is allowed instead of
showing a traceback.
"""
from __future__ import annotations


class ScenarioError(ValueError):
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


class DataError(ValueError):
    """A packaged data file (knowledge base, case library, question bank) is broken.

    The message names the file, the entry and the field, so an author can fix it at once.
    """

    def __init__(self, file: str, entry: str | None, field: str | None, problem: str):
        self.file, self.entry, self.field, self.problem = file, entry, field, problem
        parts = [file]
        if entry is not None:
            parts.append(f"entry {entry!r}")
        if field is not None:
            parts.append(f"field {field!r}")
        super().__init__(": ".join(parts) + ": " + problem)
