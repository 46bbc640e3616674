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
        }


@lru_cache(maxsize=None)
def _item(field: str) -> WellsItem:
    criterion = load_knowledge().wells_criteria[field]
    return WellsItem(field, criterion.text, criterion.points)


def wells_score(scenario: Scenario) -> WellsScore:
    """Score ``scenario`` with the two-level Wells DVT criteria (always returns a score).

    ``triage()`` uses it only when a DVT is suspected in an adult who is not pregnant; the
    Wells calculator widget and the CLI use it to teach the score itself.
    """
    kb = load_knowledge()
    items = tuple([_item(field) for field, _ in _criteria() if getattr(scenario, field)])
    total = sum(item.points for item in items)
    category = "likely" if total >= kb.thresholds["wells_likely_from"].value else "unlikely"
    info = kb.wells_categories[category]
    return WellsScore(items, total, category, info.next_step, info.source)


@lru_cache(maxsize=1)
def _criteria() -> tuple:
    return tuple(load_knowledge().wells_criteria.items())


def dvt_suspected(scenario: Scenario) -> bool:
    """True when a leg sign of a clot is present: the point at which NICE NG158 scores Wells.

    Risk factors alone (cancer, a cast, surgery, an earlier clot) are not a suspicion.
    """
    from .rules import THROMBOSIS_INDICATIONS
    return any(getattr(scenario, f) for f in THROMBOSIS_INDICATIONS)
