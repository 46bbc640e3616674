"""Random practice cases: realistic scenarios told as a patient would tell them.

``generate_cases(n, seed)`` first picks a presentation archetype (a harmless trigger,
persistent harmless twitching, a new medicine, neurological red flags, a suspected clot,
a clot with signs of pulmonary embolism, a seizure, epilepsy, ...) and then adds findings
that plausibly go with it, so the cases look like patients rather than uniform noise.
``legtwitch.narrative`` then tells each case in stages (presenting complaint, history,
examination; for an adult with a suspected clot, the result of the first test), in varied
words with irrelevant details and the negatives a clinician would ask about.

Reproducible: one ``random.Random`` per run for the scenarios and one per case for its words,
all seeded from ``seed`` (never the global generator) with string seeds, which Python hashes
the same way on every machine. Cases are drawn one after another, so case *i* depends only on
the seed and on *i*, not on ``n``: ``generate_cases(10, s)[:5] == generate_cases(5, s)``.

The clinical level is never written into the story: working it out is the student's exercise.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any, Callable

from .errors import short_repr
from .scenario import Scenario
from .narrative import results_stage, tell
from .stages import Stage

__all__ = ["GeneratedCase", "generate_cases", "generate_scenarios", "ARCHETYPES", "MAX_CASES", "MAX_SCENARIOS",
           "MAX_SEED"]


@dataclass(frozen=True)
class GeneratedCase:
    """One generated practice case. ``index`` is its 1-based position in the run.

    ``stages`` tell the case step by step; ``story`` is the whole case before any test result
    (the presenting complaint, history and examination in one paragraph)."""

    id: str
    seed: int
    index: int
    story: str
    scenario: Scenario
    stages: tuple[Stage, ...] = ()


# -- archetypes ----------------------------------------------------------------------------
_TRIGGERS = ("stress", "caffeine", "alcohol", "lack_of_sleep", "recent_exercise")
_LEG_SIGNS = ("calf_pain", "pain_worsening", "leg_warm", "leg_swollen", "calf_swelling_3cm",
              "pitting_edema", "vein_tenderness", "collateral_veins")
_LEG_SIGN_WEIGHTS = (6, 3, 4, 3, 3, 2, 3, 1)
_RISKS = ("active_cancer", "paralysis_or_cast", "bedridden_or_surgery", "previous_dvt")
_OTHER_RISKS = ("hormonal_contraception_or_hrt", "long_haul_travel", "previous_pe")
_RED_FLAGS = ("muscle_weakness", "muscle_wasting", "muscle_stiffness", "numbness", "speech_or_swallowing_problems")
_PE_ITEMS = ("heart_rate_over_100", "immobilised_or_surgery_4_weeks", "pe_most_likely")
_PE_SIGNS = ("chest_pain", "short_of_breath", "coughing_blood", "fainted")


def _age(rng: random.Random, low: int, high: int, child_chance: float = 0.0) -> int | None:
    r = rng.random()
    if r < 0.06:
        return None  # age not recorded
    if r < 0.06 + child_chance:
        return rng.randint(8, 17)
    return rng.randint(low, high)


def _some(rng: random.Random, names: tuple[str, ...], low: int, high: int, d: dict) -> None:
    for name in rng.sample(names, rng.randint(low, high)):
        d[name] = True


def _twitch_history(rng: random.Random, d: dict, days: tuple[int, int], freq_w: tuple[int, int, int],
                    sev_w: tuple[int, int, int], known: float = 0.9) -> None:
    """Duration, frequency and severity, each known with probability ``known``."""
    if rng.random() < known:
        d["duration_days"] = rng.randint(*days)
    if rng.random() < known:
        d["frequency"] = rng.choices(("occasional", "frequent", "constant"), freq_w)[0]
    if rng.random() < known:
        d["severity"] = rng.choices(("mild", "moderate", "severe"), sev_w)[0]


def _benign_trigger(rng, d):
    d["age_years"] = _age(rng, 16, 75, 0.08)
    _twitch_history(rng, d, (1, 12), (8, 2, 0), (8, 3, 1))
    _some(rng, _TRIGGERS, 1, 2, d)


def _persistent_benign(rng, d):
    d["age_years"] = _age(rng, 18, 75, 0.03)
    _twitch_history(rng, d, (10, 90), (5, 4, 1), (6, 3, 1))
    if rng.random() < 0.25:
        d["both_legs"] = True
    _some(rng, _TRIGGERS, 0, 1, d)


def _no_trigger(rng, d):
    d["age_years"] = _age(rng, 18, 80, 0.05)
    _twitch_history(rng, d, (1, 20), (7, 2, 0), (7, 2, 1))


def _medication(rng, d):
    d["age_years"] = _age(rng, 18, 85, 0.04)
    _twitch_history(rng, d, (2, 30), (6, 3, 1), (6, 3, 1))
    d["new_medication"] = True
    if rng.random() < 0.2:
        d["caffeine"] = True


def _neurological(rng, d):
    d["age_years"] = _age(rng, 35, 85)
    _twitch_history(rng, d, (14, 365), (3, 6, 1), (4, 4, 2))
    _some(rng, _RED_FLAGS, 1, 3, d)
    if rng.random() < 0.35:
        d["both_legs"] = True
    if rng.random() < 0.25:
        d["known_neurological_disease"] = True


def _known_neuro_disease(rng, d):
    d["age_years"] = _age(rng, 25, 80)
    _twitch_history(rng, d, (7, 180), (3, 6, 1), (3, 5, 2))
    d["known_neurological_disease"] = True
    if rng.random() < 0.2:
        d["stress"] = True


def _clot_signs(rng, d, twitch_known: float) -> None:
    for name in rng.choices(_LEG_SIGNS, _LEG_SIGN_WEIGHTS, k=rng.randint(1, 4)):
        d[name] = True
    _some(rng, _RISKS, 0, 2, d)
    if rng.random() < 0.15:
        d["alternative_diagnosis_likely"] = True
    _twitch_history(rng, d, (1, 10), (8, 2, 0), (7, 2, 0), known=twitch_known)


def _dvt(rng, d):
    d["age_years"] = _age(rng, 20, 90, 0.04)
    _clot_signs(rng, d, 0.6)


def _dvt_with_pe(rng, d):
    d["age_years"] = _age(rng, 25, 90)
    _clot_signs(rng, d, 0.4)
    _some(rng, _PE_SIGNS, 1, 2, d)
    _some(rng, _PE_ITEMS, 0, 2, d)
    if d.get("bedridden_or_surgery") and rng.random() < 0.5:
        d["immobilised_or_surgery_4_weeks"] = True


def _pe_only(rng, d):
    d["age_years"] = _age(rng, 20, 85, 0.05)
    _some(rng, _PE_SIGNS[:3], 1, 2, d)
    _some(rng, _PE_ITEMS + _OTHER_RISKS, 0, 2, d)
    if rng.random() < 0.3:
        d["active_cancer"] = True


def _cramps(rng, d):
    d["age_years"] = _age(rng, 30, 85)
    d["movement"] = "cramp"
    _twitch_history(rng, d, (1, 60), (6, 3, 0), (3, 5, 2))
    if rng.random() < 0.6:
        d["evening_or_night"] = True
    if rng.random() < 0.4:
        d["recent_exercise"] = True
    if rng.random() < 0.2:
        d["salt_loss"] = True


def _restless_legs(rng, d):
    d["age_years"] = _age(rng, 25, 80)
    d["movement"] = "urge_to_move"
    d["evening_or_night"] = True
    _twitch_history(rng, d, (14, 365), (3, 6, 1), (4, 5, 1))
    if rng.random() < 0.5:
        d["both_legs"] = True


def _sleep_starts(rng, d):
    d["age_years"] = _age(rng, 15, 60, 0.05)
    d["movement"] = "jerk"
    d["when_falling_asleep"] = True
    _some(rng, ("stress", "caffeine", "lack_of_sleep"), 0, 2, d)


def _mimic(rng, d):
    d["age_years"] = _age(rng, 25, 85)
    mimic = rng.choice(("skin_redness", "tender_surface_vein", "swelling_behind_knee", "sudden_pain_during_activity"))
    d[mimic] = True
    d["calf_pain"] = rng.random() < 0.8
    if mimic == "skin_redness" and rng.random() < 0.6:
        d["fever"] = True
    if mimic == "sudden_pain_during_activity":
        d["recent_exercise"] = True
    if rng.random() < 0.4:
        d["leg_swollen"] = True


def _metabolic(rng, d):
    d["age_years"] = _age(rng, 20, 80)
    d[rng.choice(("salt_loss", "thyroid_symptoms"))] = True
    d["movement"] = rng.choice(("fasciculation", "cramp"))
    _twitch_history(rng, d, (2, 40), (5, 4, 1), (5, 4, 1))


def _motor_neurone(rng, d):
    d["age_years"] = _age(rng, 40, 85)
    d["movement"] = "fasciculation"
    _twitch_history(rng, d, (30, 365), (2, 6, 2), (3, 5, 2))
    _some(rng, ("muscle_weakness", "muscle_wasting"), 1, 2, d)
    for extra in ("brisk_reflexes", "getting_worse", "speech_or_swallowing_problems", "both_legs"):
        if rng.random() < 0.4:
            d[extra] = True


def _typical_faint(rng, d):
    d["age_years"] = _age(rng, 14, 60, 0.1)
    d["fainted"] = True
    d["typical_faint"] = True


def _clot_risk_only(rng, d):
    d["age_years"] = _age(rng, 40, 90)
    _twitch_history(rng, d, (1, 12), (8, 2, 0), (8, 2, 0))
    _some(rng, _RISKS + _OTHER_RISKS, 1, 2, d)
    if rng.random() < 0.3:
        d["stress"] = True


def _seizure(rng, d):
    d["age_years"] = _age(rng, 16, 70, 0.1)
    d["seizure"] = True
    if rng.random() < 0.5:
        d["epilepsy"] = True
    if rng.random() < 0.35:
        d["lack_of_sleep"] = True


def _epilepsy_twitching(rng, d):
    d["age_years"] = _age(rng, 12, 70)
    d["epilepsy"] = True
    _twitch_history(rng, d, (1, 400), (2, 2, 6), (3, 5, 2))


#: (name, weight, builder): how often each presentation is drawn.
ARCHETYPES: tuple[tuple[str, int, Callable[[random.Random, dict], None]], ...] = (
    ("benign_trigger", 18, _benign_trigger),
    ("persistent_benign", 10, _persistent_benign),
    ("no_trigger", 8, _no_trigger),
    ("medication", 9, _medication),
    ("neurological_red_flags", 9, _neurological),
    ("known_neurological_disease", 5, _known_neuro_disease),
    ("dvt", 16, _dvt),
    ("dvt_with_pe_signs", 8, _dvt_with_pe),
    ("pe_signs_only", 4, _pe_only),
    ("typical_faint", 3, _typical_faint),
    ("cramps", 4, _cramps),
    ("restless_legs", 3, _restless_legs),
    ("sleep_starts", 3, _sleep_starts),
    ("clot_mimic", 5, _mimic),
    ("metabolic", 3, _metabolic),
    ("motor_neurone_disease", 3, _motor_neurone),
    ("clot_risk_factor_only", 5, _clot_risk_only),
    ("seizure", 6, _seizure),
    ("epilepsy_twitching", 6, _epilepsy_twitching),
)
_BUILDERS = tuple(a[2] for a in ARCHETYPES)
_CUM_WEIGHTS = tuple(sum(a[1] for a in ARCHETYPES[: i + 1]) for i in range(len(ARCHETYPES)))


def _one(rng: random.Random) -> dict[str, Any]:
    d: dict[str, Any] = {}
    _BUILDERS[rng.choices(range(len(_BUILDERS)), cum_weights=_CUM_WEIGHTS)[0]](rng, d)
    if d.get("age_years", 0) is None:
        del d["age_years"]
    sex = "man" if rng.random() < 0.5 else "woman"
    d["sex"] = "male" if sex == "man" else "female"
    if sex == "man":
        d.pop("hormonal_contraception_or_hrt", None)  # the field means the combined pill or HRT
    age = d.get("age_years")
    if sex == "woman" and (age is None or 16 <= age <= 45) and rng.random() < 0.06:
        d["pregnant_or_postpartum"] = True
    rng.randrange(6)  # the old generator drew a place here: kept so that every seed gives the same scenarios
    return d


#: At most this many told cases per call (10,000 take about 6 s).
MAX_CASES = 10_000
#: At most this many bare scenarios per call (the benchmark's 100,000 take about 1 s).
MAX_SCENARIOS = 100_000
#: Seeds are whole numbers that fit in 64 bits.
MAX_SEED = 2 ** 63 - 1


def _check_run(n: Any, seed: Any, most: int) -> None:
    if isinstance(n, bool) or not isinstance(n, int) or not 0 <= n <= most:
        raise ValueError(f"n must be a whole number from 0 to {most:,}, got {short_repr(n)}")
    if isinstance(seed, bool) or not isinstance(seed, int) or not -MAX_SEED <= seed <= MAX_SEED:
        raise ValueError(f"seed must be a whole number from -(2**63 - 1) to 2**63 - 1, got {short_repr(seed)}")


def _scenario_dicts(n: int, seed: int):
    rng = random.Random(f"legtwitch-generator-{seed}")  # str seed: -5 and 5 give different runs
    for _ in range(n):
        yield _one(rng)


def generate_scenarios(n: int, seed: int) -> list[Scenario]:
    """The scenarios of ``generate_cases(n, seed)`` without their stories (fast: for benchmarks
    and property tests). ``n`` from 0 to ``MAX_SCENARIOS``."""
    _check_run(n, seed, MAX_SCENARIOS)
    return [Scenario(**d) for d in _scenario_dicts(n, seed)]


def generate_cases(n: int, seed: int) -> list[GeneratedCase]:
    """``n`` reproducible practice cases for ``seed`` (ids like ``g2417-003``), told in stages.

    ``n`` from 0 to ``MAX_CASES``, ``seed`` from ``-MAX_SEED`` to ``MAX_SEED``; anything else is
    a one-line ``ValueError`` (never hours of work or an exhausted memory).
    """
    _check_run(n, seed, MAX_CASES)
    openings: set[str] = set()  # no two cases of a run open with the same sentence
    out = []
    for i, d in enumerate(_scenario_dicts(n, seed), 1):
        scenario = Scenario(**d)
        words = random.Random(f"legtwitch-story-{seed}-{i}")
        stages = tell(scenario.to_dict(), words, openings) + _results(scenario, words)
        story = " ".join(st.text for st in stages if not st.after_commit)
        out.append(GeneratedCase(f"g{seed}-{i:03d}", seed, i, story, scenario, stages))
    return out


def _results(scenario: Scenario, rng: random.Random) -> tuple[Stage, ...]:
    """For an adult with a suspected clot: the result of the first test, drawn as often positive
    as the probability module says it would be (pre-test probability x accuracy)."""
    from .engine import diagnostic_plan
    from .stages import RESULT_TESTS
    work_up = diagnostic_plan(scenario)
    outlook = work_up.probability
    if outlook is None or work_up.first_test not in RESULT_TESTS or not outlook.steps:
        return ()
    from .probability import likelihood_ratios
    step = outlook.steps[0]
    lrs = likelihood_ratios(step.test, target=outlook.target)
    pre = outlook.pretest.value
    p_positive = pre * lrs.sensitivity + (1 - pre) * (1 - lrs.specificity)
    return (results_stage(step.test, rng.random() < p_positive),)
