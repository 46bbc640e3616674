#!/usr/bin/env python
"""Check that the packages this module needs are installed (see ``legtwitch/environment.py``).

    python scripts/check_env.py

Prints ``[ OK ]`` or ``[FAIL]`` per package and exits 1 if anything is missing or too old. The
check is loaded from the package's source file, so it runs before legtwitch is installed.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_FILE = Path(__file__).resolve().parent.parent / "legtwitch" / "environment.py"
_spec = importlib.util.spec_from_file_location("legtwitch_environment", _FILE)
environment = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(environment)

if __name__ == "__main__":
    result = environment.check_environment()
    print(result)
    sys.exit(0 if result.ok else 1)
