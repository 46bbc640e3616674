"""The documented list of misconceptions that wrong options diagnose.

Data: ``legtwitch/data/questions/misconceptions.yaml`` (validated on load; a broken entry is a
``DataError`` naming the file, the entry and the field). Every wrong option of a question names
one id from it, so the summary of an exercise can say "You twice treated a positive D-dimer as
proof of a clot".
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..errors import DataError, FileFormatError
from ..knowledge import load_knowledge
from ..schema import Checker
from ..yamlio import load_file

GROUPS = {
    "clot": "A leg-vein clot: signs, risk factors, urgency",
    "wells": "The Wells scores",
    "tests": "Which test, in which order",
    "neuro": "Twitching, jerks and the nervous system",
    "treatment": "Treatment",
    "probability": "Reasoning with probabilities",
}
FILE_NAME = "misconceptions.yaml"


@dataclass(frozen=True)
class Misconception:
    id: str
    name: str  # the belief, as a student would say it
    group: str
    you: str  # what the student did: "You <you>"
    correction: str
    source: tuple[str, ...]

    def trap(self) -> str:
        """One line for feedback: the belief the chosen option rests on."""
        return f'The trap: "{self.name}."'


def misconceptions_path() -> Path:
    return Path(str(resources.files("legtwitch") / "data" / "questions" / FILE_NAME))


def parse_misconceptions(data, file: str = FILE_NAME) -> dict[str, Misconception]:
    check = Checker(file)
    top = check.mapping(data, None, None)
    check.keys(top, None, required=("misconceptions",))
    entries = check.mapping(top["misconceptions"], None, "misconceptions")
    known_sources = tuple(load_knowledge().sources)
    out: dict[str, Misconception] = {}
    for mid, raw in entries.items():
        mid = check.ident(mid, "misconceptions")
        raw = check.mapping(raw, mid, None)
        check.keys(raw, mid, required=("name", "group", "you", "correction", "source"))
        group = check.one_of(raw, mid, "group", tuple(GROUPS))
        out[mid] = Misconception(mid, check.text(raw, mid, "name").strip(), group,
                                 check.text(raw, mid, "you").strip(), check.text(raw, mid, "correction").strip(),
                                 tuple(check.id_list(raw, mid, "source", known_sources, what="source")))
    if not out:
        raise check.fail(None, "misconceptions", "the list is empty")
    return out


@lru_cache(maxsize=1)
def load_misconceptions() -> dict[str, Misconception]:
    """Every documented misconception by id (validated once, then cached)."""
    path = misconceptions_path()
    try:
        return parse_misconceptions(load_file(path), path.name)
    except FileFormatError as err:  # packaged data: broken, not the user's input
        raise DataError(path.name, None, None, err.problem, line=err.line) from None


def times(n: int) -> str:
    """'once', 'twice', 'three times', '4 times'."""
    return {1: "once", 2: "twice", 3: "three times"}.get(n, f"{n} times")


def markdown_list() -> str:
    """docs/misconceptions.md: the list by group, with the correction and the sources."""
    kb = load_knowledge()
    items = load_misconceptions()
    lines = ["# Misconceptions the question banks diagnose", "",
             "Generated from `legtwitch/data/questions/misconceptions.yaml` by",
             "`python -m legtwitch.quiz.catalogue --misconceptions`; a test fails when this file and the list",
             "disagree. Every wrong option of a question bank names one of these ids (`misconception:`), and",
             "the summary of an exercise counts them: \"You twice treated a positive D-dimer as proof of a clot\".",
             "Source ids are those of `legtwitch/data/knowledge.yaml`.", ""]
    for group, title in GROUPS.items():
        members = [m for m in items.values() if m.group == group]
        if not members:
            continue
        lines += [f"## {title}", "", "| id | the belief | what is right | sources |", "|---|---|---|---|"]
        for m in members:
            sources = ", ".join(f"`{s}`" for s in m.source if s in kb.sources)
            lines.append(f"| `{m.id}` | {m.name} | {m.correction} | {sources} |")
        lines.append("")
    return "\n".join(lines)


__all__ = ["Misconception", "GROUPS", "load_misconceptions", "parse_misconceptions", "times", "markdown_list"]
