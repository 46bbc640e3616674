"""The case runner widget, headless: no answer on screen before "Commit", the engine's level and
the feedback after it, under-triage called out on screen, and every control labelled."""
from __future__ import annotations

import re

import pytest

pytest.importorskip("ipywidgets")
import ipywidgets as w  # noqa: E402
from widget_tree import all_widgets  # noqa: E402

from legtwitch import TriageLevel, triage  # noqa: E402
from legtwitch.cases import get_case, load_cases  # noqa: E402
from legtwitch.errors import LegtwitchError  # noqa: E402
from legtwitch.generator import generate_cases  # noqa: E402
from legtwitch.widgets import case_runner  # noqa: E402


def screen(runner) -> str:
    """Everything the runner shows as HTML text (controls' labels excluded)."""
    return " ".join(x.value for x in all_widgets(runner.widget) if isinstance(x, w.HTML)
                    and x.layout.display != "none")


def examine(runner) -> None:
    while runner.stage_button.layout.display != "none":
        runner.stage_button.click()


def test_labels_and_the_commit_button():
    runner = case_runner(seed=2417, n=2)
    controls = [x for x in all_widgets(runner.widget) if isinstance(x, (w.Dropdown, w.Text, w.RadioButtons, w.Button))]
    for c in controls:
        assert c.description.strip(), c
        assert c.tooltip, c
    assert "Commit" in runner.commit_button.description


@pytest.mark.parametrize("case", [c.id for c in load_cases()[:12]] + [g for g in generate_cases(6, 99)],
                         ids=lambda c: c if isinstance(c, str) else c.id)
def test_no_answer_on_screen_before_commit(case):
    runner = case_runner(case)
    run = runner.session.current
    result = triage(run.case.scenario)
    examine(runner)
    shown = screen(runner)
    assert runner.answer.value == "" and not runner.revealed
    assert run.case.title not in shown or run.case.title.startswith("Practice case")
    for word in ("Score", "engine", "Under-triage", "Probability of a clot", "The answer"):
        assert word not in shown
    for stage in run.case.result_stages:
        assert stage.text not in shown
    runner.commit(level=result.level.value)
    after = screen(runner)
    assert runner.revealed and f"{result.level.label.upper()}" in after
    assert "Score for this case" in after


def test_commit_is_disabled_until_the_patient_is_examined():
    runner = case_runner(generate_cases(1, 3)[0])
    assert runner.commit_button.disabled
    assert runner.stage_button.description == "Take the history"
    runner.stage_button.click()
    assert runner.stage_button.description == "Examine" and runner.commit_button.disabled
    runner.stage_button.click()
    assert not runner.commit_button.disabled and runner.stage_button.layout.display == "none"
    kinds = re.findall(r"<h4[^>]*>([^<]+)</h4>", runner.stages.value)
    assert kinds == ["Presenting complaint", "History", "Examination"]


def test_committing_a_lower_level_reports_under_triage_on_screen():
    case = get_case("classic_calf_dvt")
    runner = case_runner(case.id)
    examine(runner)
    runner.level.value = TriageLevel.SEE_DOCTOR.value
    runner.causes[0].value = "muscle_cramp"
    runner.commit_button.click()
    assert runner.revealed and runner.feedback.under_triage and not runner.feedback.level_correct
    assert "Under-triage:" in runner.answer.value and "role='alert'" in runner.answer.value
    assert "Missed a must-not-miss cause:</strong> Deep-vein thrombosis" in runner.answer.value
    assert all(c.disabled for c in (runner.level, runner.first_test, runner.reason))
    assert "Under-triage (dangerous)" in runner.summary_panel.value


def test_nothing_is_committed_without_a_level_or_with_a_bad_number():
    runner = case_runner(generate_cases(1, 4)[0])
    examine(runner)
    runner.commit_button.click()
    assert not runner.revealed and "choose a level first" in runner.status.value
    runner.level.value = "urgent"
    for typed in ("lots", "150", "nan"):
        runner.pretest.value = typed
        runner.commit_button.click()
        assert not runner.revealed and runner.status.value.count("<p") == 1 and "pretest" in runner.status.value
    runner.pretest.value = "12 %"
    runner.commit_button.click()
    assert runner.revealed and runner.feedback.committed.pretest == 12


def test_reset_hides_the_answer_and_clears_the_form():
    runner = case_runner("classic_calf_dvt")
    runner.commit(level="urgent", causes=["dvt"], first_test="compression_ultrasound", reason="calf signs")
    assert runner.revealed and runner.reason.value == "calf signs"
    runner.again_button.click()
    assert not runner.revealed and runner.answer.value == "" and runner.reason.value == ""
    assert runner.level.value is None and not runner.level.disabled


def test_a_session_moves_on_and_summarises(tmp_path):
    runner = case_runner(seed=2417, n=3)
    assert runner.next_button.layout.display == "none"
    runner.commit(level="emergency")
    assert runner.next_button.layout.display is None
    runner.next_button.click()
    assert runner.session.label == "Case 2 of 3" and not runner.revealed and runner.level.value is None
    runner.commit(level="self_care")
    assert "2 cases committed" in str(runner.session_summary())
    message = runner.export(tmp_path / "class.csv")
    assert message.startswith("Saved 2 commits")


def test_one_way_to_build_it():
    with pytest.raises(LegtwitchError, match="give one of"):
        case_runner()
    with pytest.raises(LegtwitchError, match="give one of"):
        case_runner("classic_calf_dvt", seed=1)


def test_construction_prints_nothing(capsys):
    case_runner(seed=1, n=1)
    assert capsys.readouterr() == ("", "")
