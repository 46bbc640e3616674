"""The clinical knowledge base: ``data/knowledge.yaml`` loaded into frozen records.

Clinical content is data, not prose buried in code. This module only reads and validates
it; a broken entry is reported as "file: entry: field: problem". Notebooks and quizzes
refer to the ids defined here (sources, causes, treatments, tests, rules).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from .errors import DataError, FileFormatError
from .schema import Checker
from .scenario import SPECS
from .yamlio import load_document

SECTION_IDS = ("thrombosis", "treatment", "diagnosis")
LEVEL_IDS = ("self_care", "see_doctor", "urgent", "emergency")
SOURCE_KINDS = ("source_text", "paper", "guideline", "patient_guidance", "textbook")
TEST_IDS = ("neurological_exam", "emg", "eeg", "blood_tests", "csf", "imaging",
            "d_dimer", "compression_ultrasound")
CAUSE_IDS = ("dvt", "epilepsy", "neurological_disease", "medication_side_effect", "stress",
             "other_benign_triggers", "benign_fasciculations")
THRESHOLD_IDS = ("persistent_days", "wells_likely_from")
WELLS_CATEGORY_IDS = ("likely", "unlikely")

#: The allowed range of every number in the knowledge base, inclusive:
#: (section, entry id or "*" for every entry, field) -> (lowest, highest).
#: The validator refuses a number that has no line here, so a new threshold or a new numeric
#: field needs one (a typo such as ``persistent_days: -5`` or ``points: 100`` never loads).
NUMBER_RANGES: Mapping[tuple[str, str, str], tuple[int, int]] = MappingProxyType({
    ("thresholds", "persistent_days", "value"): (1, 365),       # one day to one year
    ("thresholds", "wells_likely_from", "value"): (-3, 12),     # also: both categories must be reachable
    ("wells_criteria", "*", "points"): (-3, 3),                 # a Wells item is worth a few points at most
})


@dataclass(frozen=True)
class Source:
    id: str
    kind: str
    title: str
    url: str | None = None


@dataclass(frozen=True)
class LevelInfo:
    id: str
    label: str
    symbol: str
    colour: str
    action: str
    detail: str
    source: tuple[str, ...]


@dataclass(frozen=True)
class Threshold:
    id: str
    value: int
    unit: str
    text: str
    source: tuple[str, ...]


@dataclass(frozen=True)
class Entry:
    """A named piece of clinical content: an indication, rule text, cause, treatment or test."""

    id: str
    text: str
    source: tuple[str, ...]
    name: str | None = None
    level: str | None = None
    points: int | None = None
    caution: str | None = None
    next_step: str | None = None
    must_not_miss: bool = False
    for_causes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Knowledge:
    """All clinical content, keyed by id (read-only mappings, in file order)."""

    sources: Mapping[str, Source]
    levels: Mapping[str, LevelInfo]
    thresholds: Mapping[str, Threshold]
    thrombosis_indications: Mapping[str, Entry]
    wells_criteria: Mapping[str, Entry]
    wells_categories: Mapping[str, Entry]
    rules: Mapping[str, Entry]
    causes: Mapping[str, Entry]
    treatments: Mapping[str, Entry]
    tests: Mapping[str, Entry]

    def source_title(self, source_id: str) -> str:
        return self.sources[source_id].title

    def cite(self, source_ids: tuple[str, ...]) -> str:
        """Short citation text for a tuple of source ids."""
        return "; ".join(self.sources[s].title for s in source_ids)


SECTIONS = {
    "thrombosis_indications": dict(required=("text", "source"), optional=()),
    "wells_criteria": dict(required=("points", "text", "source"), optional=()),
    "wells_categories": dict(required=("text", "next_step", "source"), optional=()),
    "rules": dict(required=("level", "text", "source"), optional=()),
    "causes": dict(required=("name", "text", "source"), optional=("must_not_miss",)),
    "treatments": dict(required=("name", "text", "for_causes", "source"), optional=("caution",)),
    "tests": dict(required=("name", "text", "source"), optional=()),
}


def parse_knowledge(data: Any, file: str, *, rule_ids: tuple[str, ...] | None = None) -> Knowledge:
    """Validate loaded YAML and build a ``Knowledge``. ``rule_ids``: the rules the code knows."""
    check = Checker(file)
    top = check.mapping(data, None, None)
    check.keys(top, None, required=("sources", "levels", "thresholds", *SECTIONS))

    raw_sources = check.mapping(top["sources"], "sources", None)
    sources = {}
    for sid, item in raw_sources.items():
        check.ident(sid, "sources")
        item = check.mapping(item, sid, None)
        check.keys(item, sid, required=("kind", "title"), optional=("url",))
        sources[sid] = Source(sid, check.one_of(item, sid, "kind", SOURCE_KINDS),
                              check.text(item, sid, "title"), check.text(item, sid, "url", optional=True))
    for section in SECTION_IDS:
        if section not in sources or sources[section].kind != "source_text":
            raise check.fail("sources", section, "the three source-text sections must be defined")
    check.unique("sources", "title", ((s.id, s.title) for s in sources.values()))
    known = tuple(sources)

    def number(item: Mapping, section: str, eid: str, field: str) -> int:
        """A whole number within its line of ``NUMBER_RANGES`` (a number without a range is refused)."""
        bounds = NUMBER_RANGES.get((section, eid, field)) or NUMBER_RANGES.get((section, "*", field))
        if bounds is None:
            raise check.fail(eid, field, f"no allowed range for {section}.{field} in "
                                         "legtwitch.knowledge.NUMBER_RANGES; add one")
        return check.integer(item, eid, field, *bounds)

    def expect_ids(section: str, entries: Mapping, ids: tuple[str, ...]) -> None:
        if tuple(entries) != ids:
            raise check.fail(section, None, f"must define exactly {', '.join(ids)} in this order; found {', '.join(map(str, entries))}")

    levels = {}
    raw_levels = check.mapping(top["levels"], "levels", None)
    expect_ids("levels", raw_levels, LEVEL_IDS)
    for lid, item in raw_levels.items():
        item = check.mapping(item, lid, None)
        check.keys(item, lid, required=("label", "symbol", "colour", "action", "detail", "source"))
        levels[lid] = LevelInfo(lid, *(check.text(item, lid, f) for f in ("label", "symbol", "colour", "action", "detail")),
                                source=check.id_list(item, lid, "source", known, what="source"))

    for field in ("label", "symbol", "colour"):  # a level is never told apart by colour alone
        check.unique("levels", field, ((lv.id, getattr(lv, field)) for lv in levels.values()))

    thresholds = {}
    raw_thresholds = check.mapping(top["thresholds"], "thresholds", None)
    expect_ids("thresholds", raw_thresholds, THRESHOLD_IDS)
    for tid, item in raw_thresholds.items():
        item = check.mapping(item, tid, None)
        check.keys(item, tid, required=("value", "unit", "text", "source"))
        thresholds[tid] = Threshold(tid, number(item, "thresholds", tid, "value"), check.text(item, tid, "unit"),
                                    check.text(item, tid, "text"), check.id_list(item, tid, "source", known, what="source"))

    parsed: dict[str, dict[str, Entry]] = {}
    for section, spec in SECTIONS.items():
        entries = check.mapping(top[section], section, None)
        parsed[section] = {}
        for eid, item in entries.items():
            check.ident(eid, section)
            item = check.mapping(item, eid, None)
            check.keys(item, eid, **spec)
            extra: dict[str, Any] = {}
            if "name" in item:
                extra["name"] = check.text(item, eid, "name")
            if "caution" in item:
                extra["caution"] = check.text(item, eid, "caution")
            if "next_step" in item:
                extra["next_step"] = check.text(item, eid, "next_step")
            if "level" in item:
                extra["level"] = check.one_of(item, eid, "level", LEVEL_IDS)
            if "points" in item:
                extra["points"] = number(item, section, eid, "points")
            if "must_not_miss" in item:
                if not isinstance(item["must_not_miss"], bool):
                    raise check.fail(eid, "must_not_miss", "must be true or false")
                extra["must_not_miss"] = item["must_not_miss"]
            if "for_causes" in item:
                extra["for_causes"] = check.id_list(item, eid, "for_causes", CAUSE_IDS, what="cause")
            parsed[section][eid] = Entry(eid, check.text(item, eid, "text"),
                                         check.id_list(item, eid, "source", known, what="source"), **extra)

        if "name" in spec["required"]:  # causes, treatments, tests: a student tells them apart by name
            check.unique(section, "name", ((e.id, e.name) for e in parsed[section].values()))

    low, high = _wells_range(parsed["wells_criteria"].values())
    likely_from = thresholds["wells_likely_from"].value
    if not low < likely_from <= high:
        raise check.fail("wells_likely_from", "value", f"must be from {low + 1} to {high}, the totals the Wells "
                                                       f"criteria can reach, so that both categories can occur; got {likely_from}")
    for section in ("thrombosis_indications", "wells_criteria"):
        for eid in parsed[section]:
            if eid not in SPECS or SPECS[eid].kind != "bool":
                raise check.fail(section, eid, "must be a boolean scenario field")
    expect_ids("wells_categories", parsed["wells_categories"], WELLS_CATEGORY_IDS)
    expect_ids("causes", parsed["causes"], CAUSE_IDS)
    expect_ids("tests", parsed["tests"], TEST_IDS)
    if rule_ids is not None and set(parsed["rules"]) != set(rule_ids):
        missing = sorted(set(rule_ids) - set(parsed["rules"]))
        extra_ids = sorted(set(parsed["rules"]) - set(rule_ids))
        raise check.fail("rules", None, f"rule ids must match the engine; missing {missing}, unknown {extra_ids}")
    treated = {c for t in parsed["treatments"].values() for c in t.for_causes}
    for cid in CAUSE_IDS:
        if cid not in treated:
            raise check.fail("treatments", None, f"no treatment answers cause {cid!r}")

    ro = MappingProxyType
    return Knowledge(ro(sources), ro(levels), ro(thresholds),
                     *(ro(parsed[s]) for s in SECTIONS))


def knowledge_path() -> Path:
    return Path(__file__).parent / "data" / "knowledge.yaml"


@lru_cache(maxsize=1)
def load_knowledge() -> Knowledge:
    """The packaged knowledge base (validated once, then cached; it is immutable).

    Read with the hardened loader; a broken, missing or oversized file is a ``DataError``
    (an error in the installed package, not in the user's input).
    """
    from .rules import RULE_IDS
    try:
        doc = load_document(knowledge_path())
    except FileFormatError as err:
        raise DataError("knowledge.yaml", None, None, err.problem, line=err.line) from None
    return parse_knowledge(doc.data, "knowledge.yaml", rule_ids=RULE_IDS)


def _wells_range(criteria) -> tuple[int, int]:
    points = [e.points or 0 for e in criteria]
    return sum(p for p in points if p < 0), sum(p for p in points if p > 0)


def wells_total_range() -> tuple[int, int]:
    """Lowest and highest two-level Wells total the criteria of the knowledge base allow."""
    return _wells_range(load_knowledge().wells_criteria.values())
