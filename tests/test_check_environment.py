"""The environment check lives in the package: ``legtwitch.check_environment()`` works wherever a
notebook is opened, and the start notebook runs (and matches its stored outputs) when copied
alone into an empty folder, as a student who downloads one file would run it."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import legtwitch
from legtwitch import environment

ROOT = Path(__file__).resolve().parent.parent


def test_every_requirement_gets_a_line_and_a_verdict():
    report = legtwitch.check_environment()
    lines = str(report).splitlines()
    assert len(lines) == len(environment.REQUIREMENTS) + 1
    assert all(line.startswith(("[ OK ]", "[FAIL]")) for line in lines[:-1])
    assert report.ok and lines[-1] == "Everything is ready."


def test_a_missing_or_too_old_package_fails_with_what_is_needed():
    report = legtwitch.check_environment((("no-such-package-xyz", "1", None, "x"), ("PyYAML", "99", None, "x")))
    assert not report.ok
    assert "[FAIL] no-such-package-xyz is not installed (need >=1)" in report
    assert "(need >=99)" in report and report.endswith("see the README's install steps.")


def test_the_script_runs_the_same_check_from_a_terminal():
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_env.py")], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.strip() == str(legtwitch.check_environment())


def test_the_start_notebook_runs_when_copied_alone(tmp_path):
    pytest.importorskip("nbval")
    alone = tmp_path / "somewhere-else"
    alone.mkdir()
    shutil.copy(ROOT / "notebooks" / "00_start_here.ipynb", alone)
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "addopts=",
                           "--basetemp", str(tmp_path / "bt"), "--nbval", "--nbval-current-env",
                           "--nbval-sanitize-with", str(ROOT / "tests" / "nbval_sanitize.cfg"),
                           str(alone / "00_start_here.ipynb")], cwd=alone, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert " passed" in done.stdout and "failed" not in done.stdout
