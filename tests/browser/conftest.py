"""Fixtures of the browser tests: one Chromium per session, a fresh page per test that records
console errors, and a screenshot of every failing page for the developer.

Chromium is Debian's (``apt-get install chromium``), driven by Playwright with
``executable_path``; never ``playwright install``. Without Chromium the browser tests skip with
a one-line reason on a user's machine; under ``CI=true`` (``.ci/run`` installs it) a missing
browser or Playwright is a failure, never a skip.
"""
from __future__ import annotations

import os
import shutil

import pytest

from browser_support import CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS, screenshot_if_failed

ON_CI = bool(os.environ.get("CI"))


def pytest_sessionstart(session):
    """Screenshots of an earlier run would mislead: the folder holds this run's failures only."""
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
