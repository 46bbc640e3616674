"""What the clinician does next: which diagnostic pathways apply, and the tests they order.

The steps, their order and their reasons are data (``pathways`` in knowledge.yaml); this
module only decides which pathways apply to a scenario, in what order, and which
conditional steps are in play. The leading pathway comes first and gives the first test.

- A lung warning sign puts the PE pathway first (NICE NG158, or RCOG in pregnancy, or the
  paediatric team under 18); the leg ultrasound is then never the first test.
- Otherwise a leg sign puts the DVT pathway first (Wells likely or unlikely, pregnancy, child).
- A first seizure, constant twitching in epilepsy and a typical faint have their own pathways.
- Twitching that needs a doctor starts with the examination (the source text's diagnosis
  section), with blood tests, EMG, imaging and CSF only when findings call for them.
"""
from __future__ import annotations

from functools import lru_cache

from .engine_ids import PATHWAY_IDS
from .knowledge import PRIORITIES, Pathway, load_knowledge
from .pe_wells import PEWellsScore
from .population import CHILD, PREGNANCY, population
from .result import PathwayAdvice, TestAdvice
from .rules import NEUROLOGICAL_RED_FLAGS, FREQUENT, is_persistent, leg_signs
from .scenario import Scenario
from .wells import WellsScore

#: Rules after which a doctor examines the twitching (neurological examination first).
SEE_DOCTOR_FOR_TWITCHING = frozenset({
    "persistent_twitching", "frequent_twitching", "twitching_in_both_legs", "severe_twitching",
    "neurological_red_flags", "known_neurological_disease", "medication_side_effect",
})
_RANK = {p: i for i, p in enumerate(PRIORITIES)}


def applicable_pathways(scenario: Scenario, fired: frozenset[str], wells: WellsScore | None,
                        pe_wells: PEWellsScore | None) -> tuple[str, ...]:
    """Ids of the pathways for ``scenario``, the leading one first."""
    group = population(scenario)
    out: list[str] = []
    if "pe_warning_signs" in fired:
        if group == PREGNANCY:
            out.append("pe_pregnancy")
        elif group == CHILD:
            out.append("pe_child")
        else:
            out.append("pe_likely" if pe_wells is not None and pe_wells.likely else "pe_unlikely")
    elif "suspected_dvt" in fired:  # with a lung sign, the PE pathway already covers the leg
        if group == PREGNANCY:
            out.append("dvt_pregnancy")
        elif group == CHILD:
            out.append("dvt_child")
        else:
            out.append("dvt_likely" if wells is not None and wells.likely else "dvt_unlikely")
    for rule_id in ("first_seizure", "new_constant_twitching_in_epilepsy",
                    "long_standing_constant_twitching_in_epilepsy"):
        if rule_id in fired:
            out.append(rule_id)
    if "uncomplicated_faint" in fired:
        out.append("faint")
    if "possible_superficial_thrombophlebitis" in fired:
        out.append("superficial_thrombophlebitis")
    if "possible_overactive_thyroid" in fired:
        out.append("overactive_thyroid")
    if fired & SEE_DOCTOR_FOR_TWITCHING:
        out.append("neurological_work_up")
    return tuple(out)


def step_conditions(scenario: Scenario, fired: frozenset[str]) -> frozenset[str]:
    """The conditions (``when_any`` in knowledge.yaml) that hold for ``scenario``."""
    out = set()
    if is_persistent(scenario) or scenario.frequency in FREQUENT:
        out.add("persistent")
    if "neurological_red_flags" in fired:
        out.add("red_flags")
    if scenario.muscle_weakness or scenario.muscle_wasting:
        out.add("weakness_or_wasting")
    if scenario.numbness or scenario.speech_or_swallowing_problems or scenario.muscle_stiffness:
        out.add("central_signs")
    return frozenset(out)


@lru_cache(maxsize=None)
def _advice(pathway_id: str, index: int) -> TestAdvice:
    kb = load_knowledge()
    step = kb.pathways[pathway_id].steps[index]
    return TestAdvice(step.test, kb.tests[step.test].name, step.why, step.priority, step.source, pathway_id)


def _steps(pathway: Pathway, leg_signs: bool, conditions: frozenset[str]) -> list[int]:
    keep = [i for i, s in enumerate(pathway.steps)
            if (not s.when_leg_signs or leg_signs) and (not s.when_any or conditions & set(s.when_any))]
    return sorted(keep, key=lambda i: _RANK[pathway.steps[i].priority])  # stable: file order within a rank


def plan(scenario: Scenario, fired: frozenset[str], wells: WellsScore | None,
         pe_wells: PEWellsScore | None) -> tuple[tuple[PathwayAdvice, ...], tuple[TestAdvice, ...]]:
    """The pathways that apply and the tests they order (each test once, leading pathway first)."""
    ids = applicable_pathways(scenario, fired, wells, pe_wells)
    return _plan(ids, bool(leg_signs(scenario)), step_conditions(scenario, fired))


@lru_cache(maxsize=1024)
def _plan(ids: tuple[str, ...], leg_signs: bool, conditions: frozenset[str]):
    """The plan for these pathways, leg signs and conditions (few combinations: cached)."""
    kb = load_knowledge()
    tests: list[TestAdvice] = []
    seen: set[str] = set()
    for pid in ids:
        for index in _steps(kb.pathways[pid], leg_signs, conditions):
            advice = _advice(pid, index)
            if advice.id not in seen:
                seen.add(advice.id)
                tests.append(advice)
    pathways = tuple(PathwayAdvice(pid, kb.pathways[pid].name, kb.pathways[pid].source) for pid in ids)
    return pathways, tuple(tests)


__all__ = ["PATHWAY_IDS", "SEE_DOCTOR_FOR_TWITCHING", "applicable_pathways", "plan", "step_conditions",
           "NEUROLOGICAL_RED_FLAGS"]
