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
_PRONOUNS = {"man": {"He": "He", "His": "His"}, "woman": {"He": "She", "His": "Her"}}
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
_PLACES = ("left calf", "right calf", "left thigh", "right thigh", "left shin", "right shin")

# -- archetypes ----------------------------------------------------------------------------
_TRIGGERS = ("stress", "caffeine", "lack_of_sleep", "recent_exercise")
_LEG_SIGNS = ("calf_pain", "pain_worsening", "leg_warm", "leg_swollen", "calf_swelling_3cm",
              "pitting_edema", "vein_tenderness", "collateral_veins")
_LEG_SIGN_WEIGHTS = (6, 3, 4, 3, 3, 2, 3, 1)
_RISKS = ("active_cancer", "paralysis_or_cast", "bedridden_or_surgery", "previous_dvt")
_RED_FLAGS = ("muscle_weakness", "muscle_wasting", "numbness", "speech_or_swallowing_problems")
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


def _clot_risk_only(rng, d):
    d["age_years"] = _age(rng, 40, 90)
    _twitch_history(rng, d, (1, 12), (8, 2, 0), (8, 2, 0))
    _some(rng, _RISKS, 1, 2, d)
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
    sentences = _RENDERED[sex]
    parts.extend(sentences[f] for f in _SENTENCE_FIELDS if d.get(f))
    return " ".join(parts)


def _one(rng: random.Random) -> tuple[dict[str, Any], str]:
    d: dict[str, Any] = {}
    _BUILDERS[rng.choices(range(len(_BUILDERS)), cum_weights=_CUM_WEIGHTS)[0]](rng, d)
    if d.get("age_years", 0) is None:
        del d["age_years"]
    sex = "man" if rng.random() < 0.5 else "woman"
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
