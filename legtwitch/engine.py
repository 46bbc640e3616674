"""``triage(scenario)``: the whole engine in one pure, deterministic, total function.

Every rule that fires becomes a ``Reason`` (strongest first) with its sources and its two
voices (what the person does, what the clinician does next); the level is the highest level
any fired rule asks for. The Wells scores are worked out only when a clot is suspected, and
only for adults who are not pregnant; the diagnostic pathways then decide the tests.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Mapping

from .differential import likely_causes, matched_treatments
from .knowledge import load_knowledge
from .levels import TriageLevel
from .pathways import plan
from .pe_wells import PEWellsScore, pe_wells_score
from .population import ADULT, population, scores_note
from .probability import outlook
from .result import Reason, TriageResult
from .rules import NO_RED_FLAGS, RULES
from .scenario import Scenario
from .wells import WellsScore, wells_score


@lru_cache(maxsize=None)
def _reason(rule_id: str, evidence: tuple[str, ...]) -> Reason:
    rule = load_knowledge().rules[rule_id]
    return Reason(rule_id, TriageLevel(rule.level), rule.text, evidence, rule.source,
                  rule.name, rule.patient, rule.clinician)


#: The probability outlook depends only on the leading pathway and the age (few combinations).
_outlook = lru_cache(maxsize=1024)(outlook)


def _by_level(reason: Reason) -> int:
    return -_RANKS[reason.level.value]


_RANKS = {level.value: level.rank for level in TriageLevel}


def fired_reasons(scenario: Scenario) -> tuple[Reason, ...]:
    """The reasons for ``scenario``, strongest level first (rule order breaks ties).

    ``no_red_flags`` joins only when no rule above self-care fired.
    """
    reasons = []
    for rule in RULES:
        evidence = rule.evidence(scenario)
        if evidence:
            reasons.append(_reason(rule.id, evidence))
    if all(r.level is TriageLevel.SELF_CARE for r in reasons):
        reasons.append(_reason(NO_RED_FLAGS, ()))
    reasons.sort(key=_by_level)  # stable: keeps rule order within a level
    return tuple(reasons)


@dataclass(frozen=True)
class DiagnosticPlan:
    """The part of a triage that decides the tests: the scores, the pathways, their tests and
    the probability outlook of the leading pathway."""

    reasons: tuple[Reason, ...]
    wells: WellsScore | None
    pe_wells: PEWellsScore | None
    scores_note: str | None
    pathways: tuple
    tests: tuple
    probability: Any

    @property
    def first_test(self) -> str | None:
        return self.tests[0].id if self.tests else None


def diagnostic_plan(scenario: Scenario) -> DiagnosticPlan:
    """Reasons, Wells scores, pathways, tests and probability, without the differential (which
    costs most of a triage): for callers that only need the work-up, such as the generator."""
    reasons = fired_reasons(scenario)
    fired = frozenset(r.rule_id for r in reasons)
    dvt_suspected = "suspected_dvt" in fired
    pe_suspected = "pe_warning_signs" in fired
    adult = population(scenario) == ADULT
    wells: WellsScore | None = wells_score(scenario) if dvt_suspected and adult else None
    pe_wells: PEWellsScore | None = pe_wells_score(scenario) if pe_suspected and adult else None
    note = scores_note(scenario) if (dvt_suspected or pe_suspected) else None
    pathways, tests = plan(scenario, fired, wells, pe_wells)
    probability = _outlook(pathways[0].id, scenario.age_years) if pathways else None
    return DiagnosticPlan(reasons, wells, pe_wells, note, tuple(pathways), tuple(tests), probability)


def triage(scenario: Scenario | Mapping[str, Any]) -> TriageResult:
    """Triage a scenario (or a mapping, validated first) and explain the result."""
    if not isinstance(scenario, Scenario):
        scenario = Scenario.from_dict(scenario)
    work_up = diagnostic_plan(scenario)
    causes = likely_causes(scenario)
    return TriageResult(
        scenario=scenario,
        level=work_up.reasons[0].level,
        reasons=work_up.reasons,
        wells=work_up.wells,
        pe_wells=work_up.pe_wells,
        scores_note=work_up.scores_note,
        pathways=work_up.pathways,
        recommended_tests=work_up.tests,
        likely_causes=causes,
        treatments=matched_treatments(scenario, causes),
        probability=work_up.probability,
    )
