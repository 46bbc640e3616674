"""Findings that make a cause more or less likely, written compactly in knowledge.yaml.

A feature is a small expression over the scenario vocabulary:

- ``stress``: a boolean field that is true, or a non-boolean field whose value is known;
- ``movement=cramp``: a choice field with that value;
- ``age_years>=40`` / ``age_years<40``: a number field compared with a number.

``parse_feature`` validates the text against the vocabulary (a typo is refused when the
knowledge base loads), ``Feature.holds`` evaluates it, and ``Feature.words`` says it in plain
language for students ("a cramp: a painful hardening of the muscle", "age 40 or over").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .scenario import SPECS, Scenario

_FORM = re.compile(r"^(?P<field>[a-z_0-9]+)(?:(?P<op>=|>=|<)(?P<value>[a-z_0-9.]+))?$")


class FeatureError(ValueError):
    """A feature text that does not fit the vocabulary (the message says why, in one line)."""


@dataclass(frozen=True)
class Feature:
    text: str
    field: str
    op: str | None = None
    value: object = None

    def holds(self, scenario: Scenario) -> bool:
        actual = getattr(scenario, self.field)
        if self.op is None:
            # a true boolean, or a known value of a non-boolean field
            return actual is not None and actual is not False
        if actual is None:
            return False
        if self.op == "=":
            return actual == self.value
        if self.op == ">=":
            return actual >= self.value
        return actual < self.value

    def words(self) -> str:
        spec = SPECS[self.field]
        label = spec.description[0].lower() + spec.description[1:]
        if self.op is None:
            return label if spec.kind == "bool" else f"{label}: known"
        if self.op == "=":
            return spec.choice_label(self.value) if spec.choice_labels else f"{label}: {self.value}"
        number = f"{self.value:g}"
        noun = "age" if self.field == "age_years" else label
        return f"{noun} {number} or over" if self.op == ">=" else f"{noun} under {number}"


@lru_cache(maxsize=None)
def parse_feature(text: str) -> Feature:
    """A validated ``Feature`` for ``text``; ``FeatureError`` names what is wrong."""
    match = _FORM.match(str(text))
    if not match:
        raise FeatureError(f"feature {text!r} is not of the form field, field=value or field>=number")
    field, op, raw = match["field"], match["op"], match["value"]
    if field not in SPECS:
        raise FeatureError(f"feature {text!r}: unknown scenario field {field!r}")
    spec = SPECS[field]
    if op is None:
        return Feature(text, field)
    if op == "=":
        if spec.kind != "choice" or raw not in spec.choices:
            raise FeatureError(f"feature {text!r}: {field} has no choice {raw!r}")
        return Feature(text, field, op, raw)
    if spec.kind not in ("int", "number"):
        raise FeatureError(f"feature {text!r}: {field} is not a number field")
    try:
        number = float(raw)
    except ValueError:
        raise FeatureError(f"feature {text!r}: {raw!r} is not a number") from None
    return Feature(text, field, op, number)
