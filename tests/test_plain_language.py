"""Plain language for students: no engine id of a field, rule, test, cause or pathway (the
snake_case ones, such as ``calf_pain`` or ``suspected_dvt``) in anything a student reads.

Checked for every library case: the text and HTML renderers, the summaries and case reports,
every widget's panel, summary, labels and tooltips, the case runner's answer, the quiz (shown
question, feedback, worked answer), the figures' text alternatives, and the stored outputs of
every teaching and exercise notebook. Authors still get the ids (``author=True``, the JSON
output); tests elsewhere check that.
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from legtwitch import plots, render_html, render_text, triage
from legtwitch.cases import load_cases
from legtwitch.knowledge import load_knowledge
from legtwitch.scenario import SPECS
from legtwitch.widgets import views

ROOT = Path(__file__).resolve().parent.parent
KB = load_knowledge()
IDS = sorted({i for i in (*SPECS, *KB.rules, *KB.tests, *KB.causes, *KB.pathways) if "_" in i}, key=len, reverse=True)
ID_PATTERN = re.compile(r"(?<![\w/.-])(" + "|".join(map(re.escape, IDS)) + r")(?![\w/-])")
CASES = load_cases()


def visible_text(markup: str) -> str:
    """What a reader sees in HTML: tags removed, entities decoded (attributes dropped)."""
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


def ids_in(text: str) -> set[str]:
    return set(ID_PATTERN.findall(text))


def test_the_id_pattern_finds_ids_and_spares_words():
    assert ids_in("tick calf_pain, then suspected_dvt fires") == {"calf_pain", "suspected_dvt"}
    assert ids_in("a pulling calf pain; a suspected clot; see exercises/06_case_clinic.ipynb") == set()


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_renderers_and_reports_speak_plainly(case):
    result = triage(case.scenario)
    shown = {"text": render_text(result), "html": visible_text(render_html(result)),
             "summary": str(views.summarize(result)), "report": str(views.case_report(case)),
             "report html": visible_text(views.case_report(case).html)}
    for name, text in shown.items():
        assert ids_in(text) == set(), (name, ids_in(text))


@pytest.fixture(scope="module")
def student_widgets():
    """One of each widget for the whole module (built once, reset before each case: building
    five widgets per case was most of the quick loop's time)."""
    pytest.importorskip("ipywidgets")
    from legtwitch.widgets import (differential_explorer, movement_explorer, scenario_explorer, wells_calculator,
                                   workup_planner)
    return [build() for build in (scenario_explorer, differential_explorer, workup_planner, movement_explorer,
                                  wells_calculator)]


def test_widget_labels_tooltips_and_choices_speak_plainly(student_widgets):
    import ipywidgets as w
    from widget_tree import all_widgets
    for widget in student_widgets:
        texts = []
        for control in all_widgets(widget.widget):
            texts += [str(getattr(control, "description", "")), str(getattr(control, "tooltip", "") or "")]
            if isinstance(control, w.Dropdown):
                texts += [str(label) for label, _value in control.options]
        assert texts and ids_in(" ".join(texts)) == set(), (type(widget).__name__, ids_in(" ".join(texts)))


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_widget_panels_speak_plainly(case, student_widgets):
    from legtwitch.widgets import case_runner
    for widget in student_widgets:
        widget.reset()
        widget.set(**{k: v for k, v in case.scenario.to_dict().items() if k in widget.controls})
        texts = [visible_text(widget.panel.value), str(widget.summary())]
        assert ids_in(" ".join(texts)) == set(), (type(widget).__name__, ids_in(" ".join(texts)))
    runner = case_runner(case.id)
    runner.commit(level="self_care", causes=["stress"], first_test="emg", reason="x")
    shown = visible_text(runner.answer.value + runner.stages.value + runner.summary_panel.value) + str(runner.summary())
    assert ids_in(shown) == set()


def test_quiz_questions_feedback_and_answers_speak_plainly():
    from legtwitch.quiz.bank import load_banks
    for bank in load_banks().values():
        for q in bank.questions:
            texts = [q.show(), q.solution(), q.check(None).text(), q.hint(),
                     *(fb.text for fb in getattr(q, "option_feedback", {}).values())]
            assert ids_in(" ".join(texts)) == set(), (q.id, ids_in(" ".join(texts)))


def test_tables_and_figures_speak_plainly():
    docs = [views.rules_table(), views.tests_table(), views.causes_table(), views.treatments_table(),
            views.wells_table(), views.pe_wells_table(), views.mimics_table(), views.movements_table(),
            views.levels_table(), views.scoring_table(), views.accuracy_table(), views.pretest_table()]
    for doc in docs:
        assert ids_in(str(doc) + visible_text(doc.html)) == set(), ids_in(str(doc))
    for case in CASES:
        assert ids_in(repr(plots.finding_ladder(case.id, ["calf_pain", "seizure"]))) == set()
    assert ids_in(repr(plots.library_chart())) == set()


NOTEBOOKS = sorted([*ROOT.glob("notebooks/*.ipynb"), *ROOT.glob("exercises/*.ipynb")])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_stored_notebook_outputs_speak_plainly(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    found = {}
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code":
            continue
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            text = "".join(out.get("text", "")) + "".join(data.get("text/plain", ""))
            text += visible_text("".join(data.get("text/html", "")))
            for hit in ids_in(text):
                found.setdefault(hit, i)
    assert found == {}, found
