#!/usr/bin/env python
"""Write jupyter/overrides.json: the JupyterLab settings this module ships (make venv installs
them into .venv/share/jupyter/lab/settings/).

1. No "Jupyter news" pop-up over the start notebook, and no update check.
2. Keys typed into the module's widgets reach the widget. In command mode JupyterLab's notebook
   shortcuts (arrow keys move between cells, A inserts a cell, ...) fire whenever focus is
   anywhere inside the notebook except in a text field, so a keyboard user could not move
   through a group of radio buttons or a drop-down list in a widget (ipywidgets issue #3912).
   Each such default shortcut is disabled and re-added with the same keys and a selector that
   leaves out anything inside ``.lt-widget`` (the class every legtwitch widget carries).

    python scripts/lab_overrides.py          # rewrite jupyter/overrides.json
    python scripts/lab_overrides.py --check  # exit 1 if it is out of date with this JupyterLab
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "jupyter" / "overrides.json"
COMMAND_MODE = ".jp-Notebook.jp-mod-commandMode:not(.jp-mod-readWrite) :focus"
OUTSIDE_WIDGETS = COMMAND_MODE + ":not(.lt-widget *)"


def notebook_schema() -> Path:
    for base in (Path(sys.prefix) / "share" / "jupyter" / "lab" / "schemas", ):
        path = base / "@jupyterlab" / "notebook-extension" / "tracker.json"
        if path.exists():
            return path
    raise SystemExit("JupyterLab's notebook-extension schema was not found: run this in the project's .venv")


def overrides() -> dict:
    shortcuts = []
    for s in json.loads(notebook_schema().read_text(encoding="utf-8"))["jupyter.lab.shortcuts"]:
        if s["selector"] != COMMAND_MODE or not s.get("keys"):
            continue
        shortcuts.append({"command": s["command"], "keys": s["keys"], "selector": COMMAND_MODE, "disabled": True})
        shortcuts.append({"command": s["command"], "keys": s["keys"], "selector": OUTSIDE_WIDGETS})
    return {
        "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
        "@jupyterlab/shortcuts-extension:shortcuts": {"shortcuts": shortcuts},
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    text = json.dumps(overrides(), indent=2) + "\n"
    if args.check:
        same = TARGET.exists() and TARGET.read_text(encoding="utf-8") == text
        print("jupyter/overrides.json is up to date" if same else "jupyter/overrides.json is out of date")
        return 0 if same else 1
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
