"""The patient presentation: a validated, immutable ``Scenario``.

The field vocabulary below is the public scenario-file format that lecturers write cases
in (the README table is generated from it and checked by a test). Bad input is an error,
never a guess: unknown keys, wrong types, out-of-range numbers and unknown choices raise a
``ScenarioError`` (a ``ValueError``) naming the field, the value and what is allowed.
"""
from __future__ import annotations

import difflib
import math
import sys
from dataclasses import dataclass, fields as dc_fields
from pathlib import Path
from typing import Any, Mapping

from .errors import FileFormatError, ScenarioError, short_repr
from .yamlio import Document, load_document, load_stream, parse_document

FREQUENCIES = ("occasional", "frequent", "constant")
SEVERITIES = ("mild", "moderate", "severe")

GROUPS = {
    "history": "History",
    "movement": "What the movement is like",
    "thrombosis": "Clot signs the patient notices (source text)",
    "wells": "Wells DVT criteria (Wells 2003)",
    "clot_risk": "Other clot risk factors (no Wells points)",
    "emergency": "Emergency warning signs",
    "pe_wells": "PE Wells items (NICE NG158)",
    "mimics": "Other causes of a painful, swollen leg",
    "metabolic": "Causes in the whole body",
    "triggers": "Triggers and causes",
    "red_flags": "Neurological red flags",
}
SEXES = ("female", "male")
MOVEMENTS = ("fasciculation", "cramp", "jerk", "urge_to_move")
#: What each kind of movement looks or feels like (shown to students instead of the id).
MOVEMENT_LABELS = {
    "fasciculation": "a fine flicker under the skin (fasciculation)",
    "cramp": "a painful hardening of the muscle (cramp)",
    "jerk": "a sudden jerk of a muscle or a limb",
    "urge_to_move": "an urge to move the legs at rest, eased by moving",
}


@dataclass(frozen=True)
class FieldSpec:
    """One key of the scenario vocabulary: its type, allowed values and plain meaning."""

    name: str
    group: str
    kind: str  # "bool", "int", "number" or "choice"
    description: str
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    choice_labels: tuple[tuple[str, str], ...] = ()  # (choice, plain words) where the id would puzzle

    def choice_label(self, value: str) -> str:
        """The plain words for one choice (the choice itself when it needs none)."""
        return dict(self.choice_labels).get(value, value)

    @property
    def allowed(self) -> str:
        """What a valid value looks like, in words (used in error messages and docs)."""
        if self.kind == "bool":
            return "true or false"
        if self.kind == "choice":
            return "one of " + ", ".join(self.choices) + " (or leave out for unknown)"
        kind = "a whole number" if self.kind == "int" else "a number"
        if self.maximum is None:
            return f"{kind} >= {self.minimum:g} (or leave out for unknown)"
        return f"{kind} from {self.minimum:g} to {self.maximum:g} (or leave out for unknown)"


def _b(name: str, group: str, description: str) -> FieldSpec:
    return FieldSpec(name, group, "bool", description)


FIELD_SPECS: tuple[FieldSpec, ...] = (
    FieldSpec("age_years", "history", "int", "Age in years", minimum=0, maximum=120),
    FieldSpec("sex", "history", "choice", "Sex", choices=SEXES),
    FieldSpec("duration_days", "history", "number", "How long the twitching has gone on, in days", minimum=0,
              maximum=36500),
    FieldSpec("frequency", "history", "choice", "How often it twitches", choices=FREQUENCIES),
    FieldSpec("severity", "history", "choice", "How strong the twitching is", choices=SEVERITIES),
    _b("both_legs", "history", "Twitching in both legs"),
    FieldSpec("movement", "movement", "choice", "What the movement is like", choices=MOVEMENTS,
              choice_labels=tuple(MOVEMENT_LABELS.items())),
    _b("when_falling_asleep", "movement", "Only as one is falling asleep"),
    _b("evening_or_night", "movement", "Worse in the evening or at night"),
    _b("calf_pain", "thrombosis", "Pulling pain in the calf"),
    _b("pain_worsening", "thrombosis", "The leg pain gets worse over time"),
    _b("leg_warm", "thrombosis", "The leg feels warm"),
    _b("leg_swollen", "wells", "Entire leg swollen"),
    _b("calf_swelling_3cm", "wells", "Calf at least 3 cm larger than the other side"),
    _b("pitting_edema", "wells", "Pitting oedema in the symptomatic leg"),
    _b("vein_tenderness", "wells", "Tenderness along the deep veins"),
    _b("collateral_veins", "wells", "Collateral superficial (non-varicose) veins"),
    _b("active_cancer", "wells", "Active cancer (treatment now, within 6 months, or palliative)"),
    _b("paralysis_or_cast", "wells", "Leg paralysed, weak from a nerve lesion, or recently in plaster"),
    _b("bedridden_or_surgery", "wells", "Bedridden 3 days or more, or major surgery within 12 weeks"),
    _b("previous_dvt", "wells", "Previously documented DVT"),
    _b("alternative_diagnosis_likely", "wells", "Another diagnosis at least as likely as DVT (-2)"),
    _b("pregnant_or_postpartum", "clot_risk", "Pregnant, or gave birth in the last 6 weeks"),
    _b("hormonal_contraception_or_hrt", "clot_risk", "Takes the combined pill or HRT"),
    _b("long_haul_travel", "clot_risk", "A long journey (more than 3 hours) in recent weeks"),
    _b("chest_pain", "emergency", "Chest pain"),
    _b("short_of_breath", "emergency", "Short of breath"),
    _b("coughing_blood", "emergency", "Coughing up blood"),
    _b("fainted", "emergency", "Fainted or passed out"),
    _b("typical_faint", "emergency",
       "The faint was typical: a trigger such as long standing, heat or pain, warning signs, quick full recovery"),
    _b("seizure", "emergency", "Jerking with loss of consciousness or awareness"),
    _b("heart_rate_over_100", "pe_wells", "Heart rate over 100 a minute"),
    _b("immobilised_or_surgery_4_weeks", "pe_wells", "Immobilised more than 3 days, or surgery within 4 weeks"),
    _b("previous_pe", "pe_wells", "Previously documented pulmonary embolism"),
    _b("pe_most_likely", "pe_wells", "Another diagnosis is less likely than PE"),
    _b("skin_redness", "mimics", "Red, hot, painful skin spreading over the leg"),
    _b("fever", "mimics", "Fever, or feeling hot and shivery"),
    _b("tender_surface_vein", "mimics", "A red, hard, tender cord along a vein just under the skin"),
    _b("swelling_behind_knee", "mimics", "A lump or a 'pop' behind the knee"),
    _b("sudden_pain_during_activity", "mimics", "A sudden sharp calf pain during effort, as if kicked"),
    _b("salt_loss", "metabolic", "Recent vomiting or diarrhoea, heavy sweating, or a water tablet (diuretic)"),
    _b("thyroid_symptoms", "metabolic", "Weight loss, feeling hot, a racing heart or a tremor"),
    _b("stress", "triggers", "Under stress or anxious"),
    _b("new_medication", "triggers", "Started a new medicine before the twitching"),
    _b("known_neurological_disease", "triggers", "Known neurological disease"),
    _b("epilepsy", "triggers", "Known epilepsy"),
    _b("caffeine", "triggers", "A lot of caffeine"),
    _b("alcohol", "triggers", "A lot of alcohol"),
    _b("lack_of_sleep", "triggers", "Lack of sleep"),
    _b("recent_exercise", "triggers", "Hard exercise recently"),
    _b("muscle_weakness", "red_flags", "Real muscle weakness"),
    _b("muscle_wasting", "red_flags", "Muscle wasting (thinning)"),
    _b("muscle_stiffness", "red_flags", "Muscle stiffness"),
    _b("brisk_reflexes", "red_flags", "Brisk reflexes on examination (an upper motor neurone sign)"),
    _b("getting_worse", "red_flags", "Getting steadily worse over weeks or months"),
    _b("numbness", "red_flags", "Numbness or other change in feeling"),
    _b("speech_or_swallowing_problems", "red_flags", "Trouble speaking or swallowing"),
)
SPECS: dict[str, FieldSpec] = {spec.name: spec for spec in FIELD_SPECS}
BOOLEAN_FIELDS: tuple[str, ...] = tuple(s.name for s in FIELD_SPECS if s.kind == "bool")

#: Booleans that describe context rather than a finding: setting one may lower the level
#: (for example known epilepsy turns a "first seizure" into a seizure in known epilepsy).
CONTEXT_FIELDS: frozenset[str] = frozenset({"epilepsy", "alternative_diagnosis_likely", "both_legs",
                                            "typical_faint"})
#: Every other boolean is a finding: adding it never lowers the triage level.
FINDING_FIELDS: tuple[str, ...] = tuple(f for f in BOOLEAN_FIELDS if f not in CONTEXT_FIELDS)


def fields_in_group(group: str) -> tuple[str, ...]:
    """Names of the vocabulary fields in ``group`` (a key of ``GROUPS``), in table order."""
    return tuple(s.name for s in FIELD_SPECS if s.group == group)


def check_value(name: str, value: Any) -> Any:
    """Validate one field value; return it (ints for whole-number fields) or raise ScenarioError.

    Works for any value at all: a 400-digit number, bytes, a NaN or an object whose
    comparison fails are refused with a one-line message (the value shown shortened).
    """
    spec = SPECS[name]

    def refuse(extra: str = "") -> ScenarioError:
        shown = "null" if value is None else short_repr(value)  # YAML and JSON users wrote null
        return ScenarioError(f"field {name!r}: got {shown}{extra}, allowed: {spec.allowed}", field=name)

    if value is None:
        if spec.kind == "bool":
            raise refuse()
        return None
    if spec.kind == "bool":
        if isinstance(value, bool):
            return value
        raise refuse()
    if spec.kind == "choice":
        if isinstance(value, str) and value in spec.choices:
            return value
        raise refuse()
    # numbers: only real ints and floats (never bool, str, Decimal, numpy scalars by accident)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise refuse()
    if isinstance(value, float):
        if not math.isfinite(value):
            raise refuse()
        if spec.kind == "int" and not value.is_integer():
            raise refuse()
    if (spec.minimum is not None and value < spec.minimum) or (spec.maximum is not None and value > spec.maximum):
        raise refuse()
    if abs(value) > _LARGEST_NUMBER:  # a whole number beyond any float (a field without a maximum)
        raise refuse(", too large to compute with")
    return int(value) if spec.kind == "int" else value


_BOOL_NAMES: tuple[str, ...] = tuple(s.name for s in FIELD_SPECS if s.kind == "bool")
_OTHER_NAMES: tuple[str, ...] = tuple(s.name for s in FIELD_SPECS if s.kind != "bool")

#: Past its range check, a number must still fit a float (matters for fields without a maximum).
_LARGEST_NUMBER = int(sys.float_info.max)

#: An empty, comment-only or ``null`` scenario file is refused (never silent self-care).
EMPTY_SCENARIO = "a scenario needs at least one field (write {} for a person with no findings)"
EMPTY_FILE = "the file is empty: " + EMPTY_SCENARIO

#: The keys of a teaching-case file (``cases.py`` reads them): a case file wraps a scenario
#: under ``scenario``, so a case file is also a valid scenario file for the command line.
CASE_REQUIRED_KEYS = ("id", "title", "vignette", "scenario", "expected_level", "expected_wells",
                      "expected_first_test", "teaching_points", "sections")
CASE_OPTIONAL_KEYS = ("expected_pe_wells", "stages")
CASE_KEYS = frozenset(CASE_REQUIRED_KEYS + CASE_OPTIONAL_KEYS)


def check_combination(scenario: "Scenario") -> None:
    """Refuse field combinations that cannot describe one patient (one-line ScenarioError).

    Each field is valid on its own; these pairs contradict each other, and the engine never
    guesses which of the two was meant.
    """
    if scenario.pregnant_or_postpartum and scenario.sex == "male":
        raise ScenarioError("field 'pregnant_or_postpartum': not possible with sex 'male'; "
                            "set sex to female or leave it out", field="pregnant_or_postpartum")
    if scenario.typical_faint and not scenario.fainted:
        raise ScenarioError("field 'typical_faint': describes a faint, so 'fainted' must be true as well",
                            field="typical_faint")


def unknown_key_error(key: Any, valid: tuple[str, ...] | list[str], what: str = "field") -> ScenarioError:
    """The error for a key outside the vocabulary, with the closest valid key as a hint."""
    text = key if isinstance(key, str) else short_repr(key)
    close = difflib.get_close_matches(text, valid, n=1, cutoff=0.5) if len(text) <= 100 else []
    hint = f"; did you mean {close[0]}?" if close else f"; valid {what}s are listed in the README"
    return ScenarioError(f"unknown {what} {short_repr(text)}{hint}", field=key if isinstance(key, str) else text)


@dataclass(frozen=True, repr=False)
class Scenario:
    """A validated, immutable patient presentation.

    Every field is optional: booleans default to false, the four history values to
    ``None`` (unknown). Construct with keywords, ``Scenario.from_dict`` or
    ``Scenario.from_file``; all three validate the same way.
    """

    age_years: int | None = None
    sex: str | None = None
    duration_days: float | None = None
    frequency: str | None = None
    severity: str | None = None
    both_legs: bool = False
    movement: str | None = None
    when_falling_asleep: bool = False
    evening_or_night: bool = False
    calf_pain: bool = False
    pain_worsening: bool = False
    leg_warm: bool = False
    leg_swollen: bool = False
    calf_swelling_3cm: bool = False
    pitting_edema: bool = False
    vein_tenderness: bool = False
    collateral_veins: bool = False
    active_cancer: bool = False
    paralysis_or_cast: bool = False
    bedridden_or_surgery: bool = False
    previous_dvt: bool = False
    alternative_diagnosis_likely: bool = False
    pregnant_or_postpartum: bool = False
    hormonal_contraception_or_hrt: bool = False
    long_haul_travel: bool = False
    chest_pain: bool = False
    short_of_breath: bool = False
    coughing_blood: bool = False
    fainted: bool = False
    typical_faint: bool = False
    seizure: bool = False
    heart_rate_over_100: bool = False
    immobilised_or_surgery_4_weeks: bool = False
    previous_pe: bool = False
    pe_most_likely: bool = False
    skin_redness: bool = False
    fever: bool = False
    tender_surface_vein: bool = False
    swelling_behind_knee: bool = False
    sudden_pain_during_activity: bool = False
    salt_loss: bool = False
    thyroid_symptoms: bool = False
    stress: bool = False
    new_medication: bool = False
    known_neurological_disease: bool = False
    epilepsy: bool = False
    caffeine: bool = False
    alcohol: bool = False
    lack_of_sleep: bool = False
    recent_exercise: bool = False
    muscle_weakness: bool = False
    muscle_wasting: bool = False
    muscle_stiffness: bool = False
    brisk_reflexes: bool = False
    getting_worse: bool = False
    numbness: bool = False
    speech_or_swallowing_problems: bool = False

    def __post_init__(self) -> None:
        values = self.__dict__
        for name in _BOOL_NAMES:  # the common case, checked without a call: exactly True or False
            value = values[name]
            if value is not True and value is not False:
                check_value(name, value)  # raises the one-line error
        for name in _OTHER_NAMES:
            value = values[name]
            if value is not None:
                checked = check_value(name, value)
                if checked is not value:
                    object.__setattr__(self, name, checked)
        if values["pregnant_or_postpartum"] or values["typical_faint"]:
            check_combination(self)

    # -- construction -------------------------------------------------------------
    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Scenario":
        """Build from a mapping of vocabulary keys; unknown keys are an error with a hint."""
        if not isinstance(data, Mapping):
            raise ScenarioError(f"a scenario must be a mapping of field: value, got {type(data).__name__}")
        for key in data:
            if key not in SPECS:
                raise unknown_key_error(key, list(SPECS))
        return cls(**dict(data))

    @classmethod
    def from_file(cls, path: str | Path) -> "Scenario":
        """Load a YAML or JSON scenario file (or a case file, whose ``scenario`` is used).

        Read through the hardened loader (``legtwitch.yamlio``): at most 1 MiB, no aliases,
        no duplicate keys, JSON-like scalars only. An empty file is an error.
        """
        return cls.from_document(load_document(path))

    @classmethod
    def from_text(cls, text: str, name: str = "<stdin>") -> "Scenario":
        """Parse scenario YAML text (used for stdin); errors name ``name``."""
        return cls.from_document(parse_document(text, name))

    @classmethod
    def from_stream(cls, stream: Any, name: str = "<stdin>") -> "Scenario":
        """Read scenario YAML from a binary stream (standard input), at most 1 MiB."""
        return cls.from_document(load_stream(stream, name))

    @classmethod
    def from_document(cls, doc: Document) -> "Scenario":
        """Validate a loaded scenario or case file; errors name the file and the key's line."""
        data, prefix = doc.data, ()
        if data is None:
            raise ScenarioError(EMPTY_FILE, file=doc.name, line=None)
        if isinstance(data, Mapping) and "scenario" in data:
            # a case file: validate its keys, use its scenario
            for key in data:
                if key not in CASE_KEYS:
                    raise unknown_key_error(key, sorted(CASE_KEYS), "case key").in_file(doc.name, doc.line(key))
            data, prefix = data["scenario"], ("scenario",)
            if data is None:
                raise ScenarioError(f"field 'scenario' is empty: {EMPTY_SCENARIO}", field="scenario",
                                    file=doc.name, line=doc.line("scenario"))
        try:
            return cls.from_dict(data)
        except ScenarioError as err:
            line = doc.line(*prefix, err.field) if err.field is not None else None
            raise err.in_file(doc.name, line) from None

    # -- views ----------------------------------------------------------------------
    def __repr__(self) -> str:
        """Only the fields that are set, so a scenario reads like the case file it came from."""
        return "Scenario(" + ", ".join(f"{k}={v!r}" for k, v in self.to_dict().items()) + ")"

    def to_dict(self, *, only_set: bool = True) -> dict[str, Any]:
        """The scenario as a plain dict; by default only known values and true booleans."""
        out = {}
        for f in dc_fields(self):
            value = getattr(self, f.name)
            if only_set and (value is None or value is False):
                continue
            out[f.name] = value
        return out

    def replace(self, **changes: Any) -> "Scenario":
        """A copy with some fields changed (validated like any other construction)."""
        data = self.to_dict(only_set=False)
        for key in changes:
            if key not in SPECS:
                raise unknown_key_error(key, list(SPECS))
        data.update(changes)
        return Scenario(**data)

    def findings(self) -> tuple[str, ...]:
        """Names of the boolean fields that are true, in vocabulary order."""
        return tuple(name for name in BOOLEAN_FIELDS if getattr(self, name))


__all__ = ["Scenario", "FieldSpec", "FIELD_SPECS", "SPECS", "GROUPS", "BOOLEAN_FIELDS",
           "CONTEXT_FIELDS", "FINDING_FIELDS", "FREQUENCIES", "SEVERITIES", "SEXES", "MOVEMENTS", "fields_in_group",
           "check_combination",
           "ScenarioError", "FileFormatError"]


def vocabulary_markdown() -> str:
    """The scenario vocabulary as the Markdown table in README.md (a test keeps them equal)."""
    rows = ["| group | field | meaning | allowed |", "|---|---|---|---|"]
    for spec in FIELD_SPECS:
        allowed = spec.allowed.replace(" (or leave out for unknown)", "; default unknown")
        if spec.kind == "bool":
            allowed += "; default false"
        if spec.choice_labels:
            allowed += " (" + "; ".join(f"{c}: {label}" for c, label in spec.choice_labels) + ")"
        rows.append(f"| {GROUPS[spec.group]} | `{spec.name}` | {spec.description} | {allowed} |")
    return "\n".join(rows)
