"""Browser tests of the Voila app (what a lecturer projects): the same clicks as in JupyterLab.

The session's Voila server (directory mode, tests/browser/conftest.py) serves cleared copies of
every notebook; these tests open ``notebooks/05_triage_cases.ipynb`` and
``exercises/05_triage_cases.ipynb``. In the app no code may be shown; in the scenario
explorer, pulling calf pain + warm leg + swollen leg must show URGENT and adding chest pain
EMERGENCY; in the quiz, a wrong then a right answer must give the right feedback and score.
"""
from __future__ import annotations

from browser_support import EXPLORER_NOTEBOOK, QUIZ_NOTEBOOK, explorer_urgent_then_emergency, quiz_wrong_then_right, real_console_errors


def _open(page, server, rel: str) -> None:
    page.goto(server.notebook_url(rel), timeout=120_000)
    page.locator(".jupyter-widgets").first.wait_for(state="visible", timeout=120_000)


def test_voila_explorer_shows_urgent_then_emergency(voila, recorded_page):
    page = recorded_page.page
    _open(page, voila, EXPLORER_NOTEBOOK)
    assert page.get_by_text("widgets.scenario_explorer()").count() == 0  # no code shown
    assert page.locator(".jp-CodeCell .jp-InputArea-editor:visible").count() == 0
    explorer_urgent_then_emergency(page)
    assert page.get_by_text("Traceback").count() == 0
    assert real_console_errors(recorded_page.console_errors) == [], "\n".join(recorded_page.console_errors)


def test_voila_quiz_feedback_and_score(voila, recorded_page):
    page = recorded_page.page
    _open(page, voila, QUIZ_NOTEBOOK)
    quiz_wrong_then_right(page)
    assert page.get_by_text("Traceback").count() == 0
    assert real_console_errors(recorded_page.console_errors) == [], "\n".join(recorded_page.console_errors)
