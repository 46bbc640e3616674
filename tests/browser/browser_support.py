"""Shared pieces of the browser tests and the browser benchmark: servers on 127.0.0.1, cleared
notebook copies, and the page-side steps (wait for the kernel, Run All, tick a box, read a level).

Why a module and not only fixtures: ``benchmarks/browser_bench.py`` drives the same servers and
pages outside pytest, so the steps it times are exactly the steps the tests prove.

Every server runs with its own config, runtime, data, IPython and temp folders (the machine is
shared) and serves a *copy* of the notebooks with outputs cleared: JupyterLab autosaves, and a
cleared copy means that any output the browser shows was produced by a kernel in this run.
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
# DEVELOPERS' brief: without the background-networking flags Chromium keeps trying Google's hosts.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
# The glossary is generated markdown without code cells: nothing to run (tests/test_glossary.py).
TEACHING = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "notebooks").glob("*.ipynb")
                  if p.name != "glossary.ipynb")
EXERCISES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "exercises").glob("*.ipynb"))
SOLUTIONS = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "exercises" / "solutions").glob("*.ipynb"))
# What the session's servers serve (cleared copies): every notebook a student or lecturer opens.
ALL_NOTEBOOKS = TEACHING + EXERCISES + SOLUTIONS
EXPLORER_NOTEBOOK = "notebooks/05_triage_cases.ipynb"
QUIZ_NOTEBOOK = "exercises/05_triage_cases.ipynb"
# A rendered widget: its view is the direct child of an output (JupyterLab sets no mime-type attribute there).
WIDGET_VIEW = ".jp-OutputArea-output > .jupyter-widgets"
# Offline, Voila's and JupyterLab's stylesheets ask a font CDN for icons and get a DNS failure.
HARMLESS_OFFLINE = ("cdn.jsdelivr.net", "ERR_NAME_NOT_RESOLVED")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def isolated_env(folder: Path) -> dict[str, str]:
    """Environment for one server: its own Jupyter and IPython folders and no "news" pop-up."""
    env = dict(os.environ)
    for var, sub in (("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_RUNTIME_DIR", "runtime"),
                     ("JUPYTER_DATA_DIR", "data"), ("IPYTHONDIR", "ipython"), ("TMPDIR", "tmp")):
        (folder / sub).mkdir(parents=True, exist_ok=True)
        env[var] = str(folder / sub)
    settings = folder / "config/lab/user-settings/@jupyterlab/apputils-extension"
    settings.mkdir(parents=True, exist_ok=True)
    (settings / "notification.jupyterlab-settings").write_text('{"fetchNews": "false"}')
    return env


def cleared_copy(paths: list[str], root: Path) -> Path:
    """Copy these repository notebooks under ``root`` with every output and count removed."""
    for rel in paths:
        nb = json.loads((ROOT / rel).read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if cell["cell_type"] == "code":
                cell["outputs"], cell["execution_count"] = [], None
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(nb, indent=1), encoding="utf-8")
    # What the notebooks reach outside themselves: voila.json is Voila's configuration (read from
    # its working folder).
    for rel in ("voila.json",):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / rel, root / rel)
    return root


def code_cells(rel: str) -> list[dict]:
    nb = json.loads((ROOT / rel).read_text(encoding="utf-8"))
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def widget_cells(rel: str) -> list[int]:
    """Indexes (among code cells) of the cells whose committed output is a legtwitch widget.

    Stored notebooks keep only a widget's plain-text fallback ("... interactive widget ... run
    the notebook to use it"), so that text marks every cell that must render a live widget."""
    return [i for i, c in enumerate(code_cells(rel)) if "interactive widget" in json.dumps(c["outputs"])]


def _get_json(url: str):
    with urllib.request.urlopen(url, timeout=5) as answer:
        return json.load(answer)


def _request(url: str, method: str) -> None:
    urllib.request.urlopen(urllib.request.Request(url, method=method), timeout=10).close()


class Server:
    """A Jupyter server (JupyterLab, Notebook 7 or Voila) started on 127.0.0.1."""

    def __init__(self, kind: str, url: str, root: Path, log: Path, notebooks: list[str]):
        self.kind, self.url, self.root, self.log, self.notebooks = kind, url, root, log, notebooks

    def kernels(self) -> list[dict]:
        return _get_json(self.url + "api/kernels")

    def sessions(self) -> list[dict]:
        return _get_json(self.url + "api/sessions")

    def fresh_kernels(self) -> None:
        """Shut down every session, so the next page starts a new kernel (a kernel outlives its page)."""
        for session in self.sessions():
            _request(f"{self.url}api/sessions/{session['id']}", "DELETE")
        deadline = time.monotonic() + 30
        while self.kernels():
            assert time.monotonic() < deadline, f"kernels still running: {self.kernels()}"
            time.sleep(0.2)

    def reset(self) -> None:
        """Before a test on a server shared by the session: no kernel left, and every notebook
        copy cleared again (JupyterLab autosaves: an earlier test's outputs must not be seen)."""
        if self.kind != "voila":  # Voila's kernels live and die with their page
            self.fresh_kernels()
        for checkpoints in self.root.rglob(".ipynb_checkpoints"):
            shutil.rmtree(checkpoints, ignore_errors=True)
        cleared_copy(self.notebooks, self.root)

    def notebook_url(self, rel: str) -> str:
        if self.kind == "lab":
            return f"{self.url}lab/tree/{rel}?reset"
        if self.kind == "notebook":
            return f"{self.url}notebooks/{rel}"
        return f"{self.url}voila/render/{rel}"


def _command(kind: str, root: Path, port: int) -> list[str]:
    bin_dir = Path(sys.executable).parent
    if kind == "voila":
        # Directory mode: every notebook under root at /voila/render/<path>; voila.json in cwd.
        return [str(bin_dir / "voila"), str(root), "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
                "--Voila.port_retries=0"]
    # port_retries=0: a port taken in the meantime fails the start (and jupyter_server tries
    # another one) instead of the server silently moving to the next port.
    return [str(bin_dir / "jupyter"), kind, "--no-browser", "--ip=127.0.0.1", f"--port={port}",
            "--ServerApp.port_retries=0", "--ServerApp.token=", "--ServerApp.password=",
            "--ServerApp.disable_check_xsrf=True", "--allow-root", f"--ServerApp.root_dir={root}"]


_PORT_TAKEN = ("already in use", "no available port", "Address already in use")


def _start(kind: str, root: Path, env: dict[str, str], log_path: Path, attempts: int = 3):
    """Start the server on a free port; returns (process, url). A port grabbed by another
    process between ``free_port()`` and the server's bind (parallel workers, a shared machine)
    means a new port, up to ``attempts`` times."""
    for attempt in range(1, attempts + 1):
        port = free_port()
        with log_path.open("w") as log:
            proc = subprocess.Popen(_command(kind, root, port), cwd=root, env=env, stdout=log,
                                    stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + 90
        while True:
            try:
                try:
                    urllib.request.urlopen(url + ("voila/" if kind == "voila" else "api/status"), timeout=2).close()
                except urllib.error.HTTPError:
                    pass  # any HTTP answer means a server is up
                # ... and it is this one: alive, and its log names the port it listens on.
                if proc.poll() is None and url in log_path.read_text():
                    return proc, url
                raise OSError("another process answers on this port")
            except OSError:
                if proc.poll() is not None:
                    text = log_path.read_text()
                    if attempt < attempts and any(m in text for m in _PORT_TAKEN):
                        break  # try another port
                    raise RuntimeError(f"{kind} did not start:\n" + text)
                if time.monotonic() > deadline:
                    proc.kill()
                    raise RuntimeError(f"{kind} did not answer in 90 s:\n" + log_path.read_text())
                time.sleep(0.2)
    raise AssertionError("unreachable")


@contextlib.contextmanager
def jupyter_server(kind: str, notebooks: list[str], folder: Path) -> Iterator[Server]:
    """Start ``jupyter lab`` / ``jupyter notebook`` / ``voila`` on cleared copies of ``notebooks``.

    Everything the server writes stays under ``folder`` (its own config, runtime, data, IPython
    and temp folders): parallel workers and other users of the machine never share a file.
    On exit the server is stopped and its kernels must be gone with it."""
    import psutil  # an ipykernel dependency, always installed with the test extras
    root = cleared_copy(notebooks, folder / "root")
    env = isolated_env(folder)
    log_path = folder / f"{kind}.log"
    proc, url = _start(kind, root, env, log_path)
    kernel_procs: list = []
    try:
        yield Server(kind, url, root, log_path, list(notebooks))
    finally:
        if proc.poll() is None:
            kernel_procs = psutil.Process(proc.pid).children(recursive=True)
            proc.terminate()  # the server shuts its kernels down on SIGTERM
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        _, alive = psutil.wait_procs(kernel_procs, timeout=10)
        for leftover in alive:
            leftover.kill()
        assert not alive, f"kernel processes outlived the {kind} server: {[p.pid for p in alive]}"


# -- page side ----------------------------------------------------------------------------------
LAB_KERNEL_IDLE = """() => {
    const bar = document.querySelector('#jp-main-statusbar');
    return !!bar && bar.textContent.includes('| Idle') && !bar.textContent.includes('No Kernel');
}"""
NOTEBOOK7_KERNEL_IDLE = """() => {
    const name = document.querySelector('.jp-NotebookPanel-toolbar .jp-Toolbar-kernelName');
    const tip = document.querySelector('.jp-NotebookPanel-toolbar .jp-Notebook-ExecutionIndicator-tooltip');
    return !!name && !!tip && name.textContent.trim() !== '' && !name.textContent.includes('No Kernel')
        && tip.textContent.includes('Kernel status: Idle');
}"""


def wait_for_kernel(page, server: Server, timeout_s: float = 90) -> None:
    """This page's kernel is connected (server side: one websocket) and idle (both sides).

    The toolbar says "Idle" before any kernel exists, so the server's view is checked too."""
    ready_js = LAB_KERNEL_IDLE if server.kind == "lab" else NOTEBOOK7_KERNEL_IDLE
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            kernels = server.kernels()
        except urllib.error.HTTPError as err:
            # jupyter_server 2.21 answers 500 (last_activity is None) while a kernel is half started.
            kernels = [{"error": str(err)}]
        if (len(kernels) == 1 and "error" not in kernels[0] and kernels[0]["connections"] >= 1
                and kernels[0]["execution_state"] == "idle" and page.evaluate(ready_js)):
            return
        assert time.monotonic() < deadline, f"kernel not ready after {timeout_s} s: {kernels}"
        page.wait_for_timeout(200)


def menu(page, top: str, command: str) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(rf"^{top}$")).click()
    page.locator(f"li[data-command='{command}']").click()


# True once the last code cell shows a number, or as soon as any cell shows an error: Run All
# stops at an error, and the test should then report the error, not a time-out.
_RUN_FINISHED = """([n]) => {
    const prompts = document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputPrompt');
    const last = prompts[prompts.length - 1];
    const failed = document.querySelector('.jp-Notebook .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]');
    return !!failed || (prompts.length === n && last.textContent.trim() === `[${n}]:`);
}"""


def run_all(page, n_code: int, timeout_ms: float = 120_000) -> None:
    """Run All from the Run menu and wait until the last of ``n_code`` cells has run."""
    menu(page, "Run", "runmenu:run-all")
    page.wait_for_function(_RUN_FINISHED, arg=[n_code], timeout=timeout_ms)


def run_all_from_clear(page, n_code: int, timeout_ms: float = 120_000) -> None:
    """Clear every output, then Run All: for notebooks served with their stored outputs
    (the JupyterLite site), where "[N]:" proves this run only after a clear."""
    from playwright.sync_api import expect
    menu(page, "Edit", "editmenu:clear-all")
    expect(page.locator(".jp-Notebook .jp-OutputArea-output")).to_have_count(0, timeout=30_000)
    run_all(page, n_code, timeout_ms)


def open_notebook(page, server: Server, rel: str) -> None:
    """Open ``rel`` and wait until every code cell is attached and the kernel is idle."""
    page.goto(server.notebook_url(rel), timeout=90_000)
    prompts = page.locator(".jp-Notebook .jp-CodeCell .jp-InputPrompt")
    prompts.first.wait_for(timeout=90_000)
    wait_for_kernel(page, server)
    # Notebook 7 attaches the cells below the fold a little later: wait for all of them.
    from playwright.sync_api import expect
    expect(prompts).to_have_count(len(code_cells(rel)), timeout=30_000)


def error_outputs(page) -> list[str]:
    """Texts of every stderr/error output shown (Python tracebacks and warnings alike)."""
    return page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').all_inner_texts()


def field_label(name: str) -> str:
    """The checkbox label of a scenario field: its FIELD_SPECS description (widgets use it)."""
    from legtwitch.scenario import FIELD_SPECS
    return next(s.description for s in FIELD_SPECS if s.name == name)


def level_text(level_value: str) -> str:
    """What the level badge reads: the upper-case label (the symbol is an SVG icon beside it)."""
    from legtwitch.levels import TriageLevel
    return TriageLevel(level_value).label.upper()


def explorer_parts(page):
    """The scenario explorer (outermost widget holding the calf-pain box) and its level badge."""
    explorer = page.locator(".jupyter-widgets", has=page.locator(".widget-checkbox", has_text=field_label("calf_pain"))).first
    explorer.wait_for(state="visible", timeout=120_000)
    return explorer, explorer.locator(".lt-result .lt-level")


def checkbox(explorer, field: str):
    return explorer.locator(".widget-checkbox", has_text=field_label(field)).locator("input[type=checkbox]")


SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"


def screenshot_if_failed(request, page) -> None:
    """After a failed test, save a full-page screenshot to ``test-artifacts/screenshots/``.

    Needs the ``rep_call`` report that tests/browser/conftest.py keeps on each test item."""
    report = getattr(request.node, "rep_call", None)
    if report is None or not report.failed:
        return
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / (re.sub(r"[^\w.-]+", "_", request.node.nodeid) + ".png")
    try:
        page.screenshot(path=str(target), full_page=True)
        print(f"screenshot of the failing page: {target.relative_to(ROOT)}")
    except Exception as err:  # a crashed page cannot be photographed; say so, keep the real failure
        print(f"no screenshot ({err.__class__.__name__}: {err})")


def real_console_errors(errors: list[str]) -> list[str]:
    return [e for e in errors if not any(h in e for h in HARMLESS_OFFLINE)]


# -- what a student does (shared by the JupyterLab, Notebook 7, Voila and JupyterLite tests) ----------
def expected_level(**findings) -> str:
    from legtwitch import Scenario, triage
    return triage(Scenario(**findings)).level.value


def rule_name(rule_id: str) -> str:
    """What a student reads for a rule (from the knowledge base, never typed into the test)."""
    from legtwitch.words import rule_name as name
    return name(rule_id)


def level_option(level_value: str) -> str:
    """A level as the prediction and commit controls label it (symbol and label)."""
    from legtwitch.levels import TriageLevel
    level = TriageLevel(level_value)
    return f"{level.symbol} {level.label}"


def explorer_urgent_then_emergency(page) -> None:
    """The explorer as a student finds it after Run All (blank, "predict first" on): tick a
    realistic presentation, predict one level too low, commit, and read the engine's level and
    the under-triage verdict; add chest pain, predict right, commit: EMERGENCY."""
    from playwright.sync_api import expect
    explorer, level = explorer_parts(page)
    # Blank after Run All: later cells drive their own explorer, never the student's.
    findings = explorer.locator(".widget-checkbox").filter(has_not_text="Predict first")
    expect(findings.locator("input[type=checkbox]:checked")).to_have_count(0)
    expect(explorer.get_by_role("checkbox", name=re.compile("^Predict first"))).to_be_checked()
    expect(explorer.locator(".lt-result")).to_have_count(0)
    expect(explorer.get_by_text("Answer hidden").first).to_be_visible()
    dvt = dict(calf_pain=True, leg_warm=True, leg_swollen=True)
    for field in dvt:
        checkbox(explorer, field).check()
    expect(explorer.get_by_text("Answer hidden").first).to_be_visible()
    expect(level).to_have_count(0)  # nothing of the answer before the prediction
    explorer.locator(".widget-dropdown", has_text="Your level").locator("select").select_option(
        label=level_option("see_doctor"))
    explorer.get_by_role("button", name="Commit my prediction").click()
    expect(level.first).to_have_text(level_text("urgent"), timeout=30_000)
    expect(explorer).to_contain_text("under-triage, the dangerous error")
    expect(explorer.locator(".lt-result")).to_contain_text(rule_name("suspected_dvt"))
    checkbox(explorer, "chest_pain").check()
    expect(explorer.locator(".lt-result")).to_have_count(0, timeout=30_000)  # a change hides it again
    explorer.locator(".widget-dropdown", has_text="Your level").locator("select").select_option(
        label=level_option("emergency"))
    explorer.get_by_role("button", name="Commit my prediction").click()
    expect(level.first).to_have_text(level_text("emergency"), timeout=30_000)
    expect(explorer.locator(".lt-result")).to_contain_text(rule_name("pe_warning_signs"))
    expect(explorer.locator(".lt-result")).not_to_contain_text("suspected_dvt")  # names, not ids
    # The page and the engine agree (the kernel imports the same package as this test).
    assert (expected_level(**dvt), expected_level(**dvt, chest_pain=True)) == ("urgent", "emergency")


def quiz_answers(rel: str = QUIZ_NOTEBOOK):
    """The labels of one wrong and the right option of the first question of the quiz in ``rel``,
    as the widget shows them (letters in the exercise's option order). Taken from the package
    (a headless widget over the same exercise and seed), never typed in."""
    from legtwitch.quiz import exercise
    ex = exercise(rel.split("/")[-1].removesuffix(".ipynb"))
    card = ex.widget().cards[0]
    labels = {oid: label for label, oid in card._options()}
    question = card.question
    return labels[question.example_wrong_answers()[0]], labels[question.key]


def quiz_wrong_then_right(page) -> None:
    """Wrong, then right, in the quiz widget of the page; check feedback and score each time."""
    from playwright.sync_api import expect
    wrong, right = quiz_answers()
    quiz = page.locator(".jupyter-widgets", has=page.get_by_role("button", name="Check answer")).first
    quiz.wait_for(state="visible", timeout=120_000)
    score = quiz.locator("strong", has_text=re.compile(r"^Score: "))
    expect(score).to_contain_text(re.compile(r"Score: 0 of \d+ correct \(0 at the first try; 0 answer\(s\) submitted\)"))
    quiz.get_by_role("radio", name=wrong, exact=True).check()
    quiz.get_by_role("button", name="Check answer").click()
    expect(quiz).to_contain_text("✗ Not quite", timeout=30_000)
    expect(score).to_contain_text(re.compile(r"Score: 0 of \d+ correct \(0 at the first try; 1 answer\(s\) submitted\)"))
    quiz.get_by_role("radio", name=right, exact=True).check()
    quiz.get_by_role("button", name="Check answer").click()
    expect(quiz).to_contain_text("✓ Correct", timeout=30_000)
    expect(score).to_contain_text(re.compile(r"Score: 1 of \d+ correct \(0 at the first try; 2 answer\(s\) submitted\)"))
