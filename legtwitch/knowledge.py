"""The clinical knowledge base: ``data/knowledge.yaml`` loaded into frozen records.

Clinical content is data, not prose buried in code. This module only reads and validates
it; a broken entry is reported as "file: entry: field: problem". Notebooks and quizzes
refer to the ids defined here (sources, causes, treatments, tests, rules, pathways).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from .engine_ids import PATHWAY_IDS, RULE_IDS
from .errors import DataError, FileFormatError, short_repr
from .schema import Checker
from .scenario import SPECS
from .yamlio import load_document

SECTION_IDS = ("thrombosis", "treatment", "diagnosis")
LEVEL_IDS = ("self_care", "see_doctor", "urgent", "emergency")
SOURCE_KINDS = ("source_text", "paper", "guideline", "patient_guidance", "textbook")
TEST_IDS = ("neurological_exam", "emg", "eeg", "blood_tests", "csf", "imaging",
            "d_dimer", "compression_ultrasound", "ctpa", "vq_scan", "chest_xray", "ecg")
CAUSE_IDS = ("pulmonary_embolism", "dvt", "epilepsy", "motor_neuron_disease", "convulsive_syncope", "cellulitis",
             "superficial_thrombophlebitis", "bakers_cyst", "muscle_injury", "neurological_disease", "hyperthyroidism",
             "electrolyte_disturbance", "medication_side_effect", "restless_legs", "muscle_cramp", "hypnic_jerks",
             "stress", "other_benign_triggers", "benign_fasciculations")
#: Named thresholds and the range each must lie in (a typo such as -5 days is refused on load).
THRESHOLD_RANGES = {
    "persistent_days": (1, 365),
    "wells_likely_from": (-3, 12),  # and both categories must be reachable (checked below)
    "pe_wells_likely_above": (0, 12),
    "adult_age_years": (12, 21),
    "postpartum_weeks": (1, 52),
}
THRESHOLD_IDS = tuple(THRESHOLD_RANGES)
CATEGORY_IDS = ("likely", "unlikely")
BASES = ("direct", "judgement")
PRIORITIES = ("first", "alongside", "next", "consider")
#: Conditions a pathway step can depend on (computed in legtwitch/pathways.py).
STEP_CONDITIONS = ("persistent", "red_flags", "weakness_or_wasting", "central_signs")
#: The three parts of Virchow's triad a clot risk factor can act through.
VIRCHOW_ELEMENTS = ("stasis", "vessel_wall", "blood")
#: Allowed points per criterion: DVT Wells items are -2 or +1; PE Wells items 1 to 3.
DVT_POINTS = (-3, 3)
PE_POINTS = (0.5, 5)


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
    basis: str = "direct"
    where: str = ""


@dataclass(frozen=True)
class Advice:
    """One voice of a rule: what the person does, or what the clinician does next."""

    text: str
    source: tuple[str, ...]


@dataclass(frozen=True)
class Entry:
    """A named piece of clinical content: an indication, criterion, rule, cause, treatment or test."""

    id: str
    text: str
    source: tuple[str, ...]
    name: str | None = None
    level: str | None = None
    points: float | None = None
    caution: str | None = None
    next_step: str | None = None
    must_not_miss: bool = False
    for_causes: tuple[str, ...] = ()
    when: str | None = None
    patient: Advice | None = None
    clinician: Advice | None = None
    comment: Advice | None = None
    basis: str | None = None
    where: str | None = None
    all_of: tuple[str, ...] = ()
    any_of: tuple[str, ...] = ()
    element: tuple[str, ...] = ()
    # the differential (causes): findings that make the cause more or less likely, or rule it out
    requires_any: tuple = ()
    requires_all: tuple = ()
    more_likely: tuple = ()
    less_likely: tuple = ()
    excluded_by: tuple = ()
    rank_last: bool = False


@dataclass(frozen=True)
class Step:
    """One step of a diagnostic pathway: a test, how it ranks, why, and when it applies."""

    test: str
    priority: str
    why: str
    source: tuple[str, ...]
    when_leg_signs: bool = False
    when_any: tuple[str, ...] = ()


@dataclass(frozen=True)
class Pathway:
    """What the clinician does next for one kind of presentation (a NICE or RCOG branch)."""

    id: str
    name: str
    when: str
    steps: tuple[Step, ...]
    source: tuple[str, ...]
    basis: str
    where: str


@dataclass(frozen=True)
class PretestEntry:
    """A pre-test probability for a Wells category (``value`` 0-1, an interval where published)."""

    id: str
    label: str
    value: float
    text: str
    source: tuple[str, ...]
    where: str
    low: float | None = None
    high: float | None = None
    derived: bool = False


@dataclass(frozen=True)
class Accuracy:
    """Sensitivity and specificity of one test for one target condition, with its source."""

    id: str
    test: str
    target: str
    sensitivity: float
    specificity: float
    source: tuple[str, ...]
    where: str
    alternative: str | None = None


@dataclass(frozen=True)
class AgeBand:
    """D-dimer accuracy in one age band at the fixed and at the age-adjusted cut-off."""

    id: str
    from_age: int
    to_age: int
    sensitivity: float
    fixed_specificity: float
    adjusted_specificity: float
    source: tuple[str, ...]


@dataclass(frozen=True)
class ContrastRow:
    id: str
    favours: str
    text: str
    source: tuple[str, ...]


@dataclass(frozen=True)
class Contrast:
    """Two diagnoses side by side: each row is a finding that points to one of them."""

    id: str
    title: str
    sides: Mapping[str, str]
    rows: tuple[ContrastRow, ...]


@dataclass(frozen=True)
class Knowledge:
    """All clinical content, keyed by id (read-only mappings, in file order)."""

    sources: Mapping[str, Source]
    levels: Mapping[str, LevelInfo]
    thresholds: Mapping[str, Threshold]
    thrombosis_indications: Mapping[str, Entry]
    clot_risk_factors: Mapping[str, Entry]
    wells_criteria: Mapping[str, Entry]
    wells_categories: Mapping[str, Entry]
    pe_wells_criteria: Mapping[str, Entry]
    pe_wells_categories: Mapping[str, Entry]
    rules: Mapping[str, Entry]
    decisions: Mapping[str, Entry]
    causes: Mapping[str, Entry]
    treatments: Mapping[str, Entry]
    tests: Mapping[str, Entry]
    pathways: Mapping[str, Pathway]
    contrasts: Mapping[str, "Contrast"]
    pretest: Mapping[str, PretestEntry]
    test_accuracy: Mapping[str, Accuracy]
    d_dimer_age_bands: Mapping[str, AgeBand]
    strategy_outcomes: Mapping[str, PretestEntry]
    probability_thresholds: Mapping[str, PretestEntry]

    def source_title(self, source_id: str) -> str:
        return self.sources[source_id].title

    def cite(self, source_ids: tuple[str, ...]) -> str:
        """Short citation text for a tuple of source ids."""
        return "; ".join(self.sources[s].title for s in source_ids)


_DECISION = ("basis", "where")
#: The lists of findings a cause can carry (see legtwitch/features.py for their form).
FEATURE_LISTS = ("requires_any", "requires_all", "more_likely", "less_likely", "excluded_by")
SECTIONS = {
    "thrombosis_indications": dict(required=("text", "source"), optional=()),
    "clot_risk_factors": dict(required=("element", "text", "source"), optional=()),
    "wells_criteria": dict(required=("points", "text", "source"), optional=()),
    "wells_categories": dict(required=("text", "next_step", "source"), optional=()),
    "pe_wells_criteria": dict(required=("points", "text", "source"), optional=("all_of", "any_of")),
    "pe_wells_categories": dict(required=("text", "next_step", "source"), optional=()),
    "rules": dict(required=("level", "name", "when", "text", "patient", "clinician", "source", *_DECISION),
                  optional=()),
    "decisions": dict(required=("text", "source", *_DECISION), optional=()),
    "causes": dict(required=("name", "text", "next_step", "source"),
                   optional=("must_not_miss", "rank_last", *FEATURE_LISTS)),
    "treatments": dict(required=("name", "text", "for_causes", "source"), optional=("caution", "comment")),
    "tests": dict(required=("name", "text", "source"), optional=("comment",)),
}


class _Parser:
    """Builds the records of one knowledge file; every failure names file, entry and field."""

    def __init__(self, file: str):
        self.check = Checker(file)
        self.known: tuple[str, ...] = ()

    def advice(self, item: Mapping, eid: str, field: str) -> Advice:
        raw = self.check.mapping(item[field], eid, field)
        self.check.keys(raw, f"{eid}.{field}", required=("text", "source"))
        return Advice(self.check.text(raw, f"{eid}.{field}", "text").strip(),
                      self.check.id_list(raw, f"{eid}.{field}", "source", self.known, what="source"))

    def number(self, item: Mapping, eid: str, field: str, low: float, high: float, *, whole: bool) -> float:
        value = item.get(field)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or (whole and not isinstance(value, int)):
            kind = "a whole number" if whole else "a number"
            raise self.check.fail(eid, field, f"must be {kind}, got {short_repr(value)}")
        if not low <= value <= high:
            raise self.check.fail(eid, field, f"must be from {low:g} to {high:g}, got {short_repr(value)}")
        return value

    def features(self, item: Mapping, eid: str, field: str) -> tuple:
        from .features import FeatureError, parse_feature
        raw = item[field]
        if not isinstance(raw, list) or not raw:
            raise self.check.fail(eid, field, "must be a non-empty list of findings")
        try:
            out = tuple(parse_feature(t) for t in raw)
        except FeatureError as err:
            raise self.check.fail(eid, field, str(err)) from None
        if len({f.text for f in out}) != len(out):
            raise self.check.fail(eid, field, "repeats a finding")
        return out

    def fields(self, item: Mapping, eid: str, field: str) -> tuple[str, ...]:
        booleans = tuple(n for n, spec in SPECS.items() if spec.kind == "bool")
        return self.check.id_list(item, eid, field, booleans, what="boolean scenario field", allow_empty=True) \
            if field in item else ()

    def entry(self, section: str, eid: str, item: Mapping) -> Entry:
        check = self.check
        extra: dict[str, Any] = {}
        for field in ("name", "caution", "next_step", "when", "where"):
            if field in item:
                extra[field] = check.text(item, eid, field).strip()
        if "level" in item:
            extra["level"] = check.one_of(item, eid, "level", LEVEL_IDS)
        if "basis" in item:
            extra["basis"] = check.one_of(item, eid, "basis", BASES)
        if "points" in item:
            low, high = PE_POINTS if section == "pe_wells_criteria" else DVT_POINTS
            extra["points"] = self.number(item, eid, "points", low, high, whole=section == "wells_criteria")
        for flag in ("must_not_miss", "rank_last"):
            if flag in item:
                if not isinstance(item[flag], bool):
                    raise check.fail(eid, flag, "must be true or false")
                extra[flag] = item[flag]
        for field in FEATURE_LISTS:
            if field in item:
                extra[field] = self.features(item, eid, field)
        if "for_causes" in item:
            extra["for_causes"] = check.id_list(item, eid, "for_causes", CAUSE_IDS, what="cause")
        for field in ("patient", "clinician", "comment"):
            if field in item:
                extra[field] = self.advice(item, eid, field)
        if "element" in item:
            extra["element"] = check.id_list(item, eid, "element", VIRCHOW_ELEMENTS, what="Virchow element")
        if section == "pe_wells_criteria":
            extra["all_of"] = self.fields(item, eid, "all_of")
            extra["any_of"] = self.fields(item, eid, "any_of")
            if not extra["all_of"] and not extra["any_of"]:
                raise check.fail(eid, "any_of", "an item needs at least one scenario field in all_of or any_of")
        return Entry(eid, check.text(item, eid, "text").strip(),
                     check.id_list(item, eid, "source", self.known, what="source"), **extra)

    def pathway(self, pid: str, item: Mapping, test_ids: tuple[str, ...]) -> Pathway:
        check = self.check
        check.keys(item, pid, required=("name", "when", "steps", "source", *_DECISION))
        raw_steps = item["steps"]
        if not isinstance(raw_steps, list) or not raw_steps:
            raise check.fail(pid, "steps", "must be a non-empty list of steps")
        steps = []
        for i, raw in enumerate(raw_steps, 1):
            where = f"{pid}.steps[{i}]"
            raw = check.mapping(raw, where, None)
            check.keys(raw, where, required=("test", "priority", "why", "source"),
                       optional=("when_leg_signs", "when_any"))
            leg = raw.get("when_leg_signs", False)
            if not isinstance(leg, bool):
                raise check.fail(where, "when_leg_signs", "must be true or false")
            when_any = check.id_list(raw, where, "when_any", STEP_CONDITIONS, what="step condition") \
                if "when_any" in raw else ()
            steps.append(Step(check.one_of(raw, where, "test", test_ids), check.one_of(raw, where, "priority", PRIORITIES),
                              check.text(raw, where, "why").strip(),
                              check.id_list(raw, where, "source", self.known, what="source"), leg, when_any))
        tests = [s.test for s in steps]
        if len(set(tests)) != len(tests):
            raise check.fail(pid, "steps", "names a test twice")
        return Pathway(pid, check.text(item, pid, "name").strip(), check.text(item, pid, "when").strip(), tuple(steps),
                       check.id_list(item, pid, "source", self.known, what="source"),
                       check.one_of(item, pid, "basis", BASES), check.text(item, pid, "where").strip())


def parse_knowledge(data: Any, file: str, *, rule_ids: tuple[str, ...] | None = None,
                    pathway_ids: tuple[str, ...] | None = None) -> Knowledge:
    """Validate loaded YAML and build a ``Knowledge``.

    ``rule_ids`` / ``pathway_ids``: the ids the code knows (the file must define exactly those).
    """
    parser = _Parser(file)
    check = parser.check
    top = check.mapping(data, None, None)
    check.keys(top, None, required=("sources", "levels", "thresholds", "pathways", "contrasts", *SECTIONS,
                                    *PROBABILITY_SECTIONS))

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
    parser.known = tuple(sources)

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
                                source=check.id_list(item, lid, "source", parser.known, what="source"))
    for field in ("label", "symbol", "colour"):  # a level is never told apart by colour alone
        check.unique("levels", field, ((lv.id, getattr(lv, field)) for lv in levels.values()))

    thresholds = {}
    raw_thresholds = check.mapping(top["thresholds"], "thresholds", None)
    expect_ids("thresholds", raw_thresholds, THRESHOLD_IDS)
    for tid, item in raw_thresholds.items():
        item = check.mapping(item, tid, None)
        check.keys(item, tid, required=("value", "unit", "text", "source", *_DECISION))
        low, high = THRESHOLD_RANGES[tid]
        thresholds[tid] = Threshold(tid, parser.number(item, tid, "value", low, high, whole=True),
                                    check.text(item, tid, "unit"), check.text(item, tid, "text").strip(),
                                    check.id_list(item, tid, "source", parser.known, what="source"),
                                    check.one_of(item, tid, "basis", BASES), check.text(item, tid, "where").strip())

    parsed: dict[str, dict[str, Entry]] = {}
    for section, spec in SECTIONS.items():
        entries = check.mapping(top[section], section, None)
        parsed[section] = {}
        for eid, item in entries.items():
            check.ident(eid, section)
            item = check.mapping(item, eid, None)
            check.keys(item, eid, **spec)
            parsed[section][eid] = parser.entry(section, eid, item)
        if "name" in spec["required"]:  # rules, causes, treatments, tests: a student tells them apart by name
            check.unique(section, "name", ((e.id, e.name) for e in parsed[section].values()))

    low, high = _wells_range(parsed["wells_criteria"].values())
    likely_from = thresholds["wells_likely_from"].value
    if not low < likely_from <= high:
        raise check.fail("wells_likely_from", "value", f"must be from {low + 1} to {high}, the totals the Wells "
                                                       f"criteria can reach, so that both categories can occur; got {likely_from}")
    for section in ("thrombosis_indications", "clot_risk_factors", "wells_criteria"):
        for eid in parsed[section]:
            if eid not in SPECS or SPECS[eid].kind != "bool":
                raise check.fail(section, eid, "must be a boolean scenario field")
    expect_ids("wells_categories", parsed["wells_categories"], CATEGORY_IDS)
    expect_ids("pe_wells_categories", parsed["pe_wells_categories"], CATEGORY_IDS)
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

    raw_pathways = check.mapping(top["pathways"], "pathways", None)
    pathways = {pid: parser.pathway(pid, check.mapping(item, pid, None), TEST_IDS) for pid, item in raw_pathways.items()}
    if pathway_ids is not None and set(pathways) != set(pathway_ids):
        missing = sorted(set(pathway_ids) - set(pathways))
        extra_ids = sorted(set(pathways) - set(pathway_ids))
        raise check.fail("pathways", None, f"pathway ids must match the engine; missing {missing}, unknown {extra_ids}")

    contrasts = {}
    for cid, item in check.mapping(top["contrasts"], "contrasts", None).items():
        item = check.mapping(item, cid, None)
        check.keys(item, cid, required=("title", "sides", "rows"))
        sides = check.mapping(item["sides"], cid, "sides")
        if len(sides) != 2 or not all(isinstance(v, str) and v.strip() for v in sides.values()):
            raise check.fail(cid, "sides", "must name exactly two sides, each with a text")
        rows = []
        for rid, row in check.mapping(item["rows"], cid, "rows").items():
            row = check.mapping(row, f"{cid}.{rid}", None)
            check.keys(row, f"{cid}.{rid}", required=("favours", "text", "source"))
            rows.append(ContrastRow(rid, check.one_of(row, f"{cid}.{rid}", "favours", tuple(sides)),
                                    check.text(row, f"{cid}.{rid}", "text").strip(),
                                    check.id_list(row, f"{cid}.{rid}", "source", parser.known, what="source")))
        for side in sides:
            if not any(r.favours == side for r in rows):
                raise check.fail(cid, "rows", f"no row points to {side!r}")
        contrasts[cid] = Contrast(cid, check.text(item, cid, "title").strip(), MappingProxyType(dict(sides)), tuple(rows))

    prob = _probabilities(parser, top)
    ro = MappingProxyType
    return Knowledge(ro(sources), ro(levels), ro(thresholds), *(ro(parsed[s]) for s in (
        "thrombosis_indications", "clot_risk_factors", "wells_criteria", "wells_categories", "pe_wells_criteria",
        "pe_wells_categories", "rules", "decisions", "causes", "treatments", "tests")),
        ro(pathways), ro(contrasts), *(ro(prob[k]) for k in PROBABILITY_SECTIONS))


PROBABILITY_SECTIONS = ("pretest", "test_accuracy", "d_dimer_age_bands", "strategy_outcomes", "probability_thresholds")
TARGETS = ("dvt", "pe")


def _fraction(parser: "_Parser", item: Mapping, eid: str, field: str) -> float:
    """A probability strictly between 0 and 1 (a typo such as 96.1 for 0.961 is refused)."""
    value = parser.number(item, eid, field, 0, 1, whole=False)
    if value in (0, 1):
        raise parser.check.fail(eid, field, f"must be strictly between 0 and 1, got {value!r}")
    return float(value)


def _probabilities(parser: "_Parser", top: Mapping) -> dict[str, dict]:
    """The probability sections: pre-test probabilities, test accuracy, age bands, thresholds."""
    check = parser.check
    out: dict[str, dict] = {k: {} for k in PROBABILITY_SECTIONS}
    for section in ("pretest", "strategy_outcomes", "probability_thresholds"):
        for eid, item in check.mapping(top[section], section, None).items():
            check.ident(eid, section)
            item = check.mapping(item, eid, None)
            check.keys(item, eid, required=("value", "text", "source", "where"),
                       optional=("label", "low", "high", "derived", "alternative"))
            low = _fraction(parser, item, eid, "low") if "low" in item else None
            high = _fraction(parser, item, eid, "high") if "high" in item else None
            value = _fraction(parser, item, eid, "value")
            if (low is None) != (high is None) or (low is not None and not low <= value <= high):
                raise check.fail(eid, "low", "low and high come together and must enclose the value")
            derived = item.get("derived", False)
            if not isinstance(derived, bool):
                raise check.fail(eid, "derived", "must be true or false")
            label = check.text(item, eid, "label").strip() if "label" in item else eid
            if section == "pretest" and "label" not in item:
                raise check.fail(eid, "label", "is missing")
            if "alternative" in item:
                check.text(item, eid, "alternative")
            out[section][eid] = PretestEntry(eid, label, value, check.text(item, eid, "text").strip(),
                                             check.id_list(item, eid, "source", parser.known, what="source"),
                                             check.text(item, eid, "where").strip(), low, high, derived)
    for eid, item in check.mapping(top["test_accuracy"], "test_accuracy", None).items():
        check.ident(eid, "test_accuracy")
        item = check.mapping(item, eid, None)
        check.keys(item, eid, required=("test", "target", "sensitivity", "specificity", "source", "where"),
                   optional=("alternative",))
        out["test_accuracy"][eid] = Accuracy(
            eid, check.one_of(item, eid, "test", TEST_IDS), check.one_of(item, eid, "target", TARGETS),
            _fraction(parser, item, eid, "sensitivity"), _fraction(parser, item, eid, "specificity"),
            check.id_list(item, eid, "source", parser.known, what="source"), check.text(item, eid, "where").strip(),
            check.text(item, eid, "alternative").strip() if "alternative" in item else None)
    for eid, item in check.mapping(top["d_dimer_age_bands"], "d_dimer_age_bands", None).items():
        check.ident(eid, "d_dimer_age_bands")
        item = check.mapping(item, eid, None)
        check.keys(item, eid, required=("from_age", "to_age", "sensitivity", "fixed_specificity",
                                        "adjusted_specificity", "source"))
        band = AgeBand(eid, parser.number(item, eid, "from_age", 51, 120, whole=True),
                       parser.number(item, eid, "to_age", 51, 120, whole=True),
                       _fraction(parser, item, eid, "sensitivity"), _fraction(parser, item, eid, "fixed_specificity"),
                       _fraction(parser, item, eid, "adjusted_specificity"),
                       check.id_list(item, eid, "source", parser.known, what="source"))
        if band.from_age > band.to_age:
            raise check.fail(eid, "to_age", "must not be below from_age")
        out["d_dimer_age_bands"][eid] = band
    ages = sorted((b.from_age, b.to_age) for b in out["d_dimer_age_bands"].values())
    for (a_from, a_to), (b_from, _b_to) in zip(ages, ages[1:]):
        if b_from != a_to + 1:
            raise check.fail("d_dimer_age_bands", None, "the age bands must follow each other without gaps or overlaps")
    return out


def knowledge_path() -> Path:
    return Path(__file__).parent / "data" / "knowledge.yaml"


@lru_cache(maxsize=1)
def load_knowledge() -> Knowledge:
    """The packaged knowledge base (validated once, then cached; it is immutable).

    Read with the hardened loader; a broken, missing or oversized file is a ``DataError``
    (an error in the installed package, not in the user's input).
    """
    try:
        doc = load_document(knowledge_path())
    except FileFormatError as err:
        raise DataError("knowledge.yaml", None, None, err.problem, line=err.line) from None
    return parse_knowledge(doc.data, "knowledge.yaml", rule_ids=RULE_IDS, pathway_ids=PATHWAY_IDS)


def _wells_range(criteria) -> tuple[int, int]:
    points = [e.points or 0 for e in criteria]
    return sum(p for p in points if p < 0), sum(p for p in points if p > 0)


def wells_total_range() -> tuple[int, int]:
    """Lowest and highest two-level Wells total the criteria of the knowledge base allow."""
    return _wells_range(load_knowledge().wells_criteria.values())
