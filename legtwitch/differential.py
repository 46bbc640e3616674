"""The ranked differential for the twitching, and the treatments that answer each cause.

Ranking is fixed and explainable: a possible pulmonary embolism and a suspected clot first
(must not miss), then epilepsy, neurological disease, medication, stress and other triggers;
"no trigger found" (benign fasciculations) is a diagnosis of exclusion and comes after every
cause with evidence. It never appears next to real weakness, wasting or a seizure, which rule
it out. When no clot sign is present, DVT is still listed last as the alternative to keep in mind.
"""
from __future__ import annotations

from functools import lru_cache

from .knowledge import load_knowledge
from .result import CauseMatch, TreatmentAdvice
from .rules import CLOT_RISK_FACTORS, NEUROLOGICAL_RED_FLAGS, THROMBOSIS_INDICATIONS, is_persistent, pe_signs, present
from .scenario import Scenario

BENIGN_TRIGGERS = ("caffeine", "alcohol", "lack_of_sleep", "recent_exercise")
#: Findings that rule out benign fasciculations: objective weakness or wasting excludes it by
#: definition, and a seizure is not a twitch (Turner & Talbot 2013; NICE NG127).
EXCLUDE_BENIGN_FASCICULATIONS = ("muscle_weakness", "muscle_wasting", "seizure")

_WHY = {
    "pe_suspected": "A warning sign of a clot in the lungs: rule out a pulmonary embolism first.",
    "dvt_suspected": "Leg signs of a clot are present: rule out a deep-vein thrombosis first.",
    "dvt_risk": "No leg sign of a clot, but a clot risk factor: keep DVT in mind and examine the leg.",
    "dvt_background": "No leg sign of a clot now; think again if calf pain, warmth or swelling appear.",
    "epilepsy": "A seizure or known epilepsy makes an epileptic origin of the jerks possible.",
    "convulsive_syncope": "A typical faint: a trigger, warning signs and a quick recovery; a few jerks are part of it.",
    "neurological_disease": "A known neurological disease or neurological red flags point to a nerve or muscle cause.",
    "medication_side_effect": "The twitching began after a new medicine.",
    "stress": "Stress is one of the commonest triggers of harmless twitching.",
    "other_benign_triggers": "A harmless trigger is present.",
    "benign_only": "No trigger and no warning sign: most likely harmless twitching that settles by itself.",
    "benign_after": "Only once the causes above are excluded: no trigger found, twitching settles by itself.",
}


@lru_cache(maxsize=None)
def _match(cause_id: str, why_key: str, evidence: tuple[str, ...]) -> CauseMatch:
    cause = load_knowledge().causes[cause_id]
    return CauseMatch(cause_id, cause.name, _WHY[why_key], evidence, cause.must_not_miss, cause.source)


def likely_causes(scenario: Scenario) -> tuple[CauseMatch, ...]:
    """Ranked causes with their supporting findings (DVT always listed; benign fasciculations
    unless weakness, wasting or a seizure rules it out)."""
    out: list[CauseMatch] = []
    leg_signs = present(scenario, THROMBOSIS_INDICATIONS)
    risk = present(scenario, CLOT_RISK_FACTORS)
    lung = pe_signs(scenario)
    if lung:
        out.append(_match("pulmonary_embolism", "pe_suspected", lung + leg_signs))
    if leg_signs:
        out.append(_match("dvt", "dvt_suspected", leg_signs + risk))
    epileptic = present(scenario, ("seizure", "epilepsy"))
    if epileptic:
        out.append(_match("epilepsy", "epilepsy", epileptic))
    s_faint = scenario.fainted and scenario.typical_faint and "fainted" not in lung
    if s_faint:
        out.append(_match("convulsive_syncope", "convulsive_syncope", ("fainted", "typical_faint")))
    neuro = present(scenario, ("known_neurological_disease", *NEUROLOGICAL_RED_FLAGS))
    if neuro:
        out.append(_match("neurological_disease", "neurological_disease", neuro))
    if scenario.new_medication:
        out.append(_match("medication_side_effect", "medication_side_effect", ("new_medication",)))
    if scenario.stress:
        out.append(_match("stress", "stress", ("stress",)))
    triggers = present(scenario, BENIGN_TRIGGERS)
    if triggers:
        out.append(_match("other_benign_triggers", "other_benign_triggers", triggers))
    twitch_history = any(v is not None for v in (scenario.duration_days, scenario.frequency, scenario.severity))
    if not present(scenario, EXCLUDE_BENIGN_FASCICULATIONS) and not (s_faint and not twitch_history):
        out.append(_match("benign_fasciculations", "benign_after" if out else "benign_only", ()))
    if not leg_signs:
        out.append(_match("dvt", "dvt_risk" if risk else "dvt_background", risk))
    return tuple(out)


@lru_cache(maxsize=None)
def _advice(treatment_id: str, cause_id: str) -> TreatmentAdvice:
    t = load_knowledge().treatments[treatment_id]
    return TreatmentAdvice(t.id, t.name, t.text, t.caution, cause_id, t.source, t.comment)


@lru_cache(maxsize=None)
def _treatments_for(cause_id: str):
    return tuple(t for t in load_knowledge().treatments.values() if cause_id in t.for_causes)


def matched_treatments(scenario: Scenario, causes: tuple[CauseMatch, ...]) -> tuple[TreatmentAdvice, ...]:
    """Treatments for the causes with evidence, in the order of the differential.

    "No treatment needed" only applies when no other cause was found; muscle relaxants only
    to a known neurological disease (red flags alone call for a work-up first); epilepsy surgery only
    to long-standing constant (permanent) twitching in known epilepsy; seizure first aid only to a seizure;
    anticoagulation (started by a doctor) only when a clot is actually suspected, and once.
    """
    cause_ids = [c.id for c in causes]
    clot_suspected = set()
    if pe_signs(scenario):
        clot_suspected.add("pulmonary_embolism")
    if present(scenario, THROMBOSIS_INDICATIONS):
        clot_suspected.add("dvt")
    out: list[TreatmentAdvice] = []
    given: set[str] = set()
    for cause_id in cause_ids:
        if cause_id in ("dvt", "pulmonary_embolism") and cause_id not in clot_suspected:
            continue
        if cause_id == "benign_fasciculations" and cause_ids[0] != "benign_fasciculations":
            continue
        for t in _treatments_for(cause_id):
            if t.id == "epilepsy_surgery" and not (scenario.epilepsy and scenario.frequency == "constant"
                                                   and is_persistent(scenario)):
                continue  # only for long-standing (permanent) twitching, never for a new episode
            if t.id == "seizure_first_aid" and not scenario.seizure:
                continue
            if t.id == "muscle_relaxants" and not scenario.known_neurological_disease:
                continue  # the source text ties them to a known disease, not to red flags alone
            if t.id in given:
                continue
            given.add(t.id)
            out.append(_advice(t.id, cause_id))
    return tuple(out)
