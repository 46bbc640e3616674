#!/usr/bin/env python
"""Check that the packages this module needs are installed, in the scikit-learn-MOOC style.

    python scripts/check_env.py

Prints ``[ OK ]`` or ``[FAIL]`` per package with the version found and the version needed,
and exits 1 if anything is missing or too old. The start notebook calls ``report()``.
"""
from __future__ import annotations

import sys
from importlib import metadata

# (distribution, minimum version, maximum version excluded or None, what it is for)
REQUIREMENTS = (
    ("python", "3.10", None, "the language"),
    ("legtwitch", "0.1", None, "this module's package (pip install -e .)"),
    ("PyYAML", "6", None, "the knowledge base and case files"),
    ("ipywidgets", "8", "9", "the interactive widgets"),
    ("ipykernel", "6", None, "the notebook kernel"),
    ("jupyterlab", "4", "5", "the notebook interface"),
    ("nbformat", "5.9", None, "reading notebooks (tests)"),
)

# In the JupyterLite site (Pyodide in the browser: sys.platform "emscripten") the web page is the
# notebook interface: there is no Jupyter server, real ipykernel or nbformat to check.
NOT_IN_THE_BROWSER = {"ipykernel", "jupyterlab", "nbformat"}


def _version_tuple(text: str) -> tuple[int, ...]:
    parts = []
    for piece in text.split("."):
        digits = "".join(ch for ch in piece if ch.isdigit()) if piece else ""
        if not digits or not piece[0].isdigit():
            break
        parts.append(int(digits))
    return tuple(parts)


def installed_version(name: str) -> str | None:
    if name == "python":
        return ".".join(map(str, sys.version_info[:3]))
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def check(name: str, minimum: str, below: str | None) -> tuple[bool, str]:
    """(ok, one line) for one requirement."""
    found = installed_version(name)
    need = f">={minimum}" + (f",<{below}" if below else "")
    if found is None:
        return False, f"[FAIL] {name} is not installed (need {need})"
    v = _version_tuple(found)
    ok = v >= _version_tuple(minimum) and (below is None or v < _version_tuple(below))
    return ok, f"[{' OK ' if ok else 'FAIL'}] {name} {found}" + ("" if ok else f" (need {need})")


def report(requirements=REQUIREMENTS) -> bool:
    """Print one line per requirement; return True when everything is fine."""
    if sys.platform == "emscripten":
        requirements = [r for r in requirements if r[0] not in NOT_IN_THE_BROWSER]
    results = [check(name, lo, hi) for name, lo, hi, _why in requirements]
    for _ok, line in results:
        print(line)
    all_ok = all(ok for ok, _ in results)
    print("Everything is ready." if all_ok else "Something is missing: see the README's install steps.")
    return all_ok


if __name__ == "__main__":
    sys.exit(0 if report() else 1)
