"""``make lab`` as a new user runs it: it serves the start notebook (also when the user is root,
as on a container or cloud shell, where JupyterLab alone refuses to start), and JupyterLab's
"Jupyter news" pop-up is switched off for this environment by the shipped settings."""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.skipif(not (VENV / "bin" / "jupyter").exists() or shutil.which("make") is None,
                    reason="make lab needs the project's .venv (make test creates it) and make")
def test_make_lab_serves_the_start_notebook_with_the_news_switched_off(tmp_path):
    port = _free_port()
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(tmp_path / "config"), "JUPYTER_RUNTIME_DIR": str(tmp_path / "rt"),
           "JUPYTERLAB_SETTINGS_DIR": str(tmp_path / "settings"), "BROWSER": "true"}
    args = f"--no-browser --ip=127.0.0.1 --port={port} --ServerApp.token= --ServerApp.password="
    proc = subprocess.Popen(["make", "-s", "lab", f"LAB_ARGS={args}"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True)
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(base + "api/contents/notebooks/00_start_here.ipynb?content=0", timeout=2) as r:
                    assert json.load(r)["name"] == "00_start_here.ipynb"
                break
            except OSError:
                assert proc.poll() is None, proc.stdout.read()
                assert time.monotonic() < deadline, "make lab did not serve the start notebook in 120 s"
                time.sleep(0.5)
        with urllib.request.urlopen(base, timeout=10) as r:  # the start page is the start notebook
            assert r.status == 200 and r.url.endswith("/lab/tree/notebooks/00_start_here.ipynb")
        with urllib.request.urlopen(base + "lab/api/settings/@jupyterlab/apputils-extension:notification", timeout=10) as r:
            settings = json.load(r)
        # The shipped overrides become the defaults of the setting's schema (JupyterLab's own default
        # for fetchNews is "none": ask, which is the pop-up).
        props = settings["schema"]["properties"]
        assert props["fetchNews"]["default"] == "false" and props["checkForUpdates"]["default"] is False
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        out = proc.communicate(timeout=30)[0]
    if os.getuid() == 0:  # the case JupyterLab alone refuses ("Running as root is not recommended")
        assert "Note: running as root" in out


def test_the_shipped_jupyterlab_settings_match_this_jupyterlab():
    """jupyter/overrides.json is generated from JupyterLab's own shortcut list: an upgrade that
    changes the notebook's shortcuts must regenerate it (scripts/lab_overrides.py)."""
    import sys
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "lab_overrides.py"), "--check"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    shortcuts = json.loads((ROOT / "jupyter" / "overrides.json").read_text())[
        "@jupyterlab/shortcuts-extension:shortcuts"]["shortcuts"]
    arrows = [s for s in shortcuts if s["keys"] == ["ArrowDown"]]
    assert [s.get("disabled", False) for s in arrows] == [True, False]
    assert arrows[1]["selector"].endswith(":not(.lt-widget *)")
