"""Reading YAML and JSON safely, with errors that name the file and the line.

Only ``yaml.safe_load`` is used: a scenario or data file can never run code.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any



class FileFormatError(ValueError):
    """A file is not valid YAML/JSON. ``file`` and ``line`` (1-based, if known) locate it."""

    def __init__(self, file: str, line: int | None, problem: str):
        self.file, self.line, self.problem = file, line, problem
        where = f"{file}:{line}" if line is not None else file
        super().__init__(f"{where}: {problem}")


def parse_text(text: str, name: str, *, json_only: bool = False) -> Any:
    """Parse YAML (a superset of JSON) or, with ``json_only``, strict JSON."""
    if json_only:
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise FileFormatError(name, exc.lineno, f"invalid JSON: {exc.msg}") from None
    import yaml  # imported here: keeps ``import legtwitch`` fast

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise FileFormatError(name, line, f"invalid YAML: {problem}") from None


def load_file(path: str | Path) -> Any:
    """Load a ``.json`` file as JSON and anything else as YAML."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise FileFormatError(str(path), None, f"cannot read file: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise FileFormatError(str(path), None, "not a UTF-8 text file") from None
    return parse_text(text, str(path), json_only=path.suffix.lower() == ".json")
