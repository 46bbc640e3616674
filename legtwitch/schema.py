"""Small validation helpers shared by every packaged data file.

Each check raises ``DataError(file, entry, field, problem)`` so that a broken knowledge
base, case library or question bank is reported as "file: entry 'x': field 'y': problem".
"""
from __future__ import annotations

import re
from typing import Any, Collection, Iterable, Mapping

from .errors import DataError, short_repr

_ID = re.compile(r"[a-z][a-z0-9_]*\Z")


class Checker:
    """Validates the entries of one data file; remembers the file name for messages."""

    def __init__(self, file: str):
        self.file = file

    def fail(self, entry: str | None, field: str | None, problem: str) -> DataError:
        return DataError(self.file, entry, field, problem)

    def mapping(self, value: Any, entry: str | None, field: str | None) -> Mapping:
        if not isinstance(value, Mapping):
            raise self.fail(entry, field, f"must be a mapping, got {type(value).__name__}")
        return value

    def keys(self, value: Mapping, entry: str | None, *, required: Collection[str],
             optional: Collection[str] = ()) -> None:
        """Every required key present and no key outside required + optional."""
        for key in required:
            if key not in value:
                raise self.fail(entry, key, "is missing")
        allowed = set(required) | set(optional)
        for key in value:
            if key not in allowed:
                raise self.fail(entry, short_repr(key, 40).strip("'"), "is not a known field; allowed: " + ", ".join(sorted(allowed)))

    def text(self, value: Mapping, entry: str | None, field: str, *, optional: bool = False) -> str | None:
        if field not in value and optional:
            return None
        item = value.get(field)
        if not isinstance(item, str) or not item.strip():
            raise self.fail(entry, field, "must be a non-empty text")
        return item

    def integer(self, value: Mapping, entry: str | None, field: str, low: int | None = None,
                high: int | None = None, *, what: str = "a whole number") -> int:
        """A whole number, within ``low``..``high`` (inclusive) when given."""
        item = value.get(field)
        if isinstance(item, bool) or not isinstance(item, int):
            raise self.fail(entry, field, f"must be {what}, got {short_repr(item)}")
        if (low is not None and item < low) or (high is not None and item > high):
            raise self.fail(entry, field, f"must be from {low} to {high}, got {short_repr(item)}")
        return item

    def ident(self, key: Any, section: str) -> str:
        """An entry id: lower-case letters, digits and underscores, starting with a letter."""
        if not isinstance(key, str) or not _ID.match(key):
            raise self.fail(section, None, f"id {short_repr(key)} must be lower-case letters, digits "
                                           "and underscores, starting with a letter")
        return key

    def unique(self, section: str, field: str, items: Iterable[tuple[str, Any]]) -> None:
        """No two entries of ``section`` share a value of ``field`` (``items``: (id, value))."""
        seen: dict[Any, str] = {}
        for entry, item in items:
            if item in seen:
                raise self.fail(entry, field, f"{short_repr(item)} is already used by {seen[item]!r} "
                                              f"in {section}; each must be different")
            seen[item] = entry

    def one_of(self, value: Mapping, entry: str | None, field: str, allowed: Collection[str]) -> str:
        item = value.get(field)
        if not isinstance(item, str) or item not in allowed:
            raise self.fail(entry, field, f"got {short_repr(item)}, allowed: " + ", ".join(sorted(allowed)))
        return item

    def id_list(self, value: Mapping, entry: str | None, field: str, known: Collection[str],
                *, what: str, allow_empty: bool = False) -> tuple[str, ...]:
        """A list of ids that must all be in ``known`` (e.g. source ids)."""
        items = value.get(field)
        if isinstance(items, str):
            items = [items]
        if not isinstance(items, list) or (not items and not allow_empty):
            raise self.fail(entry, field, f"must be a list of {what} ids")
        for item in items:
            if not isinstance(item, str) or item not in known:
                raise self.fail(entry, field, f"unknown {what} {short_repr(item)}; known: " + ", ".join(sorted(known)))
        if len(set(items)) != len(items):
            raise self.fail(entry, field, f"repeats a {what} id")
        return tuple(items)
