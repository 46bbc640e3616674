"""Which tests to recommend, and why: the source text's diagnosis section and NICE NG158/NG217.

A suspected clot is worked up first (Wells likely -> ultrasound first; unlikely -> D-dimer
first). A first seizure gets the NICE NG217 first-seizure work-up. Twitching that needs a
doctor starts with the neurological examination; EMG, blood tests, imaging and CSF follow
the findings that call for them.
"""
from __future__ import annotations

from functools import lru_cache

from .knowledge import load_knowledge
from .result import TestAdvice
from .rules import FREQUENT, persistent_days
from .scenario import Scenario
from .wells import WellsScore

# Why-texts, keyed by (test id, situation). Sources are stated per entry.
_WHY = {
    ("compression_ultrasound", "wells_likely"): ("first", "Wells says DVT is likely: scan the proximal leg veins, result within 4 hours.", ("nice_ng158",)),
    ("d_dimer", "wells_likely"): ("next", "If the ultrasound is negative, a D-dimer follows; positive D-dimer means a repeat scan in 6-8 days.", ("nice_ng158",)),
    ("d_dimer", "wells_unlikely"): ("first", "Wells says DVT is unlikely: a D-dimer first, result within 4 hours; a negative result makes a clot unlikely.", ("nice_ng158",)),
    ("compression_ultrasound", "wells_unlikely"): ("next", "Only if the D-dimer is positive: proximal leg-vein ultrasound within 4 hours.", ("nice_ng158",)),
    ("eeg", "first_seizure"): ("first", "After a first seizure the epilepsy specialist's work-up includes an EEG.", ("nice_ng217", "diagnosis")),
    ("imaging", "first_seizure"): ("next", "Brain imaging (MRI) is part of the first-seizure work-up.", ("nice_ng217", "diagnosis")),
    ("blood_tests", "first_seizure"): ("next", "Blood tests look for metabolic triggers of the seizure.", ("nice_ng217", "diagnosis")),
    ("eeg", "epileptic_twitching"): ("first", "Twitching in someone with epilepsy may be epileptic: the EEG shows whether it comes from the brain.", ("diagnosis", "epc_review")),
    ("neurological_exam", "see_doctor"): ("first", "The neurologist first examines muscles, strength, reflexes and sensation.", ("diagnosis", "msd_als")),
    ("emg", "persistent"): ("next", "Persistent or frequent twitching: EMG tells harmless fasciculations from nerve or muscle disease.", ("diagnosis", "msd_als")),
    ("emg", "weakness"): ("next", "Weakness or wasting with twitching: EMG looks for nerve or muscle disease.", ("diagnosis", "msd_als")),
    ("blood_tests", "persistent"): ("next", "Blood tests (electrolytes, thyroid, creatine kinase) look for treatable causes.", ("diagnosis", "msd_als")),
    ("imaging", "central"): ("next", "Numbness or speech/swallowing trouble can mean a problem in brain or spinal cord: imaging (MRI) can confirm it.", ("diagnosis", "msd_als")),
    ("csf", "red_flags"): ("consider", "Only if the neurologist suspects inflammation or infection of the nervous system.", ("diagnosis", "msd_als")),
}
_ORDER = {"first": 0, "next": 1, "consider": 2}

#: Rules after which a doctor examines the twitching (neurological examination first).
SEE_DOCTOR_FOR_TWITCHING = frozenset({
    "persistent_twitching", "frequent_twitching", "twitching_in_both_legs", "severe_twitching",
    "neurological_red_flags", "known_neurological_disease", "medication_side_effect",
})


@lru_cache(maxsize=None)
def _advice(test_id: str, situation: str) -> TestAdvice:
    priority, why, source = _WHY[(test_id, situation)]
    return TestAdvice(test_id, load_knowledge().tests[test_id].name, why, priority, source)


def recommended_tests(scenario: Scenario, fired: frozenset[str], wells: WellsScore | None) -> tuple[TestAdvice, ...]:
    """Tests for ``scenario`` given the rule ids that fired and the Wells score (if any)."""
    picks: list[tuple[str, str]] = []
    if "suspected_dvt" in fired and wells is not None:
        if wells.likely:
            picks += [("compression_ultrasound", "wells_likely"), ("d_dimer", "wells_likely")]
        else:
            picks += [("d_dimer", "wells_unlikely"), ("compression_ultrasound", "wells_unlikely")]
    if "first_seizure" in fired:
        picks += [("eeg", "first_seizure"), ("imaging", "first_seizure"), ("blood_tests", "first_seizure")]
    elif scenario.epilepsy and ("seizure_in_known_epilepsy" in fired or "constant_twitching_in_epilepsy" in fired):
        picks.append(("eeg", "epileptic_twitching"))
    if fired & SEE_DOCTOR_FOR_TWITCHING:
        picks.append(("neurological_exam", "see_doctor"))
        persistent = scenario.frequency in FREQUENT or (
            scenario.duration_days is not None and scenario.duration_days >= persistent_days())
        if scenario.muscle_weakness or scenario.muscle_wasting:
            picks.append(("emg", "weakness"))
        elif persistent:
            picks.append(("emg", "persistent"))
        if persistent or "neurological_red_flags" in fired:
            picks.append(("blood_tests", "persistent"))
        if scenario.numbness or scenario.speech_or_swallowing_problems:
            picks.append(("imaging", "central"))
        if "neurological_red_flags" in fired:
            picks.append(("csf", "red_flags"))
    seen: set[str] = set()
    out = []
    for test_id, situation in picks:  # keep the first (most important) reason per test
        if test_id not in seen:
            seen.add(test_id)
            out.append(_advice(test_id, situation))
    # DVT tests keep their NICE order at the front; the rest are stable-sorted by priority.
    head = [a for a in out if a.id in ("compression_ultrasound", "d_dimer")]
    tail = sorted((a for a in out if a.id not in ("compression_ultrasound", "d_dimer")), key=lambda a: _ORDER[a.priority])
    return tuple(head + tail)
