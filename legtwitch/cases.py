"""The curated case library: one YAML file per teaching case in ``data/cases/``.

A case file is also a valid input for ``legtwitch triage`` (its ``scenario`` is used), so
lecturers can copy one to write their own. The library is validated on load; a test checks
that the engine agrees with every case's expected level and Wells total.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import DataError, FileFormatError, LegtwitchError, ScenarioError, short_repr
from .knowledge import LEVEL_IDS, SECTION_IDS, TEST_IDS, wells_total_range
from .levels import TriageLevel
from .scenario import CASE_OPTIONAL_KEYS, CASE_REQUIRED_KEYS, EMPTY_SCENARIO, Scenario
from .schema import Checker
from .stages import Stage, parse_stages, single_stage
from .yamlio import load_file

_REQUIRED = CASE_REQUIRED_KEYS
_OPTIONAL = CASE_OPTIONAL_KEYS


@dataclass(frozen=True)
class Case:
    """A teaching case: a vignette to read aloud, its scenario and what the engine should say."""

    id: str
    title: str
    vignette: str
    scenario: Scenario
    expected_level: TriageLevel
    expected_wells: int | None  # None: no DVT suspected (or a child / pregnancy), so no DVT Wells score
    teaching_points: tuple[str, ...]
    sections: tuple[str, ...]
    expected_first_test: str | None  # None: nothing here calls for a test
    expected_pe_wells: float | None = None  # None: no PE suspected (or a child / pregnancy)
    staged: tuple[Stage, ...] = ()  # the stages written in the case file (empty: none written)

    @property
    def stages(self) -> tuple[Stage, ...]:
        """The case told stage by stage; a case file without stages is one presenting stage."""
        return self.staged or single_stage(self.vignette, self.scenario)

    @property
    def sex(self) -> str | None:
        return self.scenario.sex


def case_check(case: Case, result) -> str:
    """One line: whether the engine agrees with everything the case expects."""
    got_wells = None if result.wells is None else result.wells.total
    got_pe = None if result.pe_wells is None else result.pe_wells.total
    expected = [("level", case.expected_level.value, result.level.value),
                ("DVT Wells", case.expected_wells, got_wells), ("PE Wells", case.expected_pe_wells, got_pe),
                ("first test", case.expected_first_test, result.first_test)]
    def words(what: str, value) -> str:
        if value is None:
            return "none"
        if what == "level":
            return TriageLevel(value).label
        if what == "first test":
            from .words import test_name
            return test_name(value)
        from .words import format_number
        return format_number(value)
    wrong = [f"{what} expected {words(what, exp)}, got {words(what, got)}" for what, exp, got in expected if exp != got]
    if wrong:
        return "Engine DISAGREES with the case: " + "; ".join(wrong)
    return "Engine agrees with the case (" + ", ".join(f"{w}: {words(w, e)}" for w, e, _g in expected) + ")"


def parse_case(data: Any, file: str) -> Case:
    """Validate one loaded case file; errors name the file, the case and the field."""
    check = Checker(file)
    data = check.mapping(data, None, None)
    entry = data.get("id") if isinstance(data.get("id"), str) else None
    check.keys(data, entry, required=_REQUIRED, optional=_OPTIONAL)
    case_id = check.text(data, entry, "id")
    if data["scenario"] is None:  # as for a scenario file: empty is an error, {} is allowed
        raise check.fail(case_id, "scenario", f"is empty: {EMPTY_SCENARIO}")
    try:
        scenario = Scenario.from_dict(data["scenario"])
    except ScenarioError as err:
        raise check.fail(case_id, "scenario", str(err)) from None
    level = TriageLevel(check.one_of(data, case_id, "expected_level", LEVEL_IDS))
    wells = data["expected_wells"]
    if wells is not None:
        low, high = wells_total_range()
        check.integer(data, case_id, "expected_wells", low, high, what="a whole number or null")
    points = data["teaching_points"]
    if not isinstance(points, list) or not points or not all(isinstance(p, str) and p.strip() for p in points):
        raise check.fail(case_id, "teaching_points", "must be a non-empty list of texts")
    sections = check.id_list(data, case_id, "sections", SECTION_IDS, what="source section")
    pe = data.get("expected_pe_wells")
    if pe is not None and (isinstance(pe, bool) or not isinstance(pe, (int, float))):
        raise check.fail(case_id, "expected_pe_wells", f"must be a number or null, got {pe!r}")
    first = data["expected_first_test"]
    if first is not None:
        first = check.one_of(data, case_id, "expected_first_test", TEST_IDS)
    staged = parse_stages(data["stages"], check, case_id, scenario) if "stages" in data else ()
    return Case(case_id, check.text(data, case_id, "title"), check.text(data, case_id, "vignette").strip(),
                scenario, level, wells, tuple(p.strip() for p in points), sections, first,
                None if pe is None else float(pe), staged)


def cases_dir() -> Path:
    return Path(__file__).parent / "data" / "cases"


def load_case_file(path: str | Path) -> Case:
    path = Path(path)
    return parse_case(load_file(path), path.name)


@lru_cache(maxsize=1)
def _library() -> tuple[Case, ...]:
    try:
        cases = tuple(load_case_file(p) for p in sorted(cases_dir().glob("*.yaml")))
    except FileFormatError as err:  # a packaged file: broken data, not the user's input
        raise DataError(Path(err.file).name, None, None, err.problem, line=err.line) from None
    seen: dict[str, str] = {}
    for path, case in zip(sorted(cases_dir().glob("*.yaml")), cases):
        if case.id != path.stem:
            raise DataError(path.name, case.id, "id", f"must match the file name {path.stem!r}")
        if case.id in seen:
            raise DataError(path.name, case.id, "id", "is used twice")
        seen[case.id] = path.name
    return cases


def load_cases() -> tuple[Case, ...]:
    """All library cases, sorted by id (validated once, then cached)."""
    return _library()


def get_case(case_id: str) -> Case:
    """One library case by id; an unknown id is a one-line error listing close matches."""
    import difflib
    by_id = {c.id: c for c in load_cases()}
    if not isinstance(case_id, str) or case_id not in by_id:
        usable = isinstance(case_id, str) and len(case_id) <= 100
        close = difflib.get_close_matches(case_id, list(by_id), n=1, cutoff=0.5) if usable else []
        hint = f"; did you mean {close[0]}?" if close else "; run 'legtwitch cases' for the list"
        raise LegtwitchError(f"unknown case {short_repr(case_id)}{hint}")
    return by_id[case_id]
