"""The explainable triage rules. Each rule is a named predicate returning its evidence.

The *words*, level and sources of every rule live in ``knowledge.yaml`` under the same id;
the code here only decides whether a rule fires and which findings made it fire. Rules are
listed strongest first; a rule fires when its evidence tuple is non-empty.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from .engine_ids import NO_RED_FLAGS, RULE_IDS
from .scenario import Scenario, fields_in_group

#: Signs of a possible pulmonary embolism (NHS DVT and PE pages) -> emergency.
PE_WARNING_SIGNS = ("chest_pain", "short_of_breath", "coughing_blood", "fainted")
#: Leg signs of a clot: the source text's three signs plus the Wells examination findings.
THROMBOSIS_INDICATIONS = ("calf_pain", "pain_worsening", "leg_warm", "leg_swollen",
                          "calf_swelling_3cm", "pitting_edema", "vein_tenderness", "collateral_veins")
#: Things that make a clot more likely without being a sign of one (Virchow's triad: stasis,
#: vessel injury, a blood that clots more easily). Wells risk items plus the NHS risk list.
CLOT_RISK_FACTORS = ("active_cancer", "paralysis_or_cast", "bedridden_or_surgery",
                     "immobilised_or_surgery_4_weeks", "previous_dvt", "previous_pe",
                     "pregnant_or_postpartum", "hormonal_contraception_or_hrt", "long_haul_travel")
NEUROLOGICAL_RED_FLAGS = fields_in_group("red_flags")
#: Frequencies the source text's diagnosis section calls "frequent" enough to see a doctor.
FREQUENT = ("frequent", "constant")


@lru_cache(maxsize=None)
def threshold(threshold_id: str) -> int:
    """A named threshold from knowledge.yaml (read once)."""
    from .knowledge import load_knowledge
    return load_knowledge().thresholds[threshold_id].value


def persistent_days() -> int:
    """Days from which twitching is persistent (``persistent_days`` in knowledge.yaml).

    Boundary: the source text says "several weeks", NHS "more than 2 weeks"; day 14 itself
    counts as persistent (the earlier, more careful choice).
    """
    return threshold("persistent_days")


def present(scenario: Scenario, names: tuple[str, ...]) -> tuple[str, ...]:
    """The fields of ``names`` that are true in ``scenario``: a rule's evidence."""
    return tuple([n for n in names if getattr(scenario, n)])


def is_persistent(scenario: Scenario) -> bool:
    return scenario.duration_days is not None and scenario.duration_days >= persistent_days()


#: The last scenario asked about and its clot signs: one triage asks for the leg and lung signs
#: of the same (immutable) scenario several times, from the rules, the pathways and the
#: differential; one slot is enough and keeps no scenario alive but the last.
_last_signs: tuple = (None, (), ())


def _clot_signs(scenario: Scenario) -> tuple:
    global _last_signs
    last = _last_signs  # one read: another thread may replace the slot, never change it
    if last[0] is not scenario:
        legs = present(scenario, THROMBOSIS_INDICATIONS)
        lung = present(scenario, PE_WARNING_SIGNS)
        if "fainted" in lung and scenario.typical_faint and lung == ("fainted",) \
                and not scenario.heart_rate_over_100 and not legs:
            lung = ()
        last = _last_signs = (scenario, legs, lung)
    return last


def leg_signs(scenario: Scenario) -> tuple[str, ...]:
    """The leg signs of a clot that are present (``THROMBOSIS_INDICATIONS``)."""
    return _clot_signs(scenario)[1]


def pe_signs(scenario: Scenario) -> tuple[str, ...]:
    """The lung warning signs that count. A typical faint on its own is not one of them.

    A faint counts unless it was typical (trigger, warning signs, quick recovery) *and*
    nothing else points to a clot: no leg sign, no other lung warning sign, no fast pulse.
    """
    return _clot_signs(scenario)[2]


def _constant_in_epilepsy(scenario: Scenario) -> bool:
    return scenario.epilepsy and scenario.frequency == "constant"


@dataclass(frozen=True)
class Rule:
    id: str
    evidence: Callable[[Scenario], tuple[str, ...]]


RULES: tuple[Rule, ...] = (
    Rule("pe_warning_signs", pe_signs),
    Rule("first_seizure", lambda s: ("seizure",) if s.seizure and not s.epilepsy else ()),
    Rule("seizure_in_known_epilepsy", lambda s: ("seizure", "epilepsy") if s.seizure and s.epilepsy else ()),
    Rule("suspected_dvt", leg_signs),
    Rule("possible_cellulitis", lambda s: present(s, ("skin_redness", "fever")) if s.skin_redness else ()),
    Rule("possible_superficial_thrombophlebitis", lambda s: present(s, ("tender_surface_vein",))),
    # The one place where a longer duration lowers the level: new constant twitching in epilepsy
    # may be focal status epilepticus (same day); once it has lasted the persistence threshold
    # it belongs with the specialist (see_doctor). Unknown duration is treated as new.
    Rule("new_constant_twitching_in_epilepsy",
         lambda s: ("epilepsy", "frequency") if _constant_in_epilepsy(s) and not is_persistent(s) else ()),
    Rule("long_standing_constant_twitching_in_epilepsy",
         lambda s: ("epilepsy", "frequency", "duration_days") if _constant_in_epilepsy(s) and is_persistent(s) else ()),
    Rule("uncomplicated_faint",
         lambda s: ("fainted", "typical_faint") if s.fainted and "fainted" not in pe_signs(s) else ()),
    Rule("persistent_twitching", lambda s: ("duration_days",) if is_persistent(s) else ()),
    Rule("frequent_twitching", lambda s: ("frequency",) if s.frequency in FREQUENT else ()),
    Rule("twitching_in_both_legs", lambda s: ("both_legs",) if s.both_legs else ()),
    Rule("severe_twitching", lambda s: ("severity",) if s.severity == "severe" else ()),
    Rule("neurological_red_flags", lambda s: present(s, NEUROLOGICAL_RED_FLAGS)),
    Rule("known_neurological_disease", lambda s: present(s, ("known_neurological_disease",))),
    Rule("medication_side_effect", lambda s: present(s, ("new_medication",))),
    Rule("possible_overactive_thyroid", lambda s: present(s, ("thyroid_symptoms",))),
    Rule("clot_risk_without_leg_signs",
         lambda s: () if leg_signs(s) or pe_signs(s) else present(s, CLOT_RISK_FACTORS)),
)
# NO_RED_FLAGS fires only when no rule above self-care fired (the reassuring default);
# RULE_IDS (engine_ids.py) lists RULES in this order, then NO_RED_FLAGS: a test keeps them equal.
