"""The quiz widget, headless: set control values, click buttons, read feedback and score."""
from __future__ import annotations

import subprocess
import sys

import pytest

pytest.importorskip("ipywidgets")
import ipywidgets as w  # noqa: E402
from widget_tree import all_widgets  # noqa: E402

from legtwitch.quiz import exercise, practice  # noqa: E402
from legtwitch.widgets.quiz import QuizWidget, quiz_widget  # noqa: E402



def test_quiz_package_does_not_import_ipywidgets():
    code = ("import sys, legtwitch.quiz as q; ex = q.exercise('06'); [x.check(x.question.key) for x in ex]; "
            "q.practice(1, 2); print('ipywidgets' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_construction_prints_nothing(capsys):
    quiz_widget(exercise("01"))
    QuizWidget(exercise("03"), mode="all")
    assert capsys.readouterr() == ("", "")


def test_one_question_at_a_time_with_navigation():
    quiz = exercise("01").widget()
    assert len(quiz.stage.children) == 1 and quiz.current.id == "clot_signs"
    assert quiz.prev_button.disabled and not quiz.next_button.disabled
    quiz.next_button.click()
    assert quiz.current.id == "twitching_not_typical"
    quiz.go(len(quiz.cards) - 1)
    assert quiz.next_button.disabled
    quiz.prev_button.click()
    assert quiz.position == len(quiz.cards) - 2


def test_whole_set_mode_shows_every_question():
    quiz = exercise("02").widget(mode="all")
    assert len(quiz.stage.children) == len(quiz.cards) == len(exercise("02"))
    with pytest.raises(ValueError):
        QuizWidget(exercise("02"), mode="some")


def test_submit_gives_instant_feedback_in_words_and_updates_the_score():
    quiz = exercise("01").widget()
    card = quiz.cards[0]
    card.radio.value = "a"
    card.check_button.click()
    assert "✗ Not quite" in card.feedback.value and "Not quite" in quiz.feedback_text()
    assert "NOT a typical clot sign" in quiz.feedback_text()
    assert "Score: 0 of" in quiz.score_label.value
    card.retry_button.click()
    assert card.radio.value is None and card.feedback.value == ""
    card.radio.value = "b"
    card.check_button.click()
    assert "✓ Correct" in card.feedback.value and "Why:" in quiz.feedback_text()
    assert "Score: 1 of" in quiz.score_label.value


def test_unanswered_submit_says_so():
    quiz = exercise("01").widget()
    result = quiz.submit()
    assert result.status == "unanswered" and "Not answered yet" in quiz.feedback_text()
    assert quiz.exercise.progress.attempts == []


def test_every_question_type_can_be_answered_through_its_controls():
    for bank in ("01", "03", "04", "05", "06"):
        quiz = exercise(bank).widget(mode="all")
        for card in quiz.cards:
            q = card.question
            card.set_value(q.key)
            assert card.value() is not None
            assert card.submit().correct, q.id
            for wrong in q.example_wrong_answers()[:2]:
                card.set_value(wrong)
                assert not card.submit().correct, (q.id, wrong)
        assert quiz.score_text().startswith(f"Score: {len(quiz.cards)} of {len(quiz.cards)} correct")


def test_controls_for_multi_wells_and_matching():
    quiz = exercise("01").widget()
    quiz.go("wells_which_score")
    card = quiz.cards[quiz.position]
    for cid in ("b", "c", "e"):
        card.checks[cid].value = True
    assert card.submit().correct
    quiz.go("wells_classic_case")
    card = quiz.cards[quiz.position]
    card.text.value = " 3 "
    assert card.submit().correct
    card.text.value = "three"
    assert card.submit().status == "invalid" and "Cannot check" in quiz.feedback_text()
    match = exercise("03").widget()
    match.go("match_benign_and_clot")
    card = match.cards[match.position]
    card.dropdowns["dvt"].value = "anticoagulation"
    assert card.submit().status == "invalid"  # not every cause matched yet
    for cause, treatment in card.question.key.items():
        card.dropdowns[cause].value = treatment
    assert card.submit().correct


def test_hint_and_solution_buttons():
    quiz = exercise("04").widget()
    card = quiz.cards[0]
    card.hint_button.click()
    assert quiz.feedback_text().startswith("Hint: ") and card.question.hint() in quiz.feedback_text()
    card.solution_button.click()
    assert "Worked answer" in quiz.feedback_text() and "Answer: " in quiz.feedback_text()
    assert card.question.id in quiz.exercise.progress.solutions_viewed


def test_finish_lists_topics_to_revisit_with_links():
    quiz = exercise("01").widget()
    quiz.answer("a")
    quiz.submit()
    quiz.finish_button.click()
    html = quiz.summary.value
    assert "Topics to revisit" in html
    assert "href='../notebooks/01_thrombosis_warning_signs.ipynb#1.-What-a-leg-vein-clot-feels-like'" in html
    assert "Topics to revisit:" in quiz.summary_text()
    solutions = exercise("01", repo_root="../..").widget()
    solutions.finish()
    assert "href='../../notebooks/" in solutions.summary.value


def test_practice_widget_shows_the_seed():
    quiz = practice(2417, 2).widget()
    assert "Seed 2417" in quiz.widget.children[0].value


def test_every_control_is_labelled_and_every_button_has_a_tooltip():
    quiz = exercise("06").widget(mode="all")
    for node in all_widgets(quiz.widget):
        if isinstance(node, (w.RadioButtons, w.Text, w.Dropdown, w.Checkbox)):
            assert node.description.strip(), node
        if isinstance(node, w.Button):
            assert node.description.strip() and node.tooltip, node


def test_feedback_is_never_colour_alone():
    quiz = exercise("05").widget()
    quiz.answer("c")
    quiz.submit()
    assert "✗ Not quite" in quiz.cards[0].feedback.value
    quiz.answer("b")
    quiz.submit()
    assert "✓ Correct" in quiz.cards[0].feedback.value


def test_plain_text_repr_is_stable():
    quiz = exercise("02").widget()
    bundle = quiz._repr_mimebundle_()
    assert bundle["text/plain"] == "[Quiz: Exercise 02: why legs twitch - causes, red flags and the must-not-miss clot - interactive widget, run the notebook to use it]"
    assert "application/vnd.jupyter.widget-view+json" in bundle
