"""Random practice cases: realistic scenarios with a matching one-paragraph story.

``generate_cases(n, seed)`` first picks a presentation archetype (a harmless trigger,
persistent harmless twitching, a new medicine, neurological red flags, a suspected clot,
a clot with signs of pulmonary embolism, a seizure, epilepsy, ...) and then adds findings
that plausibly go with it, so the cases look like patients rather than uniform noise.

Reproducible: one ``random.Random`` per run, seeded from ``seed`` (never the global
generator), and cases are drawn one after another, so case *i* depends only on the seed
and on *i*, not on ``n``: ``generate_cases(10, s)[:5] == generate_cases(5, s)``.

The story states every field that is set, one plain sentence per true boolean
(``finding_sentences(field)`` gives the exact wording), and says nothing about fields that
are not set. The clinical level is never written into the story: working it out is the
student's exercise.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any, Callable

from .errors import short_repr
from .scenario import BOOLEAN_FIELDS, Scenario

__all__ = ["GeneratedCase", "generate_cases", "ARCHETYPES", "SENTENCES", "finding_sentences", "MAX_CASES", "MAX_SEED"]


@dataclass(frozen=True)
class GeneratedCase:
    """One generated practice case. ``index`` is its 1-based position in the run."""

    id: str
    seed: int
    index: int
    story: str
    scenario: Scenario


# -- the story sentences -----------------------------------------------------------------
# One sentence per boolean finding, in the field's plain meaning. {He}/{he}/{his} become the
# patient's pronouns. both_legs is part of the opening sentence instead ("in both legs").
SENTENCES: dict[str, str] = {
    "calf_pain": "{He} has a pulling pain in the calf.",
    "pain_worsening": "The leg pain is getting worse over time.",
    "leg_warm": "The leg feels warm to the touch.",
    "leg_swollen": "The whole leg is swollen.",
    "calf_swelling_3cm": "One calf measures at least 3 cm more around than the other.",
    "pitting_edema": "Pressing on the skin of the symptomatic leg leaves a pit (pitting oedema).",
    "vein_tenderness": "The deep veins of the leg are tender to press on.",
    "collateral_veins": "Superficial collateral veins, not varicose ones, have appeared on the leg.",
    "active_cancer": "{He} is being treated for an active cancer.",
    "paralysis_or_cast": "{His} leg came out of a plaster cast recently.",
    "bedridden_or_surgery": "{He} had major surgery or was bedridden for three days or more within the last 12 weeks.",
    "previous_dvt": "{He} has had a documented deep-vein thrombosis before.",
    "alternative_diagnosis_likely": "The examining doctor finds another explanation just as plausible as a clot, or more so.",
    "chest_pain": "{He} has chest pain.",
    "short_of_breath": "{He} is short of breath.",
    "coughing_blood": "{He} has coughed up blood.",
    "fainted": "{He} fainted earlier today.",
    "typical_faint": "It happened after standing a long time in the heat; {he} felt hot and light-headed first and came round within a minute.",
    "heart_rate_over_100": "{His} pulse is over 100 a minute.",
    "immobilised_or_surgery_4_weeks": "{He} had an operation or was immobilised for more than 3 days within the last 4 weeks.",
    "previous_pe": "{He} has had a pulmonary embolism before.",
    "pe_most_likely": "The doctor finds no better explanation than a pulmonary embolism.",
    "pregnant_or_postpartum": "She is pregnant or gave birth within the last 6 weeks.",
    "hormonal_contraception_or_hrt": "{He} takes the combined pill or HRT.",
    "long_haul_travel": "{He} came back from a long flight a week ago.",
    "alcohol": "{He} has been drinking a lot of alcohol lately.",
    "muscle_stiffness": "The leg muscles feel stiff.",
    "when_falling_asleep": "It only happens just as {he} is drifting off to sleep.",
    "evening_or_night": "It is worse in the evening and at night.",
    "skin_redness": "The skin of the lower leg has turned red, hot and painful, and the redness is spreading.",
    "fever": "{He} feels hot and shivery.",
    "tender_surface_vein": "There is a red, hard, tender cord along a vein just under the skin.",
    "swelling_behind_knee": "{He} felt a 'pop' behind the knee, where there has been a lump.",
    "sudden_pain_during_activity": "The calf pain started suddenly during a game, as if {he} had been kicked.",
    "salt_loss": "{He} has had a stomach bug with vomiting and diarrhoea this week.",
    "thyroid_symptoms": "{He} has lost weight, feels hot all the time and has a racing heart.",
    "brisk_reflexes": "The doctor finds brisk knee and ankle reflexes.",
    "getting_worse": "It has been getting steadily worse over the past weeks.",
    "seizure": "{He} had an episode of jerking with loss of awareness.",
    "stress": "{He} is under a lot of stress at the moment.",
    "new_medication": "{He} started a new medicine shortly before the twitching began.",
    "known_neurological_disease": "{He} has a known neurological disease.",
    "epilepsy": "{He} has known epilepsy.",
    "caffeine": "{He} drinks a lot of coffee or energy drinks.",
    "lack_of_sleep": "{He} has been short of sleep for several nights.",
    "recent_exercise": "{He} did hard exercise in the last few days.",
    "muscle_weakness": "The leg muscles are truly weak when tested.",
    "muscle_wasting": "The twitching muscle looks thinner than before (wasting).",
    "numbness": "Part of the leg feels numb or different to the touch.",
    "speech_or_swallowing_problems": "{He} has trouble speaking or swallowing.",
}
_PRONOUNS = {"man": {"He": "He", "His": "His", "he": "he", "his": "his"},
             "woman": {"He": "She", "His": "Her", "he": "she", "his": "her"}}
_SENTENCE_FIELDS = tuple(f for f in BOOLEAN_FIELDS if f in SENTENCES)
assert set(SENTENCES) | {"both_legs"} == set(BOOLEAN_FIELDS)  # every boolean has a sentence


def finding_sentences(field: str) -> tuple[str, ...]:
    """The exact sentence(s) a story uses for a true boolean ``field`` (one per pronoun)."""
    template = SENTENCES[field]
    return tuple(dict.fromkeys(template.format(**p) for p in _PRONOUNS.values()))


_RENDERED = {sex: {f: SENTENCES[f].format(**p) for f in SENTENCES} for sex, p in _PRONOUNS.items()}
_FREQ_TEXT = {"occasional": "It comes and goes, now and then.",
              "frequent": "It happens often, many times a day.",
              "constant": "It is constant, without a break."}
_SEV_TEXT = {"mild": "The twitching is mild.",
             "moderate": "The twitching is moderate, clearly visible.",
             "severe": "The twitching is severe, strong enough to move the leg."}
_MOVEMENT_TEXT = {"fasciculation": "It looks like a fine flicker under the skin.",
                  "cramp": "Each time the muscle hardens painfully for a minute or two.",
                  "jerk": "The whole leg gives a sudden jerk.",
                  "urge_to_move": "Mostly it is an urge to move the legs when resting, which eases when walking about."}
_PLACES = ("left calf", "right calf", "left thigh", "right thigh", "left shin", "right shin")

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


def _story(d: dict[str, Any], sex: str, place: str) -> str:
    age = d.get("age_years")
    if age is None:
        who = "A " + sex
    else:
        noun = sex if age >= 18 else ("boy" if sex == "man" else "girl")
        who = f"A {age}-year-old {noun}"
    where = "both legs" if d.get("both_legs") else "the " + place
    days = d.get("duration_days")
    if days is None:
        parts = [f"{who} notices twitching in {where}."]
    else:
        parts = [f"{who} has had twitching in {where} for {days} day{'' if days == 1 else 's'}."]
    if "frequency" in d:
        parts.append(_FREQ_TEXT[d["frequency"]])
    if "severity" in d:
        parts.append(_SEV_TEXT[d["severity"]])
    if "movement" in d:
        parts.append(_MOVEMENT_TEXT[d["movement"]])
    sentences = _RENDERED[sex]
    parts.extend(sentences[f] for f in _SENTENCE_FIELDS if d.get(f))
    return " ".join(parts)


def _one(rng: random.Random) -> tuple[dict[str, Any], str]:
    d: dict[str, Any] = {}
    _BUILDERS[rng.choices(range(len(_BUILDERS)), cum_weights=_CUM_WEIGHTS)[0]](rng, d)
    if d.get("age_years", 0) is None:
        del d["age_years"]
    sex = "man" if rng.random() < 0.5 else "woman"
    d["sex"] = "male" if sex == "man" else "female"
    age = d.get("age_years")
    if sex == "woman" and (age is None or 16 <= age <= 45) and rng.random() < 0.06:
        d["pregnant_or_postpartum"] = True
    place = _PLACES[rng.randrange(len(_PLACES))]
    return d, _story(d, sex, place)


#: At most this many cases per call (the benchmark's 100,000 take about 2 s and 220 MB).
MAX_CASES = 100_000
#: Seeds are whole numbers that fit in 64 bits.
MAX_SEED = 2 ** 63 - 1


def generate_cases(n: int, seed: int) -> list[GeneratedCase]:
    """``n`` reproducible practice cases for ``seed`` (ids like ``g2417-003``).

    ``n`` from 0 to ``MAX_CASES``, ``seed`` from ``-MAX_SEED`` to ``MAX_SEED``; anything else is
    a one-line ``ValueError`` (never hours of work or an exhausted memory).
    """
    if isinstance(n, bool) or not isinstance(n, int) or not 0 <= n <= MAX_CASES:
        raise ValueError(f"n must be a whole number from 0 to {MAX_CASES:,}, got {short_repr(n)}")
    if isinstance(seed, bool) or not isinstance(seed, int) or not -MAX_SEED <= seed <= MAX_SEED:
        raise ValueError(f"seed must be a whole number from -(2**63 - 1) to 2**63 - 1, got {short_repr(seed)}")
    rng = random.Random(f"legtwitch-generator-{seed}")  # str seed: -5 and 5 give different runs
    out = []
    for i in range(1, n + 1):
        d, story = _one(rng)
        out.append(GeneratedCase(f"g{seed}-{i:03d}", seed, i, story, Scenario(**d)))
    return out
