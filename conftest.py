"""Test markers and parallel groups for every test the session collects (tests/, notebooks/,
exercises/). At the repository root so that it applies however pytest is started, also to
``pytest notebooks/`` alone (tests/conftest.py only sees tests/).

Markers (registered in pyproject.toml) say what a test needs; ``make test-fast`` leaves out
every test marked ``browser``, ``notebook`` or ``slow`` (``-m "not browser and not notebook and
not slow"``), ``make test`` runs everything:

- ``browser``: every test under tests/browser/ (Chromium, Jupyter servers, the JupyterLite
  site). Applied here by folder: a new browser test needs no marker.
- ``notebook``: every nbval cell (applied here), and tests that start a Jupyter kernel or run
  nbconvert / nbval themselves.
- ``slow``: other tests that take seconds each (building the JupyterLite site).

A new test that starts a kernel, a server, a browser or a site build: put
``pytestmark = pytest.mark.notebook`` (or ``slow``) in its file, or add its file to MARKED below.
Everything else counts as fast: the quick loop for authors keeps up with new test files by itself.

Parallel runs (pytest-xdist, ``make test``: ``-n auto --dist loadgroup``): every notebook's nbval
cells form one group, so a notebook runs top to bottom in one kernel on one worker; all other
tests are handed out one at a time to whichever worker is free (largest groups first). The
grouping is done by the scheduler below: pytest-xdist 3.8 turns ``xdist_group`` marks into
groups by renaming each test's node id, which pytest 9 no longer allows (the mark is silently
ignored), so a notebook's cells would otherwise be spread over several kernels.
"""
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent

# Tests outside tests/browser/ that run notebooks, kernels or builds (a node id prefix -> marker).
MARKED = {
    "tests/test_classroom.py": "notebook",               # nbconvert --to slides, every notebook
    "tests/test_nbval_fault_injection.py": "notebook",   # nbval in a subprocess, three runs
    "tests/test_exercises_fault.py": "notebook",         # nbval in a subprocess
    "tests/test_exercises_notebooks.py::test_student_notebook_with_wrong_answers_says_not_quite": "notebook",
    "tests/test_lite_build.py": "slow",                  # builds the JupyterLite site (twice)
    "tests/hostile/": "slow",                            # about 100 CLI subprocesses under resource limits
    "tests/test_check_environment.py::test_the_start_notebook_runs_when_copied_alone": "notebook",  # nbval
    "tests/test_make_lab.py": "slow",                    # make lab starts a JupyterLab server
}


@pytest.hookimpl(tryfirst=True)  # marks in place before any other plugin looks at them
def pytest_collection_modifyitems(config, items):
    for item in items:
        try:
            rel = item.path.resolve().relative_to(ROOT)
        except ValueError:  # a test file outside the repository (a test's own temporary tree)
            continue
        if item.path.suffix == ".ipynb":  # an nbval cell
            item.add_marker(pytest.mark.notebook)
            # One notebook, one kernel, one worker: the mark says so; pytest_xdist_make_scheduler does it.
            item.add_marker(pytest.mark.xdist_group(rel.as_posix()))
        elif rel.parts[:2] == ("tests", "browser"):
            item.add_marker(pytest.mark.browser)
        for prefix, marker in MARKED.items():
            if item.nodeid.startswith(prefix):
                item.add_marker(getattr(pytest.mark, marker))


def pytest_xdist_make_scheduler(config, log):
    """``--dist loadgroup``, grouping by notebook file (see the module docstring)."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadGroupScheduling

    class NotebookGroupScheduling(LoadGroupScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            return path if path.endswith(".ipynb") else super()._split_scope(nodeid)

    return NotebookGroupScheduling(config, log)
