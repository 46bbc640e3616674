"""The bank linter: passes on every packaged bank, fails on a deliberately broken copy, one
line per problem naming file, question and rule; the author command's exit codes."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from legtwitch.quiz.bank import bank_files, questions_dir
from legtwitch.quiz.lint import RULES, lint_banks, main

ROOT = Path(__file__).resolve().parent.parent


def test_every_packaged_bank_and_exercise_source_passes():
    assert lint_banks(exercises=ROOT / "exercises" / "source") == []


def test_the_rules_are_exactly_the_seven_of_issue_14():
    assert RULES == ("longest_correct", "long_option", "all_none_of_the_above", "wrong_option_without_feedback",
                     "pronouns", "unknown_reference", "duplicate")


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "banks"
    folder.mkdir()
    for path in bank_files():
        shutil.copy(path, folder / path.name)
    return folder


def _edit(folder: Path, name: str, edit) -> None:
    path = folder / f"{name}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _q(data: dict, qid: str) -> dict:
    return next(q for q in data["questions"] if q["id"] == qid)


def _break_everything(data: dict) -> None:
    """One deliberate problem for each rule, in bank 01."""
    single = _q(data, "typical_signs")
    single["choices"]["e"] = "None of the above"  # all/none of the above
    single["feedback"]["choices"].pop("c")  # a wrong option without feedback
    other = _q(data, "twitch_1")
    other["choices"]["b"] = other["choices"]["b"] + " " + "and so on " * 10  # an option over twice the median
    _q(data, "signs_2")["vignette"] = _q(data, "signs_2")["vignette"].replace("She has", "He has")  # pronoun
    _q(data, "risks_1")["case"] = "cancer_without_leg_signs"  # unknown case
    _q(data, "risks_3")["topic"] = "nowhere"  # unknown topic
    _q(data, "wells_1")["source"] = ["wells_2003", "wikipedia"]  # unknown source
    _q(data, "wells_4")["prompt"] = _q(data, "wells_2")["prompt"]  # same lead-in and answer (1)
    for qid in ("nice_3", "mimics_3", "who_2", "pe_4", "signs_2"):  # make the right answer the longest
        q = _q(data, qid)
        q["choices"][q["answer"]] += " - and this is the right one, of course"


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    folder = _copy(tmp_path_factory.mktemp("lint"))
    _edit(folder, "01_thrombosis_warning_signs", _break_everything)
    specs = tmp_path_factory.mktemp("specs")
    for path in (ROOT / "exercises" / "source").glob("*.yaml"):
        shutil.copy(path, specs / path.name)
    spec = specs / "02_why_legs_twitch.yaml"
    spec.write_text(spec.read_text(encoding="utf-8") + "  - question: benign_99\n", encoding="utf-8")
    return folder, specs, lint_banks(folder, specs)


def test_a_broken_copy_fails_every_rule(broken):
    _folder, _specs, problems = broken
    assert {p.rule for p in problems} == set(RULES)


@pytest.mark.parametrize("file, question, rule, words", [
    ("01_thrombosis_warning_signs.yaml", "typical_signs", "all_none_of_the_above", "'none of the above'"),
    ("01_thrombosis_warning_signs.yaml", "typical_signs", "wrong_option_without_feedback", "wrong option 'c'"),
    ("01_thrombosis_warning_signs.yaml", "twitch_1", "long_option", "more than twice the median"),
    ("01_thrombosis_warning_signs.yaml", "signs_2", "pronouns", "the patient's sex is female, but the text says he"),
    ("01_thrombosis_warning_signs.yaml", "risks_1", "unknown_reference", "case 'cancer_without_leg_signs'"),
    ("01_thrombosis_warning_signs.yaml", "risks_3", "unknown_reference", "topic 'nowhere'"),
    ("01_thrombosis_warning_signs.yaml", "wells_1", "unknown_reference", "source 'wikipedia'"),
    ("01_thrombosis_warning_signs.yaml", "wells_4", "duplicate", "same lead-in and correct answer as wells_2"),
    ("01_thrombosis_warning_signs.yaml", "nice_3", "longest_correct", "strictly longest option"),
    ("02_why_legs_twitch.yaml", "benign_99", "unknown_reference", "question 'benign_99' is not in bank"),
])
def test_each_problem_is_one_line_naming_file_question_and_rule(broken, file, question, rule, words):
    _folder, _specs, problems = broken
    lines = [p.line() for p in problems if (p.file, p.question, p.rule) == (file, question, rule)]
    assert len(lines) == 1, [p.line() for p in problems]
    assert lines[0].startswith(f"{file}: {question}: {rule}: ") and words in lines[0] and "\n" not in lines[0]


def test_the_longest_answer_rule_counts_the_share_of_the_bank(broken):
    _folder, _specs, problems = broken
    longest = [p for p in problems if p.rule == "longest_correct"]
    assert longest and all("single-choice items" in p.message and "at most 30%" in p.message for p in longest)
    clean = lint_banks(questions_dir())
    assert not [p for p in clean if p.rule == "longest_correct"]


def test_other_banks_are_still_checked_when_one_question_does_not_load(tmp_path):
    folder = _copy(tmp_path)
    _edit(folder, "03_treatment", lambda d: _q(d, "treat_1").pop("explanation"))
    _edit(folder, "04_diagnosis", lambda d: _q(d, "tests_1")["choices"].update(f="All of the above"))
    problems = lint_banks(folder)
    lines = [p.line() for p in problems]
    assert any(line.startswith("03_treatment.yaml: treat_1: does_not_load: ") and "explanation" in line for line in lines)
    assert any(line.startswith("04_diagnosis.yaml: tests_1: all_none_of_the_above: ") for line in lines)


def test_the_author_command_exit_codes(broken, capsys):
    folder, specs, _problems = broken
    assert main([str(folder), "--exercises", str(specs)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[-1].endswith("problem(s) in 7 bank file(s)")
    assert any(line.startswith("01_thrombosis_warning_signs.yaml: signs_2: pronouns: ") for line in out)
    assert main([str(questions_dir()), "--exercises", str(ROOT / "exercises" / "source")]) == 0
    assert capsys.readouterr().out.strip() == "7 bank file(s): every question passes the 7 rules"
    assert main([str(ROOT / "no-such-folder")]) == 2


def test_python_dash_m_runs_the_linter_quietly():
    run = subprocess.run([sys.executable, "-m", "legtwitch.quiz.lint"], cwd=ROOT, capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0 and run.stderr == "", run.stderr
    assert run.stdout.strip() == "7 bank file(s): every question passes the 7 rules"
