"""Report word sequences the project shares verbatim with a reference text.

The brief asks us to teach in our own words. Usage:
    python scripts/check_own_words.py ../shared/source/leg-twitching.txt ../shared/clinical-notes.md
Prints every run of N (default 8) consecutive words found both in a reference file and in a
project file (YAML, Markdown, notebooks, Python), and exits 1 if there is any.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def ngrams(ws: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(ws[i:i + n]) for i in range(len(ws) - n + 1)}


def project_text(path: Path) -> str:
    if path.suffix == ".ipynb":
        nb = json.loads(path.read_text(encoding="utf-8"))
        return "\n".join("".join(c.get("source", "")) for c in nb.get("cells", []))
    # Some test inputs are deliberately not UTF-8 (tests/hostile/inputs): read what can be read.
    return path.read_bytes().decode("utf-8", errors="replace")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("references", nargs="+", type=Path)
    parser.add_argument("-n", type=int, default=8)
    args = parser.parse_args()
    reference = set()
    for ref in args.references:
        reference |= ngrams(words(ref.read_text(encoding="utf-8")), args.n)
    # Bibliographic citations (titles, URLs of the sources we cite) must match their originals.
    sys.path.insert(0, str(ROOT))
    from legtwitch.knowledge import load_knowledge
    for source in load_knowledge().sources.values():
        reference -= ngrams(words(f"{source.title} {source.url or ''}"), args.n)
    hits = 0
    files = [p for p in ROOT.rglob("*") if p.suffix in {".yaml", ".md", ".ipynb", ".py"}
             and not {".venv", ".git", ".cache", "_site", "test-artifacts"} & set(p.parts) and p.name != "TEAM.md"]
    for path in sorted(files):
        shared = ngrams(words(project_text(path)), args.n) & reference
        for gram in sorted(shared):
            hits += 1
            print(f"{path.relative_to(ROOT)}: {' '.join(gram)}")
    print(f"{hits} shared {args.n}-word runs in {len(files)} files")
    return 1 if hits else 0


if __name__ == "__main__":
    sys.exit(main())
