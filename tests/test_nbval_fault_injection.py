"""The notebook suite can fail: with a triage rule deliberately broken, nbval on
05_triage_cases.ipynb and on 07_case_practice.ipynb must fail (their checking cells print only a
verdict, which changes); with a test's sensitivity changed in knowledge.yaml, nbval on
06_reasoning_with_probability.ipynb must fail; and the same runs without the fault must pass.

The package is copied to a temporary folder and the copy is broken there (the working tree
is never touched). nbval runs in a subprocess with PYTHONPATH pointing at the copy: the
kernel starts in the notebook's folder, so the copy is imported instead of the installed
package. The control run (same copy, no fault) proves the failure comes from the fault and
not from the copying.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("nbval")

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "notebooks" / "05_triage_cases.ipynb"
PROBABILITY = ROOT / "notebooks" / "06_reasoning_with_probability.ipynb"
PRACTICE = ROOT / "notebooks" / "07_case_practice.ipynb"
SANITIZE = ROOT / "tests" / "nbval_sanitize.cfg"


def _replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"fault anchor not found exactly once in {path.name}: {old!r}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def lower_suspected_dvt_in_knowledge(pkg: Path) -> None:
    """A suspected clot asks only for 'see a doctor' instead of 'urgent'."""
    _replace_once(pkg / "data" / "knowledge.yaml", "  suspected_dvt:\n    level: urgent",
                  "  suspected_dvt:\n    level: see_doctor")


def drop_breathlessness_from_pe_signs(pkg: Path) -> None:
    """The emergency rule forgets breathlessness (a code fault, in rules.py)."""
    _replace_once(pkg / "rules.py", 'PE_WARNING_SIGNS = ("chest_pain", "short_of_breath", ',
                  'PE_WARNING_SIGNS = ("chest_pain", ')


def lower_d_dimer_sensitivity_for_dvt(pkg: Path) -> None:
    """The D-dimer's sensitivity for a DVT drops from 96.1 % to 90 % (a data fault)."""
    _replace_once(pkg / "data" / "knowledge.yaml", "    sensitivity: 0.961\n", "    sensitivity: 0.90\n")


def run_nbval(pkg_parent: Path, tmp_path: Path, notebook: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [str(pkg_parent), *filter(None, [os.environ.get("PYTHONPATH")])]))
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "addopts=",
           "--basetemp", str(tmp_path / "basetemp"), "--nbval", "--nbval-current-env",
           "--nbval-sanitize-with", str(SANITIZE), str(notebook)]
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


def copy_package(tmp_path: Path) -> Path:
    parent = tmp_path / "src"
    shutil.copytree(ROOT / "legtwitch", parent / "legtwitch", ignore=shutil.ignore_patterns("__pycache__"))
    return parent


@pytest.mark.parametrize("notebook", [CASES, PROBABILITY, PRACTICE], ids=lambda p: p.stem)
def test_control_run_with_an_unbroken_copy_passes(tmp_path, notebook):
    parent = copy_package(tmp_path)
    done = run_nbval(parent, tmp_path, notebook)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert " passed" in done.stdout and "failed" not in done.stdout


@pytest.mark.parametrize(("fault", "notebook"), [(lower_suspected_dvt_in_knowledge, CASES),
                                                (drop_breathlessness_from_pe_signs, CASES),
                                                (lower_suspected_dvt_in_knowledge, PRACTICE),
                                                (drop_breathlessness_from_pe_signs, PRACTICE),
                                                (lower_d_dimer_sensitivity_for_dvt, PROBABILITY)],
                         ids=lambda x: getattr(x, "__name__", None) or x.stem)
def test_a_broken_rule_makes_the_notebook_fail(tmp_path, fault, notebook):
    parent = copy_package(tmp_path)
    fault(parent / "legtwitch")
    done = run_nbval(parent, tmp_path, notebook)
    assert done.returncode == 1, done.stdout[-3000:] + done.stderr[-2000:]
    # It fails because stored outputs no longer match, not because something crashed.
    assert "mismatch" in done.stdout and " failed" in done.stdout
    assert "caused an exception" not in done.stdout
