"""Every checker, both ways (learntools style): the key passes, typical wrong answers fail.

Also: unanswered and malformed answers are neither right nor wrong; a wrong answer never
reveals the key or the explanation; show() never contains the answer.
"""
from __future__ import annotations

import pytest

from legtwitch.levels import TriageLevel
from legtwitch.quiz import all_questions, get_question

QUESTIONS = all_questions()


@pytest.mark.parametrize("q", QUESTIONS, ids=lambda q: q.id)
def test_right_answer_passes(q):
    result = q.check(q.key)
    assert result.correct and result.status == "correct"
    assert result.explanation and result.source == q.source
    assert result.feedback == q.feedback_correct
    assert "✓ Correct" in result.text()


@pytest.mark.parametrize("q", QUESTIONS, ids=lambda q: q.id)
def test_typical_wrong_answers_fail(q):
    wrong = q.example_wrong_answers()
    assert wrong, f"{q.id}: no typical wrong answer to test with"
    for answer in wrong:
        result = q.check(answer)
        assert result.status == "incorrect", (q.id, answer)
        assert not result.correct
        assert result.explanation is None  # the explanation would give the answer away
        assert q.feedback_incorrect in result.feedback
        assert "✗ Not quite" in result.text()


@pytest.mark.parametrize("q", QUESTIONS, ids=lambda q: q.id)
def test_unanswered_is_neither_right_nor_wrong(q):
    result = q.check(None)
    assert result.status == "unanswered" and not result.correct and not result.answered
    assert "Not answered yet" in result.text()


@pytest.mark.parametrize("q", QUESTIONS, ids=lambda q: q.id)
def test_show_hides_and_solution_gives_the_answer(q):
    shown = q.show()
    assert q.id in shown and "Answer format" in shown
    assert q.explanation.strip() not in shown and "Answer:" not in shown
    solution = q.solution()
    assert solution.startswith("Answer: ") and q.explanation.strip() in solution


def test_wrong_choice_gets_its_own_feedback():
    q = get_question("clot_signs")
    result = q.check("a")
    assert "NOT a typical clot sign" in result.feedback


def test_answers_are_read_leniently_but_never_guessed():
    level = get_question("pe_case_level")
    assert level.check("Emergency").correct
    assert level.check(TriageLevel.EMERGENCY).correct
    assert level.check(" emergency ").correct
    assert level.check("ermergency").status == "invalid"
    assert level.check(3).status == "invalid"
    single = get_question("clot_signs")
    assert single.check("B").correct
    assert single.check(["b"]).status == "invalid"
    assert single.check("z").status == "invalid"
    multi = get_question("wells_which_score")
    assert multi.check(["e", "c", "b"]).correct
    assert multi.check("b, c, e").correct
    assert multi.check(["b", "c", "e", "b"]).correct
    assert multi.check(["b", "x"]).status == "invalid"
    wells = get_question("wells_classic_case")
    assert wells.check(3).correct and wells.check("3").correct and wells.check(3.0).correct
    assert wells.check(True).status == "invalid"
    assert wells.check(3.5).status == "invalid"
    assert wells.check("three").status == "invalid"


def test_wrong_level_feedback_says_too_low_or_too_high():
    q = get_question("act_quickly")  # urgent
    assert "too low" in q.check("see_doctor").feedback
    assert "too high" in q.check("emergency").feedback


def test_wells_feedback_names_the_typical_mistake():
    q = get_question("wells_classic_case")  # 3, with calf pain, worsening and warmth
    assert "score no Wells points" in q.check(6).feedback
    assert "Too low" in q.check(2).feedback
    alt = get_question("wells_alternative")
    assert "subtracts 2" in alt.check(2).feedback


def test_next_test_feedback_distinguishes_later_steps():
    q = get_question("next_test_likely")  # ultrasound first, D-dimer next
    assert "not the first step" in q.check("d_dimer").feedback
    assert "does call for a test" in q.check("none").feedback


def test_matching_needs_every_cause_and_explains_wrong_pairs():
    q = get_question("match_four_causes")
    partial = {"stress": "relaxation_techniques"}
    assert q.check(partial).status == "invalid"
    wrong = dict(q.key, stress="muscle_relaxants", neurological_disease="relaxation_techniques")
    result = q.check(wrong)
    assert result.status == "incorrect" and "2 of 4 matched" in result.feedback
    assert q.check({"stress": "relaxation_techniques", "medication_side_effect": "surgery",
                    "neurological_disease": "muscle_relaxants", "epilepsy": "epilepsy_surgery"}).status == "invalid"
    assert q.check("stress=relaxation").status == "invalid"


def test_matching_answer_format_does_not_give_a_pair_away():
    q = get_question("match_four_causes")
    assert "<treatment id>" in q.answer_format()
    for cause, treatment in q.key.items():
        assert f'"{cause}": "{treatment}"' not in q.show()
