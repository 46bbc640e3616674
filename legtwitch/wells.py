"""The two-level Wells DVT score (Wells et al. 2003, as tabled by NICE NG158).

Points and criteria are data (``knowledge.yaml``); this module only adds them up. The
source text's own clot signs (calf pain, worsening pain, warmth) score no Wells points:
they raise suspicion, which is why the score is worked out at all.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .knowledge import load_knowledge
from .scenario import Scenario


@dataclass(frozen=True)
class WellsItem:
    """One criterion that is met, with its points."""

    field: str
    text: str
    points: int


@dataclass(frozen=True)
class WellsScore:
    """The criteria met, the integer ``total``, and the category (``likely`` / ``unlikely``)."""

    items: tuple[WellsItem, ...]
    total: int
    category: str
    next_step: str
    source: tuple[str, ...]
    note: str | None = None

    @property
    def likely(self) -> bool:
        return self.category == "likely"

    @property
    def first_test(self) -> str:
        """NICE NG158's first test for this category: ultrasound if likely, else D-dimer."""
        return "compression_ultrasound" if self.likely else "d_dimer"

    def to_dict(self) -> dict:
        return {
            "total": self.total,
            "category": self.category,
            "criteria": [{"field": i.field, "text": i.text, "points": i.points} for i in self.items],
            "next_step": self.next_step,
            "source": list(self.source),
            "note": self.note,
        }


#: NICE NG158 covers adults; below this age the score is shown with a caveat.
ADULT_AGE_YEARS = 18  # source: nice_ng158 (scope: adults 18 and over, not pregnancy)


@lru_cache(maxsize=None)
def _item(field: str) -> WellsItem:
    criterion = load_knowledge().wells_criteria[field]
    return WellsItem(field, criterion.text, criterion.points)


def wells_score(scenario: Scenario) -> WellsScore:
    """Score ``scenario`` with the two-level Wells DVT criteria (always returns a score)."""
    kb = load_knowledge()
    items = tuple([_item(field) for field, _ in _criteria() if getattr(scenario, field)])
    total = sum(item.points for item in items)
    category = "likely" if total >= kb.thresholds["wells_likely_from"].value else "unlikely"
    info = kb.wells_categories[category]
    note = None
    if scenario.age_years is not None and scenario.age_years < ADULT_AGE_YEARS:
        note = "NICE NG158 and the Wells score are for adults; in a child the doctor decides without it."
    return WellsScore(items, total, category, info.next_step, info.source, note)


@lru_cache(maxsize=1)
def _relevant_fields() -> tuple[str, ...]:
    kb = load_knowledge()
    return tuple(dict.fromkeys((*kb.thrombosis_indications, *kb.wells_criteria)))


@lru_cache(maxsize=1)
def _criteria() -> tuple:
    return tuple(load_knowledge().wells_criteria.items())


def wells_relevant(scenario: Scenario) -> bool:
    """True when any thrombosis indication or Wells criterion is present (then Wells is shown)."""
    for field in _relevant_fields():
        if getattr(scenario, field):
            return True
    return False
