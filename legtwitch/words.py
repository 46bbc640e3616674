"""Plain language for students: human names for fields, findings, tests, causes and rules.

Engine ids (``calf_pain``, ``d_dimer``, ``suspected_dvt``) are for authors and the JSON
output; everything a student reads goes through these helpers instead. Numbers are shown
exactly as the engine used them (13.9999999 stays 13.9999999), never rounded for display.
"""
from __future__ import annotations

from typing import Any, Iterable

from .scenario import SPECS, Scenario


def format_number(value: Any) -> str:
    """A number as the engine sees it: whole numbers without ``.0``, others in full (``repr``)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)


def field_label(name: str) -> str:
    """The plain meaning of a scenario field (its description), e.g. 'Pulling pain in the calf'."""
    return SPECS[name].description


def finding_phrase(scenario: Scenario, name: str) -> str:
    """One finding of ``scenario`` in words, with its value where it has one."""
    value = getattr(scenario, name)
    if name == "duration_days":
        days = format_number(value)
        return f"twitching for {days} day{'' if days == '1' else 's'}"
    if name == "frequency":
        return {"occasional": "twitching now and then", "frequent": "frequent twitching",
                "constant": "constant twitching"}.get(value, f"twitching: {value}")
    if name == "severity":
        return f"{value} twitching"
    if name == "age_years":
        return f"age {format_number(value)}"
    if name == "sex":
        return str(value)
    if SPECS[name].kind == "choice":
        return SPECS[name].choice_label(value)
    text = field_label(name)
    return text[0].lower() + text[1:] if text[:2] != text[:2].upper() else text


def findings_text(scenario: Scenario, names: Iterable[str]) -> str:
    """Several findings joined for a sentence: 'pulling pain in the calf; the leg feels warm'."""
    return "; ".join(finding_phrase(scenario, n) for n in names)


def test_name(test_id: str) -> str:
    from .knowledge import load_knowledge
    return load_knowledge().tests[test_id].name


def cause_name(cause_id: str) -> str:
    from .knowledge import load_knowledge
    return load_knowledge().causes[cause_id].name


def rule_name(rule_id: str) -> str:
    from .knowledge import load_knowledge
    return load_knowledge().rules[rule_id].name


PRIORITY_WORDS = {"first": "first", "alongside": "at the same time", "next": "then",
                  "consider": "only in some patients"}


class Citations:
    """Numbered footnotes for a rendering: ``mark(ids)`` gives '[1, 3]', ``lines()`` the list.

    Students read short markers instead of source ids after every sentence; the numbered
    list at the end names each source in full.
    """

    def __init__(self) -> None:
        self.order: list[str] = []

    def numbers(self, ids: Iterable[str]) -> list[int]:
        out = []
        for s in ids:
            if s not in self.order:
                self.order.append(s)
            out.append(self.order.index(s) + 1)
        return out

    def mark(self, ids: Iterable[str]) -> str:
        nums = self.numbers(ids)
        return "[" + ", ".join(map(str, nums)) + "]" if nums else ""

    def titles(self) -> list[tuple[int, str, str]]:
        from .knowledge import load_knowledge
        kb = load_knowledge()
        return [(i, s, kb.sources[s].title) for i, s in enumerate(self.order, 1)]
