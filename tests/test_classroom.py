"""Classroom outputs: every teaching notebook converts to a reveal.js slide deck."""
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_slides_command_from_the_readme_works(notebook, tmp_path):
    proc = subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--to", "slides", str(notebook),
                           "--output-dir", str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "Alternative text is missing" not in proc.stderr
    deck = (tmp_path / f"{notebook.stem}.slides.html").read_text(encoding="utf-8")
    assert deck.count("<section") >= 3  # one per slide: the metadata made it a deck
    assert "reveal" in deck
