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
    ex = exercise("01")
    quiz = ex.widget()
    assert len(quiz.stage.children) == 1 and quiz.current.id == ex.questions[0].id
    assert quiz.prev_button.disabled and not quiz.next_button.disabled
    quiz.next_button.click()
    assert quiz.current.id == ex.questions[1].id
    quiz.go(len(quiz.cards) - 1)
    assert quiz.next_button.disabled
    quiz.prev_button.click()
    assert quiz.position == len(quiz.cards) - 2


def test_whole_set_mode_shows_every_question():
    quiz = exercise("02").widget(mode="all")
    assert len(quiz.stage.children) == len(quiz.cards) == len(exercise("02"))
    with pytest.raises(ValueError):
        QuizWidget(exercise("02"), mode="some")


def _card(quiz, qid):
    quiz.go(qid)
    return quiz.cards[quiz.position]


def test_submit_gives_instant_feedback_in_words_and_one_live_score():
    quiz = exercise("01").widget()
    card = _card(quiz, "typical_signs")
    card.radio.value = "b"  # the option 'fine twitches', wherever it is shown
    card.check_button.click()
    assert "✗ Not quite" in card.feedback.value and "Not quite" in quiz.feedback_text()
    assert "twitching is not typical of a clot" in quiz.feedback_text()
    assert "Score: 0 of" in quiz.score_label.value
    assert "Score:" not in card.feedback.value  # the score is shown once, on top
    card.retry_button.click()
    assert card.radio.value is None and card.feedback.value == ""
    card.radio.value = "a"
    card.check_button.click()
    assert "✓ Correct" in card.feedback.value and "Why:" in quiz.feedback_text()
    assert "Score: 1 of" in quiz.score_label.value


def test_the_score_on_top_also_moves_when_answers_are_checked_from_code():
    ex = exercise("01")
    quiz = ex.widget()
    assert "Score: 0 of 25 correct (0 at the first try; 0 answer(s) submitted)" in quiz.score_label.value
    ex["wells_3"].check(ex["wells_3"].key_answer())  # a code cell, not the widget
    assert "Score: 1 of 25 correct (1 at the first try; 1 answer(s) submitted)" in quiz.score_label.value
    ex["typical_signs"].solution()
    ex["typical_signs"].check(ex["typical_signs"].key_answer())
    assert "Score: 2 of 25 correct (1 at the first try; 2 answer(s) submitted)" in quiz.score_label.value


def test_unanswered_submit_says_so():
    quiz = exercise("01").widget()
    result = quiz.submit()
    assert result.status == "unanswered" and "Not answered yet" in quiz.feedback_text()
    assert quiz.exercise.progress.attempts == []


def test_every_question_type_can_be_answered_through_its_controls():
    for bank in ("01", "02", "03", "04", "05", "06", "07"):
        ex = exercise(bank)
        quiz = ex.widget(mode="all")
        for card in quiz.cards:
            b = ex[card.question.id]
            card.set_value(b.key_answer())
            assert card.value() is not None
            assert card.submit().correct, b.id
            for wrong in b.example_wrong_answers()[:2]:
                card.set_value(wrong)
                assert not card.submit().correct, (b.id, wrong)
        assert quiz.score_text().startswith(f"Score: {len(quiz.cards)} of {len(quiz.cards)} correct")


def test_options_are_shown_in_the_order_of_the_seed_with_matching_letters():
    one, other = exercise("01", seed=0), exercise("01", seed=7)
    labels = [label for label, _ in _card(one.widget(), "signs_2").radio.options]
    assert [l[:3] for l in labels] == ["a) ", "b) ", "c) ", "d) ", "e) "]
    again = [label for label, _ in _card(exercise("01", seed=0).widget(), "signs_2").radio.options]
    assert labels == again  # stable per seed
    orders = {tuple(exercise("01", seed=s).view("signs_2").order) for s in range(6)}
    assert len(orders) > 1  # and shuffled between seeds
    card = _card(other.widget(), "signs_2")
    shown = dict((oid, label) for label, oid in card.radio.options)
    assert shown["a"] == other["signs_2"].label("a")
    card.radio.value = "a"
    card.submit()
    assert card.result.correct and other["signs_2"].solution().startswith(f"Answer: {shown['a']}")


def test_option_labels_are_names_not_engine_ids():
    ex = exercise("01")
    quiz = ex.widget(mode="all")
    for card in quiz.cards:
        if hasattr(card, "radio"):
            for label, _oid in card.radio.options:
                assert "_" not in label, label


def test_controls_for_multi_numbers_and_matching():
    ex = exercise("01")
    quiz = ex.widget()
    card = _card(quiz, "wells_1")
    for oid in ("a", "b", "c"):
        card.checks[oid].value = True
    assert card.submit().correct
    card = _card(quiz, "wells_3")
    card.text.value = " 4 "
    assert card.submit().correct
    card.text.value = "four"
    assert card.submit().status == "invalid" and "Cannot check" in quiz.feedback_text()
    prob = exercise("07").widget()
    card = _card(prob, "prob_first_1")
    card.text.value = "1.2 %"
    assert card.submit().correct
    card.text.value = "0.012"
    assert card.submit().status == "invalid" and "looks like a fraction" in prob.feedback_text()
    match = exercise("03").widget()
    card = _card(match, "match_1")
    card.dropdowns["stress"].value = "relaxation_techniques"
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
    assert "Score: 0 of" in quiz.score_label.value


def test_finish_keeps_wrong_and_not_tried_apart_with_links():
    ex = exercise("01")
    quiz = ex.widget()
    wrong = ex["typical_signs"].display_answer("b")
    quiz.answer(wrong, "typical_signs")
    quiz.submit("typical_signs")
    quiz.finish_button.click()
    html = quiz.summary.value
    got_wrong, rest = html.split("Not tried yet")
    not_tried, traps = rest.split("Misconceptions behind your wrong answers")
    assert "Got wrong" in got_wrong and "typical_signs" in got_wrong and "signs_2" not in got_wrong
    assert "href='../notebooks/01_thrombosis_warning_signs.ipynb#1.-What-a-leg-vein-clot-feels-like'" in got_wrong
    assert "(24 question(s))" in not_tried and "signs_2" in not_tried and "typical_signs" not in not_tried
    assert "You once treated twitching as a sign of a clot (questions: typical_signs)" in traps
    text = quiz.summary_text()
    assert "Got wrong" in text and "Not tried yet (24 question(s)):" in text
    solutions = exercise("01", repo_root="../..").widget()
    solutions.finish()
    assert "href='../../notebooks/" in solutions.summary.value


def test_practice_widget_shows_the_seed_and_its_cases_can_be_answered():
    pr = practice(2417, 3)
    quiz = pr.widget()
    assert "Seed 2417" in quiz.widget.children[0].value
    for card in quiz.cards:
        card.set_value(pr[card.question.id].key_answer())
        assert card.submit().correct
    assert quiz.score_text().startswith(f"Score: {len(pr)} of {len(pr)} correct")


def test_every_control_is_labelled_and_every_button_has_a_tooltip():
    quiz = exercise("06").widget(mode="all")
    for node in all_widgets(quiz.widget):
        if isinstance(node, (w.RadioButtons, w.Text, w.Dropdown, w.Checkbox)):
            assert node.description.strip(), node
        if isinstance(node, w.Button):
            assert node.description.strip() and node.tooltip, node


def test_feedback_is_never_colour_alone():
    ex = exercise("05")
    quiz = ex.widget()
    b = ex[0]
    quiz.answer(b.example_wrong_answers()[0])
    quiz.submit()
    assert "✗ Not quite" in quiz.cards[0].feedback.value
    quiz.answer(b.key_answer())
    quiz.submit()
    assert "✓ Correct" in quiz.cards[0].feedback.value


def test_plain_text_repr_is_stable():
    quiz = exercise("02").widget()
    bundle = quiz._repr_mimebundle_()
    assert bundle["text/plain"] == "[Quiz: Exercise 02: why legs twitch - causes, red flags and the must-not-miss clot - interactive widget, run the notebook to use it]"
    assert "application/vnd.jupyter.widget-view+json" in bundle
