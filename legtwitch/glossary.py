"""The glossary: the medical terms the notebooks use, in plain words, each with its sources.

``load_glossary()`` reads ``data/glossary.yaml`` (validated: every source id must exist in the
knowledge base). ``unlinked_first_uses(markdown)`` finds the terms whose first use in a
notebook's text is not linked to the glossary: the notebook builder links them, and a test
keeps every teaching notebook that way. ``notebooks/glossary.ipynb`` is generated from the same
file (``scripts/build_glossary.py``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .knowledge import load_knowledge
from .schema import Checker
from .yamlio import load_file

GLOSSARY_NOTEBOOK = "glossary.ipynb"


@dataclass(frozen=True)
class Term:
    term: str
    text: str
    source: tuple[str, ...]
    match: tuple[str, ...]

    @property
    def anchor(self) -> str:
        """The id JupyterLab gives the term's heading in the glossary notebook."""
        return self.term.replace(" ", "-")

    @property
    def link(self) -> str:
        return f"{GLOSSARY_NOTEBOOK}#{self.anchor}"


def glossary_path() -> Path:
    return Path(__file__).parent / "data" / "glossary.yaml"


@lru_cache(maxsize=1)
def load_glossary() -> tuple[Term, ...]:
    """The glossary terms in file order (validated once, then cached)."""
    check = Checker("glossary.yaml")
    data = check.mapping(load_file(glossary_path()), None, None)
    check.keys(data, None, required=("terms",))
    known = load_knowledge().sources
    out = []
    for item in data["terms"]:
        item = check.mapping(item, None, "terms")
        name = check.text(item, None, "term")
        check.keys(item, name, required=("term", "text", "source"), optional=("match",))
        source = check.id_list(item, name, "source", known, what="source")
        match = item.get("match", [name])
        if not isinstance(match, list) or not all(isinstance(m, str) and m.strip() for m in match):
            raise check.fail(name, "match", "must be a list of texts")
        out.append(Term(name, check.text(item, name, "text"), source, tuple(match)))
    check.unique("terms", "term", ((t.term, t.term.lower()) for t in out))
    for t in out:  # the anchor must survive inside a markdown link: no brackets in a term
        if any(c in t.term for c in "()[]#"):
            raise check.fail(t.term, "term", "must not contain brackets or '#' (it becomes a link anchor)")
    return tuple(out)


# -- finding first uses --------------------------------------------------------------------------
# Where a term is not linked: headings, existing links, code, HTML tags and the <summary> line.
_SKIP = re.compile(r"^#.*$|\[[^\]]*\]\([^)]*\)|`[^`]*`|<[^>]+>|<summary>.*?</summary>|https?://\S+", re.MULTILINE)


def _pattern(match: str) -> re.Pattern:
    word = re.escape(match)
    flags = 0 if match.isupper() or any(c.isupper() for c in match[1:]) else re.IGNORECASE
    return re.compile(rf"(?<![\w-]){word}(?![\w-])", flags)


def _spans_to_skip(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _SKIP.finditer(text)]


def first_use(text: str, term: Term) -> tuple[int, int] | None:
    """(start, end) of the term's first use in ``text`` outside the skipped regions, or None."""
    skip = _spans_to_skip(text)
    best = None
    for match in sorted(term.match, key=len, reverse=True):
        for m in _pattern(match).finditer(text):
            if not any(a <= m.start() < b for a, b in skip):
                if best is None or m.start() < best[0]:
                    best = m.span()
                break
    return best


def linked_terms(text: str) -> set[str]:
    """Terms that ``text`` already links to the glossary."""
    found = set(re.findall(rf"\]\({re.escape(GLOSSARY_NOTEBOOK)}#([^)]+)\)", text))
    return {t.term for t in load_glossary() if t.anchor in found}


__all__ = ["Term", "load_glossary", "first_use", "linked_terms", "GLOSSARY_NOTEBOOK"]
