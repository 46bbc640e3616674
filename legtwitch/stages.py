"""Staged cases: a case told the way a patient presents, one stage at a time.

A clinician does not receive a list of findings. The patient says why they came (the
*presenting complaint*), the clinician asks (the *history*), examines (the *examination*) and,
after deciding what to do, sees *test results*. Each stage reveals some fields of the case's
scenario; by the end of the examination every field has been revealed, so the student can
reach the engine's answer from what was shown, and nothing was hidden from them.

In a case file::

    stages:
      - stage: presenting
        text: "A 64-year-old retired teacher ..."
        reveals: [age_years, sex, calf_pain]
      - stage: history
        text: "..."
        reveals: [duration_days, active_cancer]
      - stage: examination
        text: "..."
        reveals: [leg_swollen, pitting_edema]
      - stage: results            # optional: shown after the student has committed
        text: "The D-dimer comes back positive ..."
        tests: [{test: d_dimer, result: positive}]

Rules (checked on load, each failure one line naming the case and the field): the stages
come in the order above, ``presenting`` first, each at most once; ``reveals`` names fields
that the scenario sets, and every field the scenario sets is revealed by exactly one stage
before the results; the results stage reveals no field (test results are not findings) and
lists the tests it reports.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from .scenario import Scenario
from .schema import Checker

STAGE_KINDS = ("presenting", "history", "examination", "results")
STAGE_TITLES = {"presenting": "Presenting complaint", "history": "History", "examination": "Examination",
                "results": "Test results"}
#: What the student does to reach each stage (the button text in the case runner).
STAGE_ACTIONS = {"presenting": "Meet the patient", "history": "Take the history", "examination": "Examine",
                 "results": "See the test results"}
RESULT_WORDS = ("positive", "negative")
#: Tests whose result a results stage may report (those with published accuracy figures).
RESULT_TESTS = ("d_dimer", "compression_ultrasound", "ctpa")


@dataclass(frozen=True)
class TestResult:
    """One test result reported in a results stage."""

    __test__ = False  # not a pytest test class

    test: str
    positive: bool

    def to_dict(self) -> dict:
        return {"test": self.test, "result": "positive" if self.positive else "negative"}


@dataclass(frozen=True)
class Stage:
    """One stage of a case: its kind, the text the student reads, the fields it reveals."""

    kind: str
    text: str
    reveals: tuple[str, ...] = ()
    tests: tuple[TestResult, ...] = ()

    @property
    def title(self) -> str:
        return STAGE_TITLES[self.kind]

    @property
    def action(self) -> str:
        return STAGE_ACTIONS[self.kind]

    @property
    def after_commit(self) -> bool:
        """Test results are shown only after the student has committed to a decision."""
        return self.kind == "results"

    def to_dict(self) -> dict:
        out: dict[str, Any] = {"stage": self.kind, "text": self.text, "reveals": list(self.reveals)}
        if self.tests:
            out["tests"] = [t.to_dict() for t in self.tests]
        return out


def single_stage(text: str, scenario: Scenario) -> tuple[Stage, ...]:
    """A case written without stages is one presenting stage that reveals everything."""
    return (Stage("presenting", text, tuple(scenario.to_dict())),)


def parse_stages(value: Any, check: Checker, case_id: str, scenario: Scenario) -> tuple[Stage, ...]:
    """Validate the ``stages`` of one case against its scenario (see the module docstring)."""
    if not isinstance(value, list) or not value:
        raise check.fail(case_id, "stages", "must be a non-empty list of stages")
    stages: list[Stage] = []
    revealed: dict[str, str] = {}
    set_fields = set(scenario.to_dict())
    last = -1
    for n, item in enumerate(value, 1):
        where = f"stages[{n}]"
        item = check.mapping(item, case_id, where)
        kind = item.get("stage")
        check.keys(item, case_id, required=("stage", "text"),
                   optional=("tests",) if kind == "results" else ("reveals",))
        kind = check.one_of(item, case_id, "stage", STAGE_KINDS)
        order = STAGE_KINDS.index(kind)
        if n == 1 and kind != "presenting":
            raise check.fail(case_id, where, "the first stage must be 'presenting'")
        if order <= last:
            raise check.fail(case_id, where, f"{kind!r} comes out of order or twice; the order is "
                                             + " -> ".join(STAGE_KINDS))
        last = order
        text = " ".join(check.text(item, case_id, "text").split())
        reveals: tuple[str, ...] = ()
        tests: tuple[TestResult, ...] = ()
        if kind == "results":
            tests = _parse_tests(item.get("tests"), check, case_id, where)
        else:
            reveals = check.id_list(item, case_id, "reveals", set_fields, what="scenario field (set in this case)",
                                    allow_empty=True) if "reveals" in item else ()
            for field in reveals:
                if field in revealed:
                    raise check.fail(case_id, where, f"{field} is already revealed in {revealed[field]}")
                revealed[field] = where
        stages.append(Stage(kind, text, reveals, tests))
    hidden = sorted(set_fields - set(revealed))
    if hidden:
        raise check.fail(case_id, "stages", "every field the scenario sets must be revealed by a stage; "
                                            "not revealed: " + ", ".join(hidden))
    return tuple(stages)


def _parse_tests(value: Any, check: Checker, case_id: str, where: str) -> tuple[TestResult, ...]:
    if not isinstance(value, list) or not value:
        raise check.fail(case_id, f"{where}.tests", "a results stage lists its tests: [{test: ..., result: ...}]")
    out = []
    for item in value:
        item = check.mapping(item, case_id, f"{where}.tests")
        check.keys(item, case_id, required=("test", "result"))
        test = check.one_of(item, case_id, "test", RESULT_TESTS)
        result = check.one_of(item, case_id, "result", RESULT_WORDS)
        out.append(TestResult(test, result == "positive"))
    return tuple(out)


def revealed_by(stages: tuple[Stage, ...], upto: int) -> Mapping[str, str]:
    """Field -> stage kind, for the fields revealed by the first ``upto`` stages."""
    return {f: s.kind for s in stages[:upto] for f in s.reveals}
