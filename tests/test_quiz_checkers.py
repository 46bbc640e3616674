"""Every checker, both ways (learntools style): the key passes, typical wrong answers fail.

Also: unanswered and malformed answers are neither right nor wrong; a wrong answer never
reveals the key or the explanation; show() never contains the answer.
"""
from __future__ import annotations

import re

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
    assert q.id not in shown and "Answer format" in shown  # students read the topic, not the question id
    assert q.explanation.strip() not in shown and "Answer:" not in shown
    solution = q.solution()
    assert solution.startswith("Answer: ") and q.explanation.strip() in solution


def test_wrong_choice_gets_its_own_feedback():
    q = get_question("typical_signs")
    result = q.check("b")
    assert "twitching is not typical of a clot" in result.feedback
    assert result.misconceptions == ("twitching_is_a_clot_sign",)


def test_answers_are_read_leniently_but_never_guessed():
    level = get_question("pe_1")  # emergency
    assert level.check("Emergency").correct
    assert level.check(TriageLevel.EMERGENCY).correct
    assert level.check(" emergency ").correct and level.check("999").correct and level.check("d").correct
    assert level.check("ermergency").status == "invalid"
    assert level.check(3).status == "invalid"
    single = get_question("typical_signs")
    assert single.check("A").correct and single.check("a)").correct
    assert single.check("a pulling calf pain that worsens, and a warm leg").correct  # the option's words
    assert single.check(["a"]).status == "invalid"
    assert single.check("z").status == "invalid"
    multi = get_question("wells_1")
    assert multi.check(["c", "b", "a"]).correct
    assert multi.check("a, b, c").correct
    assert multi.check(["a", "b", "c", "a"]).correct
    assert multi.check(["a", "x"]).status == "invalid"
    wells = get_question("wells_3")  # 4
    assert wells.check(4).correct and wells.check("4").correct and wells.check(4.0).correct
    assert wells.check("4 points").correct
    assert wells.check(True).status == "invalid"
    assert wells.check(3.5).status == "invalid"
    assert wells.check("four").status == "invalid"


@pytest.mark.parametrize("words, test", [("ultrasound", "compression_ultrasound"), ("ULTRASOUND", "compression_ultrasound"),
                                         ("leg scan", "compression_ultrasound"), ("D-dimer", "d_dimer"),
                                         ("d dimer", "d_dimer"), ("ctpa", "ctpa"), ("no test", "none"),
                                         ("Leg-vein ultrasound", "compression_ultrasound")])
def test_tests_are_read_from_their_common_words_and_the_result_says_how(words, test):
    q = get_question("nice_1")  # options: ultrasound, D-dimer, CTPA, chest X-ray, none
    result = q.check(words)
    assert result.answer == test
    assert result.read_as == f"Read '{words}' as: {q.label(test)}."


def test_levels_are_read_from_their_words_and_the_result_says_how():
    q = get_question("signs_3")  # urgent
    result = q.check("today")
    assert result.correct and result.read_as == "Read 'today' as: Urgent."
    result = q.check("Book an appointment")
    assert result.answer == "see_doctor" and result.read_as == "Read 'Book an appointment' as: See a doctor."
    assert q.check("urgent").read_as is None  # the level's own name needs no note
    assert q.check("c").read_as is None  # nor does a letter


def test_a_word_that_could_mean_two_offered_options_is_refused_with_both_named():
    from dataclasses import replace
    q = replace(get_question("order_1"), options=("neurological_exam", "imaging", "ctpa", "none"))
    result = q.check("CT scan")
    assert result.status == "invalid"
    assert "could mean" in result.feedback and "CT pulmonary angiogram" in result.feedback \
        and "MRI or CT of brain or spine" in result.feedback


def test_a_free_answer_under_a_shuffled_view_is_read_as_the_letter_shown():
    from legtwitch.quiz import exercise
    ex = exercise("01", seed=7)
    b = ex["nice_1"]
    result = b.check("ultrasound")
    assert result.correct and result.read_as == f"Read 'ultrasound' as: {b.label('compression_ultrasound')}."
    assert b.label("compression_ultrasound").startswith(b.view.letter("compression_ultrasound") + ") ")


ENGINE_IDS = re.compile(r"\b(self_care|see_doctor|compression_ultrasound|neurological_exam|blood_tests|chest_xray|"
                        r"vq_scan|d_dimer|suspected_dvt|pe_warning_signs|first_seizure|no_red_flags)\b")


@pytest.mark.parametrize("q", QUESTIONS, ids=lambda q: q.id)
def test_students_read_names_never_engine_ids(q):
    """What a student reads (question, options, answer format, feedback, worked answer) is plain language."""
    texts = [q.show(), q.solution(), q.check(q.key).text()]
    texts += [q.check(w).text() for w in q.example_wrong_answers()[:2]]
    for text in texts:
        assert not ENGINE_IDS.search(text.replace(f"[{q.id}]", "")), (q.id, ENGINE_IDS.search(text).group(0))


@pytest.mark.parametrize("q", [q for q in QUESTIONS if q.kind == "multi"], ids=lambda q: q.id)
def test_multi_select_feedback_points_but_never_tells(q):
    right = [q.option_text(o) for o in q.key]
    for wrong in q.example_wrong_answers():
        text = q.check(wrong).feedback
        assert not any(r in text for r in right), (q.id, wrong, text)
        assert not any(f"{o}) " in text for o in q.key), (q.id, wrong, text)  # no letter of a right option


def test_wrong_level_feedback_says_too_low_or_too_high():
    q = get_question("signs_3")  # urgent
    assert "too low" in q.check("see_doctor").feedback
    assert "too high" in q.check("emergency").feedback
    assert q.check("emergency").misconceptions == ("leg_signs_mean_999",)


def test_wells_feedback_names_the_typical_mistake():
    q = get_question("wells_2")  # 1, with calf pain
    naive = q.check(2)
    assert "score no Wells points" in naive.feedback and naive.misconceptions == ("wells_scores_calf_pain",)
    assert "Too low" in q.check(0).feedback
    alt = get_question("wells_4")  # 1, with the -2 item
    forgot = alt.check(3)
    assert "subtracts 2" in forgot.feedback and forgot.misconceptions == ("wells_forgets_alternative",)


def test_next_test_feedback_distinguishes_later_steps():
    q = get_question("nice_1")  # ultrasound first, D-dimer next
    assert "not the first step" in q.check("d_dimer").feedback
    assert "does call for a test" in q.check("none").feedback


def test_matching_needs_every_cause_and_explains_wrong_pairs():
    q = get_question("match_1")
    partial = {"stress": "relaxation_techniques"}
    assert q.check(partial).status == "invalid"
    wrong = dict(q.key, stress="muscle_relaxants", neurological_disease="relaxation_techniques")
    result = q.check(wrong)
    assert result.status == "incorrect" and "2 of 4 matched" in result.feedback
    assert q.check({"stress": "relaxation_techniques", "medication_side_effect": "surgery",
                    "neurological_disease": "muscle_relaxants", "epilepsy": "epilepsy_surgery"}).status == "invalid"
    assert q.check("stress=relaxation").status == "invalid"
    by_number = {str(i): q.view().letter(q.key[c]) for i, c in enumerate(q.items, 1)}
    assert q.check(by_number).correct


def test_matching_answer_format_does_not_give_a_pair_away():
    q = get_question("match_1")
    assert "cause number to treatment letter" in q.answer_format()
    for cause, treatment in q.key.items():
        assert f'"{cause}": "{treatment}"' not in q.show()
