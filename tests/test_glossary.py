"""The glossary: every term with sources that exist, the glossary notebook generated from the
data, and every teaching notebook linking each glossary term where it first uses it."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from legtwitch.glossary import first_use, linked_terms, load_glossary
from legtwitch.knowledge import load_knowledge

ROOT = Path(__file__).resolve().parent.parent


def test_terms_have_text_and_known_sources():
    terms = load_glossary()
    assert len(terms) >= 40
    known = load_knowledge().sources
    for t in terms:
        assert t.text.endswith(".") and t.source and set(t.source) <= set(known), t.term


def test_first_use_skips_headings_links_code_and_html():
    dvt = next(t for t in load_glossary() if t.term == "Deep-vein thrombosis")
    text = "## DVT signs\n[a DVT](x.ipynb) and `DVT` <b title='DVT'>x</b> then a DVT here"
    start, end = first_use(text, dvt)
    assert text[start:end] == "DVT" and text[:start].endswith("then a ")
    assert first_use("dvtx ADVT", dvt) is None  # acronyms: whole words, exact case


def test_the_glossary_notebook_and_the_links_are_up_to_date():
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_glossary.py"), "--check"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_teaching_notebook_links_the_terms_it_uses():
    for path in sorted((ROOT / "notebooks").glob("0*.ipynb")):
        text = "\n".join("".join(c["source"]) for c in json.loads(path.read_text())["cells"]
                         if c["cell_type"] == "markdown")
        linked = linked_terms(text)
        assert len(linked) >= 3, path.name
        for term in load_glossary():
            if first_use(text, term) is not None:
                assert term.term in linked, (path.name, term.term)


def test_glossary_headings_are_the_link_targets():
    nb = json.loads((ROOT / "notebooks" / "glossary.ipynb").read_text())
    text = "\n".join("".join(c["source"]) for c in nb["cells"])
    for term in load_glossary():
        assert f"### {term.term}\n" in text
        assert term.anchor == term.term.replace(" ", "-")
