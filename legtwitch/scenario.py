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
    "thrombosis": "Thrombosis indications (source text)",
    "wells": "Wells DVT criteria (Wells 2003)",
    "emergency": "Emergency warning signs",
    "triggers": "Triggers and causes",
    "red_flags": "Neurological red flags",
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
    FieldSpec("duration_days", "history", "number", "How long the twitching has gone on, in days", minimum=0),
    FieldSpec("frequency", "history", "choice", "How often it twitches", choices=FREQUENCIES),
    FieldSpec("severity", "history", "choice", "How strong the twitching is", choices=SEVERITIES),
    _b("both_legs", "history", "Twitching in both legs"),
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
    _b("bedridden_or_surgery", "wells", "Bedridden 3+ days or major surgery within 12 weeks"),
    _b("previous_dvt", "wells", "Previously documented DVT"),
    _b("alternative_diagnosis_likely", "wells", "Another diagnosis at least as likely as DVT (-2)"),
    _b("chest_pain", "emergency", "Chest pain"),
    _b("short_of_breath", "emergency", "Short of breath"),
    _b("coughing_blood", "emergency", "Coughing up blood"),
    _b("fainted", "emergency", "Fainted or passed out"),
    _b("seizure", "emergency", "Jerking with loss of consciousness or awareness"),
    _b("stress", "triggers", "Under stress or anxious"),
    _b("new_medication", "triggers", "Started a new medicine before the twitching"),
    _b("known_neurological_disease", "triggers", "Known neurological disease"),
    _b("epilepsy", "triggers", "Known epilepsy"),
    _b("caffeine", "triggers", "A lot of caffeine"),
    _b("lack_of_sleep", "triggers", "Lack of sleep"),
    _b("recent_exercise", "triggers", "Hard exercise recently"),
    _b("muscle_weakness", "red_flags", "Real muscle weakness"),
    _b("muscle_wasting", "red_flags", "Muscle wasting (thinning)"),
    _b("numbness", "red_flags", "Numbness or other change in feeling"),
    _b("speech_or_swallowing_problems", "red_flags", "Trouble speaking or swallowing"),
)
SPECS: dict[str, FieldSpec] = {spec.name: spec for spec in FIELD_SPECS}
BOOLEAN_FIELDS: tuple[str, ...] = tuple(s.name for s in FIELD_SPECS if s.kind == "bool")

#: Booleans that describe context rather than a finding: setting one may lower the level
#: (for example known epilepsy turns a "first seizure" into a seizure in known epilepsy).
CONTEXT_FIELDS: frozenset[str] = frozenset({"epilepsy", "alternative_diagnosis_likely", "both_legs"})
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


#: Past its range check, a number must still fit a float (matters for fields without a maximum).
_LARGEST_NUMBER = int(sys.float_info.max)

#: An empty, comment-only or ``null`` scenario file is refused (never silent self-care).
EMPTY_SCENARIO = "a scenario needs at least one field (write {} for a person with no findings)"
EMPTY_FILE = "the file is empty: " + EMPTY_SCENARIO


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
    duration_days: float | None = None
    frequency: str | None = None
    severity: str | None = None
    both_legs: bool = False
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
    chest_pain: bool = False
    short_of_breath: bool = False
    coughing_blood: bool = False
    fainted: bool = False
    seizure: bool = False
    stress: bool = False
    new_medication: bool = False
    known_neurological_disease: bool = False
    epilepsy: bool = False
    caffeine: bool = False
    lack_of_sleep: bool = False
    recent_exercise: bool = False
    muscle_weakness: bool = False
    muscle_wasting: bool = False
    numbness: bool = False
    speech_or_swallowing_problems: bool = False

    def __post_init__(self) -> None:
        for name in SPECS:
            checked = check_value(name, getattr(self, name))
            if checked is not getattr(self, name):
                object.__setattr__(self, name, checked)

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
            from .cases import CASE_KEYS  # a case file: validate its keys, use its scenario
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
           "CONTEXT_FIELDS", "FINDING_FIELDS", "FREQUENCIES", "SEVERITIES", "fields_in_group",
           "ScenarioError", "FileFormatError"]


def vocabulary_markdown() -> str:
    """The scenario vocabulary as the Markdown table in README.md (a test keeps them equal)."""
    rows = ["| group | field | meaning | allowed |", "|---|---|---|---|"]
    for spec in FIELD_SPECS:
        allowed = spec.allowed.replace(" (or leave out for unknown)", "; default unknown")
        if spec.kind == "bool":
            allowed += "; default false"
        rows.append(f"| {GROUPS[spec.group]} | `{spec.name}` | {spec.description} | {allowed} |")
    return "\n".join(rows)
