"""Proof that the exercise checks can fail: with the engine lowering 'urgent' to 'see a doctor'
in the kernel, nbval of a lecturer notebook must fail (its stored outputs say 'Urgent' and
'✓ Correct'). The fault keeps the banks loadable, so the failure is a wrong answer, not a crash."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FAULT = '''
from dataclasses import replace
import legtwitch.engine as engine
from legtwitch.levels import TriageLevel
_real = engine.triage
def _lowered(scenario):
    result = _real(scenario)
    return replace(result, level=TriageLevel.SEE_DOCTOR) if result.level is TriageLevel.URGENT else result
engine.triage = _lowered
'''


def _nbval_with_fault(tmp_path, fault: str, notebook: str) -> subprocess.CompletedProcess:
    """nbval on ``notebook`` in a child Python whose ``sitecustomize`` plants ``fault``."""
    (tmp_path / "sitecustomize.py").write_text(fault, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(tmp_path) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    cmd = [sys.executable, "-m", "pytest", "--nbval", "--nbval-current-env", "-q", "-p", "no:cacheprovider",
           "--nbval-sanitize-with", str(ROOT / "tests" / "nbval_sanitize.cfg"),
           str(ROOT / "exercises" / "solutions" / notebook)]
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def test_nbval_of_exercises_catches_a_broken_engine(tmp_path):
    run = _nbval_with_fault(tmp_path, FAULT, "01_thrombosis_warning_signs.ipynb")
    assert run.returncode != 0, run.stdout[-2000:]
    assert "failed" in run.stdout
    assert "✗ Not quite" in run.stdout and "Urgent" in run.stdout
    assert "DataError" not in run.stdout  # the banks still load: it is the answers that are wrong


SENSITIVITY_FAULT = '''
from dataclasses import replace
import legtwitch.probability as probability
_real = probability.likelihood_ratios
def _less_sensitive(test_id, **context):
    lrs = _real(test_id, **context)
    return replace(lrs, sensitivity=lrs.sensitivity - 0.05) if lrs.test == "d_dimer" else lrs
probability.likelihood_ratios = _less_sensitive
'''


def test_nbval_of_exercise_07_catches_a_changed_sensitivity(tmp_path):
    """Issue 12: a changed D-dimer sensitivity in the knowledge base makes exercise 07 fail."""
    run = _nbval_with_fault(tmp_path, SENSITIVITY_FAULT, "07_reasoning_with_probability.ipynb")
    assert run.returncode != 0, run.stdout[-2000:]
    assert "failed" in run.stdout and "DataError" not in run.stdout
