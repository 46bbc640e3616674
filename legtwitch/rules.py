"""The explainable triage rules. Each rule is a named predicate returning its evidence.

The *words*, level and sources of every rule live in ``knowledge.yaml`` under the same id;
the code here only decides whether a rule fires and which findings made it fire. Rules are
listed strongest first; a rule fires when its evidence tuple is non-empty.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from .scenario import Scenario, fields_in_group

#: Signs of a possible pulmonary embolism (NHS DVT and PE pages) -> emergency.
PE_WARNING_SIGNS = ("chest_pain", "short_of_breath", "coughing_blood", "fainted")
#: Leg signs of a clot: the source text's three signs plus the Wells examination findings.
THROMBOSIS_INDICATIONS = ("calf_pain", "pain_worsening", "leg_warm", "leg_swollen",
                          "calf_swelling_3cm", "pitting_edema", "vein_tenderness", "collateral_veins")
#: Wells criteria that are risk factors, not leg signs (NICE NG158 table).
CLOT_RISK_FACTORS = ("active_cancer", "paralysis_or_cast", "bedridden_or_surgery", "previous_dvt")
NEUROLOGICAL_RED_FLAGS = fields_in_group("red_flags")
#: Frequencies the source text's diagnosis section calls "frequent" enough to see a doctor.
FREQUENT = ("frequent", "constant")


@lru_cache(maxsize=1)
def persistent_days() -> int:
    """Days from which twitching is persistent (``persistent_days`` in knowledge.yaml).

    Boundary: the source text says "several weeks", NHS "more than 2 weeks"; day 14 itself
    counts as persistent (the earlier, more careful choice).
    """
    from .knowledge import load_knowledge
    return load_knowledge().thresholds["persistent_days"].value


def present(scenario: Scenario, names: tuple[str, ...]) -> tuple[str, ...]:
    """The fields of ``names`` that are true in ``scenario``: a rule's evidence."""
    return tuple([n for n in names if getattr(scenario, n)])


@dataclass(frozen=True)
class Rule:
    id: str
    evidence: Callable[[Scenario], tuple[str, ...]]


RULES: tuple[Rule, ...] = (
    Rule("pe_warning_signs", lambda s: present(s, PE_WARNING_SIGNS)),
    Rule("first_seizure", lambda s: ("seizure",) if s.seizure and not s.epilepsy else ()),
    Rule("seizure_in_known_epilepsy", lambda s: ("seizure", "epilepsy") if s.seizure and s.epilepsy else ()),
    Rule("suspected_dvt", lambda s: present(s, THROMBOSIS_INDICATIONS)),
    Rule("constant_twitching_in_epilepsy",
         lambda s: ("epilepsy", "frequency") if s.epilepsy and s.frequency == "constant" else ()),
    Rule("clot_risk_factors",
         lambda s: () if present(s, THROMBOSIS_INDICATIONS) else present(s, CLOT_RISK_FACTORS)),
    Rule("persistent_twitching",
         lambda s: ("duration_days",) if s.duration_days is not None and s.duration_days >= persistent_days() else ()),
    Rule("frequent_twitching", lambda s: ("frequency",) if s.frequency in FREQUENT else ()),
    Rule("twitching_in_both_legs", lambda s: ("both_legs",) if s.both_legs else ()),
    Rule("severe_twitching", lambda s: ("severity",) if s.severity == "severe" else ()),
    Rule("neurological_red_flags", lambda s: present(s, NEUROLOGICAL_RED_FLAGS)),
    Rule("known_neurological_disease", lambda s: present(s, ("known_neurological_disease",))),
    Rule("medication_side_effect", lambda s: present(s, ("new_medication",))),
)
#: Fires only when no other rule did: the reassuring default.
NO_RED_FLAGS = "no_red_flags"
RULE_IDS: tuple[str, ...] = tuple(r.id for r in RULES) + (NO_RED_FLAGS,)
