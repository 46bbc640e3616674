"""The committed teaching notebooks are fresh: executed top to bottom, nothing volatile saved.

nbval only compares cells that have stored outputs, so a notebook saved unexecuted would
pass nbval with nothing checked. These tests fail on that, on out-of-order execution counts,
saved widget state, error outputs, absolute paths in outputs, and on missing slide metadata
or the parts every teaching notebook must have (objectives, time, take-aways, exercise link).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = ROOT / "notebooks"
# The glossary (notebooks/glossary.ipynb) is generated text without code: tests/test_glossary.py.
NOTEBOOKS = sorted(p for p in NOTEBOOK_DIR.glob("*.ipynb") if p.name != "glossary.ipynb")
EXPECTED = ["00_start_here", "01_thrombosis_warning_signs", "02_why_legs_twitch", "03_treatment",
            "04_diagnosis", "05_triage_cases", "06_reasoning_with_probability", "07_case_practice"]
ABSOLUTE_PATH = re.compile(r"(?<![\w.])/(work|root|home|tmp)/")
# A notebook's exercise carries the notebook's name, except where the exercises are numbered
# differently (the case clinic took 06 before the probability notebook existed).
EXERCISE_OF = {"06_reasoning_with_probability": "07_reasoning_with_probability", "07_case_practice": "06_case_clinic"}
SLIDE_TYPES = {"slide", "subslide", "fragment", "-", "skip", "notes"}


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def code_cells(nb: dict) -> list[dict]:
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def test_all_teaching_notebooks_exist():
    assert [p.stem for p in NOTEBOOKS] == EXPECTED


@pytest.fixture(params=NOTEBOOKS, ids=lambda p: p.stem)
def nb(request) -> dict:
    return load(request.param)


def test_execution_counts_are_1_to_n(nb):
    counts = [c["execution_count"] for c in code_cells(nb)]
    assert counts == list(range(1, len(counts) + 1)), "re-run with scripts/run_notebooks.py"


def test_no_unexecuted_code_cells(nb):
    assert all(c["execution_count"] is not None for c in code_cells(nb))
    assert any(c["outputs"] for c in code_cells(nb)), "no stored outputs: nbval would check nothing"


def test_no_saved_widget_state(nb):
    assert "widgets" not in nb["metadata"]
    for cell in code_cells(nb):
        for out in cell["outputs"]:
            assert "application/vnd.jupyter.widget-view+json" not in out.get("data", {})


def test_no_error_outputs(nb):
    for cell in code_cells(nb):
        for out in cell["outputs"]:
            assert out["output_type"] != "error", f"{out.get('ename')}: {out.get('evalue')}"
            if out["output_type"] == "stream":
                assert out["name"] != "stderr", "".join(out["text"])


def test_no_absolute_paths_in_outputs(nb):
    for i, cell in enumerate(code_cells(nb), 1):
        text = json.dumps(cell["outputs"])
        match = ABSOLUTE_PATH.search(text)
        assert match is None, f"code cell {i}: {match.group(0)}"


def test_clean_metadata(nb):
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    assert set(nb["metadata"]) <= {"kernelspec", "language_info"}
    for i, cell in enumerate(nb["cells"], 1):
        assert cell["id"] == f"c{i:02d}"
        assert set(cell["metadata"]) <= {"slideshow", "tags"}, cell["metadata"]


def test_every_cell_has_slide_metadata(nb):
    for cell in nb["cells"]:
        assert cell["metadata"].get("slideshow", {}).get("slide_type") in SLIDE_TYPES, "".join(cell["source"])[:60]
    assert nb["cells"][0]["metadata"]["slideshow"]["slide_type"] == "slide"


def test_compared_cells_have_no_trailing_semicolon(nb):
    for cell in code_cells(nb):
        assert not "".join(cell["source"]).rstrip().endswith(";")


def test_only_widget_display_cells_skip_comparison(nb):
    for cell in code_cells(nb):
        tags = cell["metadata"].get("tags", [])
        if "nbval-ignore-output" in tags or "nbval-skip" in tags:
            texts = [o.get("data", {}).get("text/plain", "") for o in cell["outputs"]]
            assert texts and all("interactive widget" in "".join(t) for t in texts), "".join(cell["source"])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_opens_with_objectives_and_time_and_closes_with_takeaways_and_exercise(path):
    cells = load(path)["cells"]
    first = "".join(cells[0]["source"])
    last = "".join(cells[-1]["source"])
    assert cells[0]["cell_type"] == "markdown" and first.startswith("# ")
    if path.stem != "00_start_here":
        assert "Learning objectives" in first and "**Time:**" in first
        assert "Key take-aways" in last
        assert f"](../exercises/{EXERCISE_OF.get(path.stem, path.stem)}.ipynb)" in last
    else:
        assert "Learning objectives" in first and "**Time:**" in first
        assert "Key take-aways" in last and "](../exercises/" in last


def test_relative_links_point_to_files_that_exist():
    # The exercise notebooks are generated by another part of the project (exercises/source ->
    # exercises/*.ipynb); links into exercises/ are checked once any exercise notebook exists.
    exercises = any((ROOT / "exercises").glob("*.ipynb"))
    missing = []
    for path in NOTEBOOKS:
        for cell in load(path)["cells"]:
            if cell["cell_type"] != "markdown":
                continue
            for target in re.findall(r"\]\(([^)#:]+\.ipynb)\)", "".join(cell["source"])):
                resolved = (path.parent / target).resolve()
                if not resolved.exists() and (not target.startswith("../exercises/") or exercises):
                    missing.append(f"{path.name}: {target}")
    assert not missing
