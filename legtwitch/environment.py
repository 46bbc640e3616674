"""Is everything installed? ``legtwitch.check_environment()`` prints nothing and returns a
report: one ``[ OK ]`` or ``[FAIL]`` line per package with the version found and the version
needed (the scikit-learn MOOC's ``check_env`` style), and ``.ok``.

It lives in the package so that it works wherever a notebook is opened: a notebook copied on
its own into an empty folder, Binder, the JupyterLite site. ``python scripts/check_env.py``
runs the same check from a terminal, even before legtwitch itself is installed.
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


class EnvironmentReport(str):
    """The check's lines as text (shown without quotes in a notebook), with ``ok``."""

    ok: bool = False

    def _repr_pretty_(self, p, cycle) -> None:
        p.text(str(self))


def check_environment(requirements=REQUIREMENTS) -> EnvironmentReport:
    """One line per requirement and a verdict; ``.ok`` is True when everything is fine."""
    if sys.platform == "emscripten":
        requirements = [r for r in requirements if r[0] not in NOT_IN_THE_BROWSER]
    results = [check(name, lo, hi) for name, lo, hi, _why in requirements]
    all_ok = all(ok for ok, _ in results)
    lines = [line for _ok, line in results]
    lines.append("Everything is ready." if all_ok else "Something is missing: see the README's install steps.")
    report = EnvironmentReport("\n".join(lines))
    report.ok = all_ok
    return report
