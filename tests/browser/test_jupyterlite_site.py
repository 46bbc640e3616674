"""Browser tests: the zero-install JupyterLite site (``make lite`` -> ``_site/``) runs the scenario
explorer with every request outside the site blocked (issue 5, part 2).

The session fixture ``site_url`` (tests/browser/conftest.py) builds the site if it is missing or stale (``scripts/build_lite.py``; a few
seconds once ``.cache/lite/`` holds the downloads) and serves it on 127.0.0.1. The test opens
``notebooks/05_triage_cases.ipynb`` in JupyterLite in a fresh browser context (JupyterLite keeps
notebooks in the browser's IndexedDB: nothing carries over between runs), waits for the Pyodide
kernel, clears the stored outputs, runs all cells, and checks the explorer as a student finds it
(blank, answer hidden until a prediction is committed): URGENT for pulling calf pain + warm +
swollen leg after a too-low prediction (reported as under-triage), EMERGENCY once chest pain is
added. No cell
may show an error, and no request may leave the site: a route and a proxy record each attempt
(``lite_site.ExternalRequestGuard``), and the last step proves that the guard does catch a
request from a Web Worker. Every other notebook of the site (teaching, exercises, solutions)
must run top to bottom in the Pyodide kernel with its widgets rendered, under the same guard.

Timings (page load, kernel idle, Run All, first triage result) are printed (``pytest -s``).
Chromium comes from ``tests/browser/conftest.py`` (skipped without it, failed on CI).
"""
from __future__ import annotations

import time

import pytest

from browser_support import (ALL_NOTEBOOKS, EXPLORER_NOTEBOOK, WIDGET_VIEW, code_cells, error_outputs,
                             explorer_parts, explorer_urgent_then_emergency, run_all_from_clear,
                             widget_cells)
from lite_site import LITE_KERNEL_IDLE, lab_path
from student_steps import (PRACTICE_NOTEBOOK, PROBABILITY_NOTEBOOK, axe_audit, case_runner_under_triage,
                           estimate_first_steps, probability_explorer_steps)

# A worker that asks a CDN for a file: the guard must notice (last step of the test).
_WORKER_PROBE = """() => new Promise(done => {
    const src = "fetch('https://cdn.jsdelivr.net/pyodide/probe.js').then(() => postMessage('fetched'), () => postMessage('failed'))";
    const worker = new Worker(URL.createObjectURL(new Blob([src], {type: 'text/javascript'})));
    worker.onmessage = (e) => { worker.terminate(); done(e.data); };
})"""


def test_lite_site_runs_the_explorer_with_no_request_leaving_it(offline_page, site_url):
    from playwright.sync_api import expect
    page, guard = offline_page
    n_code = len(code_cells(EXPLORER_NOTEBOOK))
    t0 = time.monotonic()
    page.goto(site_url + lab_path(EXPLORER_NOTEBOOK), timeout=120_000)
    prompts = page.locator(".jp-Notebook .jp-CodeCell .jp-InputPrompt")
    prompts.first.wait_for(timeout=120_000)
    t_page = time.monotonic()
    page.wait_for_function(LITE_KERNEL_IDLE, timeout=180_000, polling=200)
    t_kernel = time.monotonic()
    expect(prompts).to_have_count(n_code, timeout=60_000)

    # The site's notebook shows counts 1..N already: cleared first, "[N]:" proves this run.
    run_all_from_clear(page, n_code, timeout_ms=300_000)
    assert error_outputs(page) == [], "a cell failed in the Pyodide kernel"
    t_run = time.monotonic()

    explorer, _level = explorer_parts(page)
    expect(explorer.get_by_text("Answer hidden").first).to_be_visible(timeout=30_000)  # predict first is on
    t_triage = time.monotonic()
    explorer_urgent_then_emergency(page)  # the same clicks as in JupyterLab and Voila
    assert not [t for t in error_outputs(page) if "Traceback" in t]
    print(f"JupyterLite: page {t_page - t0:.1f} s, kernel idle {t_kernel - t0:.1f} s, "
          f"Run All {t_run - t_kernel:.1f} s, first triage result {t_triage - t0:.1f} s after navigation, "
          f"four ticks -> URGENT, EMERGENCY {time.monotonic() - t_triage:.1f} s")

    assert guard.leaks() == [], "requests tried to leave the site:\n" + "\n".join(guard.leaks())
    # The guard can fail: a Web Worker's request for a CDN file is blocked and recorded.
    assert page.evaluate(_WORKER_PROBE) == "failed"
    assert any("cdn.jsdelivr.net" in leak for leak in guard.leaks()), guard.leaks()


@pytest.mark.parametrize("rel", [nb for nb in ALL_NOTEBOOKS if nb != EXPLORER_NOTEBOOK])
def test_every_other_notebook_runs_in_the_lite_site(offline_page, site_url, rel):
    """The site ships the whole module: each notebook runs top to bottom in the Pyodide kernel,
    with no error or warning, every widget rendered, and no request leaving the site."""
    page, guard = offline_page
    page.goto(site_url + lab_path(rel), timeout=120_000)
    page.locator(".jp-Notebook .jp-CodeCell").first.wait_for(timeout=120_000)
    page.wait_for_function(LITE_KERNEL_IDLE, timeout=180_000, polling=200)
    run_all_from_clear(page, len(code_cells(rel)), timeout_ms=300_000)
    page.wait_for_function(LITE_KERNEL_IDLE, timeout=60_000, polling=200)
    assert error_outputs(page) == []
    assert page.locator(WIDGET_VIEW).count() == len(widget_cells(rel))
    assert page.get_by_text("Error displaying widget").count() == 0
    if rel == PROBABILITY_NOTEBOOK:  # the nomogram and the probability explorer in the browser's Python
        estimate_first_steps(page)
        probability_explorer_steps(page)
    if rel == PRACTICE_NOTEBOOK:  # no answer before "Commit", then the level and the under-triage alert
        case_runner_under_triage(page)
    violations, passes = axe_audit(page, [".jp-OutputArea-output"])
    assert violations == [] and passes > 0, "\n".join(violations)
    assert guard.leaks() == [], "requests tried to leave the site:\n" + "\n".join(guard.leaks())
