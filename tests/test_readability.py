"""Reading level: no teaching notebook is harder to read than the source text it teaches, and
docs/readability.md shows the current figures (scripts/readability.py writes it)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("textstat")

ROOT = Path(__file__).resolve().parent.parent
import sys  # noqa: E402

sys.path.insert(0, str(ROOT / "scripts"))
import readability  # noqa: E402

REFERENCE = json.loads(readability.REFERENCE.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", readability.notebooks(), ids=lambda p: p.stem)
def test_no_notebook_is_harder_than_the_source_text(path):
    m = readability.measure(readability.notebook_prose(path))
    assert m["words"] > 300
    assert m["flesch_kincaid_grade"] <= REFERENCE["flesch_kincaid_grade"], m
    assert m["flesch_reading_ease"] >= REFERENCE["flesch_reading_ease"], m


def test_the_report_shows_the_current_figures():
    text, _rows = readability.table(REFERENCE)
    assert text in readability.REPORT.read_text(encoding="utf-8"), "run: python scripts/readability.py"


def test_prose_leaves_out_code_links_and_headings():
    assert readability.prose("## Head\nSee [the glossary](glossary.ipynb#X) and `code()`.").split() == \
        ["See", "the", "glossary", "and", "."]
