#!/usr/bin/env python
"""For authors: write notebooks/glossary.ipynb from legtwitch/data/glossary.yaml, and link each
glossary term where it first appears in a teaching notebook's text (markdown only; headings,
links, code and HTML are left alone). Idempotent: a term already linked stays as it is.

    python scripts/build_glossary.py          # writes the glossary, links the notebooks
    python scripts/build_glossary.py --check  # exit 1 if either is out of date

Run it before ``scripts/run_notebooks.py`` (``make notebooks`` does both).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from legtwitch.glossary import GLOSSARY_NOTEBOOK, first_use, linked_terms, load_glossary  # noqa: E402
from legtwitch.knowledge import load_knowledge  # noqa: E402

NOTEBOOKS = ROOT / "notebooks"


def _cell(i: int, text: str, slide: str = "-") -> dict:
    return {"cell_type": "markdown", "id": f"c{i:02d}", "metadata": {"slideshow": {"slide_type": slide}},
            "source": text.splitlines(keepends=True)}


def glossary_notebook() -> dict:
    from legtwitch.widgets.views import short_source
    kb = load_knowledge()
    terms = sorted(load_glossary(), key=lambda t: t.term.lower())
    cells = [_cell(1, "# Glossary\n\nThe medical terms of this module in plain words, A to Z. Every notebook "
                      "links a term here where it first appears; the short source names lead to the full "
                      "titles in each notebook's source list.", "slide")]
    for letter in sorted({t.term[0].upper() for t in terms}):
        body = [f"## {letter}"]
        for t in (t for t in terms if t.term[0].upper() == letter):
            sources = "; ".join(short_source(kb.sources[s].title) for s in t.source)
            body.append(f"### {t.term}\n\n{t.text} *Sources: {sources}.*")
        cells.append(_cell(len(cells) + 1, "\n\n".join(body), "subslide"))
    return {"cells": cells, "metadata": {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python",
                                                        "name": "python3"},
                                         "language_info": {"name": "python", "pygments_lexer": "ipython3"}},
            "nbformat": 4, "nbformat_minor": 5}


def link_notebook(nb: dict) -> int:
    """Link each term's first use in the notebook's markdown; return how many links were added."""
    texts = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown"]
    done = set().union(*(linked_terms(t) for t in texts)) if texts else set()
    added = 0
    for cell in nb["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        text = "".join(cell["source"])
        for term in sorted(load_glossary(), key=lambda t: -max(len(m) for m in t.match)):
            if term.term in done:
                continue
            span = first_use(text, term)
            if span is None:
                continue
            a, b = span
            text = f"{text[:a]}[{text[a:b]}]({term.link}){text[b:]}"
            done.add(term.term)
            added += 1
        cell["source"] = text.splitlines(keepends=True)
    return added


def teaching_notebooks() -> list[Path]:
    return sorted(p for p in NOTEBOOKS.glob("*.ipynb") if p.name != GLOSSARY_NOTEBOOK)


def _dump(nb: dict) -> str:
    return json.dumps(nb, indent=1, ensure_ascii=False) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    stale = []
    outputs = {NOTEBOOKS / GLOSSARY_NOTEBOOK: _dump(glossary_notebook())}
    for path in teaching_notebooks():
        nb = json.loads(path.read_text(encoding="utf-8"))
        added = link_notebook(nb)
        outputs[path] = _dump(nb)
        if added:
            print(f"{path.relative_to(ROOT)}: {added} term(s) linked to the glossary")
    for path, text in outputs.items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            stale.append(path)
            if not args.check:
                path.write_text(text, encoding="utf-8")
    if args.check:
        print("\n".join(f"out of date: {p.relative_to(ROOT)}" for p in stale) or "glossary and links up to date")
        return 1 if stale else 0
    print(f"wrote {NOTEBOOKS.relative_to(ROOT) / GLOSSARY_NOTEBOOK} ({len(load_glossary())} terms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
