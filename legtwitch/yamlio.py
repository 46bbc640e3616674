"""The one loader for every YAML and JSON input: scenarios, cases, question banks, the
knowledge base and saved results. Hardened against hostile files.

What it accepts (documented in the README; anything else is an error, never a guess):

- at most ``MAX_FILE_BYTES`` (1 MiB) of UTF-8 text. The largest packaged file is about
  80 KB (the knowledge base) and a real scenario is under 2 KB. Files are read in binary and never more than
  the limit plus one byte, so ``/dev/zero`` or a 50 MB file is refused at once. A leading
  UTF-8 byte-order mark is allowed (editors on Windows write one).
- one YAML document (or one JSON value) whose collections nest at most ``MAX_DEPTH`` deep.
- in YAML: no anchors or aliases (``&x``/``*x``: alias bombs), no tags (``!!int``,
  ``!!python/...``), no complex keys, no duplicate keys in any mapping at any depth. Keys
  are always text, as in JSON (``1:`` is the key ``'1'``, never the number 1). Plain
  scalars resolve like JSON only: ``true``/``false``, ``null``/``~``/empty, decimal
  integers (``0``, ``-3``, ``42``) and decimal floats (``2.5``, ``1e-3``). Everything
  else is text: ``yes``/``no``/``on``/``off``, ``012``, ``0x1F``, ``0b11``, ``1:00``,
  ``2024-01-01``, ``.inf``, ``True``; the validators then reject it with a clear message.
- in JSON: strict JSON (no ``NaN``/``Infinity``), no duplicate keys at any depth.
- numbers of at most ``MAX_NUMBER_CHARS`` characters.

Errors are ``FileFormatError`` (a ``ValueError``) naming the file and the line. While a
document is built, the line of every mapping key is recorded under its path (``("scenario",
"calf_pain") -> 8``), so a validator can point at the line of a bad field without parsing
the text again (``Document.line``).

YAML is parsed by libyaml through ``yaml.CSafeLoader`` when PyYAML has it (pip wheels on
Linux, macOS and Windows) and by the pure-Python ``yaml.SafeLoader`` otherwise (the
JupyterLite site); only their event streams are used, and the document is built here from
the events, so both give identical data and identical errors for every check above (the
wording of a YAML *syntax* error comes from the parser and can differ). Nothing in a file
can run code.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from json.decoder import WHITESPACE, JSONArray, JSONDecodeError, scanstring
from json.scanner import py_make_scanner
from pathlib import Path
from typing import Any, BinaryIO, Callable, Mapping

from .errors import FileFormatError, short_repr

#: Largest file any loader reads (bytes). Far above any real file: the largest packaged file
#: (knowledge.yaml) is about 100 KB, a scenario or case file under 2 KB.
MAX_FILE_BYTES = 1 << 20
#: Deepest nesting of lists and mappings (the packaged files nest at most 5 deep).
MAX_DEPTH = 20
#: Longest number literal (characters). Longer ones are refused before conversion.
MAX_NUMBER_CHARS = 1000

_BOM = "\ufeff"
_TOO_DEEP = f"lists and mappings are nested more than {MAX_DEPTH} deep"
_INT = re.compile(r"-?(?:0|[1-9][0-9]*)\Z")
_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+(?:[eE][-+]?[0-9]+)?|[eE][-+]?[0-9]+)\Z")


@dataclass(frozen=True)
class Document:
    """A loaded file: its data, its name and the line of every mapping key by path."""

    name: str
    data: Any
    lines: Mapping[tuple, int] = field(default_factory=dict, repr=False)

    def line(self, *path: Any) -> int | None:
        """1-based line of the mapping key at ``path`` (e.g. ``("scenario", "calf_pain")``)."""
        return self.lines.get(tuple(path))


def size_limit_text(limit: int = MAX_FILE_BYTES) -> str:
    return f"{limit // (1 << 20)} MiB" if limit % (1 << 20) == 0 else f"{limit:,} bytes"


def _too_large(name: str, limit: int) -> FileFormatError:
    return FileFormatError(name, None, f"the file is larger than {size_limit_text(limit)}, the most legtwitch "
                                       "reads from one file")


def number_from_text(text: str) -> int | float:
    """A number written as in JSON (``42``, ``-3``, ``2.5``, ``1e-3``), as the loader reads plain
    YAML scalars; anything else (``012``, ``0x1F``, ``1_000``, ``nan``, ``.5``) is a ValueError.
    Used for numbers typed into the widgets, so a box and a file accept the same numbers."""
    if len(text) > MAX_NUMBER_CHARS:
        raise ValueError(f"a number of {len(text)} characters (at most {MAX_NUMBER_CHARS} are read)")
    if _INT.match(text):
        return int(text)
    if _FLOAT.match(text):
        return float(text)
    raise ValueError(f"{short_repr(text)} is not a number")


# -- reading bytes --------------------------------------------------------------------------------

def read_limited(path: str | Path, *, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """At most ``max_bytes`` of ``path``; a longer file (or device) is an error at once."""
    path = Path(path)
    try:
        with open(path, "rb") as fh:
            return read_stream(fh, str(path), max_bytes=max_bytes)
    except OSError as exc:
        raise FileFormatError(str(path), None, f"cannot read file: {exc.strerror or exc}") from None


def read_stream(stream: BinaryIO, name: str, *, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """Read a binary stream (a file, a pipe, standard input) up to ``max_bytes``."""
    chunks, total = [], 0
    while total <= max_bytes:
        chunk = stream.read(max_bytes + 1 - total)
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    if total > max_bytes:
        raise _too_large(name, max_bytes)
    return b"".join(chunks)


def decode(data: bytes, name: str) -> str:
    """Strict UTF-8 (a leading byte-order mark is dropped); anything else names the line."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise FileFormatError(name, None, "not a UTF-8 text file (it looks like UTF-16: save it as UTF-8)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise FileFormatError(name, line, f"not a UTF-8 text file (byte 0x{data[exc.start]:02x} is not valid "
                                          "UTF-8 there; save the file as UTF-8)") from None
    return text[1:] if text.startswith(_BOM) else text


# -- parsing ----------------------------------------------------------------------------------------

def parse_document(text: str, name: str, *, json_only: bool = False,
                   max_bytes: int = MAX_FILE_BYTES) -> Document:
    """Parse YAML or, with ``json_only``, strict JSON text into a ``Document``.

    Empty text (or only whitespace and comments, or ``null``) gives ``data = None``: the
    caller decides whether that is allowed (a scenario file says "the file is empty").
    """
    if len(text) > max_bytes:
        raise _too_large(name, max_bytes)
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError:
        raise FileFormatError(name, None, "not valid Unicode text (it contains a lone surrogate)") from None
    if size > max_bytes:
        raise _too_large(name, max_bytes)
    if text.startswith(_BOM):
        text = text[1:]
    if json_only:
        return _parse_json(text, name)
    return _parse_yaml(text, name)


def parse_text(text: str, name: str, *, json_only: bool = False) -> Any:
    """Parse YAML (or, with ``json_only``, strict JSON) text; the data only."""
    return parse_document(text, name, json_only=json_only).data


def load_document(path: str | Path, *, max_bytes: int = MAX_FILE_BYTES) -> Document:
    """Load a ``.json`` file as JSON and anything else as YAML (size cap checked first)."""
    path = Path(path)
    text = decode(read_limited(path, max_bytes=max_bytes), str(path))
    return parse_document(text, str(path), json_only=path.suffix.lower() == ".json", max_bytes=max_bytes)


def load_file(path: str | Path, *, max_bytes: int = MAX_FILE_BYTES) -> Any:
    """The data of ``load_document(path)``."""
    return load_document(path, max_bytes=max_bytes).data


def load_stream(stream: BinaryIO, name: str, *, max_bytes: int = MAX_FILE_BYTES) -> Document:
    """Load YAML from a binary stream such as standard input."""
    return parse_document(decode(read_stream(stream, name, max_bytes=max_bytes), name), name,
                          max_bytes=max_bytes)


# -- YAML ---------------------------------------------------------------------------------------------

def _yaml_loaders() -> list[type]:
    """The event sources in order of preference: libyaml (C), then pure Python."""
    import yaml  # imported here: keeps ``import legtwitch`` fast
    loaders = [yaml.SafeLoader]
    if getattr(yaml, "__with_libyaml__", False) and hasattr(yaml, "CSafeLoader"):
        loaders.insert(0, yaml.CSafeLoader)
    return loaders


def _parse_yaml(text: str, name: str, loader: type | None = None) -> Document:
    import yaml
    loader = loader or _yaml_loaders()[0]
    lines: dict[tuple, int] = {}
    try:
        source = loader(text)
    except yaml.YAMLError as exc:  # the pure-Python reader checks characters at once
        raise _yaml_error(exc, name, text) from None
    try:
        return Document(name, _Builder(source, name, lines).document(), lines)
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, name, text) from None
    finally:
        source.dispose()


def _yaml_error(exc: Exception, name: str, text: str) -> FileFormatError:
    mark = getattr(exc, "problem_mark", None)
    line = mark.line + 1 if mark is not None else None
    problem = getattr(exc, "problem", None)
    if problem is None and getattr(exc, "reason", None):  # ReaderError: a character YAML forbids
        position = getattr(exc, "position", None)
        if isinstance(position, int):
            line = text.count("\n", 0, position) + 1
        return FileFormatError(name, line, f"invalid YAML: a control character (#x{exc.character:04x}) "
                                           "is not allowed in a YAML file")
    problem = problem or str(exc).splitlines()[0]
    if "maximum nesting depth" in problem:  # libyaml's own limit (1000) is met while it reads ahead
        return FileFormatError(name, line, _TOO_DEEP)
    return FileFormatError(name, line, f"invalid YAML: {problem}")


class _Builder:
    """Builds Python data straight from the parser's events (no nodes, no constructor).

    Refuses anchors, aliases, tags, complex keys, duplicate keys and deep nesting as soon as
    the event that shows them arrives, so an alias bomb is never expanded.
    """

    def __init__(self, source: Any, name: str, lines: dict[tuple, int]):
        import yaml
        self.events = yaml.events
        self.source, self.name, self.lines = source, name, lines
        self.path: list[Any] = []

    def fail(self, event: Any, problem: str) -> FileFormatError:
        return FileFormatError(self.name, event.start_mark.line + 1, problem)

    def document(self) -> Any:
        ev = self.events
        self.source.get_event()  # StreamStartEvent
        if self.source.check_event(ev.StreamEndEvent):
            return None
        self.source.get_event()  # DocumentStartEvent
        data = self.value(0)
        self.source.get_event()  # DocumentEndEvent
        if not self.source.check_event(ev.StreamEndEvent):
            raise self.fail(self.source.peek_event(), "a second YAML document ('---') is not allowed: "
                                                      "one file holds one document")
        return data

    def value(self, depth: int) -> Any:
        ev = self.events
        event = self.source.get_event()
        if isinstance(event, ev.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise self.fail(event, "YAML anchors and aliases (&name, *name) are not allowed; "
                                   "write each value out in full")
        if getattr(event, "tag", None) is not None:
            raise self.fail(event, f"YAML tags ({short_repr(event.tag)}) are not allowed; "
                                   "write plain values (true, false, numbers, text)")
        if isinstance(event, ev.ScalarEvent):
            return self.scalar(event)
        if depth >= MAX_DEPTH:
            raise self.fail(event, _TOO_DEEP)
        if isinstance(event, ev.SequenceStartEvent):
            items = []
            while not self.source.check_event(ev.SequenceEndEvent):
                self.path.append(len(items))
                items.append(self.value(depth + 1))
                self.path.pop()
            self.source.get_event()
            return items
        if isinstance(event, ev.MappingStartEvent):
            out: dict[Any, Any] = {}
            first_line: dict[Any, int] = {}
            while not self.source.check_event(ev.MappingEndEvent):
                key_event = self.source.peek_event()
                if isinstance(key_event, (ev.SequenceStartEvent, ev.MappingStartEvent)):
                    raise self.fail(key_event, "a mapping key must be a single word or text, "
                                               "not a list or a mapping")
                self.value(depth + 1)  # refuses an alias, an anchor or a tag on the key
                key = key_event.value  # keys are text, as in JSON: `1:`, `true:` are '1', 'true'
                line = key_event.start_mark.line + 1
                if key in out:
                    raise self.fail(key_event, f"duplicate key {short_repr(key)} (first at line "
                                               f"{first_line[key]}); each key may appear only once")
                first_line[key] = line
                self.lines[(*self.path, key)] = line
                self.path.append(key)
                out[key] = self.value(depth + 1)
                self.path.pop()
            self.source.get_event()
            return out
        raise self.fail(event, f"unexpected YAML event {type(event).__name__}")  # pragma: no cover

    def scalar(self, event: Any) -> Any:
        value = event.value
        if not event.implicit[0]:  # quoted or block scalar: always text
            return value
        if value in ("", "~", "null"):
            return None
        if value == "true":
            return True
        if value == "false":
            return False
        if value[:1] in "-0123456789" and value[:1]:
            if _INT.match(value):
                return self.number(event, value, int)
            if _FLOAT.match(value):
                return self.number(event, value, float)
        return value

    def number(self, event: Any, text: str, kind: Callable[[str], Any]) -> Any:
        if len(text) > MAX_NUMBER_CHARS:
            raise self.fail(event, f"a number of {len(text)} characters (at most {MAX_NUMBER_CHARS} are read)")
        return kind(text)


# -- JSON ----------------------------------------------------------------------------------------------

class _JsonFail(Exception):
    """A check of ours failed at ``pos`` (``None``: the value being scanned; filled in above)."""

    def __init__(self, pos: int | None, problem: str):
        self.pos, self.problem = pos, problem


class _JsonContext:
    """The context ``json.scanner.py_make_scanner`` reads, with our own object and array parsers.

    The pure-Python scanner (not the C one) is used because it calls back for every object and
    array: that is where depth, duplicate keys and key lines are checked and recorded.
    """

    strict = True
    object_hook = None
    object_pairs_hook = None

    def __init__(self, text: str, lines: dict[tuple, int]):
        self.text = text
        self.lines = lines
        self.path: list[Any] = []  # keys and list indices down to the value being parsed
        self.depth = 0
        self.memo: dict = {}
        self.parse_string = scanstring
        self._line_pos, self._line_no = 0, 1  # a cursor: key positions are asked for in order

    def line_at(self, pos: int) -> int:
        if pos < self._line_pos:
            return self.text.count("\n", 0, pos) + 1
        self._line_no += self.text.count("\n", self._line_pos, pos)
        self._line_pos = pos
        return self._line_no

    def parse_int(self, text: str) -> int:
        return int(self._number(text))

    def parse_float(self, text: str) -> float:
        return float(self._number(text))

    @staticmethod
    def _number(text: str) -> str:
        if not text.isascii():  # the pure-Python scanner's \d also matches other scripts' digits
            raise _JsonFail(None, f"{short_repr(text)} is not a JSON number (use the digits 0-9)")
        if len(text) > MAX_NUMBER_CHARS:
            raise _JsonFail(None, f"a number of {len(text)} characters (at most {MAX_NUMBER_CHARS} are read)")
        return text

    @staticmethod
    def parse_constant(name: str) -> Any:
        raise _JsonFail(None, f"{name} is not valid JSON (JSON numbers are finite)")

    def scan_value(self, scan_once: Callable, s: str, pos: int, step: Any) -> tuple[Any, int]:
        """Scan the value at ``pos`` with ``step`` (a key or an index) added to the path."""
        self.path.append(step)
        try:
            return scan_once(s, pos)
        except _JsonFail as fail:
            if fail.pos is None:
                fail.pos = pos
            raise
        finally:
            self.path.pop()

    def _enter(self, pos: int) -> None:
        if self.depth >= MAX_DEPTH:
            raise _JsonFail(pos, _TOO_DEEP)
        self.depth += 1

    def parse_array(self, s_and_end: tuple[str, int], scan_once: Callable) -> tuple[list, int]:
        s, end = s_and_end
        self._enter(end - 1)
        index = -1

        def scan(string: str, idx: int) -> tuple[Any, int]:
            nonlocal index
            index += 1
            return self.scan_value(scan_once, string, idx, index)

        try:
            return JSONArray((s, end), scan)
        finally:
            self.depth -= 1

    def parse_object(self, s_and_end: tuple[str, int], strict: bool, scan_once: Callable,
                     *_hooks: Any) -> tuple[dict, int]:
        """Like ``json.decoder.JSONObject``, plus key lines, duplicate keys and depth."""
        s, end = s_and_end
        self._enter(end - 1)
        try:
            return self._object(s, end, strict, scan_once)
        finally:
            self.depth -= 1

    def _object(self, s: str, end: int, strict: bool, scan_once: Callable) -> tuple[dict, int]:
        ws = WHITESPACE.match
        out: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        end = ws(s, end).end()
        if s[end:end + 1] == "}":
            return out, end + 1
        while True:
            if s[end:end + 1] != '"':
                problem = ("Illegal trailing comma before end of object" if out and s[end:end + 1] == "}"
                           else "Expecting property name enclosed in double quotes")
                raise JSONDecodeError(problem, s, end)
            key_pos = end
            key, end = scanstring(s, end + 1, strict)
            line = self.line_at(key_pos)
            if key in out:
                raise _JsonFail(key_pos, f"duplicate key {short_repr(key)} (first at line {first_line[key]}); "
                                         "each key may appear only once")
            first_line[key] = line
            self.lines[(*self.path, key)] = line
            end = ws(s, end).end()
            if s[end:end + 1] != ":":
                raise JSONDecodeError("Expecting ':' delimiter", s, end)
            end = ws(s, end + 1).end()
            try:
                out[key], end = self.scan_value(scan_once, s, end, key)
            except StopIteration as err:
                raise JSONDecodeError("Expecting value", s, err.value) from None
            end = ws(s, end).end()
            nextchar = s[end:end + 1]
            end += 1
            if nextchar == "}":
                return out, end
            if nextchar != ",":
                raise JSONDecodeError("Expecting ',' delimiter", s, end - 1)
            end = ws(s, end).end()


def _parse_json(text: str, name: str) -> Document:
    lines: dict[tuple, int] = {}
    if not text.strip(" \t\n\r"):
        return Document(name, None, lines)
    ctx = _JsonContext(text, lines)
    scan = py_make_scanner(ctx)
    start = WHITESPACE.match(text, 0).end()
    try:
        try:
            data, end = scan(text, start)
        except StopIteration as err:
            raise JSONDecodeError("Expecting value", text, err.value) from None
        end = WHITESPACE.match(text, end).end()
        if end != len(text):
            raise JSONDecodeError("Extra data", text, end)
    except JSONDecodeError as exc:
        raise FileFormatError(name, exc.lineno, f"invalid JSON: {exc.msg}") from None
    except _JsonFail as exc:
        line = text.count("\n", 0, exc.pos if exc.pos is not None else start) + 1
        raise FileFormatError(name, line, f"invalid JSON: {exc.problem}") from None
    return Document(name, data, lines)


__all__ = ["Document", "FileFormatError", "MAX_FILE_BYTES", "MAX_DEPTH", "MAX_NUMBER_CHARS", "decode",
           "number_from_text",
           "load_document", "load_file", "load_stream", "parse_document", "parse_text", "read_limited",
           "read_stream", "size_limit_text"]
