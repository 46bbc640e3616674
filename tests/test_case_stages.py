"""Staged library cases: every case unfolds as presenting complaint -> history -> examination
(-> test results), every field it sets is revealed by a stage whose text says it, nothing before
the results names the answer, and a results stage reports the engine's own first test.

The stage rules themselves (order, unknown fields, fields revealed twice or never) are checked
when a case file is loaded; the tests at the bottom feed broken stages to the loader.
"""
from __future__ import annotations

import re

import pytest

from legtwitch import triage
from legtwitch.cases import load_cases, parse_case
from legtwitch.errors import DataError
from legtwitch.narrative import EXAMINATION_FIELDS, states

CASES = load_cases()
ANSWER_WORDS = re.compile(r"\b(urgent|emergency|self-care|wells|d-dimer|ultrasound|ctpa|x-ray|mri|emg|eeg|ecg|"
                          r"999|triage|score|likely dvt|dvt unlikely)\b", re.IGNORECASE)


def test_every_library_case_is_staged():
    assert [c.id for c in CASES if not c.staged] == []


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_stages_reveal_every_field_in_words(case):
    kinds = [s.kind for s in case.stages]
    assert kinds[:3] == ["presenting", "history", "examination"], kinds
    for stage in case.stages:
        for field in stage.reveals:
            assert states(stage.text, field), f"{case.id}: {stage.kind} reveals {field} but does not say it"
    for field in EXAMINATION_FIELDS:
        if getattr(case.scenario, field):
            where = next(s.kind for s in case.stages if field in s.reveals)
            assert where in ("presenting", "examination"), f"{case.id}: {field} is an examination finding"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_nothing_before_the_results_names_the_answer(case):
    for stage in case.stages:
        if not stage.after_commit:
            found = ANSWER_WORDS.search(stage.text)
            assert found is None, f"{case.id} {stage.kind}: {found.group(0)!r}"


@pytest.mark.parametrize("case", [c for c in CASES if c.stages[-1].after_commit], ids=lambda c: c.id)
def test_a_results_stage_reports_the_engines_first_test(case):
    result = triage(case.scenario)
    assert case.stages[-1].tests[0].test == result.first_test == case.expected_first_test


def test_some_cases_end_with_test_results():
    assert sum(c.stages[-1].after_commit for c in CASES) >= 6


BASE = {"id": "t", "title": "T", "vignette": "V.", "scenario": {"age_years": 40, "calf_pain": True},
        "expected_level": "urgent", "expected_wells": 0, "expected_first_test": "d_dimer",
        "teaching_points": ["p"], "sections": ["thrombosis"]}
GOOD = [{"stage": "presenting", "text": "A 40-year-old with calf pain.", "reveals": ["age_years", "calf_pain"]},
        {"stage": "history", "text": "Nothing else.", "reveals": []},
        {"stage": "examination", "text": "Normal.", "reveals": []}]


def test_good_stages_load():
    case = parse_case({**BASE, "stages": GOOD}, "t.yaml")
    assert [s.kind for s in case.stages] == ["presenting", "history", "examination"]


@pytest.mark.parametrize("stages, message", [
    ([], "must be a non-empty list of stages"),
    ([GOOD[1], GOOD[0]], "the first stage must be 'presenting'"),
    ([GOOD[0], GOOD[2], GOOD[1]], "'history' comes out of order or twice"),
    ([GOOD[0], GOOD[1], GOOD[1]], "'history' comes out of order or twice"),
    ([{**GOOD[0], "reveals": ["age_years"]}, GOOD[1]], "not revealed: calf_pain"),
    ([GOOD[0], {**GOOD[1], "reveals": ["calf_pain"]}], "calf_pain is already revealed in stages[1]"),
    ([{**GOOD[0], "reveals": ["age_years", "calf_pain", "leg_warm"]}], "unknown scenario field (set in this case) 'leg_warm'"),
    ([{**GOOD[0], "stage": "diagnosis"}], "got 'diagnosis', allowed: examination, history, presenting, results"),
    ([GOOD[0], {"stage": "results", "text": "D-dimer positive."}], "a results stage lists its tests"),
    ([GOOD[0], {"stage": "results", "text": "x", "tests": [{"test": "eeg", "result": "positive"}]}], "allowed: compression_ultrasound, ctpa, d_dimer"),
    ([GOOD[0], {"stage": "results", "text": "x", "tests": [{"test": "d_dimer", "result": "raised"}]}], "allowed: negative, positive"),
    ([GOOD[0], {"stage": "results", "text": "x", "reveals": [], "tests": [{"test": "d_dimer", "result": "positive"}]}], "'reveals': is not a known field"),
    ([{**GOOD[0], "text": "  "}], "must be a non-empty text"),
    ([{**GOOD[0], "colour": "red"}], "'colour': is not a known field"),
])
def test_broken_stages_are_one_line_errors(stages, message):
    with pytest.raises(DataError) as err:
        parse_case({**BASE, "stages": stages}, "t.yaml")
    assert message in str(err.value) and "\n" not in str(err.value)
    assert str(err.value).startswith("t.yaml: ")
