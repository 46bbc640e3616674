"""Fixtures of the browser tests: Chromium, the servers, and a recorded page per test.

Expensive things are started once per test session (with ``make test``'s pytest-xdist: once per
worker, on first use) and shared by every test that asks for them; what a test changes is reset
by a function-scoped fixture before it runs:

    session (one each)                      per test
    playwright_chromium  Chromium           recorded_page   new context + page, console errors, screenshot
    jupyterlab           JupyterLab 4       fresh_lab       no kernel running, notebook copies cleared
    notebook7            Notebook 7         fresh_notebook7 the same for Notebook 7
    voila                Voila              (Voila's kernels live and die with their page)
    site_url             JupyterLite site   offline_page    new context + page, every request outside
                         (built if stale)                   the site blocked and recorded
    quiet_chromium       Chromium without its own autofill traffic (for offline_page)

Every server serves cleared copies of every notebook (``browser_support.ALL_NOTEBOOKS``) from its
own folder under pytest's per-worker temporary folder, on its own free port on 127.0.0.1.
The pattern for a new browser test: see docs/architecture.md ("Adding a browser test").

Chromium is Debian's (``apt-get install chromium``), driven by Playwright with
``executable_path``; never ``playwright install``. Without Chromium the browser tests skip with
a one-line reason on a user's machine; under ``CI=true`` (``.ci/run`` installs it) a missing
browser or Playwright is a failure, never a skip.
"""
from __future__ import annotations

import os
import shutil

import pytest

from browser_support import (ALL_NOTEBOOKS, CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS, jupyter_server,
                             screenshot_if_failed)

ON_CI = bool(os.environ.get("CI"))


def pytest_sessionstart(session):
    """Screenshots of an earlier run would mislead: the folder holds this run's failures only.

    Cleared once, by the main process (an xdist worker starting late must not delete the
    screenshots another worker has already taken)."""
    if not hasattr(session.config, "workerinput"):
        shutil.rmtree(SCREENSHOTS, ignore_errors=True)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the item, so the page fixture knows whether the test failed."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture(scope="session")
def playwright_chromium():
    """Debian's Chromium under Playwright, shared by every browser test of the session."""
    if not CHROMIUM.exists():
        if ON_CI:
            pytest.fail(f"{CHROMIUM} is missing: .ci/run installs it with apt-get install chromium")
        pytest.skip("chromium not installed (apt-get install chromium)")
    if ON_CI:
        from playwright.sync_api import sync_playwright
    else:
        sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class RecordedPage:
    """A Playwright page plus what went wrong in it: console errors and uncaught exceptions."""

    def __init__(self, page):
        self.page = page
        self.console_errors: list[str] = []
        page.on("console", lambda m: self.console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.console_errors.append(e.stack or e.message))


@pytest.fixture()
def recorded_page(request, playwright_chromium):
    """A new browser context and page (no storage shared between tests).

    When the test fails, a full-page screenshot goes to ``test-artifacts/screenshots/``."""
    context = playwright_chromium.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    recorded = RecordedPage(page)
    yield recorded
    screenshot_if_failed(request, page)
    context.close()


# -- Jupyter servers: one of each per session (per xdist worker) -----------------------------------
@pytest.fixture(scope="session")
def jupyterlab(tmp_path_factory):
    """JupyterLab 4 on cleared copies of every notebook, shared by the session's tests."""
    with jupyter_server("lab", ALL_NOTEBOOKS, tmp_path_factory.mktemp("jupyterlab")) as server:
        yield server


@pytest.fixture()
def fresh_lab(jupyterlab):
    """The session's JupyterLab with no kernel running and every notebook copy cleared."""
    jupyterlab.reset()
    yield jupyterlab
    jupyterlab.fresh_kernels()


@pytest.fixture(scope="session")
def notebook7(tmp_path_factory):
    """Notebook 7 on cleared copies of every notebook, shared by the session's tests."""
    with jupyter_server("notebook", ALL_NOTEBOOKS, tmp_path_factory.mktemp("notebook7")) as server:
        yield server


@pytest.fixture()
def fresh_notebook7(notebook7):
    notebook7.reset()
    yield notebook7
    notebook7.fresh_kernels()


@pytest.fixture(scope="session")
def voila(tmp_path_factory):
    """Voila in directory mode (every notebook at /voila/render/<path>), shared by the session."""
    with jupyter_server("voila", ALL_NOTEBOOKS, tmp_path_factory.mktemp("voila")) as server:
        yield server


# -- the JupyterLite site ------------------------------------------------------------------------
@pytest.fixture(scope="session")
def site_url():
    """The JupyterLite site (built if missing or stale; one build per session: parallel workers
    wait for each other's build on a file lock) served on 127.0.0.1."""
    from lite_site import lite_site
    with lite_site() as url:
        yield url


@pytest.fixture(scope="session")
def quiet_chromium(playwright_chromium):
    """A second Chromium (the session's one decides skip or fail) without Chromium's own autofill traffic."""
    from lite_site import QUIET_CHROMIUM_ARGS
    browser = playwright_chromium.browser_type.launch(executable_path=str(CHROMIUM),
                                                      args=[*CHROMIUM_ARGS, *QUIET_CHROMIUM_ARGS])
    yield browser
    browser.close()


@pytest.fixture()
def offline_page(request, quiet_chromium, site_url):
    """A page in a fresh context whose every request outside the site is blocked and recorded:
    yields ``(page, guard)``; ``guard.leaks()`` lists what tried to leave."""
    from lite_site import ExternalRequestGuard
    guard = ExternalRequestGuard(site_url)
    context = quiet_chromium.new_context(viewport={"width": 1400, "height": 1000}, **guard.context_options())
    guard.attach(context)
    page = context.new_page()
    try:
        yield page, guard
    finally:
        if getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed:
            print("requests that tried to leave the site:", guard.leaks() or "none")
        screenshot_if_failed(request, page)
        context.close()
        guard.close()
