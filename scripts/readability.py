#!/usr/bin/env python
"""Reading level of each teaching notebook's prose, next to the source text's (textstat).

The prose is the notebooks' markdown (headings, links and code removed); the reference is the
source text the module teaches, measured once and stored in ``docs/readability.json`` (the
source text itself is not part of the project). Target: no notebook harder to read than the
source text: a Flesch-Kincaid grade no higher, a Flesch reading ease no lower.

    python scripts/readability.py                      # print the table, write docs/readability.md
    python scripts/readability.py --source PATH        # (re)measure the source text first
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "docs" / "readability.json"
REPORT = ROOT / "docs" / "readability.md"


def prose(text: str) -> str:
    """Markdown as running text: link targets, code, HTML, table rules and markup removed."""
    text = re.sub(r"```.*?```", " ", text, flags=re.S)
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^#+\s.*$", " ", text, flags=re.M)           # headings are not sentences
    text = re.sub(r"^\s*\|?\s*-{3,}.*$", " ", text, flags=re.M)  # table rules
    text = re.sub(r"[*_|>#]", " ", text)
    return text


def measure(text: str) -> dict:
    import textstat
    return {"flesch_reading_ease": round(textstat.flesch_reading_ease(text), 1),
            "flesch_kincaid_grade": round(textstat.flesch_kincaid_grade(text), 1),
            "gunning_fog": round(textstat.gunning_fog(text), 1),
            "words": len(text.split())}


def notebook_prose(path: Path) -> str:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return prose("\n\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown"))


def notebooks() -> list[Path]:
    return sorted(p for p in (ROOT / "notebooks").glob("*.ipynb") if p.name != "glossary.ipynb")


def table(reference: dict) -> tuple[str, list[tuple[str, dict]]]:
    rows = [(p.stem, measure(notebook_prose(p))) for p in notebooks()]
    lines = ["| text | Flesch reading ease (higher: easier) | Flesch-Kincaid grade | Gunning fog | words |",
             "|---|---|---|---|---|",
             f"| source text (reference) | {reference['flesch_reading_ease']} | {reference['flesch_kincaid_grade']} | "
             f"{reference['gunning_fog']} | {reference['words']} |"]
    lines += [f"| {name} | {m['flesch_reading_ease']} | {m['flesch_kincaid_grade']} | {m['gunning_fog']} | {m['words']} |"
              for name, m in rows]
    return "\n".join(lines), rows


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--source", type=Path, help="measure this source text and store it as the reference")
    args = parser.parse_args()
    from importlib import metadata
    if args.source:
        ref = measure(args.source.read_text(encoding="utf-8"))
        ref["measured_with"] = f"textstat {metadata.version('textstat')}"  # its __version__ lags the release
        REFERENCE.write_text(json.dumps(ref, indent=2) + "\n", encoding="utf-8")
    reference = json.loads(REFERENCE.read_text(encoding="utf-8"))
    text, _rows = table(reference)
    REPORT.write_text(
        "# Reading level of the notebooks\n\n"
        "Measured with " + reference["measured_with"] + " on each teaching notebook's prose "
        "(its markdown, without headings, links, code and tables' rules) by `python scripts/readability.py`; "
        "a test (tests/test_readability.py) keeps this table current and every notebook at or below the "
        "source text's reading level: a Flesch-Kincaid grade no higher and a Flesch reading ease no lower. "
        "The medical terms a student may not know are explained in the glossary "
        "([notebooks/glossary.ipynb](../notebooks/glossary.ipynb)), linked where a notebook first uses them.\n\n"
        + text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
