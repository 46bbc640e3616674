"""The exercise notebooks: generated from one source, in sync, fresh, and honest to students.

- drift: regenerating from exercises/source/*.yaml reproduces the committed notebooks;
- freshness: executed 1..N, no widget state, no errors, no absolute paths, clean metadata;
- the student version shows no answer; the lecturer version answers every question right;
- learntools' two-way test at notebook level: the student notebook filled with typical
  wrong answers, executed in a fresh kernel, says "Not quite" for every question.

nbval (pytest --nbval --nbval-current-env exercises/) compares every stored output on top.
"""
from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import nbformat
import pytest

from legtwitch.quiz import load_banks

ROOT = Path(__file__).resolve().parent.parent
EXERCISES = ROOT / "exercises"
STEMS = ["01_thrombosis_warning_signs", "02_why_legs_twitch", "03_treatment", "04_diagnosis",
         "05_triage_cases", "06_case_clinic", "07_reasoning_with_probability"]
ABSOLUTE_PATH = re.compile(r"(?<![\w.])/(work|root|home|tmp|Users)/")
ANSWER_CELL = re.compile(r"^answer = (.*?)(?:  # .*)?\n(q\d+)\.check\(answer\)$")


def _builder():
    spec = importlib.util.spec_from_file_location("build_exercises", ROOT / "scripts" / "build_exercises.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BUILD = _builder()
NOTEBOOKS = [EXERCISES / f"{s}.ipynb" for s in STEMS] + [EXERCISES / "solutions" / f"{s}.ipynb" for s in STEMS]


def _read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def _text(output) -> str:
    if output.get("output_type") == "stream":
        return output["text"]
    return output.get("data", {}).get("text/plain", "")


def _answer_cells(nb):
    return [(c, ANSWER_CELL.match(c.source)) for c in nb.cells if c.cell_type == "code" and ANSWER_CELL.match(c.source)]


def test_one_student_and_one_solution_notebook_per_source():
    assert sorted(p.stem for p in (EXERCISES / "source").glob("*.yaml")) == STEMS
    assert sorted(p.stem for p in EXERCISES.glob("*.ipynb")) == STEMS
    assert sorted(p.stem for p in (EXERCISES / "solutions").glob("*.ipynb")) == STEMS


@pytest.mark.parametrize("stem", STEMS)
def test_no_drift_between_source_and_committed_notebooks(stem):
    assert BUILD.drifted(stem) == [], "run: python scripts/build_exercises.py " + stem


def test_drift_is_detected(tmp_path, monkeypatch):
    """The drift check can fail: a hand edit in a committed notebook is reported."""
    for folder in ("", "solutions"):
        (tmp_path / folder).mkdir(exist_ok=True)
        src = EXERCISES / folder / "03_treatment.ipynb"
        (tmp_path / folder / "03_treatment.ipynb").write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    nb = _read(tmp_path / "03_treatment.ipynb")
    nb.cells[5].source += "\n# edited by hand"
    nbformat.write(nb, tmp_path / "03_treatment.ipynb")
    monkeypatch.setattr(BUILD, "EXERCISES", tmp_path)
    monkeypatch.setattr(BUILD, "SOLUTIONS", tmp_path / "solutions")
    monkeypatch.setattr(BUILD, "ROOT", tmp_path)
    assert BUILD.drifted("03_treatment") == ["03_treatment.ipynb: differs from exercises/source/03_treatment.yaml"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_notebook_is_fresh_and_clean(path):
    nb = _read(path)
    raw = json.loads(path.read_text(encoding="utf-8"))
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1))
    assert "widgets" not in raw["metadata"]
    assert set(raw["metadata"]) == {"kernelspec", "language_info"}
    assert [c.id for c in nb.cells] == [f"c{i:02d}" for i in range(1, len(nb.cells) + 1)]
    for cell in code:
        assert cell.outputs or cell.source.startswith("#"), f"{path.name}: cell without output: {cell.source[:40]}"
        for output in cell.outputs:
            assert output.output_type != "error", path.name
            assert "application/vnd.jupyter.widget-view+json" not in output.get("data", {}), path.name  # random model id
            assert not ABSOLUTE_PATH.search(json.dumps(output)), path.name
        assert "execution" not in cell.metadata


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_only_widget_display_cells_are_exempt_from_nbval(path):
    for cell in _read(path).cells:
        if "nbval-ignore-output" in cell.metadata.get("tags", []):
            assert cell.source in ("quiz = ex.widget()\nquiz", "practice_quiz = pr.widget()\npractice_quiz"), cell.source


@pytest.mark.parametrize("stem", STEMS)
def test_every_bank_question_is_asked_once(stem):
    bank = load_banks()[stem]
    for path in (EXERCISES / f"{stem}.ipynb", EXERCISES / "solutions" / f"{stem}.ipynb"):
        sources = "\n".join(c.source for c in _read(path).cells if c.cell_type == "code")
        for q in bank.questions:
            assert sources.count(f'ex["{q.id}"]') == 1, (path.name, q.id)


@pytest.mark.parametrize("stem", STEMS)
def test_student_version_shows_no_answer(stem):
    nb = _read(EXERCISES / f"{stem}.ipynb")
    cells = _answer_cells(nb)
    assert cells
    for cell, match in cells:
        assert match.group(1) == "None", cell.source
        assert "Not answered yet" in "".join(_text(o) for o in cell.outputs)
    everything = "\n".join(_text(o) for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert "✓ Correct" not in everything and "Answer: " not in everything and "Worked answer" not in everything
    assert not any("Worked answer" in c.source for c in nb.cells if c.cell_type == "markdown")
    hints = [c.source for c in nb.cells if c.cell_type == "code" and ".solution()" in c.source]
    assert hints and all(line.startswith("#") for src in hints for line in src.splitlines())


@pytest.mark.parametrize("stem", STEMS)
def test_solution_version_answers_every_question_right(stem):
    nb = _read(EXERCISES / "solutions" / f"{stem}.ipynb")
    cells = _answer_cells(nb)
    for cell, match in cells:
        assert match.group(1) != "None"
        out = "".join(_text(o) for o in cell.outputs)
        assert out.startswith("✓ Correct") and "\nScore: " in out, cell.source
    worked = [c for c in nb.cells if c.cell_type == "markdown" and c.source.startswith("**Worked answer.**")]
    assert len(worked) == len(cells)
    assert any("**Discussion points.**" in c.source for c in worked)
    summary = [c for c in nb.cells if c.cell_type == "code" and c.source == "ex.summary()"][0]
    assert "nothing to revisit" in _text(summary.outputs[0])


@pytest.mark.parametrize("stem", STEMS)
def test_student_notebook_with_wrong_answers_says_not_quite(stem):
    """learntools' two-way test, at notebook level, in a fresh kernel."""
    from nbclient import NotebookClient

    from legtwitch.quiz import exercise, practice
    spec = BUILD.load_spec(stem)
    nb = BUILD.build(spec, "student")
    pools = {"ex": exercise(spec["bank"])}
    if "practice" in spec:
        pools["pr"] = practice(spec["practice"]["seed"], spec["practice"]["n"])
    shown = {}
    for cell in nb.cells:
        m = re.match(r'^(q\d+) = (ex|pr)\["(\w+)"\]', cell.source)
        if m:
            shown[m.group(1)] = pools[m.group(2)][m.group(3)]  # bound: wrong answers as the letters shown
    checked = 0
    for cell in nb.cells:
        m = ANSWER_CELL.match(cell.source) if cell.cell_type == "code" else None
        if m:
            wrong = shown[m.group(2)].example_wrong_answers()[0]
            cell.source = f"answer = {json.dumps(wrong)}\n{m.group(2)}.check(answer)"
            cell.metadata["tags"] = ["wrong"]
            checked += 1
    nb.cells = [c for c in nb.cells if "nbval-ignore-output" not in c.metadata.get("tags", [])]
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(EXERCISES)}}).execute()
    outs = ["".join(_text(o) for o in c.outputs) for c in nb.cells if "wrong" in c.metadata.get("tags", [])]
    assert len(outs) == checked > 0
    for out in outs:
        assert out.startswith("✗ Not quite"), out
        assert "Score: 0 of" in out


@pytest.mark.parametrize("stem", STEMS)
def test_solution_version_has_the_lecturer_item_table(stem):
    nb = _read(EXERCISES / "solutions" / f"{stem}.ipynb")
    cells = [c for c in nb.cells if c.cell_type == "code" and c.source.startswith("from legtwitch.quiz import item_table")]
    assert len(cells) == 1
    out = "".join(_text(o) for o in cells[0].outputs)
    bank = load_banks()[stem]
    assert out.startswith(f"{len(bank.questions)} items. By topic and cognitive level:")
    assert all(f"  {q.id}: " in out for q in bank.questions)
    assert not any("item_table" in c.source for c in _read(EXERCISES / f"{stem}.ipynb").cells)


def test_the_seeded_practice_cases_have_a_quiz_of_their_own():
    for path in (EXERCISES / "06_case_clinic.ipynb", EXERCISES / "solutions" / "06_case_clinic.ipynb"):
        assert any(c.source == "practice_quiz = pr.widget()\npractice_quiz" for c in _read(path).cells)


def test_solution_answers_are_the_letters_shown_not_the_bank_ids():
    """Under the exercise's option order the typed answer is the letter shown, so it can differ
    from the bank's option id; at least one question per option bank shows that it does."""
    from legtwitch.quiz import exercise
    for stem in STEMS:
        ex = exercise(stem)
        differs = [b.id for b in ex if b.question.kind == "single" and b.key_answer() != b.question.key]
        assert differs, stem
