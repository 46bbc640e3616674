#!/usr/bin/env python
"""Build the exercise notebooks from ONE source: exercises/source/<stem>.yaml.

For every spec this writes two notebooks (scikit-learn-MOOC style, never hand-copied):

- exercises/<stem>.ipynb            the student version: `answer = None` stubs, hints and
                                    solutions only on request (commented calls)
- exercises/solutions/<stem>.ipynb  the lecturer version: worked answers filled in, the
                                    engine's reasoning, and discussion points

Answers are never typed into a spec: the builder asks the question bank (whose case keys
come from triage()/wells_score()), so a change in the engine shows up as drift.
Then both notebooks are executed in a fresh kernel in their own folder (counts 1..N),
cell ids are made deterministic and metadata is cleaned (no widget state, no timings).

    python scripts/build_exercises.py            # build and execute all
    python scripts/build_exercises.py 01_thrombosis_warning_signs
    python scripts/build_exercises.py --check    # exit 1 if committed notebooks drifted
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import nbformat
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run_notebooks  # noqa: E402  (shared notebook clean-up)

ROOT = Path(__file__).resolve().parent.parent
EXERCISES = ROOT / "exercises"
SOURCE = EXERCISES / "source"
SOLUTIONS = EXERCISES / "solutions"
IGNORE_OUTPUT = "nbval-ignore-output"
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def load_spec(stem: str) -> dict:
    with open(SOURCE / f"{stem}.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def stems() -> list[str]:
    return sorted(p.stem for p in SOURCE.glob("*.yaml"))


def _literal(value) -> str:
    """A Python literal for a key (str, int, list or dict of str): JSON is valid Python here."""
    return json.dumps(value, ensure_ascii=False)


def _md(text: str, tags=()) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_markdown_cell(text.strip())
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def _code(text: str, tags=()) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(text.strip())
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def _question_cells(cells: list, item: dict, pools: dict, number: int, solution: bool) -> int:
    """Append the cells of one question (heading, show, answer + check, help or worked answer)."""
    from legtwitch.quiz.questions import TYPE_NAMES
    pool_name = item.get("in", "ex")
    qid = item["question"]
    bound = pools[pool_name][qid]
    q, view = bound.question, bound.view
    number += 1
    var = f"q{number}"
    cells.append(_md(f"### Question {number}: {q.topic.title}\n\n*{TYPE_NAMES[q.kind]}*"))
    cells.append(_code(f'{var} = {pool_name}["{qid}"]\n{var}.show()'))
    if solution:
        # the answer as a student types it under this exercise's option order (a letter, a level, a number)
        cells.append(_code(f"answer = {_literal(bound.key_answer())}\n{var}.check(answer)"))
        worked = [f"**Worked answer.** {q.key_text(view)}", "", q.full_explanation(view), "",
                  "Sources: " + ", ".join(f"`{s}`" for s in q.source)]
        if item.get("discussion"):
            worked += ["", "**Discussion points.**", "", item["discussion"].strip()]
        cells.append(_md("\n".join(worked)))
    else:
        fmt = q.answer_format(view).split(", e.g.")[0]
        cells.append(_code(f"answer = None  # your answer: {fmt}\n{var}.check(answer)"))
        cells.append(_code(f"# Uncomment one line for help:\n# {var}.hint()\n# {var}.solution()"))
    return number


def build(spec: dict, version: str) -> nbformat.NotebookNode:
    """The unexecuted notebook for ``version`` ('student' or 'solution') of ``spec``."""
    from legtwitch.quiz import exercise, practice

    assert version in ("student", "solution")
    solution = version == "solution"
    root = "../.." if solution else ".."
    stem = spec["notebook"]
    ex = exercise(spec["bank"])
    pools = {"ex": ex}
    setup = [f'from legtwitch.quiz import exercise{", practice" if "practice" in spec else ""}',
             f'ex = exercise("{spec["bank"]}"{", repo_root=" + _literal(root) if solution else ""})',
             "ex.intro()"]
    if "practice" in spec:
        p = spec["practice"]
        pools["pr"] = practice(p["seed"], p["n"])
        setup.insert(2, f'pr = practice(seed={p["seed"]}, n={p["n"]}{", repo_root=" + _literal(root) if solution else ""})')

    teaching = spec["teaching"]
    cells = []
    title = spec["title"] + (" (lecturer version: worked answers)" if solution else "")
    head = [f"# {title}", "",
            f"Teaching notebook: [{teaching}]({root}/notebooks/{teaching}). Time: about {spec['minutes']} minutes.", ""]
    if solution:
        head += ["This is the **lecturer version**, generated by `scripts/build_exercises.py` from the same source "
                 f"as the student notebook (`exercises/source/{stem}.yaml`). Each question shows a worked answer and "
                 "discussion points. Do not edit it by hand: edit the source and rebuild.", ""]
    else:
        head += ["How to work: run the cell that shows a question, replace `None` in `answer = None` with your answer, "
                 "and run that cell: the letter of an option as shown, or its words (\"ultrasound\", \"see a doctor\"). "
                 "You get feedback at once, and your running score. Stuck? Uncomment `hint()`; "
                 "`solution()` shows the worked answer. At the end, a quiz widget offers the same questions with buttons.", ""]
    head += ["These questions are **formative self-checks**: the answers ship with the `legtwitch` package, so they are "
             "for learning, not for a secure exam. A teaching module, not a medical device."]
    cells.append(_md("\n".join(head)))
    if spec.get("intro"):
        cells.append(_md(spec["intro"]))
    cells.append(_code("\n".join(setup)))
    if solution:
        cells.append(_md(
            "## For the lecturer: the items of this exercise\n\nEach item's type, cognitive level (recall, apply, "
            "analyse), difficulty estimate, the case it uses (unseen: a case no teaching notebook works through) and "
            "the misconceptions its wrong options diagnose. `item_table()` with no argument covers every exercise."))
        cells.append(_code(f'from legtwitch.quiz import item_table\nitem_table("{spec["bank"]}")'))

    number = 0
    for item in spec["cells"]:
        if "md" in item:
            cells.append(_md(item["md"]))
            continue
        if "code" in item:
            cells.append(_code(item["code"], item.get("tags", ())))
            continue
        if "intro_practice" in item:
            cells.append(_code("pr.intro()"))
            continue
        if "practice_questions" in item:  # every generated question, in order
            items = [{"question": q.id, "in": "pr"} for q in pools["pr"].questions]
            items[-1]["discussion"] = item.get("discussion")
        else:
            items = [item]
        for one in items:
            number = _question_cells(cells, one, pools, number, solution)

    cells.append(_md("## Your score\n\nThe summary lists the topics to revisit, with the teaching-notebook section for each."))
    cells.append(_code("ex.summary()"))
    if "practice" in spec:
        cells.append(_code("pr.summary()"))
    cells.append(_md(
        "## Quiz mode\n\nThe same questions as a quiz widget: one question at a time, **Check answer** gives instant "
        "feedback, **Try again** clears it, **Finish** lists the topics to revisit. It shares the score with the cells "
        "above. Every control is labelled and works with the keyboard (Tab, Space, Enter); feedback is given in words "
        "and symbols, not only colour."))
    cells.append(_code("quiz = ex.widget()\nquiz", tags=(IGNORE_OUTPUT,)))
    if "practice" in spec:
        cells.append(_md("The generated practice cases have their own quiz (and their own score):"))
        cells.append(_code("practice_quiz = pr.widget()\npractice_quiz", tags=(IGNORE_OUTPUT,)))
    cells.append(_md(
        "## Hand in your results (optional)\n\nTo give your answers to a lecturer, save them as CSV or JSON "
        "(question id, answer, correct, time) and send the file:"))
    cells.append(_code(f'# ex.export("my_results_{stem[:2]}.csv")\n# ex.export("my_results_{stem[:2]}.json")'))
    cells.append(_md(
        "## Come back later: review what you missed\n\nSaved results feed a review queue: questions you got wrong, "
        "or whose solution you looked at, come back first, and questions you knew come back after longer and longer "
        "gaps (Leitner boxes: at once, after 1, 3, 7 and 21 days). `review()` reads every `my_results*` and "
        "`my_review*` file in this folder, so it works after a restart. In JupyterLite, download the files from the "
        "file browser to keep them and upload them again later."))
    cells.append(_code('# from legtwitch.quiz import review\n# rv = review()\n# rv.widget()                  '
                       '# or rv[0].show(), rv[0].check(...)\n# rv.export("my_review.json")  # moves the questions '
                       'between boxes'))

    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata = {"kernelspec": dict(KERNELSPEC), "language_info": {"name": "python"}}
    return normalise(nb)


def normalise(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The same clean-up as the teaching notebooks: deterministic ids, minimal metadata,
    no saved widget state and no widget-view output (its model id is random)."""
    return run_notebooks.normalise(nb)


def execute(nb: nbformat.NotebookNode, cwd: Path) -> nbformat.NotebookNode:
    from nbclient import NotebookClient
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(cwd)}},
                   record_timing=False).execute()
    return normalise(nb)


def target(stem: str, version: str) -> Path:
    return (SOLUTIONS if version == "solution" else EXERCISES) / f"{stem}.ipynb"


def shape(nb: nbformat.NotebookNode) -> list[tuple]:
    """What must not drift: each cell's type, source and tags."""
    return [(c.cell_type, c.source, tuple(c.metadata.get("tags", ()))) for c in nb.cells]


def drifted(stem: str) -> list[str]:
    """Notebooks whose committed cells differ from what the source builds (empty: in sync)."""
    spec = load_spec(stem)
    out = []
    for version in ("student", "solution"):
        path = target(stem, version)
        if not path.exists():
            out.append(f"{path.relative_to(ROOT)}: missing")
            continue
        committed = nbformat.read(path, as_version=4)
        if shape(committed) != shape(build(spec, version)):
            out.append(f"{path.relative_to(ROOT)}: differs from exercises/source/{stem}.yaml")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stems", nargs="*", help="exercise stems (default: all)")
    parser.add_argument("--check", action="store_true", help="only report drift; exit 1 if any")
    parser.add_argument("--no-execute", action="store_true", help="write without executing")
    args = parser.parse_args(argv)
    chosen = args.stems or stems()
    if args.check:
        problems = [p for stem in chosen for p in drifted(stem)]
        for p in problems:
            print(p)
        print("exercises in sync with their sources" if not problems else f"{len(problems)} notebook(s) drifted")
        return 1 if problems else 0
    SOLUTIONS.mkdir(exist_ok=True)
    for stem in chosen:
        spec = load_spec(stem)
        for version in ("student", "solution"):
            nb = build(spec, version)
            path = target(stem, version)
            if not args.no_execute:
                nb = execute(nb, path.parent)
            nbformat.write(nb, path)
            print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
