"""Browser tests in JupyterLab of what a student meets in the newer parts, done as a student does:

1. Notebook 06: the probability explorer shows the post-test probability the package computes and
   the nomogram says it in words; an estimate-first question shows nothing before the commit.
2. Notebook 07: the case runner shows no answer before "Commit", then the engine's level with
   the under-triage alert when the student committed one level too low.
3. After Run All, notebooks 01 and 05 leave the student's Wells calculator and explorer blank
   (answers hidden until a prediction), and no case heading names a level.
4. Keyboard only (Tab, Shift+Tab, Space, Enter, arrow keys), with a visible focus ring: the
   explorer, the Wells calculator, the quiz and the case runner.
5. The screen problems students reported, measured in the page (screenshots kept in
   ``test-artifacts/screens/``): badges on one line with their icon drawn, tables left-aligned,
   explorer labels never cut, the result strip in view while clicking, the Wells marker clear
   of the scale's caption.
6. The accessibility audit after the student's clicks (revealed answers, feedback), 0 serious
   or critical WCAG 2.1 A/AA violations in the project's output.
"""
from __future__ import annotations

import re

from browser_support import (EXPLORER_NOTEBOOK, QUIZ_NOTEBOOK, checkbox, code_cells, error_outputs, explorer_parts,
                             field_label, level_text, open_notebook, quiz_answers, real_console_errors, run_all,
                             wait_for_kernel)
from student_steps import (BADGES_ON_ONE_LINE, CUT_LABELS, PAST_THE_EDGE, PRACTICE_NOTEBOOK, PROBABILITY_NOTEBOOK, TABLE_ALIGNMENT,
                           WELLS_NOTEBOOK, assert_focus_visible, axe_audit, case_runner_under_triage,
                           estimate_first_steps, first_runner, focused, practice_case_level,
                           probability_explorer_steps, screenshot, tab_until)

OUTPUTS = [".jp-OutputArea-output"]


def _run(page, server, rel: str) -> None:
    open_notebook(page, server, rel)
    run_all(page, len(code_cells(rel)))
    wait_for_kernel(page, server)
    assert error_outputs(page) == []


def test_probability_explorer_and_estimate_first(fresh_lab, recorded_page):
    page = recorded_page.page
    _run(page, fresh_lab, PROBABILITY_NOTEBOOK)
    estimate_first_steps(page)
    probability_explorer_steps(page)
    violations, passes = axe_audit(page, OUTPUTS)
    assert violations == [] and passes > 0, "\n".join(violations)
    assert real_console_errors(recorded_page.console_errors) == []


def test_case_runner_reveals_only_after_commit_and_reports_under_triage(fresh_lab, recorded_page):
    page = recorded_page.page
    _run(page, fresh_lab, PRACTICE_NOTEBOOK)
    case_runner_under_triage(page)
    screenshot(page, "case-runner-after-commit")
    past = first_runner(page).evaluate(PAST_THE_EDGE)
    assert past == [], "past the right edge:\n" + "\n".join(past)  # the alert and the inputs stay inside
    violations, passes = axe_audit(page, OUTPUTS)
    assert violations == [] and passes > 0, "\n".join(violations)
    assert real_console_errors(recorded_page.console_errors) == []


LEVEL_WORDS = re.compile(r"self-care|see a doctor|urgent|emergency", re.IGNORECASE)


def test_after_run_all_the_students_calculator_and_explorer_are_blank(fresh_lab, recorded_page):
    from playwright.sync_api import expect
    page = recorded_page.page
    _run(page, fresh_lab, WELLS_NOTEBOOK)
    calc = page.locator(".jupyter-widgets", has=page.locator("h3", has_text="Wells DVT score")).first
    expect(calc.locator("input[type=checkbox]:checked:not([aria-label])")).to_have_count(1)  # only "Predict first"
    expect(calc.get_by_text("Answer hidden").first).to_be_visible()
    fresh_lab.fresh_kernels()
    _run(page, fresh_lab, EXPLORER_NOTEBOOK)
    explorer, level = explorer_parts(page)
    expect(explorer.locator(".widget-checkbox", has_text=field_label("calf_pain")).locator("input:checked")).to_have_count(0)
    expect(explorer.locator(".widget-checkbox input[type=checkbox]:checked")).to_have_count(1)
    expect(explorer.get_by_role("checkbox", name=re.compile("^Predict first"))).to_be_checked()
    expect(level).to_have_count(0)
    runner = first_runner(page)
    expect(runner.locator(".lt-level")).to_have_count(0)
    headings = page.locator(".jp-RenderedMarkdown h2, .jp-RenderedMarkdown h3").all_inner_texts()
    assert headings and not [h for h in headings if h.lower().startswith("case") and LEVEL_WORDS.search(h)]


# -- keyboard only -----------------------------------------------------------------------------------
CHOSEN = "s => s.selectedIndex >= 0 ? s.options[s.selectedIndex].text : ''"


def test_explorer_with_the_keyboard_alone(fresh_lab, recorded_page):
    from playwright.sync_api import expect
    page = recorded_page.page
    _run(page, fresh_lab, EXPLORER_NOTEBOOK)
    explorer, level = explorer_parts(page)
    explorer.locator(".widget-dropdown select").first.focus()  # the explorer's first control
    for field in ("calf_pain", "leg_warm"):
        info = tab_until(page, lambda f, name=field_label(field): f["type"] == "checkbox" and name in f["label"])
        assert_focus_visible(info)
        page.keyboard.press("Space")
    info = tab_until(page, lambda f: f["tag"] == "SELECT" and "Your level" in f["label"])
    assert_focus_visible(info)
    select = explorer.locator(".widget-dropdown", has_text="Your level").locator("select")
    for _ in range(6):  # arrow keys move through the levels until "Urgent" is chosen
        if "Urgent" in select.evaluate(CHOSEN):
            break
        page.keyboard.press("ArrowDown")
    assert "Urgent" in select.evaluate(CHOSEN)
    info = tab_until(page, lambda f: f["tag"] == "BUTTON" and "Commit my prediction" in f["text"])
    page.keyboard.press("Enter")
    expect(level.first).to_have_text(level_text("urgent"), timeout=30_000)
    expect(explorer).to_contain_text("Your level, Urgent: right.")


def test_wells_calculator_with_the_keyboard_alone(fresh_lab, recorded_page):
    from playwright.sync_api import expect

    from legtwitch import Scenario, wells_score
    page = recorded_page.page
    _run(page, fresh_lab, WELLS_NOTEBOOK)
    calc = page.locator(".jupyter-widgets", has=page.locator("h3", has_text="Wells DVT score")).first
    calc.locator("input[type=checkbox]").first.focus()
    page.keyboard.press("Shift+Tab")  # start just before the first criterion
    for field in ("leg_swollen", "previous_dvt"):
        tab_until(page, lambda f, name=field_label(field): f["type"] == "checkbox" and name in f["label"])
        page.keyboard.press("Space")
    total = wells_score(Scenario(leg_swollen=True, previous_dvt=True)).total
    info = tab_until(page, lambda f: f["tag"] == "INPUT" and f["type"] == "text")
    assert_focus_visible(info)
    page.keyboard.type(str(total))
    tab_until(page, lambda f: f["tag"] == "BUTTON" and "Commit my prediction" in f["text"])
    page.keyboard.press("Enter")
    expect(calc).to_contain_text(f"Your total {total}: right", timeout=30_000)
    expect(calc.locator(".lt-strip")).to_contain_text(f"Wells total: {total}")


def test_quiz_with_the_keyboard_alone(fresh_lab, recorded_page):
    from playwright.sync_api import expect
    page = recorded_page.page
    _run(page, fresh_lab, QUIZ_NOTEBOOK)
    _wrong, right = quiz_answers()
    quiz = page.locator(".jupyter-widgets", has=page.get_by_role("button", name="Check answer")).first
    quiz.locator("input[type=radio]").first.focus()
    for _ in range(12):  # arrow keys move through the options until the right one is checked
        if quiz.get_by_role("radio", name=right, exact=True).is_checked():
            break
        page.keyboard.press("ArrowDown")
    assert quiz.get_by_role("radio", name=right, exact=True).is_checked()
    # ipywidgets sends a control's new value after the one before it has been answered, a button's
    # click at once: a person's pause between choosing and pressing, here a wait for the kernel.
    wait_for_kernel(page, fresh_lab)
    info = tab_until(page, lambda f: f["tag"] == "BUTTON" and "Check answer" in f["text"])
    assert_focus_visible(info)
    page.keyboard.press("Enter")
    expect(quiz).to_contain_text("✓ Correct", timeout=30_000)
    tab_until(page, lambda f: f["tag"] == "BUTTON" and "Next" in f["text"])
    page.keyboard.press("Enter")
    expect(quiz).to_contain_text("Question 2", timeout=30_000)


def test_case_runner_with_the_keyboard_alone(fresh_lab, recorded_page):
    from playwright.sync_api import expect

    from legtwitch.levels import TriageLevel
    page = recorded_page.page
    _run(page, fresh_lab, PRACTICE_NOTEBOOK)
    engine, _lower = practice_case_level()
    runner = first_runner(page)
    runner.get_by_role("button", name="Take the history").focus()
    assert_focus_visible(focused(page))
    page.keyboard.press("Enter")
    tab_until(page, lambda f: f["tag"] == "BUTTON" and "Examine" in f["text"], back=True)
    page.keyboard.press("Enter")
    tab_until(page, lambda f: f["type"] == "radio")
    for _ in range(4):
        if runner.get_by_role("radio", name=f"{TriageLevel(engine).symbol} {TriageLevel(engine).label}").is_checked():
            break
        page.keyboard.press("ArrowDown")
    tab_until(page, lambda f: f["tag"] == "BUTTON" and "Commit my decision" in f["text"])
    page.keyboard.press("Enter")
    expect(runner.locator(".lt-level").first).to_have_text(level_text(engine), timeout=30_000)
    expect(runner).to_contain_text(f"{TriageLevel(engine).label}: right.")  # the feedback on the level
    expect(runner).not_to_contain_text("Under-triage")


# -- the screen ------------------------------------------------------------------------------------
def test_the_screen_problems_students_reported_stay_fixed(fresh_lab, recorded_page):
    from playwright.sync_api import expect
    page = recorded_page.page
    _run(page, fresh_lab, EXPLORER_NOTEBOOK)
    explorer, level = explorer_parts(page)
    explorer.get_by_text("Predict first").first.click()  # see the result at once
    checkbox(explorer, "calf_pain").check()
    expect(level.first).to_have_text(level_text("urgent"), timeout=30_000)
    # the one-line result above the controls is in view while clicking a box low in the grid
    box = explorer.locator(".widget-checkbox", has_text=field_label("speech_or_swallowing_problems"))
    box.scroll_into_view_if_needed()
    box.locator("input").check()
    strip = explorer.locator(".lt-strip")
    strip_box, click_box = strip.bounding_box(), box.bounding_box()
    assert click_box["y"] - (strip_box["y"] + strip_box["height"]) < 520, (strip_box, click_box)
    assert strip.is_visible() and strip_box["y"] > -strip_box["height"]
    # labels wrap, never cut
    assert explorer.evaluate(CUT_LABELS) == []
    past = explorer.evaluate(PAST_THE_EDGE)
    assert past == [], "past the right edge:\n" + "\n".join(past)
    # badges on one line, each with its icon drawn
    badges = page.evaluate(BADGES_ON_ONE_LINE)
    wrong = [b for b in badges if not (b["height"] <= b["limit"] and b["icon"] > 0)]
    assert badges and wrong == [], wrong
    # the project's tables are left-aligned
    aligns = page.evaluate(TABLE_ALIGNMENT)
    assert aligns and set(aligns) == {"left"}, set(aligns)
    screenshot(page, "explorer-after-clicks")
    violations, passes = axe_audit(page, OUTPUTS)
    assert violations == [] and passes > 0, "\n".join(violations)


WELLS_MARKER_CLEAR = """(svg) => {
    const marker = svg.querySelector('path[fill="#222"]').getBoundingClientRect();
    const texts = [...svg.querySelectorAll('text')];
    const caption = texts.find(t => t.textContent.startsWith('two-level Wells total')).getBoundingClientRect();
    const label = texts.find(t => t.textContent.startsWith('this patient')).getBoundingClientRect();
    const fig = svg.getBoundingClientRect();
    return {overlap: !(marker.bottom <= caption.top || marker.top >= caption.bottom),
            labelInside: label.left >= fig.left - 1 && label.right <= fig.right + 1};
}"""


def test_the_wells_marker_sits_clear_of_its_caption(fresh_lab, recorded_page):
    from playwright.sync_api import expect
    page = recorded_page.page
    _run(page, fresh_lab, WELLS_NOTEBOOK)
    calc = page.locator(".jupyter-widgets", has=page.locator("h3", has_text="Wells DVT score")).first
    calc.get_by_text("Predict first").first.click()
    for field in ("leg_swollen", "previous_dvt", "active_cancer", "calf_swelling_3cm", "pitting_edema",
                  "vein_tenderness", "collateral_veins", "paralysis_or_cast", "bedridden_or_surgery"):
        checkbox(calc, field).check()  # the highest total: the marker at the right edge
    expect(calc.locator(".lt-strip")).to_contain_text("Wells total: 9", timeout=30_000)
    page.wait_for_timeout(500)  # the panel is replaced on each click: measure the last one
    svg = calc.locator("svg[role=img]").first
    geometry = svg.evaluate(WELLS_MARKER_CLEAR)
    assert geometry == {"overlap": False, "labelInside": True}, geometry
    svg.scroll_into_view_if_needed()
    screenshot(page, "wells-calculator-highest-total")
