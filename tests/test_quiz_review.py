"""The review queue: Leitner boxes worked out from saved results files, so that the questions a
student got wrong (or looked up) come back after a restart; safe files all the way."""
from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from legtwitch.errors import QuizError, ResultsFileError
from legtwitch.quiz import exercise, practice, review, schedule
from legtwitch.quiz.exercise import Exercise
from legtwitch.quiz.results import Attempt
from legtwitch.quiz.review import INTERVAL_DAYS, leitner_box

MONDAY = datetime(2024, 5, 6, 9, 0, tzinfo=timezone.utc)


class Clock:
    def __init__(self, start: datetime):
        self.now = start

    def __call__(self):
        self.now += timedelta(minutes=1)
        return self.now


def session(bank: str, start: datetime = MONDAY) -> Exercise:
    ex = exercise(bank)
    return Exercise(ex.id, ex.title, ex.questions, order_seed=0, clock=Clock(start))


def _a(correct: bool, minute: int) -> Attempt:
    return Attempt("q", "a", correct, (MONDAY + timedelta(minutes=minute)).isoformat())


@pytest.mark.parametrize("history, looked_up, box", [
    ([], False, 1),
    ([True], False, 2),
    ([True, True, True], False, 4),
    ([True] * 9, False, 5),
    ([True, True, False], False, 1),
    ([False, True], False, 2),
    ([True], True, 1),  # the first right answer after a look-up does not count
    ([True, True], True, 2),
])
def test_leitner_boxes(history, looked_up, box):
    attempts = [_a(ok, i) for i, ok in enumerate(history)]
    assert leitner_box(list(reversed(attempts)), looked_up) == box  # replayed in time order


def _monday_session(tmp_path: Path) -> tuple[Path, Exercise]:
    """Exercise 01 on Monday: two wrong, one looked up then right, the rest right at once."""
    ex = session("01")
    for b in ex:
        if b.id in ("signs_2", "wells_2"):
            b.check(b.example_wrong_answers()[0])
        elif b.id == "nice_4":
            b.solution()
            b.check(b.key_answer())
        else:
            b.check(b.key_answer())
    path = tmp_path / "my_results_01.json"
    ex.export(path)
    return path, ex


def test_review_after_a_restart_brings_back_what_was_missed(tmp_path):
    path, _ex = _monday_session(tmp_path)
    later = MONDAY + timedelta(hours=3)
    rv = review(path, now=later)  # nothing shared with the session above but the file
    assert [q.id for q in rv.questions] == ["signs_2", "wells_2", "nice_4"]  # most overdue first
    assert rv.id == "review" and "3 question(s) due on 2024-05-06" in rv.title
    tomorrow = review(path, now=MONDAY + timedelta(days=1, hours=1))
    assert set(q.id for q in tomorrow.questions[:3]) == {"nice_4", "signs_2", "wells_2"}
    assert len(tomorrow.questions) == 20  # then the box-2 questions, up to the limit
    assert len(review(path, now=MONDAY + timedelta(days=1, hours=1), limit=200).questions) == 25


def test_review_in_a_new_python_process(tmp_path):
    path, _ex = _monday_session(tmp_path)
    code = ("from datetime import datetime, timezone\nfrom legtwitch.quiz import review\n"
            f"rv = review({str(path)!r}, now=datetime(2024, 5, 6, 12, tzinfo=timezone.utc))\n"
            "print(','.join(q.id for q in rv.questions))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert run.stdout.strip() == "signs_2,wells_2,nice_4"


def test_review_answers_move_questions_between_boxes(tmp_path):
    path, _ex = _monday_session(tmp_path)
    tuesday = MONDAY + timedelta(days=1)
    rv = review(path, now=tuesday)
    for b in rv:
        if b.id in ("signs_2", "wells_2", "nice_4"):
            b.check(b.key_answer())
    plan = rv.schedule()
    boxes = {c.question.id: c.box for c in plan.cards}
    assert boxes["signs_2"] == boxes["wells_2"] == 2 and boxes["nice_4"] == 2
    rv.export(tmp_path / "my_review.json")
    wednesday = review(path, tmp_path / "my_review.json", now=tuesday + timedelta(hours=5))
    assert "signs_2" not in [q.id for q in wednesday.questions]
    again = wednesday.schedule()
    assert {c.question.id: c.box for c in again.cards}["signs_2"] == 2
    assert again.cards[0].due <= again.cards[-1].due or again.cards[0].box <= again.cards[-1].box


def test_review_finds_the_suggested_file_names_in_the_current_folder(tmp_path, monkeypatch):
    _monday_session(tmp_path)
    ex02 = session("02")
    ex02[0].check(ex02[0].example_wrong_answers()[0])
    ex02.export(tmp_path / "my_results_02.csv")
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")  # not matched by the default names
    monkeypatch.chdir(tmp_path)
    rv = review(now=MONDAY + timedelta(hours=2))
    assert ex02.questions[0].id in [q.id for q in rv.questions] and "signs_2" in [q.id for q in rv.questions]
    assert "my_results_01.json" in str(rv.intro()) and "my_results_02.csv" in str(rv.intro())


def test_no_results_yet_is_a_clear_quiz_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(QuizError, match=r"^no results files found .*ex.export\(\"my_results_01.json\"\)$"):
        review()
    with pytest.raises(QuizError, match="limit must be a whole number from 1 to 200"):
        review(limit=0)


def test_a_corrupt_or_foreign_file_is_a_one_line_error_and_stays_unchanged(tmp_path):
    bad = tmp_path / "my_results_01.json"
    bad.write_text('{"answers": [{"question_id": "x"', encoding="utf-8")
    with pytest.raises(ResultsFileError) as err:
        review(bad)
    assert "my_results_01.json" in str(err.value) and "\n" not in str(err.value)
    assert bad.read_text(encoding="utf-8") == '{"answers": [{"question_id": "x"'
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"format": "somebody-else", "answers": []}), encoding="utf-8")
    with pytest.raises(ResultsFileError, match="is not a legtwitch results file"):
        schedule(other)
    with pytest.raises(ResultsFileError, match="cannot read"):
        review(tmp_path / "missing.json")


def test_review_answers_never_overwrite_an_exercise_file(tmp_path):
    path, _ex = _monday_session(tmp_path)
    before = path.read_text(encoding="utf-8")
    rv = review(path, now=MONDAY + timedelta(hours=1))
    rv[0].check(rv[0].key_answer())
    with pytest.raises(ResultsFileError, match="holds the results of exercise '01_thrombosis_warning_signs'"):
        rv.export(path)
    assert path.read_text(encoding="utf-8") == before
    assert "Saved 1 answer(s) to my_review.csv" in str(rv.export(tmp_path / "my_review.csv"))
    rv2 = review(path, now=MONDAY + timedelta(days=2))
    rv2[0].check(rv2[0].key_answer())
    assert "which keeps its 1 earlier" in str(rv2.export(tmp_path / "my_review.csv"))  # merged across days


def test_generated_practice_answers_are_counted_but_not_reviewed(tmp_path):
    pr = practice(5, 2)
    pr[0].check(pr[0].example_wrong_answers()[0])
    pr.export(tmp_path / "my_results_practice.json")
    path, _ex = _monday_session(tmp_path)
    plan = schedule(path, tmp_path / "my_results_practice.json", now=MONDAY + timedelta(hours=1))
    assert plan.skipped == 1 and "1 answer(s) to generated practice cases are not reviewed" in plan.text()
    assert all(not c.question.id.startswith("p5_") for c in plan.cards)


def test_the_schedule_says_each_box_and_due_date(tmp_path):
    path, _ex = _monday_session(tmp_path)
    plan = schedule(path, now=MONDAY + timedelta(hours=1))
    text = plan.text()
    assert text.startswith("Review schedule on 2024-05-06: 25 question(s) tried, 3 due now.")
    assert "box 1: 3, box 2: 22, box 3: 0" in text
    assert "box 1  due now" in text and "box 2  due 2024-05-07" in text
    assert INTERVAL_DAYS == {1: 0, 2: 1, 3: 3, 4: 7, 5: 21}


def test_nothing_due_says_so_and_the_review_widget_works(tmp_path):
    ex = session("05")
    for b in ex:
        b.check(b.key_answer())
    ex.export(tmp_path / "my_results_05.json")
    rv = review(tmp_path / "my_results_05.json", now=MONDAY + timedelta(hours=1))
    assert len(rv) == 0 and "Nothing is due now" in str(rv.intro())
    rv = review(tmp_path / "my_results_05.json", now=MONDAY + timedelta(days=1, hours=1))
    quiz = rv.widget()
    card = quiz.cards[0]
    card.set_value(rv[card.question.id].key_answer())
    assert card.submit().correct and "Score: 1 of" in quiz.score_label.value
