#!/usr/bin/env python
"""Re-execute the teaching notebooks in place, deterministically, for authors after an edit.

    python scripts/run_notebooks.py                 # every notebooks/*.ipynb
    python scripts/run_notebooks.py notebooks/05_triage_cases.ipynb
    python scripts/run_notebooks.py --timings       # also time each run against an empty notebook

Each notebook runs top to bottom in a fresh kernel started in the notebook's folder (as
nbval and Jupyter do), so execution counts are 1..N. Afterwards the file is normalised:
no ``metadata.widgets`` (no saved widget state) and no widget-view output (its model id is
random; the readable text fallback stays), cell ids ``c01``, ``c02``, ... so diffs stay
small, only ``slideshow`` and ``tags`` kept in cell metadata, a fixed kernelspec and a
minimal ``language_info``. The run fails (exit 1, file untouched) on an error output or
on an absolute path (/work, /root, /home, /tmp) in any output.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
LANGUAGE_INFO = {"name": "python", "pygments_lexer": "ipython3"}
CELL_METADATA_KEYS = ("slideshow", "tags")
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
ABSOLUTE_PATH = re.compile(r"(?<![\w.])/(work|root|home|tmp)/")


def normalise(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Strip volatile metadata in place (see module docstring) and return ``nb``."""
    nb.metadata = nbformat.from_dict({"kernelspec": KERNELSPEC, "language_info": LANGUAGE_INFO})
    nb.nbformat, nb.nbformat_minor = 4, 5
    for i, cell in enumerate(nb.cells, 1):
        cell.id = f"c{i:02d}"
        cell.metadata = nbformat.from_dict({k: cell.metadata[k] for k in CELL_METADATA_KEYS if k in cell.metadata})
        if cell.cell_type != "code":
            cell.pop("outputs", None)
            cell.pop("execution_count", None)
            continue
        for out in cell.outputs:
            if "data" in out:
                out["data"].pop(WIDGET_VIEW, None)
            if "metadata" in out:
                out["metadata"] = {}
    return nb


def problems(nb: nbformat.NotebookNode) -> list[str]:
    """Reasons this executed notebook must not be committed."""
    found = []
    for i, cell in enumerate(nb.cells, 1):
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                found.append(f"cell {i}: error output {out.get('ename')}: {out.get('evalue')}")
            match = ABSOLUTE_PATH.search(str(out))
            if match:
                found.append(f"cell {i}: absolute path {match.group(0)!r} in an output")
    return found


def execute(path: Path, timeout: int = 300) -> tuple[nbformat.NotebookNode, float]:
    """Run ``path`` in a fresh kernel in its own folder; return the notebook and seconds taken."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    client.execute()
    return nb, time.perf_counter() - start


def empty_notebook_seconds(folder: Path, runs: int = 3) -> float:
    """Kernel start + shutdown for a notebook with one empty code cell (the baseline).

    One warm-up run first (cold disk caches would flatter every later notebook), then the
    median of ``runs`` runs.
    """
    def once() -> float:
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("")], metadata={"kernelspec": KERNELSPEC})
        client = NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(folder)}})
        start = time.perf_counter()
        client.execute()
        return time.perf_counter() - start
    once()
    return sorted(once() for _ in range(runs))[runs // 2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="notebooks to run (default: notebooks/*.ipynb)")
    parser.add_argument("--timings", action="store_true", help="print each run's time next to an empty notebook's")
    parser.add_argument("--dry-run", action="store_true", help="execute and check, but do not write")
    args = parser.parse_args(argv)
    os.environ.setdefault("PYTHONHASHSEED", "0")
    paths = args.paths or sorted(p for p in (ROOT / "notebooks").glob("*.ipynb") if p.name != "glossary.ipynb")
    if not paths:
        print("no notebooks found", file=sys.stderr)
        return 1
    baseline = empty_notebook_seconds(paths[0].resolve().parent) if args.timings else None
    if baseline is not None:
        print(f"{'empty notebook (kernel start)':40s} {baseline:6.2f} s")
    failed = 0
    for path in paths:
        path = path.resolve()
        nb, seconds = execute(path)
        normalise(nb)
        found = problems(nb)
        rel = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name
        if found:
            failed += 1
            print(f"FAIL {rel}:", *found, sep="\n  ", file=sys.stderr)
            continue
        if not args.dry_run:
            text = nbformat.writes(nb, version=4)
            path.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
        ratio = f"  ({seconds / baseline:.2f} x empty)" if baseline else ""
        print(f"{str(rel):40s} {seconds:6.2f} s{ratio}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
