"""The hardened loader (legtwitch/yamlio.py): size cap, no aliases, no duplicate keys, JSON-like
scalars only, depth cap, key lines, and the C and pure-Python paths giving identical results."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
import yaml

from legtwitch import yamlio
from legtwitch.errors import FileFormatError
from legtwitch.yamlio import (MAX_DEPTH, MAX_FILE_BYTES, MAX_NUMBER_CHARS, load_document, number_from_text,
                              parse_document, read_stream)

ROOT = Path(__file__).resolve().parents[1]
PACKAGED = sorted((ROOT / "legtwitch" / "data").rglob("*.yaml"))
LOADERS = [pytest.param(yaml.SafeLoader, id="python")]
if getattr(yaml, "__with_libyaml__", False):
    LOADERS.insert(0, pytest.param(yaml.CSafeLoader, id="libyaml"))


def load_with(loader, text: str, name: str = "t.yaml"):
    return yamlio._parse_yaml(text, name, loader)


def outcome(loader, text: str):
    """The data, or the error message (the same shape for both event sources)."""
    try:
        return "data", load_with(loader, text).data, load_with(loader, text).lines
    except FileFormatError as err:
        return "error", str(err), None


# -- packaged files -------------------------------------------------------------------------------

@pytest.mark.parametrize("loader", LOADERS)
@pytest.mark.parametrize("path", PACKAGED, ids=lambda p: p.name)
def test_every_packaged_file_loads_as_plain_safe_load_does(path, loader):
    """No packaged file relies on anything the hardened loader refuses (aliases, yes/no, dates,
    duplicate keys...): it gives the same data as yaml.safe_load, through either parser."""
    text = path.read_text(encoding="utf-8")
    assert load_with(loader, text, path.name).data == yaml.safe_load(text)


def test_largest_packaged_file_is_far_below_the_cap():
    largest = max(p.stat().st_size for p in PACKAGED)
    assert largest * 5 < MAX_FILE_BYTES, f"largest packaged file {largest} B: raise MAX_FILE_BYTES and the docs"


def test_the_c_parser_is_used_when_pyyaml_has_it(monkeypatch):
    loaders = yamlio._yaml_loaders()
    assert loaders[-1] is yaml.SafeLoader
    if yaml.__with_libyaml__:
        assert loaders[0] is yaml.CSafeLoader
    monkeypatch.setattr(yaml, "__with_libyaml__", False)  # as in the pure-Python JupyterLite wheel
    assert yamlio._yaml_loaders() == [yaml.SafeLoader]
    assert parse_document("calf_pain: true\n", "x.yaml").data == {"calf_pain": True}


# -- both paths give identical results ----------------------------------------------------------------

SAME = [
    "a: 1\nb: [1, 2.5, -3, 0, -0.5, 1e3, 2E-2]\nc: {d: e}\n",
    "a: yes\nb: on\nc: 012\nd: 0x1F\ne: 0b11\nf: 1:00\ng: 2024-01-01\nh: .inf\ni: True\nj: +5\nk: .5\nl: 5.\nm: 1_000\n",
    "a: ~\nb: null\nc:\nd: 'true'\ne: \"1\"\nf: |\n  text\n",
    "1: one\ntrue: two\nnull: three\n",
    "a: &x 1\nb: *x\n",
    "a: *x\n",
    "<<: {a: 1}\n",
    "a: !!int '3'\n",
    "! a: 1\n",
    "a: 1\na: 2\n",
    "a:\n  b:\n    c: 1\n    c: 2\n",
    "1: a\n'1': b\n",
    "? [a]\n: 1\n",
    "? {a: 1}\n: 1\n",
    "a: 1\n---\nb: 2\n",
    "x: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n",
    "x: " + "[" * 1000 + "]" * 1000 + "\n",
    "".join("  " * i + "k:\n" for i in range(MAX_DEPTH + 2)),
    "x: " + "9" * (MAX_NUMBER_CHARS + 1) + "\n",
    "x: " + "9" * MAX_NUMBER_CHARS + "\n",
    "a: b\n\x07c: d\n",
    "",
    "# only a comment\n",
    "- a\n- b\n",
]


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML without libyaml: only one path to compare")
@pytest.mark.parametrize("text", SAME)
def test_libyaml_and_pure_python_give_identical_results(text):
    assert outcome(yaml.CSafeLoader, text) == outcome(yaml.SafeLoader, text)


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML without libyaml: only one path to compare")
@pytest.mark.parametrize("text", ["a: [1, 2\n", "a:\n\tb: 1\n", "a: b: c\n", "- a\nb: 1\n", "a: 'x\n"])
def test_yaml_syntax_errors_are_invalid_yaml_with_a_line_on_both_paths(text):
    """The wording of a syntax error is the parser's own (libyaml and PyYAML differ); both say
    'invalid YAML' and name a line."""
    for loader in (yaml.CSafeLoader, yaml.SafeLoader):
        with pytest.raises(FileFormatError, match=r"^t\.yaml:\d+: invalid YAML: ") as info:
            load_with(loader, text)
        assert "\n" not in str(info.value)


# -- what is refused, what is accepted ---------------------------------------------------------------

@pytest.mark.parametrize("loader", LOADERS)
def test_only_json_like_scalars_are_resolved(loader):
    data = load_with(loader, SAME[1]).data
    assert data == {"a": "yes", "b": "on", "c": "012", "d": "0x1F", "e": "0b11", "f": "1:00", "g": "2024-01-01",
                    "h": ".inf", "i": "True", "j": "+5", "k": ".5", "l": "5.", "m": "1_000"}
    data = load_with(loader, SAME[2]).data
    assert data == {"a": None, "b": None, "c": None, "d": "true", "e": "1", "f": "text\n"}
    data = load_with(loader, SAME[0]).data
    assert data == {"a": 1, "b": [1, 2.5, -3, 0, -0.5, 1000.0, 0.02], "c": {"d": "e"}}
    assert type(data["b"][0]) is int and type(data["b"][5]) is float


@pytest.mark.parametrize("loader", LOADERS)
def test_keys_are_always_text(loader):
    assert load_with(loader, SAME[3]).data == {"1": "one", "true": "two", "null": "three"}
    with pytest.raises(FileFormatError, match=r"t\.yaml:2: duplicate key '1' \(first at line 1\)"):
        load_with(loader, SAME[11])


@pytest.mark.parametrize("loader", LOADERS)
@pytest.mark.parametrize("text, line", [(SAME[4], 1), (SAME[5], 1), ("base: &b {a: 1}\nc:\n  <<: *b\n", 1),
                                        ("a: 1\nb:\n  - &x c\n", 3)])
def test_anchors_aliases_and_merge_keys_are_refused(loader, text, line):
    with pytest.raises(FileFormatError, match=rf"^t\.yaml:{line}: YAML anchors and aliases"):
        load_with(loader, text)


@pytest.mark.parametrize("loader", LOADERS)
def test_a_merge_key_without_alias_is_only_a_key_named_lt_lt(loader):
    assert load_with(loader, SAME[6]).data == {"<<": {"a": 1}}


@pytest.mark.parametrize("loader", LOADERS)
def test_an_alias_bomb_is_refused_before_it_expands(loader):
    """The first anchor ends the parse; the events after it are never even read."""
    bomb = "a: &a [" + ", ".join(["lol"] * 10) + "]\n" + "".join(
        f"{k}: &{k} [" + ", ".join([f"*{p}"] * 10) + "]\n" for p, k in zip("abcdefgh", "bcdefghi"))
    source = loader(bomb)
    read = []
    original = source.get_event

    def counting():
        read.append(1)
        return original()

    source.get_event = counting
    with pytest.raises(FileFormatError, match="anchors"):
        yamlio._Builder(source, "bomb.yaml", {}).document()
    assert len(read) < 10


@pytest.mark.parametrize("loader", LOADERS)
@pytest.mark.parametrize("text", [SAME[7], SAME[8], "!!python/object/apply:os.system ['true']\n"])
def test_tags_are_refused(loader, text):
    with pytest.raises(FileFormatError, match="YAML tags .* are not allowed"):
        load_with(loader, text)


@pytest.mark.parametrize("loader", LOADERS)
def test_duplicate_keys_are_refused_at_any_depth(loader):
    with pytest.raises(FileFormatError, match=r"^t\.yaml:2: duplicate key 'a' \(first at line 1\)"):
        load_with(loader, SAME[9])
    with pytest.raises(FileFormatError, match=r"^t\.yaml:4: duplicate key 'c' \(first at line 3\)"):
        load_with(loader, SAME[10])


def test_duplicate_keys_are_refused_in_json_at_any_depth():
    with pytest.raises(FileFormatError, match=r"^t\.json:3: invalid JSON: duplicate key 'a' \(first at line 2\)"):
        parse_document('{"x": [\n {"a": 1,\n  "a": 2}]}', "t.json", json_only=True)


@pytest.mark.parametrize("loader", LOADERS)
def test_complex_keys_and_second_documents_are_refused(loader):
    for text in (SAME[12], SAME[13]):
        with pytest.raises(FileFormatError, match="a mapping key must be a single word or text"):
            load_with(loader, text)
    with pytest.raises(FileFormatError, match=r"t\.yaml:2: a second YAML document"):
        load_with(loader, SAME[14])


@pytest.mark.parametrize("loader", LOADERS)
def test_depth_cap(loader):
    ok = "x: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n"  # the mapping is level 1
    assert load_with(loader, ok).data["x"] is not None
    for text in (SAME[15], SAME[16], SAME[17]):
        with pytest.raises(FileFormatError, match=f"nested more than {MAX_DEPTH} deep"):
            load_with(loader, text)


def test_depth_cap_json():
    ok = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    assert parse_document(ok, "t.json", json_only=True).data is not None
    for depth in (MAX_DEPTH + 1, 100_000):
        with pytest.raises(FileFormatError, match=f"nested more than {MAX_DEPTH} deep"):
            parse_document("[" * depth + "]" * depth, "t.json", json_only=True)
    with pytest.raises(FileFormatError, match=f"nested more than {MAX_DEPTH} deep"):
        parse_document('{"a": ' * 50 + "1" + "}" * 50, "t.json", json_only=True)


@pytest.mark.parametrize("loader", LOADERS)
def test_number_length_cap(loader):
    assert load_with(loader, SAME[19]).data == {"x": int("9" * MAX_NUMBER_CHARS)}
    with pytest.raises(FileFormatError, match=f"a number of {MAX_NUMBER_CHARS + 1} characters"):
        load_with(loader, SAME[18])
    with pytest.raises(FileFormatError, match="a number of 5000 characters"):
        parse_document('{"x": ' + "9" * 5000 + "}", "t.json", json_only=True)


@pytest.mark.parametrize("text, message", [
    ('{"a": NaN}', "NaN is not valid JSON"),
    ('{"a": -Infinity}', "-Infinity is not valid JSON"),
    ('{"a": 1\u0661}', "is not a JSON number"),  # the pure-Python scanner's \d matches Arabic-Indic digits
    ('{"a": 1,}', "Illegal trailing comma"),
    ('{"a": 1} {}', "Extra data"),
])
def test_strict_json(text, message):
    with pytest.raises(FileFormatError, match=message):
        parse_document(text, "t.json", json_only=True)


def test_json_gives_what_the_json_module_gives():
    text = '{"a": [1, 2.5, -0.0, 1e400, true, null, "\\u00e9\\n"], "b": {"c": {}}, "d": []}'
    import json
    assert parse_document(text, "t.json", json_only=True).data == json.loads(text)


@pytest.mark.parametrize("text", ["", "  \n", "null", "# comment\n", "~"])
def test_empty_documents_are_none(text):
    json_text = text if text.strip() in ("", "null") else None
    assert parse_document(text, "t.yaml").data is None
    if json_text is not None:
        assert parse_document(json_text, "t.json", json_only=True).data is None


# -- key lines ----------------------------------------------------------------------------------------

def test_key_lines_are_recorded_while_building_yaml_and_json():
    yaml_text = "id: x\nscenario:\n  calf_pain: true\n  leg_warm: true\nlist:\n  - a: 1\n    b: 2\n"
    doc = parse_document(yaml_text, "t.yaml")
    assert (doc.line("id"), doc.line("scenario"), doc.line("scenario", "leg_warm")) == (1, 2, 4)
    assert (doc.line("list", 0, "a"), doc.line("list", 0, "b"), doc.line("nope")) == (6, 7, None)
    json_text = '{\n "id": "x",\n "scenario": {\n  "calf_pain": true,\n  "leg_warm": true\n },\n "list": [{"a": 1,\n "b": 2}]\n}'
    doc = parse_document(json_text, "t.json", json_only=True)
    assert (doc.line("id"), doc.line("scenario"), doc.line("scenario", "leg_warm")) == (2, 3, 5)
    assert (doc.line("list", 0, "a"), doc.line("list", 0, "b")) == (7, 8)


def test_scenario_errors_use_the_recorded_line_of_the_nested_key(tmp_path):
    """A case file whose vignette mentions 'frequency:' first: the line is the scenario's key."""
    from legtwitch import Scenario
    path = tmp_path / "c.yaml"
    path.write_text("id: c\ntitle: t\nvignette: |\n  frequency: often\nscenario:\n  frequency: often\n")
    with pytest.raises(ValueError, match=r"c\.yaml:6: field 'frequency'"):
        Scenario.from_file(path)


# -- size and encoding ---------------------------------------------------------------------------------

class CountingStream(io.RawIOBase):
    """An endless stream of zeros that counts what was read (a stand-in for /dev/zero)."""

    def __init__(self):
        self.read_bytes = 0

    def readable(self):
        return True

    def readinto(self, buffer):
        n = min(len(buffer), 65536)
        buffer[:n] = b"\0" * n
        self.read_bytes += n
        return n


def test_an_endless_stream_is_refused_after_reading_at_most_the_cap_plus_one_byte():
    stream = CountingStream()
    with pytest.raises(FileFormatError, match="larger than 1 MiB"):
        read_stream(stream, "<zero>")
    assert stream.read_bytes <= MAX_FILE_BYTES + 1


def test_size_cap_is_exact(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"#" * (MAX_FILE_BYTES - 1) + b"\n")
    assert load_document(path).data is None
    path.write_bytes(b"#" * MAX_FILE_BYTES + b"\n")
    with pytest.raises(FileFormatError, match=r"big\.yaml: the file is larger than 1 MiB"):
        load_document(path)
    with pytest.raises(FileFormatError, match="larger than 1 MiB"):
        parse_document("#" * (MAX_FILE_BYTES + 1), "text")
    with pytest.raises(FileFormatError, match="larger than 1 MiB"):  # 600 K characters, 1.2 MB of UTF-8
        parse_document("é" * 600_000, "text")


def test_encodings(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_bytes(b"\xef\xbb\xbfcalf_pain: true\n")
    assert load_document(path).data == {"calf_pain": True}
    path = tmp_path / "s.json"
    path.write_bytes(b'\xef\xbb\xbf{"calf_pain": true}')
    assert load_document(path).data == {"calf_pain": True}
    path.write_bytes("calf_pain: true".encode("utf-16"))
    with pytest.raises(FileFormatError, match="it looks like UTF-16"):
        load_document(path)
    path.write_bytes(b"a: 1\nb: caf\xe9\n")
    with pytest.raises(FileFormatError, match=r"s\.json:2: not a UTF-8 text file \(byte 0xe9"):
        load_document(path)
    with pytest.raises(FileFormatError, match="lone surrogate"):
        parse_document("a: \udcff", "t.yaml")


@pytest.mark.parametrize("text, value", [("0", 0), ("-3", -3), ("42", 42), ("2.5", 2.5), ("1e-3", 0.001),
                                         ("-0.5", -0.5), ("13.9999999", 13.9999999)])
def test_number_from_text_accepts_json_numbers(text, value):
    assert number_from_text(text) == value and type(number_from_text(text)) is type(value)


@pytest.mark.parametrize("text", ["012", "0x1F", "0b11", "1_000", "+5", ".5", "5.", "nan", "inf", "1:00", "١٢",
                                  "9" * (MAX_NUMBER_CHARS + 1), "", " 1"])
def test_number_from_text_refuses_everything_else(text):
    with pytest.raises(ValueError):
        number_from_text(text)
