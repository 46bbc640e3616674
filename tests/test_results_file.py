"""A student's saved answers are never lost: exports merge, refuse foreign files, write atomically,
and can be read back (Progress.load, Exercise.restore)."""
from __future__ import annotations

import errno
import json
import os
import stat
from datetime import datetime, timedelta, timezone

import pytest

from legtwitch.errors import QuizError, ResultsFileError, UnknownQuestionError
from legtwitch.quiz import Progress, exercise, practice
from legtwitch.quiz import results
from legtwitch.quiz.exercise import Exercise


class Clock:
    """A fake clock starting at ``start``, one minute later at every call."""

    def __init__(self, start: datetime):
        self.now = start

    def __call__(self):
        self.now += timedelta(minutes=1)
        return self.now


MONDAY = datetime(2024, 5, 6, 9, 0, tzinfo=timezone.utc)
TUESDAY = datetime(2024, 5, 7, 14, 0, tzinfo=timezone.utc)


def session(start=MONDAY, bank="01") -> Exercise:
    b = exercise(bank)
    return Exercise(b.id, b.title, b.questions, clock=Clock(start))


def q(ex: Exercise, kind: str, n: int = 0):
    """The n-th question of a kind (tests do not depend on the ids of the question bank)."""
    return [b for b in ex if b.question.kind == kind][n]


def right(b):
    return b.question.key


def wrong(b):
    return b.question.example_wrong_answers()[0]


def canonical(b, answer):
    return b.question.normalise(answer)


@pytest.mark.parametrize("suffix", [".csv", ".json"])
def test_two_fresh_sessions_exporting_to_the_same_file_keep_both(tmp_path, suffix):
    path = tmp_path / f"my_results{suffix}"
    monday = session(MONDAY)
    choice = q(monday, "single")
    choice.check(wrong(choice))
    choice.check(right(choice))
    assert str(monday.export(path)) == f"Saved 2 answer(s) to {path.name}"
    tuesday = session(TUESDAY)  # a new kernel: nothing in memory from Monday
    wells = q(tuesday, "wells_total")
    wells.check(right(wells))
    assert str(tuesday.export(path)) == (f"Saved 1 new answer(s) to {path.name}, which keeps its 2 earlier "
                                         "answer(s): 3 in all")
    saved = Progress.load(path)
    assert [(a.question_id, a.answer, a.correct) for a in saved.attempts] == [
        (choice.id, canonical(choice, wrong(choice)), False), (choice.id, right(choice), True),
        (wells.id, right(wells), True)]
    assert [a.time for a in saved.attempts] == ["2024-05-06T09:01:00+00:00", "2024-05-06T09:02:00+00:00",
                                                "2024-05-07T14:01:00+00:00"]


def test_merged_json_recomputes_the_score_over_both_sessions(tmp_path):
    path = tmp_path / "r.json"
    monday = session(MONDAY)
    q(monday, "single").check(right(q(monday, "single")))
    peeked = q(monday, "single", 1)
    peeked.solution()
    monday.export(path)
    tuesday = session(TUESDAY)
    q(tuesday, "wells_total").check(right(q(tuesday, "wells_total")))
    tuesday[peeked.id].check(right(peeked))
    tuesday.export(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "legtwitch-results" and data["format_version"] == 1
    assert data["exercise"] == monday.id
    assert data["score"] == {"correct": 3, "questions": len(monday), "first_try": 2}
    assert data["solutions_viewed"] == [peeked.id]
    assert len(data["answers"]) == 3


@pytest.mark.parametrize("suffix", [".csv", ".json"])
def test_exporting_the_same_session_twice_stores_each_attempt_once(tmp_path, suffix):
    path = tmp_path / f"r{suffix}"
    ex = session()
    q(ex, "single").check(right(q(ex, "single")))
    ex.export(path)
    first = path.read_bytes()
    assert "Saved 0 new answer(s)" in str(ex.export(path))
    assert path.read_bytes() == first
    q(ex, "triage_level").check(right(q(ex, "triage_level")))
    ex.export(path)
    assert len(Progress.load(path).attempts) == 2


def test_an_export_made_before_the_format_field_is_merged(tmp_path):
    path = tmp_path / "old.json"
    ex = session()
    first, level = q(ex, "single"), q(ex, "triage_level")
    old = {"exercise": ex.id, "seed": None,
           "score": {"correct": 1, "questions": len(ex), "first_try": 1}, "solutions_viewed": [],
           "answers": [{"question_id": first.id, "answer": right(first), "correct": True,
                        "time": "2024-01-01T10:00:00+00:00"}]}
    path.write_text(json.dumps(old, indent=2), encoding="utf-8")
    level.check(right(level))
    ex.export(path)
    assert [a.question_id for a in Progress.load(path).attempts] == [first.id, level.id]


@pytest.mark.parametrize("name, content, message", [
    ("r.json", '{"cells": [], "nbformat": 4}', "is not a legtwitch results file (no 'answers' in it)"),
    ("r.json", '{"answers": [], "extra": 1}', "unexpected key 'extra'"),
    ("r.json", '{"format": "something-else", "answers": []}', "its format is 'something-else'"),
    ("r.json", '{"answers": [{"question_id": "QID"}]}', "answer 1 needs exactly the keys"),
    ("r.json", '{"answers": [], "answers": []}', "duplicate key 'answers'"),
    ("r.json", '{"answers": [', "invalid JSON"),
    ("r.json", '{"format": "legtwitch-results", "format_version": 99, "answers": []}', "version 99"),
    ("r.csv", "name,score\nanna,3\n", "the first line must be question_id,answer,correct,time"),
    ("r.csv", "question_id,answer,correct,time\nQID,b,true,2024-05-06T09:0",
     "r.csv:2: is not a legtwitch results file ('time' must be an ISO 8601 time"),
    ("r.csv", "question_id,answer,correct,time\nQID,b,yes,2024-05-06T09:00:00+00:00", "'correct' must be true or false"),
    ("r.csv", "question_id,answer,correct,time\nQID,b\n", "2 columns instead of 4"),
    ("r.csv", "question_id,answer,correct,time\nQID,b,true,2024-05-06T09:00:00\n", "with a time zone"),
    ("r.csv", "question_id,answer,correct,time\nnot_a_question,b,true,2024-05-06T09:00:00+00:00\n",
     "questions that are not in this exercise (e.g. 'not_a_question')"),
])
def test_a_file_that_is_not_our_results_is_refused_and_left_unchanged(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    ex = session()
    content = content.replace("QID", ex.questions[0].id)
    path.write_text(content, encoding="utf-8")
    q(ex, "single").check(right(q(ex, "single")))
    with pytest.raises(ResultsFileError, match=re_escape(message)) as info:
        ex.export(path)
    assert "\n" not in str(info.value)
    assert path.read_text(encoding="utf-8") == content
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # no temporary file left


def re_escape(text: str) -> str:
    import re
    return re.escape(text)


def test_results_of_another_exercise_are_refused(tmp_path):
    path = tmp_path / "r.json"
    other = session(bank="02")
    other[0].check(other.questions[0].key)
    other.export(path)
    before = path.read_bytes()
    ex = session()
    with pytest.raises(ResultsFileError, match="holds the results of exercise '02_why_legs_twitch', not "
                                               "'01_thrombosis_warning_signs'"):
        ex.export(path)
    assert path.read_bytes() == before


def test_practice_results_of_another_seed_are_refused(tmp_path):
    path = tmp_path / "p.json"
    a, b = practice(1, 2), practice(2, 2)
    a[0].check(a.questions[0].key)
    a.export(path)
    with pytest.raises(ResultsFileError, match="practice_seed_1"):
        b.export(path)


def test_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(ResultsFileError, match=r"^cannot save r\.csv: the folder .*no/such does not exist"):
        session().export(tmp_path / "no" / "such" / "r.csv")


def test_a_directory_is_not_overwritten(tmp_path):
    (tmp_path / "r.csv").mkdir()
    with pytest.raises(ResultsFileError, match="it is not a file"):
        session().export(tmp_path / "r.csv")


def test_a_full_disk_leaves_the_earlier_file_intact(tmp_path, monkeypatch):
    path = tmp_path / "r.csv"
    monday = session(MONDAY)
    q(monday, "single").check(right(q(monday, "single")))
    monday.export(path)
    before = path.read_bytes()

    def disk_full(fh, data):
        fh.write(data[: len(data) // 2])  # half of it reached the disk, then no space is left
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(results, "_write_data", disk_full)
    tuesday = session(TUESDAY)
    q(tuesday, "triage_level").check(right(q(tuesday, "triage_level")))
    with pytest.raises(ResultsFileError, match="could not save r.csv: No space left on device; the earlier file is unchanged"):
        tuesday.export(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.csv"]
    with pytest.raises(ResultsFileError, match="nothing was saved"):
        tuesday.export(tmp_path / "new.json")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.csv"]


def test_the_file_mode_of_an_earlier_file_is_kept(tmp_path):
    path = tmp_path / "r.csv"
    ex = session()
    q(ex, "single").check(right(q(ex, "single")))
    ex.export(path)
    path.chmod(0o600)
    q(ex, "triage_level").check(right(q(ex, "triage_level")))
    ex.export(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_wrong_suffix_is_refused_before_anything_is_written(tmp_path):
    with pytest.raises(ResultsFileError, match=r"\.json or \.csv file, not '\.txt'"):
        session().export(tmp_path / "r.txt")
    assert list(tmp_path.iterdir()) == []


# -- reading back ----------------------------------------------------------------------------------

@pytest.mark.parametrize("suffix", [".csv", ".json"])
def test_load_gives_back_exactly_the_attempts_of_every_question_type(tmp_path, suffix):
    ex = exercise("03")  # single, multi, matching, triage level ...
    for b in ex:
        b.check(wrong(b))
        b.check(right(b))
    ex.export(tmp_path / f"r{suffix}")
    loaded = Progress.load(tmp_path / f"r{suffix}", ex.questions)
    assert loaded.attempts == ex.progress.attempts
    assert loaded.score_line() == ex.progress.score_line()


def test_restore_continues_a_session(tmp_path):
    path = tmp_path / "r.json"
    monday = session(MONDAY)
    choice, wells = q(monday, "single"), q(monday, "wells_total")
    choice.check(wrong(choice))
    wells.check(right(wells))
    monday.export(path)
    tuesday = session(TUESDAY)
    report = str(tuesday.restore(path))
    assert report.startswith("Restored 2 answer(s) from r.json. Score: 1 of ")
    tuesday[choice.id].check(right(choice))
    assert tuesday.progress.solved() == {choice.id, wells.id}
    assert tuesday.progress.first_try() == {wells.id}  # the choice was wrong on Monday
    assert "Restored 0 answer(s)" in str(tuesday.restore(path))  # twice: nothing doubled
    other = session(bank="02")
    with pytest.raises(ResultsFileError, match="not in this exercise"):
        other.restore(path)


def test_load_refuses_what_it_cannot_read(tmp_path):
    (tmp_path / "zero.csv").symlink_to("/dev/zero")
    with pytest.raises(ResultsFileError, match="larger than 16 MiB"):
        Progress.load(tmp_path / "zero.csv")
    with pytest.raises(ResultsFileError, match="cannot read file"):
        Progress.load(tmp_path / "missing.json")
    (tmp_path / "r.csv").write_bytes(b"question_id,answer,correct,time\nclot\x00,b,true,x\n")
    with pytest.raises(ResultsFileError, match="NUL byte"):
        Progress.load(tmp_path / "r.csv")


# -- answers that cannot be saved are refused when checked ----------------------------------------------

@pytest.mark.parametrize("answer", [pytest.param(10 ** 5000, id="10**5000"), 10 ** 20, -101, 1e300, "9" * 400])
def test_an_absurd_wells_answer_is_refused_not_recorded(tmp_path, answer):
    ex = session()
    wells = q(ex, "wells_total")
    r = wells.check(answer)
    assert r.status == "invalid" and len(r.feedback) < 200 and len(str(r.answer)) < 200
    assert ex.progress.attempts == []
    wells.check(right(wells))
    ex.export(tmp_path / "r.json")  # the export still works
    assert Progress.load(tmp_path / "r.json").attempts[0].answer == right(wells)


def test_a_wells_answer_out_of_range_names_the_range():
    from legtwitch.knowledge import wells_total_range
    low, high = wells_total_range()
    r = q(session(), "wells_total").check(10 ** 20)
    assert f"is not a possible Wells total: the two-level score runs from {low} to {high}" in r.feedback


@pytest.mark.parametrize("answer", [b"a", bytearray(b"a"), object(), 1j, ["a", b"b"], float("nan")])
def test_answers_of_no_usable_type_are_invalid_not_a_type_error(answer):
    ex = session()
    for kind in ("single", "multi", "wells_total", "triage_level", "next_test"):
        r = q(ex, kind).check(answer)
        assert r.status == "invalid", (kind, r)
        assert isinstance(r.answer, str) and len(r.answer) < 200
    assert ex.progress.attempts == []


def test_a_huge_text_answer_is_echoed_short():
    r = q(session(), "single").check("x" * 10_000_000)
    assert r.status == "invalid" and len(r.feedback) < 200 and "(10000000 characters)" in r.feedback


# -- the quiz API raises its own errors ---------------------------------------------------------------

def test_unknown_question_ids_raise_unknown_question_error_with_a_hint():
    ex = session()
    qid = ex.questions[0].id
    with pytest.raises(UnknownQuestionError, match=rf"^unknown question '{qid[:-1]}' in {ex.id}; "
                                                   rf"did you mean {qid}\?$") as info:
        ex.check(qid[:-1], "b")
    assert isinstance(info.value, ValueError) and isinstance(info.value, KeyError)
    for key in (["x"], None, 99, -99, 2.5):
        with pytest.raises(UnknownQuestionError):
            ex.check(key, "b")
    with pytest.raises(UnknownQuestionError, match=f"no question number 99 in {ex.id}: it has {len(ex)}"):
        ex[99]
    assert ex[-1].id == ex.questions[-1].id


def test_quiz_widget_raises_its_own_errors_and_never_inside_a_callback():
    ex = session()
    quiz = ex.widget()
    with pytest.raises(UnknownQuestionError, match="unknown question 'nope' in this quiz"):
        quiz.submit("nope")
    with pytest.raises(UnknownQuestionError, match="no question number 42"):
        quiz.go(42)
    wells = q(ex, "wells_total").id
    with pytest.raises(QuizError):
        quiz.answer(10 ** 5000, wells)
    with pytest.raises(QuizError):
        quiz.answer(b"a", q(ex, "single").id)
    quiz.go(wells)
    card = quiz.cards[quiz.position]
    card.text.value = "1" * 400  # typed into the box
    card.check_button.click()
    assert "? Cannot check" in quiz.feedback_text() and ex.progress.attempts == []


def test_a_failing_button_action_is_shown_in_the_panel(monkeypatch):
    ex = session()
    quiz = ex.widget()

    def broken(*_args):
        raise ResultsFileError("something went wrong here")

    monkeypatch.setattr(ex, "check", broken)
    choice = q(ex, "single")
    quiz.answer(right(choice), choice.id)
    card = quiz._card(choice.id)
    card.check_button.click()  # must not raise
    assert "something went wrong here" in card.feedback.value
    assert quiz.feedback_text(choice.id).startswith("? Cannot check. something went wrong here")


@pytest.mark.parametrize("n", [0, 10_001, pytest.param(10 ** 9, id="10**9"), pytest.param(10 ** 100, id="10**100"), "3", 2.0])
def test_practice_n_is_bounded(n):
    with pytest.raises(QuizError, match=r"^n must be a whole number from 1 to 10,000"):
        practice(1, n)


def test_practice_seed_is_bounded():
    with pytest.raises(QuizError, match="seed must be a whole number"):
        practice(2 ** 63, 1)


@pytest.mark.parametrize("code, saved", [(errno.EINVAL, True), (errno.ENOSPC, False), (errno.EIO, False)])
def test_a_file_system_that_cannot_sync_still_saves_but_a_failing_sync_does_not(tmp_path, monkeypatch, code, saved):
    path = tmp_path / "r.json"
    ex = session()
    q(ex, "single").check(right(q(ex, "single")))

    def fsync(_fd):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(results.os, "fsync", fsync)
    if saved:
        ex.export(path)
        assert len(Progress.load(path).attempts) == 1
    else:
        with pytest.raises(ResultsFileError, match=os.strerror(code)):
            ex.export(path)
        assert not path.exists()
    assert [p.name for p in tmp_path.iterdir()] == (["r.json"] if saved else [])
