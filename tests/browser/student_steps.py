"""What a student does with the newer widgets, shared by the JupyterLab, Voila and JupyterLite
tests: the probability explorer and an estimate-first question (notebook 06), the case runner
(notebook 07), the accessibility audit (axe-core, bundled in axe-playwright-python, no network),
keyboard-only use, and the geometry checks of the screen problems students reported.

Every expected number or level comes from the package (``legtwitch``), never typed in.
"""
from __future__ import annotations

import re
from pathlib import Path

from browser_support import ROOT, level_text

SHOTS = ROOT / "test-artifacts" / "screens"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PROBABILITY_NOTEBOOK = "notebooks/06_reasoning_with_probability.ipynb"
PRACTICE_NOTEBOOK = "notebooks/07_case_practice.ipynb"
WELLS_NOTEBOOK = "notebooks/01_thrombosis_warning_signs.ipynb"
PRACTICE_CASE = "wells_exactly_one"  # the first runner of notebook 07


# -- accessibility -----------------------------------------------------------------------------------
def axe_audit(page, selectors: list[str]) -> tuple[list[str], int]:
    """(serious or critical WCAG 2.1 A/AA violations as lines naming rule, impact and element,
    number of rules passed) for what matches ``selectors`` (the project's own output only)."""
    from axe_playwright_python.sync_playwright import Axe
    present = [s for s in selectors if page.locator(s).count()]
    assert present, f"nothing to audit: none of {selectors} is on the page"
    result = Axe().run(page, context={"include": [[s] for s in present]},
                       options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations", "passes"]})
    found = []
    for v in result.response["violations"]:
        if v.get("impact") in ("serious", "critical"):
            for node in v["nodes"]:
                found.append(f"{v['id']} ({v['impact']}): {v['help']} -> {node['target']} {node['html'][:160]}")
    return found, len(result.response["passes"])


# -- notebook 06 ---------------------------------------------------------------------------------------
def probability_explorer_steps(page) -> None:
    """Choose "DVT likely", the D-dimer, a negative result: the page shows the post-test
    probability the package computes, and the nomogram's text alternative says the same; switch
    to a positive result: the line moves."""
    from playwright.sync_api import expect

    from legtwitch.knowledge import load_knowledge
    from legtwitch.probability import format_percent, pretest_probability, sequence
    explorer = page.locator(".jupyter-widgets", has=page.locator("h3", has_text="Probability explorer")).first
    explorer.wait_for(state="visible", timeout=120_000)
    category = load_knowledge().pretest["dvt_likely"].label
    explorer.locator(".widget-dropdown", has_text="Where the probability comes from").locator("select").select_option(
        label=category)
    explorer.locator(".widget-dropdown", has_text="First test").first.locator("select").select_option(
        label="D-dimer blood test, for a DVT")
    pre = pretest_probability("dvt_likely").value
    negative = format_percent(sequence(pre, [("d_dimer", False)])[-1].after)
    positive = format_percent(sequence(pre, [("d_dimer", True)])[-1].after)
    expect(explorer).to_contain_text(f"D-dimer blood test, for a DVT, negative", timeout=30_000)
    expect(explorer).to_contain_text(f": {negative}")
    nomogram = explorer.locator("svg[role=img]", has=page.locator("text", has_text="post-test probability")).first
    expect(nomogram).to_have_attribute("aria-label", re.compile(re.escape(f"leads to {negative}")))
    explorer.locator(".widget-toggle-buttons").first.get_by_role("button", name="positive").click()
    expect(explorer).to_contain_text(f"D-dimer blood test, for a DVT, positive", timeout=30_000)
    expect(explorer).to_contain_text(f": {positive}")


def estimate_first_steps(page) -> None:
    """The first estimate-first question: nothing of the answer before the commit, the
    calculation and the verdict after it."""
    from playwright.sync_api import expect

    from legtwitch.probability import format_percent, pretest_probability, sequence
    answer = format_percent(sequence(pretest_probability("dvt_unlikely").value, [("d_dimer", False)])[-1].after)
    question = page.locator(".jupyter-widgets", has=page.get_by_role("button", name="Commit my estimate")).first
    question.wait_for(state="visible", timeout=120_000)
    expect(question).not_to_contain_text("the calculation gives")
    question.locator("input[type=text]").fill("5")
    question.get_by_role("button", name="Commit my estimate").click()
    expect(question).to_contain_text(f"the calculation gives {answer}", timeout=30_000)


# -- notebook 07 ---------------------------------------------------------------------------------------
def practice_case_level() -> tuple[str, str]:
    """(engine level, one level lower) of the first case of notebook 07, from the package."""
    from legtwitch import triage
    from legtwitch.cases import get_case
    from legtwitch.levels import TriageLevel
    level = triage(get_case(PRACTICE_CASE).scenario).level
    return level.value, list(TriageLevel)[level.rank - 1].value


def first_runner(page):
    runner = page.locator(".jupyter-widgets", has=page.get_by_role("button", name="Commit my decision")).first
    runner.wait_for(state="visible", timeout=120_000)
    return runner


def case_runner_under_triage(page) -> None:
    """Nothing of the answer before "Commit"; take the history, examine, commit one level too
    low: the engine's level appears with the under-triage alert."""
    from playwright.sync_api import expect

    from legtwitch.levels import TriageLevel
    engine, lower = practice_case_level()
    runner = first_runner(page)
    for hidden in ("The answer", "Score for this case", "Under-triage"):
        expect(runner).not_to_contain_text(hidden)
    expect(runner.locator(".lt-level")).to_have_count(0)
    expect(runner.get_by_role("button", name="Commit my decision")).to_be_disabled()
    runner.get_by_role("button", name="Take the history").click()
    runner.get_by_role("button", name="Examine").click()
    expect(runner.get_by_role("button", name="Commit my decision")).to_be_enabled(timeout=30_000)
    expect(runner.locator(".lt-level")).to_have_count(0)
    low = TriageLevel(lower)
    runner.get_by_role("radio", name=f"{low.symbol} {low.label}").check()
    runner.get_by_role("button", name="Commit my decision").click()
    expect(runner).to_contain_text("Under-triage", timeout=30_000)
    expect(runner.locator(".lt-level").first).to_have_text(level_text(engine))
    expect(runner).to_contain_text("Score for this case")


# -- keyboard only -------------------------------------------------------------------------------------
def focused(page) -> dict:
    return page.evaluate("""() => { const e = document.activeElement; const s = getComputedStyle(e);
        return {tag: e.tagName, type: e.type || '', label: (e.closest('.widget-inline-hbox, .widget-checkbox, .widget-radio, .widget-toggle-buttons, .widget-button, button') || e).innerText || e.value || '',
                text: e.innerText || '', outline: s.outlineStyle, width: parseFloat(s.outlineWidth) || 0,
                shadow: s.boxShadow}; }""")


def tab_until(page, predicate, *, limit: int = 150, back: bool = False) -> dict:
    """Press Tab (or Shift+Tab) until the focused element satisfies ``predicate``."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        info = focused(page)
        if predicate(info):
            return info
    raise AssertionError(f"Tab never reached the control (last focus: {focused(page)})")


def assert_focus_visible(info: dict) -> None:
    assert (info["outline"] not in ("none", "") and info["width"] >= 2) or info["shadow"] not in ("none", ""), info


# -- the screen problems students reported ----------------------------------------------------------
def screenshot(page, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path


BADGES_ON_ONE_LINE = """() => [...document.querySelectorAll('.lt-level')].map(b => {
    const r = b.getBoundingClientRect(); const st = getComputedStyle(b);
    const line = st.lineHeight === 'normal' ? parseFloat(st.fontSize) * 1.3 : parseFloat(st.lineHeight);
    const lh = 1.5 * line + parseFloat(st.paddingTop) + parseFloat(st.paddingBottom);  // one line, never two
    const icon = b.querySelector('svg.lt-icon'); const ir = icon ? icon.getBoundingClientRect() : {width: 0};
    return {text: b.innerText.trim(), height: r.height, limit: lh, icon: ir.width};
}).filter(b => b.height > 0)"""

TABLE_ALIGNMENT = """() => [...document.querySelectorAll('.jp-OutputArea-output table.lt-table td, .jp-OutputArea-output table.lt-sources td, .jp-OutputArea-output .lt-wells td')]
    .map(td => getComputedStyle(td).textAlign)"""

#: Elements of a widget whose right edge passes the right edge of the notebook's output area
#: (a box or an input drawn partly off screen: a border cut, text running out of view).
PAST_THE_EDGE = """(root) => { const area = root.closest('.jp-OutputArea-output') || root; const edge = area.getBoundingClientRect().right;
    return [...root.querySelectorAll('p, div, input, select, button, table')]
        .filter(e => e.offsetParent !== null && e.getBoundingClientRect().width > 0 && e.getBoundingClientRect().right > edge + 1
                && !e.closest('.lt-scroll'))
        .map(e => `${e.tagName.toLowerCase()} ${(e.innerText || e.placeholder || '').trim().slice(0, 50)} (${Math.round(e.getBoundingClientRect().right - edge)} px)`); }"""
CUT_LABELS = """(root) => [...root.querySelectorAll('.widget-label-basic, .widget-label, .widget-checkbox label')]
    .filter(l => l.offsetParent !== null && l.innerText.trim())
    .filter(l => l.scrollWidth > l.clientWidth + 1 || getComputedStyle(l).textOverflow === 'ellipsis' && l.scrollWidth > l.clientWidth)
    .map(l => l.innerText.trim())"""
