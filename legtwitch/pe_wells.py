"""The two-level PE Wells score, as NICE NG158 tabulates it (more than 4: PE likely).

Items and points are data (``pe_wells_criteria`` in knowledge.yaml). An item can rest on
several scenario fields: "clinical signs of DVT" needs tender deep veins *and* a swollen leg,
"previous DVT or PE" either history. The points include halves, so ``total`` is a float.
"""
from __future__ import annotations

from dataclasses import dataclass

from .knowledge import Entry, load_knowledge
from .rules import threshold
from .scenario import Scenario


@dataclass(frozen=True)
class PEWellsItem:
    """One PE Wells item that is met: its id, words, points and the findings that met it."""

    id: str
    text: str
    points: float
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class PEWellsScore:
    """The items met, the ``total`` (a number, halves allowed) and the category."""

    items: tuple[PEWellsItem, ...]
    total: float
    category: str
    next_step: str
    source: tuple[str, ...]

    @property
    def likely(self) -> bool:
        return self.category == "likely"

    @property
    def first_test(self) -> str:
        """NICE NG158's first test: CTPA if PE is likely, otherwise the D-dimer."""
        return "ctpa" if self.likely else "d_dimer"

    def to_dict(self) -> dict:
        return {"total": self.total, "category": self.category,
                "criteria": [{"id": i.id, "text": i.text, "points": i.points, "evidence": list(i.evidence)}
                             for i in self.items],
                "next_step": self.next_step, "source": list(self.source)}


def item_met(entry: Entry, scenario: Scenario) -> tuple[str, ...]:
    """The findings that meet ``entry`` (empty when it is not met)."""
    if not all(getattr(scenario, f) for f in entry.all_of):
        return ()
    hits = tuple(f for f in entry.any_of if getattr(scenario, f))
    if entry.any_of and not hits:
        return ()
    return entry.all_of + hits


def pe_wells_score(scenario: Scenario) -> PEWellsScore:
    """Score ``scenario`` with the two-level PE Wells criteria (always returns a score)."""
    kb = load_knowledge()
    items = []
    for entry in kb.pe_wells_criteria.values():
        evidence = item_met(entry, scenario)
        if evidence:
            items.append(PEWellsItem(entry.id, entry.name or entry.text, entry.points, evidence))
    total = float(sum(i.points for i in items))
    category = "likely" if total > threshold("pe_wells_likely_above") else "unlikely"
    info = kb.pe_wells_categories[category]
    return PEWellsScore(tuple(items), total, category, info.next_step, info.source)


def pe_wells_range() -> tuple[float, float]:
    """Lowest and highest possible PE Wells totals."""
    return 0.0, float(sum(e.points for e in load_knowledge().pe_wells_criteria.values()))
