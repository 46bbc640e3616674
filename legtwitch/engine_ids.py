"""The ids of the rules and pathways the engine implements in code.

``knowledge.yaml`` must describe exactly these (its loader checks), and ``rules.py`` and
``pathways.py`` must implement exactly these (``tests/test_engine_ids.py`` checks). Kept in a
module of their own, with no imports, so that the knowledge base can be validated without
importing the engine: imports in the package point one way, from the engine to its data.
"""
from __future__ import annotations

#: Fires only when no rule above self-care fired: the reassuring default.
NO_RED_FLAGS = "no_red_flags"

#: Every triage rule, strongest first (the order of ``rules.RULES``), then the default.
RULE_IDS: tuple[str, ...] = (
    "pe_warning_signs", "first_seizure", "seizure_in_known_epilepsy", "suspected_dvt",
    "possible_cellulitis", "possible_superficial_thrombophlebitis",
    "new_constant_twitching_in_epilepsy", "long_standing_constant_twitching_in_epilepsy",
    "uncomplicated_faint", "persistent_twitching", "frequent_twitching", "twitching_in_both_legs",
    "severe_twitching", "neurological_red_flags", "known_neurological_disease",
    "medication_side_effect", "possible_overactive_thyroid", "clot_risk_without_leg_signs",
    NO_RED_FLAGS,
)

#: Every diagnostic pathway ``pathways.applicable_pathways`` can choose.
PATHWAY_IDS: tuple[str, ...] = (
    "pe_likely", "pe_unlikely", "pe_pregnancy", "pe_child",
    "dvt_likely", "dvt_unlikely", "dvt_pregnancy", "dvt_child",
    "superficial_thrombophlebitis", "overactive_thyroid",
    "first_seizure", "new_constant_twitching_in_epilepsy", "long_standing_constant_twitching_in_epilepsy",
    "faint", "neurological_work_up",
)
