"""``triage(scenario)``: the whole engine in one pure, deterministic, total function.

Every rule that fires becomes a ``Reason`` (strongest first) with its sources; the level
is the highest level any fired rule asks for, so adding a finding can never lower it.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Mapping

from .differential import likely_causes, matched_treatments
from .knowledge import load_knowledge
from .levels import TriageLevel
from .result import Reason, TriageResult
from .rules import NO_RED_FLAGS, RULES
from .scenario import Scenario
from .wells import WellsScore, wells_relevant, wells_score
from .workup import recommended_tests


@lru_cache(maxsize=None)
def _reason(rule_id: str, evidence: tuple[str, ...]) -> Reason:
    rule = load_knowledge().rules[rule_id]
    return Reason(rule_id, TriageLevel(rule.level), rule.text, evidence, rule.source)


def fired_reasons(scenario: Scenario) -> tuple[Reason, ...]:
    """The reasons for ``scenario``, strongest level first (rule order breaks ties)."""
    reasons = []
    for rule in RULES:
        evidence = rule.evidence(scenario)
        if evidence:
            reasons.append(_reason(rule.id, evidence))
    if not reasons:
        reasons.append(_reason(NO_RED_FLAGS, ()))
    reasons.sort(key=lambda r: -r.level.rank)  # stable: keeps rule order within a level
    return tuple(reasons)


def triage(scenario: Scenario | Mapping[str, Any]) -> TriageResult:
    """Triage a scenario (or a mapping, validated first) and explain the result."""
    if not isinstance(scenario, Scenario):
        scenario = Scenario.from_dict(scenario)
    reasons = fired_reasons(scenario)
    wells: WellsScore | None = wells_score(scenario) if wells_relevant(scenario) else None
    fired = frozenset(r.rule_id for r in reasons)
    causes = likely_causes(scenario)
    return TriageResult(
        scenario=scenario,
        level=reasons[0].level,
        reasons=reasons,
        wells=wells,
        recommended_tests=recommended_tests(scenario, fired, wells),
        likely_causes=causes,
        treatments=matched_treatments(scenario, causes),
    )
