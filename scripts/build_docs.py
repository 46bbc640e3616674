"""Write the generated documentation: docs/clinical-decisions.md (from knowledge.yaml).

    python scripts/build_docs.py          # write the file
    python scripts/build_docs.py --check  # exit 1 if the file is out of date
"""
from __future__ import annotations

import sys
from pathlib import Path

from legtwitch.decisions import clinical_decisions_markdown

TARGET = Path(__file__).resolve().parent.parent / "docs" / "clinical-decisions.md"


def main(argv: list[str]) -> int:
    text = clinical_decisions_markdown()
    if "--check" in argv:
        if not TARGET.exists() or TARGET.read_text(encoding="utf-8") != text:
            print(f"{TARGET.name} is out of date: run python scripts/build_docs.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET.relative_to(TARGET.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
