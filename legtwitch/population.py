"""Who the adult scores apply to: NICE NG158 and both Wells scores are for adults who are not pregnant.

Under 18, and in pregnancy or up to 6 weeks after giving birth, neither Wells score is worked
out and the D-dimer never comes first: children go to the paediatric team with a leg
ultrasound first, and pregnancy follows the RCOG pathway (thresholds ``adult_age_years`` and
``postpartum_weeks`` in knowledge.yaml). When the age is not given, the adult pathway is
assumed and the result says so.
"""
from __future__ import annotations

from .rules import threshold
from .scenario import Scenario

CHILD = "child"
PREGNANCY = "pregnancy"
ADULT = "adult"


def population(scenario: Scenario) -> str:
    """``pregnancy``, ``child`` or ``adult``. Pregnancy wins over age: the RCOG pathway covers
    pregnant teenagers too."""
    if scenario.pregnant_or_postpartum:
        return PREGNANCY
    if scenario.age_years is not None and scenario.age_years < threshold("adult_age_years"):
        return CHILD
    return ADULT


def scores_note(scenario: Scenario) -> str | None:
    """Why the Wells scores are not used (or are used on an assumption), in one sentence."""
    group = population(scenario)
    if group == PREGNANCY:
        return (f"Pregnant or within {threshold('postpartum_weeks')} weeks of giving birth: NICE NG158 and "
                "the Wells scores do not apply, so no Wells score is worked out and no D-dimer comes "
                "first; the RCOG pathway starts with imaging.")
    if group == CHILD:
        return (f"Under {threshold('adult_age_years')}: NICE NG158 and the Wells scores are for adults, so no "
                "Wells score is worked out and no D-dimer comes first; the paediatric team decides, "
                "starting with imaging.")
    if scenario.age_years is None:
        return "Age not given: the adult pathway (NICE NG158, Wells scores) is assumed."
    return None
