"""The records ``triage()`` returns. All frozen; ``to_dict`` gives the JSON schema (v1)."""
from __future__ import annotations

from dataclasses import dataclass

from .levels import TriageLevel
from .scenario import Scenario
from .wells import WellsScore

JSON_SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Reason:
    """A rule that fired: its id, the level it asks for, why, the findings behind it, its sources."""

    rule_id: str
    level: TriageLevel
    text: str
    evidence: tuple[str, ...]
    source: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"rule_id": self.rule_id, "level": self.level.value, "text": self.text,
                "evidence": list(self.evidence), "source": list(self.source)}


@dataclass(frozen=True)
class TestAdvice:
    """A recommended test. ``priority`` is ``first``, ``next`` or ``consider``."""

    id: str
    name: str
    why: str
    priority: str
    source: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "why": self.why, "priority": self.priority,
                "source": list(self.source)}


@dataclass(frozen=True)
class CauseMatch:
    """One entry of the ranked differential, with the findings that support it."""

    id: str
    name: str
    why: str
    evidence: tuple[str, ...]
    must_not_miss: bool
    source: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "why": self.why, "evidence": list(self.evidence),
                "must_not_miss": self.must_not_miss, "source": list(self.source)}


@dataclass(frozen=True)
class TreatmentAdvice:
    """A treatment from the knowledge base matched to one of the likely causes."""

    id: str
    name: str
    text: str
    caution: str | None
    for_cause: str
    source: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "text": self.text, "caution": self.caution,
                "for_cause": self.for_cause, "source": list(self.source)}


@dataclass(frozen=True)
class TriageResult:
    """Everything the engine concluded about one scenario, each part with its reasons."""

    scenario: Scenario
    level: TriageLevel
    reasons: tuple[Reason, ...]
    wells: WellsScore | None
    recommended_tests: tuple[TestAdvice, ...]
    likely_causes: tuple[CauseMatch, ...]
    treatments: tuple[TreatmentAdvice, ...]

    @property
    def action(self) -> str:
        return self.level.action

    @property
    def rule_ids(self) -> tuple[str, ...]:
        return tuple(r.rule_id for r in self.reasons)

    @property
    def test_ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.recommended_tests)

    @property
    def cause_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.likely_causes)

    @property
    def treatment_ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.treatments)

    def to_dict(self) -> dict:
        """The stable JSON schema (documented in docs/json-schema.md)."""
        return {
            "schema_version": JSON_SCHEMA_VERSION,
            "scenario": self.scenario.to_dict(),
            "level": self.level.value,
            "action": self.level.action,
            "reasons": [r.to_dict() for r in self.reasons],
            "wells": self.wells.to_dict() if self.wells else None,
            "recommended_tests": [t.to_dict() for t in self.recommended_tests],
            "likely_causes": [c.to_dict() for c in self.likely_causes],
            "treatments": [t.to_dict() for t in self.treatments],
        }
