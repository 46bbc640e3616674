"""The hostile-input corpus: one entry per hostile input, with what it runs and what must happen.

Each entry says: the command line (``args``, run as ``python -m legtwitch ...``) or a Python
snippet (``api``), the expected exit code, and a fragment that the one line on stderr must
contain (or, for exit 0, that stdout must contain). Small inputs are committed files in
``inputs/``; large ones are generated at test time by ``make`` into the test's temporary
folder (never committed). ``package`` breaks a copy of the installed package (for the
"broken packaged knowledge base" cases). ``test_hostile_corpus.py`` runs every entry under a
resource limit; ``measure.py`` records the before/after table in docs/hostile-input.md.

Placeholders in ``args`` and ``api``: ``{in}`` the inputs folder, ``{tmp}`` the temporary
folder, ``{made}`` (a whole argument) the path ``make`` returned.

An API snippet that raises a ValueError (every legtwitch error is one) ends, like the CLI, in
one line ``ErrorType: message`` and exit 2; ``error_type`` then names the expected type.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

INPUTS = Path(__file__).parent / "inputs"


@dataclass(frozen=True)
class Entry:
    id: str
    what: str  # the hostile input in words (the first column of the documentation table)
    expect: int  # exit code: 2 bad input, 1 internal error (broken package, full disk), 0 fine
    fragment: str  # must be in the single stderr line (exit != 0) or in stdout (exit 0)
    args: tuple[str, ...] = ()
    api: str | None = None
    error_type: str | None = None  # API entries: the error class the line must start with
    make: Callable[[Path], str | bytes] | None = None
    stdin: str | None = None  # None: empty; "closed": fd 0 closed; "/dev/...": that device; else text
    stdout: str | None = None  # e.g. "/dev/full"
    env: dict[str, str] = field(default_factory=dict)
    package: Callable[[Path], None] | None = None


#: API snippets start here: ``ex`` is exercise 01, ``first(kind)`` its first question of a kind
#: (so the corpus does not depend on the ids of the question bank).
_QUIZ = ("from legtwitch.quiz import exercise\nex = exercise('01')\n"
         "first = lambda kind: next(q for q in ex if q.question.kind == kind)\n")


def _in(name: str) -> str:
    return "{in}/" + name


def triage(name: str, *more: str) -> tuple[str, ...]:
    return ("triage", *more, _in(name))


# -- inputs generated at test time ----------------------------------------------------------------

def _write(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return str(path)


def huge_json_unknown_key(tmp: Path) -> str:
    """3 MB of JSON with one unknown key holding 500,000 numbers (the old line lookup parsed it
    again as YAML)."""
    return _write(tmp / "huge.json", b'{"unknown_key": [' + b", ".join([b"1234"] * 500_000) + b"]}\n")


def huge_yaml_comments(tmp: Path) -> str:
    """50 MB of YAML comments (before: 46 s)."""
    line = b"# " + b"c" * 98 + b"\n"
    return _write(tmp / "comments.yaml", line * 500_000 + b"calf_pain: true\n")


def json_just_under_limit(tmp: Path) -> str:
    """A JSON file just under the 1 MiB limit: 100,000 numbers under one unknown key."""
    body = ", ".join(["123456"] * 100_000)
    return _write(tmp / "big_ok.json", ('{"unknown_key": [' + body + ']}\n').encode())


def yaml_just_under_limit(tmp: Path) -> str:
    """A YAML file just under the 1 MiB limit: 40,000 mapping keys nested under one unknown key."""
    body = "".join(f"  k{i:05d}: {i}\n" for i in range(40_000))
    return _write(tmp / "big_ok.yaml", ("unknown_key:\n" + body).encode())


def long_key(tmp: Path) -> str:
    """A 500 KB key (an explicit YAML key: plain ones stop at 1024 characters)."""
    return _write(tmp / "long_key.yaml", b'? "' + b"k" * 500_000 + b'"\n: true\n')


def long_value(tmp: Path) -> str:
    return _write(tmp / "long_value.yaml", b"frequency: " + b"v" * 500_000 + b"\n")


def wide_json_list(tmp: Path) -> str:
    """A flat list of 300,000 small items at the top level of a JSON file."""
    return _write(tmp / "wide.json", b"[" + b",".join([b"1"] * 300_000) + b"]\n")


def non_utf8_name_bad_content(tmp: Path) -> bytes:
    path = os.path.join(os.fsencode(tmp), b"caf\xe9.yaml")  # Latin-1 bytes: not a UTF-8 name
    with open(path, "wb") as fh:
        fh.write(b"calf_pain: maybe\n")
    return path


def non_utf8_name_good_content(tmp: Path) -> bytes:
    path = os.path.join(os.fsencode(tmp), b"caf\xe9.yaml")
    with open(path, "wb") as fh:
        fh.write(b"calf_pain: true\n")
    return path


def newline_in_name(tmp: Path) -> str:
    return str(tmp / "two\nlines.yaml")  # does not exist: the error names it on one line


def zero_csv(tmp: Path) -> str:
    link = tmp / "zero.csv"
    link.symlink_to("/dev/zero")
    return str(link)


def foreign_json(tmp: Path) -> str:
    """Someone else's JSON file where the export is aimed (e.g. a notebook)."""
    return _write(tmp / "r.json", b'{"cells": [], "metadata": {}, "nbformat": 4}\n')


def corrupt_csv(tmp: Path) -> str:
    """An earlier results file, truncated in the middle of a row."""
    return _write(tmp / "r.csv", b"question_id,answer,correct,time\nsome_question,b,true,2024-05-06T09:0")


# -- a broken copy of the installed package ---------------------------------------------------------

def _edit_knowledge(pkg: Path, pattern: str, replacement: str, flags: int = re.M) -> None:
    path = pkg / "data" / "knowledge.yaml"
    text, n = re.subn(pattern, replacement, path.read_text(encoding="utf-8"), count=1, flags=flags)
    assert n == 1, f"the corpus edit {pattern!r} no longer matches knowledge.yaml: update tests/hostile/corpus.py"
    path.write_text(text, encoding="utf-8")


def knowledge_missing(pkg: Path) -> None:
    (pkg / "data" / "knowledge.yaml").unlink()


def knowledge_not_yaml(pkg: Path) -> None:
    _edit_knowledge(pkg, r"\Z", "unfinished_list: [unclosed\n")


def knowledge_second_first_rule(pkg: Path) -> None:
    """A second entry for the first rule (pe_warning_signs), right after it, that says self_care:
    before, the later duplicate silently won and chest pain became self-care."""
    path = pkg / "data" / "knowledge.yaml"
    text = path.read_text(encoding="utf-8")
    first = re.search(r"^rules:\n(?:[ \t]*#.*\n|[ \t]*\n)*  ([a-z0-9_]+):\n", text, flags=re.M)
    assert first, "no rules: section in knowledge.yaml: update tests/hostile/corpus.py"
    after = re.compile(r"^  [a-z0-9_]+:\n", flags=re.M).search(text, first.end())
    assert after, "the rules: section has a single rule: update tests/hostile/corpus.py"
    impostor = (f"  {first.group(1)}:\n    level: self_care\n    text: \"Nothing to worry about.\"\n"
                "    source: [treatment]\n")
    path.write_text(text[:after.start()] + impostor + text[after.start():], encoding="utf-8")


def knowledge_second_source(pkg: Path) -> None:
    """A second definition of the first source id (before: a misleading message)."""
    _edit_knowledge(pkg, r"^sources:\n  ([a-z0-9_]+):\n",
                    "sources:\n  \\1:\n    kind: paper\n    title: \"An impostor\"\n  \\1:\n")


def knowledge_negative_days(pkg: Path) -> None:
    _edit_knowledge(pkg, r"(^  persistent_days:\n(?:    .*\n)*?    value: )\d+", r"\g<1>-5")


def knowledge_points_100(pkg: Path) -> None:
    _edit_knowledge(pkg, r"(^    points: )1$", r"\g<1>100")


def knowledge_anchor(pkg: Path) -> None:
    _edit_knowledge(pkg, r"^(  [a-z0-9_]+:\n    kind: source_text\n)", r"\1    url: &u x\n")


def case_library_yes(pkg: Path) -> None:
    case = sorted((pkg / "data" / "cases").glob("*.yaml"))[0]
    text, n = re.subn(r"^(  [a-z_]+): true$", r"\1: yes", case.read_text(encoding="utf-8"), count=1, flags=re.M)
    assert n == 1, f"{case.name} has no boolean finding to break: update tests/hostile/corpus.py"
    case.write_text(text, encoding="utf-8")


# -- the corpus ---------------------------------------------------------------------------------------

E = Entry
ENTRIES: tuple[Entry, ...] = (
    # 1. YAML alias bombs
    E("alias_bomb_case", "case file (674 B): billion laughs, 9 levels of aliases, used as a field value", 2,
      "YAML anchors and aliases", triage("alias_bomb_case.yaml")),
    E("alias_chain_on_key", "scenario (375 B): alias chain and a key `on:`", 2,
      "YAML anchors and aliases", triage("alias_chain_on_key.yaml")),
    E("billion_laughs", "classic billion laughs (10**9 strings) as a scenario value", 2,
      "YAML anchors and aliases", triage("billion_laughs.yaml")),
    E("harmless_anchor", "a harmless anchor and alias (`&yes true` / `*yes`)", 2,
      "harmless_anchor.yaml:1: YAML anchors and aliases", triage("harmless_anchor.yaml")),
    E("merge_key", "a YAML merge key `<<: *base`", 2, "YAML anchors and aliases", triage("merge_key.yaml")),
    E("alias_bomb_stdin", "the alias bomb case on standard input", 2, "<stdin>:9: YAML anchors",
      ("triage", "-"), stdin=(INPUTS / "alias_bomb_case.yaml").read_text(encoding="utf-8")),
    E("alias_in_bank", "a question bank with an alias (authors' API `load_bank_file`)", 2,
      "YAML anchors and aliases", api="from legtwitch.quiz import load_bank_file\n"
                                      "load_bank_file('{in}/bank_with_alias.yaml')", error_type="FileFormatError"),
    # 2. duplicate keys
    E("duplicate_key_yaml", "`calf_pain: true` then `calf_pain: false` (YAML)", 2,
      "duplicate_key.yaml:2: duplicate key 'calf_pain' (first at line 1)", triage("duplicate_key.yaml")),
    E("duplicate_key_json", "the same in JSON", 2, "duplicate_key.json:3: invalid JSON: duplicate key 'calf_pain'",
      triage("duplicate_key.json")),
    E("duplicate_key_in_case", "a case file whose scenario repeats `chest_pain` (false wins)", 2,
      "duplicate_key_in_case.yaml:7: duplicate key 'chest_pain'", triage("duplicate_key_in_case.yaml")),
    E("duplicate_key_deep_json", "a duplicate key three levels down in JSON", 2, "duplicate key 'a'",
      triage("duplicate_key_deep.json")),
    E("knowledge_duplicate_rule", "packaged knowledge.yaml: a second first rule saying self_care; triage chest pain",
      1, "duplicate key", triage("chest_pain.yaml"), package=knowledge_second_first_rule),
    E("knowledge_duplicate_source", "packaged knowledge.yaml: a source id defined twice", 1,
      "knowledge.yaml:", ("cases",), package=knowledge_second_source),
    # 3. huge input
    E("huge_json_3mb", "3 MB JSON file with one unknown key", 2, "larger than 1 MiB",
      ("triage", "{made}"), make=huge_json_unknown_key),
    E("huge_yaml_comments_50mb", "50 MB of YAML comments", 2, "larger than 1 MiB",
      ("triage", "{made}"), make=huge_yaml_comments),
    E("dev_zero", "`legtwitch triage /dev/zero`", 2, "/dev/zero: the file is larger than 1 MiB",
      ("triage", "/dev/zero")),
    E("dev_zero_stdin", "`triage -` with /dev/zero on standard input", 2, "<stdin>: the file is larger than 1 MiB",
      ("triage", "-"), stdin="/dev/zero"),
    E("json_under_limit", "JSON just under 1 MiB: 100,000 numbers under an unknown key", 2,
      "unknown field 'unknown_key'", ("triage", "{made}"), make=json_just_under_limit),
    E("yaml_under_limit", "YAML just under 1 MiB: 40,000 keys under an unknown key", 2,
      "big_ok.yaml:1: unknown field 'unknown_key'", ("triage", "{made}"), make=yaml_just_under_limit),
    E("wide_json_list", "JSON list of 300,000 items at the top level", 2, "must be a mapping",
      ("triage", "{made}"), make=wide_json_list),
    E("long_key", "a 500 KB key", 2, "(500000 characters)", ("triage", "{made}"), make=long_key),
    E("long_value", "a 500 KB value", 2, "(500000 characters)", ("triage", "{made}"), make=long_value),
    # 4. deep nesting
    E("deep_nesting_yaml", "1000-deep flow list in YAML", 2, "nested more than 20 deep",
      triage("deep_nesting.yaml")),
    E("deep_nesting_json", "1000-deep list in JSON", 2, "nested more than 20 deep", triage("deep_nesting.json")),
    E("deep_nesting_block_yaml", "60-deep block mapping in YAML", 2, "nested more than 20 deep",
      triage("deep_nesting_block.yaml")),
    # 4. numbers
    E("age_400_digits_yaml", "`age_years:` a 400-digit number (YAML)", 2,
      "age_400_digits.yaml:1: field 'age_years': got 100000000000…000000 (400 digits)",
      triage("age_400_digits.yaml")),
    E("age_400_digits_json", "the same in JSON, with `wells`", 2, "field 'age_years': got 100000000000…",
      ("wells", _in("age_400_digits.json"))),
    E("duration_400_digits", "`duration_days:` a 400-digit number", 2,
      "got 100000000000…000000 (400 digits), allowed: a number from 0 to 36500", triage("duration_400_digits.yaml")),
    E("age_5000_digits_json", "a 5000-digit number in JSON (beyond Python's int-to-text limit)", 2,
      "a number of 5000 characters", triage("age_5000_digits.json")),
    E("age_5000_digits_yaml", "a 5000-digit number in YAML", 2, "a number of 5000 characters",
      triage("age_5000_digits.yaml")),
    E("nan_json", "`NaN` in JSON", 2, "NaN is not valid JSON", triage("nan.json")),
    E("infinity_json", "`Infinity` in JSON", 2, "Infinity is not valid JSON", triage("infinity.json")),
    E("exponent_overflow_json", "`1e400` in JSON (overflows to infinity)", 2, "field 'duration_days': got inf",
      triage("exponent_overflow.json")),
    E("api_age_400_digits", "`Scenario(age_years=10**400)`", 2, "field 'age_years': got 100000000000…",
      api="from legtwitch import Scenario\nScenario(age_years=10**400)", error_type="ScenarioError"),
    E("api_triage_duration_huge", "`triage({'duration_days': 10**400})`", 2, "allowed: a number from 0 to 36500",
      api="from legtwitch import triage\ntriage({'duration_days': 10**400})", error_type="ScenarioError"),
    # 4. other tracebacks
    E("stdin_closed", "`triage -` with standard input closed", 2, "standard input is closed",
      ("triage", "-"), stdin="closed"),
    E("stdin_empty", "`triage -` with empty standard input", 2, "<stdin>: the file is empty", ("triage", "-")),
    E("cases_dev_full", "`cases > /dev/full` (no space left on device)", 1,
      "cannot write the output: No space left on device", ("cases",), stdout="/dev/full"),
    E("triage_dev_full", "`triage case > /dev/full`", 1, "No space left on device",
      triage("chest_pain.yaml"), stdout="/dev/full"),
    E("knowledge_missing_show", "packaged knowledge.yaml missing, `cases --show`", 1,
      "knowledge.yaml: cannot read file", ("cases", "--show", "classic_calf_dvt"), package=knowledge_missing),
    E("knowledge_missing_wells", "packaged knowledge.yaml missing, `wells`", 1, "knowledge.yaml: cannot read file",
      ("wells", _in("calf_pain_valid.yaml")), package=knowledge_missing),
    E("knowledge_not_yaml_show", "packaged knowledge.yaml with a YAML syntax error, `cases --show`", 1,
      "invalid YAML", ("cases", "--show", "classic_calf_dvt"), package=knowledge_not_yaml),
    E("knowledge_not_yaml_wells", "the same under `wells`", 1, "invalid YAML",
      ("wells", _in("calf_pain_valid.yaml")), package=knowledge_not_yaml),
    E("case_library_broken", "a packaged case file with `yes`, `cases`", 1, "got 'yes'", ("cases",),
      package=case_library_yes),
    E("non_utf8_name_strict", "file name not UTF-8 (Latin-1 `café`), bad content, PYTHONIOENCODING=utf-8:strict", 2,
      "caf\\xe9.yaml:1: field 'calf_pain'", ("triage", "--brief", "{made}"),
      make=non_utf8_name_bad_content, env={"PYTHONIOENCODING": "utf-8:strict"}),
    E("non_utf8_name_ok_strict", "the same name, valid content, `--brief` to a strict stdout", 0,
      "caf\\xe9.yaml: urgent", ("triage", "--brief", "{made}"),
      make=non_utf8_name_good_content, env={"PYTHONIOENCODING": "utf-8:strict"}),
    E("ascii_stdout", "a triage result (symbols) to an ASCII-only stdout", 0, "EMERGENCY",
      triage("chest_pain.yaml"), env={"PYTHONIOENCODING": "ascii:strict"}),
    E("newline_in_name", "a file name with a newline in it", 2, "two\\nlines.yaml: cannot read file",
      ("triage", "{made}"), make=newline_in_name),
    E("directory", "a directory instead of a file", 2, "cannot read file: Is a directory", ("triage", "{in}")),
    E("missing_file", "a file that does not exist", 2, "cannot read file: No such file", triage("no_such.yaml")),
    E("bad_command", "an unknown command", 2, "invalid choice: 'frobnicate'", ("frobnicate",)),
    E("unknown_case_huge_id", "`cases --show` with a 100,000-character id", 2, "(100000 characters)",
      ("cases", "--show", "x" * 100_000)),
    E("quiz_unknown_question", "`ex.check('nope', 'a')`", 2, "unknown question 'nope' in 01_thrombosis_warning_signs",
      api="from legtwitch.quiz import exercise\nexercise('01').check('nope', 'a')", error_type="UnknownQuestionError"),
    E("quiz_unknown_question_hint", "`ex.check('clot_sign', 'b')`: a typo of a question id", 2, "did you mean",
      api="from legtwitch.quiz import exercise\nex = exercise('01')\nex.check(ex.questions[0].id[:-1], 'b')",
      error_type="UnknownQuestionError"),
    E("quiz_question_id_unhashable", "`ex[['x']]` (a list as the question id)", 2, "unknown question ['x']",
      api="from legtwitch.quiz import exercise\nexercise('01')[['x']]", error_type="UnknownQuestionError"),
    E("quiz_check_bytes", "`q.check(b'a')`", 0, "invalid: give one option as text",
      api=_QUIZ + "r = first('single').check(b'a')\n"
          "print(r.status + ': ' + r.feedback)"),
    E("quiz_check_object", "`q.check(object())` on a Wells question", 0, "invalid",
      api=_QUIZ + "print(first('wells_total').check(object()).status)"),
    E("quiz_wells_10_5000", "Wells answer `10**5000`, then export", 0, "invalid, 0 attempts, Saved 0 answer(s)",
      api=_QUIZ + "r = first('wells_total').check(10**5000)\n"
          "print(f'{r.status}, {len(ex.progress.attempts)} attempts, {ex.export(\"{tmp}/r.json\")}')"),
    E("quiz_huge_text_answer", "a 10 MB text answer", 0, "invalid, short feedback",
      api=_QUIZ + "r = first('single').check('a' * 10_000_000)\n"
          "print(r.status + (', short feedback' if len(r.feedback) < 300 else ', LONG feedback'))"),
    E("quiz_widget_unknown_question", "quiz widget `submit('nope')`", 2, "unknown question 'nope'",
      api="from legtwitch.quiz import exercise\nexercise('01').widget().submit('nope')",
      error_type="UnknownQuestionError"),
    E("widget_400_digit_age", "a 400-digit age typed into the explorer's box", 0, "error shown, result None",
      api="from legtwitch.widgets import scenario_explorer\ne = scenario_explorer()\ne.set(calf_pain=True)\n"
          "e.controls['age_years'].value = '1' * 400\n"
          "print(('error shown' if 'Invalid input' in e.panel.value and e.error else 'NO ERROR') + f', result {e.result}')"),
    E("widget_set_bad_value", "explorer `set(calf_pain=True, age_years=10**400)`", 2, "field 'age_years'",
      api="from legtwitch.widgets import scenario_explorer\nscenario_explorer().set(calf_pain=True, age_years=10**400)",
      error_type="ScenarioError"),
    # 5. guesses
    E("yes_is_not_true", "`calf_pain: yes` (YAML 1.1 boolean)", 2, "got 'yes', allowed: true or false",
      triage("yes_is_not_true.yaml")),
    E("on_is_not_true", "`chest_pain: on`", 2, "got 'on'", triage("on_is_not_true.yaml")),
    E("off_is_not_false", "`chest_pain: off`", 2, "got 'off'", triage("off_is_not_false.yaml")),
    E("capital_true", "`calf_pain: True`", 2, "got 'True'", triage("capital_true.yaml")),
    E("octal_012", "`age_years: 012` (was 10)", 2, "got '012'", triage("octal_012.yaml")),
    E("hex_0x1f", "`age_years: 0x1F` (was 31)", 2, "got '0x1F'", triage("hex_0x1f.yaml")),
    E("binary_0b11", "`age_years: 0b11` (was 3)", 2, "got '0b11'", triage("binary_0b11.yaml")),
    E("sexagesimal", "`duration_days: 1:00` (was 60)", 2, "got '1:00'", triage("sexagesimal_1_00.yaml")),
    E("date", "`duration_days: 2024-01-01` (was a date)", 2, "got '2024-01-01'", triage("date.yaml")),
    E("underscore_number", "`age_years: 1_000`", 2, "got '1_000'", triage("underscore_number.yaml")),
    E("dot_inf", "`duration_days: .inf`", 2, "got '.inf'", triage("dot_inf.yaml")),
    E("dot_nan", "`duration_days: .nan`", 2, "got '.nan'", triage("dot_nan.yaml")),
    E("int_tag", "`age_years: !!int \"30\"`", 2, "YAML tags", triage("int_tag.yaml")),
    E("python_tag", "`!!python/object/apply:os.system`", 2, "YAML tags", triage("python_tag.yaml")),
    E("binary_tag", "`!!binary`", 2, "YAML tags", triage("binary_tag.yaml")),
    E("empty_file", "an empty file (was self-care, exit 0)", 2, "empty.yaml: the file is empty",
      triage("empty.yaml")),
    E("comments_only", "a file with only comments", 2, "the file is empty", triage("comments_only.yaml")),
    E("null_file", "`null`", 2, "the file is empty", triage("null.yaml")),
    E("tilde_file", "`~`", 2, "the file is empty", triage("tilde.yaml")),
    E("empty_json", "an empty .json file", 2, "empty.json: the file is empty", triage("empty.json")),
    E("null_json", "`null` in JSON", 2, "the file is empty", triage("null.json")),
    E("case_null_scenario", "a case file with `scenario:` and nothing under it", 2,
      "case_null_scenario.yaml:3: field 'scenario' is empty", triage("case_null_scenario.yaml")),
    E("knowledge_negative_days", "packaged knowledge.yaml: `persistent_days` value -5", 1,
      "entry 'persistent_days': field 'value': must be from 1 to 365, got -5", ("cases",),
      package=knowledge_negative_days),
    E("knowledge_points_100", "packaged knowledge.yaml: a Wells criterion worth 100 points", 1,
      "field 'points': must be from -3 to 3, got 100", ("wells", _in("calf_pain_valid.yaml")),
      package=knowledge_points_100),
    E("knowledge_anchor", "packaged knowledge.yaml with an anchor", 1, "YAML anchors and aliases",
      ("cases",), package=knowledge_anchor),
    # structure and encoding
    E("list_at_top_yaml", "a YAML list at the top level", 2, "must be a mapping of field: value",
      triage("list_at_top.yaml")),
    E("list_at_top_json", "a JSON list at the top level", 2, "must be a mapping", triage("list_at_top.json")),
    E("text_at_top", "plain text instead of a mapping", 2, "must be a mapping", triage("text_at_top.yaml")),
    E("complex_key", "a list as a mapping key (`? [a, b]`)", 2, "a mapping key must be a single word",
      triage("complex_key.yaml")),
    E("number_key", "`1: true` (a number as key)", 2, "unknown field '1'", triage("number_key.yaml")),
    E("two_documents", "two YAML documents (`---`)", 2, "a second YAML document", triage("two_documents.yaml")),
    E("tab_indent", "a tab used for indentation", 2, "tab_indent.yaml:2: invalid YAML", triage("tab_indent.yaml")),
    E("trailing_comma_json", "a trailing comma in JSON", 2, "invalid JSON: Illegal trailing comma",
      triage("trailing_comma.json")),
    E("latin1_content", "Latin-1 text (not UTF-8)", 2, "latin1.yaml:2: not a UTF-8 text file", triage("latin1.yaml")),
    E("utf16_content", "UTF-16 text with its byte-order mark", 2, "it looks like UTF-16", triage("utf16.yaml")),
    E("bom_yaml", "a UTF-8 byte-order mark before YAML (accepted)", 0, "URGENT", triage("bom.yaml")),
    E("bom_json", "a UTF-8 byte-order mark before JSON (accepted)", 0, "URGENT", triage("bom.json")),
    E("nul_byte", "a NUL byte in YAML", 2, "nul_byte.yaml:1: invalid YAML: a control character (#x0000)",
      triage("nul_byte.yaml")),
    E("control_char_json", "a control character inside a JSON string", 2, "invalid JSON: Invalid control character",
      triage("control_char.json")),
    # 6. lost or corrupted student work
    E("export_missing_folder", "`ex.export('no/such/folder/r.csv')`", 2, "the folder",
      api="from legtwitch.quiz import exercise\nexercise('01').export('{tmp}/no/such/folder/r.csv')",
      error_type="ResultsFileError"),
    E("export_over_foreign_json", "export onto a JSON file that is not a results file", 2,
      "is not a legtwitch results file", make=foreign_json,
      api="from legtwitch.quiz import exercise\nexercise('01').export('{tmp}/r.json')", error_type="ResultsFileError"),
    E("export_over_corrupt_csv", "export onto a truncated results CSV", 2, "r.csv:2:",
      make=corrupt_csv, api="from legtwitch.quiz import exercise\nexercise('01').export('{tmp}/r.csv')",
      error_type="ResultsFileError"),
    E("progress_load_dev_zero", "`Progress.load` of a .csv link to /dev/zero", 2, "larger than",
      make=zero_csv, api="from legtwitch.quiz import Progress\nProgress.load('{tmp}/zero.csv')",
      error_type="ResultsFileError"),
    # 8. unbounded work
    E("practice_10_9", "`practice(1, 10**9)`", 2, "at most 10,000",
      api="from legtwitch.quiz import practice\npractice(1, 10**9)", error_type="QuizError"),
    E("practice_10_100", "`practice(1, 10**100)`", 2, "at most 10,000",
      api="from legtwitch.quiz import practice\npractice(1, 10**100)", error_type="QuizError"),
    E("generate_10_9", "`generate_cases(10**9, 1)`", 2, "from 0 to 10,000",
      api="from legtwitch.generator import generate_cases\ngenerate_cases(10**9, 1)"),
    E("generate_seed_10_5000", "`generate_cases(3, 10**5000)`", 2, "seed must be",
      api="from legtwitch.generator import generate_cases\ngenerate_cases(3, 10**5000)"),
)

BY_ID = {e.id: e for e in ENTRIES}
assert len(BY_ID) == len(ENTRIES), "corpus ids must be unique"
