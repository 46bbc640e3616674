"""The records ``triage()`` returns. All frozen; ``to_dict`` gives the JSON schema (v2)."""
from __future__ import annotations

from dataclasses import dataclass

from .knowledge import Advice
from .levels import TriageLevel
from .pe_wells import PEWellsScore
from .probability import ProbabilityOutlook
from .scenario import Scenario
from .wells import WellsScore

JSON_SCHEMA_VERSION = 2


def _advice_dict(advice: Advice) -> dict:
    return {"text": advice.text, "source": list(advice.source)}


@dataclass(frozen=True)
class Reason:
    """A rule that fired: its id and plain name, the level it asks for, why, the findings
    behind it, its sources, and the two voices: what the person does and what the clinician
    does next."""

    rule_id: str
    level: TriageLevel
    text: str
    evidence: tuple[str, ...]
    source: tuple[str, ...]
    name: str
    patient: Advice
    clinician: Advice

    def to_dict(self) -> dict:
        return {"rule_id": self.rule_id, "name": self.name, "level": self.level.value, "text": self.text,
                "evidence": list(self.evidence), "source": list(self.source),
                "patient": _advice_dict(self.patient), "clinician": _advice_dict(self.clinician)}


@dataclass(frozen=True)
class TestAdvice:
    """A recommended test. ``priority`` is ``first``, ``alongside``, ``next`` or ``consider``;
    ``pathway`` names the diagnostic pathway it belongs to."""

    id: str
    name: str
    why: str
    priority: str
    source: tuple[str, ...]
    pathway: str

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "why": self.why, "priority": self.priority,
                "source": list(self.source), "pathway": self.pathway}


@dataclass(frozen=True)
class PathwayAdvice:
    """A diagnostic pathway that applies: what the clinician does next, with its source."""

    id: str
    name: str
    source: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "source": list(self.source)}


@dataclass(frozen=True)
class CauseMatch:
    """One entry of the ranked differential: why it is there, the findings for it (``evidence``
    as field ids, ``for_findings`` in words), the findings against it, the next step, and the
    score that ranked it (findings for minus findings against)."""

    id: str
    name: str
    why: str
    evidence: tuple[str, ...]
    must_not_miss: bool
    source: tuple[str, ...]
    for_findings: tuple[str, ...] = ()
    against: tuple[str, ...] = ()
    next_step: str = ""
    score: int = 0

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "why": self.why, "evidence": list(self.evidence),
                "for": list(self.for_findings), "against": list(self.against), "next_step": self.next_step,
                "score": self.score, "must_not_miss": self.must_not_miss, "source": list(self.source)}


@dataclass(frozen=True)
class TreatmentAdvice:
    """A treatment from the knowledge base matched to one of the likely causes."""

    id: str
    name: str
    text: str
    caution: str | None
    for_cause: str
    source: tuple[str, ...]
    comment: Advice | None = None  # the clinician's note beside a source-text claim

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "text": self.text, "caution": self.caution,
                "for_cause": self.for_cause, "source": list(self.source),
                "comment": _advice_dict(self.comment) if self.comment else None}


@dataclass(frozen=True)
class TriageResult:
    """Everything the engine concluded about one scenario, each part with its reasons.

    ``wells`` (DVT) is set only when a DVT is suspected, ``pe_wells`` only when a PE is
    suspected, and neither under 18 or in pregnancy; ``scores_note`` then says why.
    ``pathways`` lists the diagnostic pathways that apply, the leading one first; the
    recommended tests follow them.
    """

    scenario: Scenario
    level: TriageLevel
    reasons: tuple[Reason, ...]
    wells: WellsScore | None
    pe_wells: PEWellsScore | None
    scores_note: str | None
    pathways: tuple[PathwayAdvice, ...]
    recommended_tests: tuple[TestAdvice, ...]
    likely_causes: tuple[CauseMatch, ...]
    treatments: tuple[TreatmentAdvice, ...]
    probability: ProbabilityOutlook | None = None  # set where a Wells score applies (adult clot pathways)

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
    def first_test(self) -> str | None:
        """The deciding first test, or ``None`` when nothing needs testing."""
        return self.recommended_tests[0].id if self.recommended_tests else None

    @property
    def pathway_ids(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.pathways)

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
            "pe_wells": self.pe_wells.to_dict() if self.pe_wells else None,
            "scores_note": self.scores_note,
            "pathways": [p.to_dict() for p in self.pathways],
            "recommended_tests": [t.to_dict() for t in self.recommended_tests],
            "likely_causes": [c.to_dict() for c in self.likely_causes],
            "treatments": [t.to_dict() for t in self.treatments],
            "probability": self.probability.to_dict() if self.probability else None,
        }
