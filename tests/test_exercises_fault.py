"""Proof that the exercise checks can fail: with the clot rule switched off in the kernel,
nbval of a lecturer notebook must fail (its stored outputs say 'urgent' and '✓ Correct')."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FAULT = '''
import legtwitch.rules as rules
rules.RULES = tuple(rules.Rule(r.id, lambda s: ()) if r.id == "suspected_dvt" else r for r in rules.RULES)
'''


def test_nbval_of_exercises_catches_a_broken_engine(tmp_path):
    (tmp_path / "sitecustomize.py").write_text(FAULT, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(tmp_path) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    cmd = [sys.executable, "-m", "pytest", "--nbval", "--nbval-current-env", "-q", "-p", "no:cacheprovider",
           "--nbval-sanitize-with", str(ROOT / "tests" / "nbval_sanitize.cfg"),
           str(ROOT / "exercises" / "solutions" / "01_thrombosis_warning_signs.ipynb")]
    run = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode != 0, run.stdout[-2000:]
    assert "failed" in run.stdout
    assert "act_quickly" in run.stdout or "urgent" in run.stdout
