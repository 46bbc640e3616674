"""The JupyterLite site build works offline once its downloads are cached (issue 5: "the site
build command works offline").

First an ordinary build (it fills ``.cache/lite/`` from PyPI and npm when empty; a no-op when
the site is up to date), then ``scripts/build_lite.py --force`` in a network namespace with no
network at all (``unshare -n``): every download, pip call, uv solve, bytecode compilation and
``jupyter lite build`` must do without. The offline build goes to a folder of this test's own:
in a parallel run, another worker may be serving ``_site/`` to the browser tests at that moment
(tests/browser/test_jupyterlite_site.py), and builds take turns on a file lock.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _no_network_prefix() -> list[str]:
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-n", "true"], capture_output=True).returncode == 0:
        return [unshare, "-n"]
    if unshare and subprocess.run([unshare, "-rn", "true"], capture_output=True).returncode == 0:
        return [unshare, "-rn"]
    if os.environ.get("CI"):
        pytest.fail("CI must be able to run a command without network (unshare -n)")
    pytest.skip("cannot start a process without network here (unshare -n not permitted)")


def test_the_site_rebuilds_with_no_network(tmp_path):
    prefix = _no_network_prefix()
    script = str(ROOT / "scripts" / "build_lite.py")
    subprocess.run([sys.executable, script], cwd=ROOT, check=True, capture_output=True)  # fills the cache
    site = tmp_path / "site"
    offline = subprocess.run([*prefix, sys.executable, script, "--force", "--output", str(site)],
                             cwd=ROOT, capture_output=True, text=True)
    assert offline.returncode == 0, offline.stdout[-3000:] + offline.stderr[-3000:]
    assert f"JupyterLite site built: {site}" in offline.stdout
    assert (site / "static" / "pyodide-lock" / "pyodide-lock.json").is_file()
    # The proof that the namespace really has no network: the same interpreter cannot reach PyPI.
    probe = subprocess.run([*prefix, sys.executable, "-c",
                            "import urllib.request; urllib.request.urlopen('https://pypi.org/simple/', timeout=5)"],
                           capture_output=True, text=True)
    assert probe.returncode != 0 and ("URLError" in probe.stderr or "OSError" in probe.stderr), probe.stderr[-500:]
