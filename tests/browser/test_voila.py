"""Browser tests of the Voila app (what a lecturer projects): the same clicks as in JupyterLab.

The session's Voila server (directory mode, tests/browser/conftest.py) serves cleared copies of
every notebook; these tests open ``notebooks/05_triage_cases.ipynb``,
``exercises/05_triage_cases.ipynb``, the probability notebook (06) and the case-practice notebook
(07), and audit what the app renders with axe-core (0 serious or critical violations). In the app no code may be shown; in the scenario
explorer, pulling calf pain + warm leg + swollen leg must show URGENT and adding chest pain
EMERGENCY; in the quiz, a wrong then a right answer must give the right feedback and score.
"""
from __future__ import annotations

from browser_support import EXPLORER_NOTEBOOK, QUIZ_NOTEBOOK, explorer_urgent_then_emergency, quiz_wrong_then_right, real_console_errors
from student_steps import (PRACTICE_NOTEBOOK, PROBABILITY_NOTEBOOK, axe_audit, case_runner_under_triage,
                           estimate_first_steps, probability_explorer_steps)

# What the app renders of this project (Voila's own page chrome is not this project's to fix).
APP_OUTPUT = [".jp-OutputArea-output"]


def _open(page, server, rel: str) -> None:
    page.goto(server.notebook_url(rel), timeout=120_000)
    page.locator(".jupyter-widgets").first.wait_for(state="visible", timeout=120_000)


def assert_clean(page, recorded_page, *, audit: bool = True) -> None:
    """No traceback on the page, no console error, and (``audit``) no serious or critical axe
    violation in the app's output."""
    assert page.get_by_text("Traceback").count() == 0
    if audit:
        violations, passes = axe_audit(page, APP_OUTPUT)
        assert violations == [] and passes > 0, "\n".join(violations)
    assert real_console_errors(recorded_page.console_errors) == [], "\n".join(recorded_page.console_errors)


def test_voila_explorer_shows_urgent_then_emergency(voila, recorded_page):
    page = recorded_page.page
    _open(page, voila, EXPLORER_NOTEBOOK)
    assert page.get_by_text("widgets.scenario_explorer()").count() == 0  # no code shown
    assert page.locator(".jp-CodeCell .jp-InputArea-editor:visible").count() == 0
    explorer_urgent_then_emergency(page)
    assert_clean(page, recorded_page)


def test_voila_quiz_feedback_and_score(voila, recorded_page):
    page = recorded_page.page
    _open(page, voila, QUIZ_NOTEBOOK)
    quiz_wrong_then_right(page)
    assert_clean(page, recorded_page, audit=False)


def test_voila_probability_explorer_and_nomogram(voila, recorded_page):
    page = recorded_page.page
    _open(page, voila, PROBABILITY_NOTEBOOK)
    estimate_first_steps(page)
    probability_explorer_steps(page)
    assert_clean(page, recorded_page)


def test_voila_case_runner_shows_nothing_before_commit(voila, recorded_page):
    page = recorded_page.page
    _open(page, voila, PRACTICE_NOTEBOOK)
    case_runner_under_triage(page)
    assert_clean(page, recorded_page)
