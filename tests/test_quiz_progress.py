"""Scoring, the 'topics to revisit' summary, exports (JSON and CSV) and practice mode."""
from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta, timezone

import pytest

from legtwitch.generator import generate_cases
from legtwitch.quiz import exercise, practice
from legtwitch.quiz.exercise import Exercise
from legtwitch.quiz.progress import CSV_COLUMNS
from legtwitch.engine import triage


class Clock:
    """A fake clock: 09:00:00 UTC, one minute later at every call."""

    def __init__(self):
        self.now = datetime(2024, 5, 6, 9, 0, 0, 123456, tzinfo=timezone.utc)

    def __call__(self):
        self.now += timedelta(minutes=1)
        return self.now


@pytest.fixture
def ex():
    bank = exercise("01")
    return Exercise(bank.id, bank.title, bank.questions, clock=Clock())


def test_check_records_attempts_and_reports_the_running_score(ex):
    n = len(ex)
    r = ex["typical_signs"].check("b")
    assert not r.correct and r.score == f"Score: 0 of {n} correct (0 at the first try; 1 answer(s) submitted)"
    r = ex["typical_signs"].check("a")
    assert r.correct and r.score.startswith(f"Score: 1 of {n} correct (0 at the first try")
    ex["wells_3"].check(4)
    assert ex.progress.solved() == {"typical_signs", "wells_3"}
    assert ex.progress.first_try() == {"wells_3"}
    assert len(ex.progress.attempts) == 3


def test_unanswered_and_invalid_are_not_attempts(ex):
    r = ex["typical_signs"].check(None)
    assert r.status == "unanswered" and r.score is None
    ex["typical_signs"].check("z")
    assert ex.progress.attempts == []


def test_viewing_the_solution_loses_the_first_try(ex):
    q = ex["nice_4"]
    text = q.solution()
    assert text.startswith("Answer: a)")
    q.check("a")
    assert "nice_4" in ex.progress.solved()
    assert "nice_4" not in ex.progress.first_try()
    assert ex.progress.missed() == ["nice_4"]


def test_summary_lists_topics_to_revisit_with_their_section(ex):
    for q in ex:
        q.check(q.question.key)
    assert "nothing to revisit" in str(ex.summary())
    bank = exercise("01")
    bank["pe_1"].check("urgent")
    for q in bank:
        if q.id != "pe_1":
            q.check(q.key_answer())
    summary = str(bank.summary())
    assert "Got wrong (not yet right, right only after a retry, or solution looked at) - revisit:" in summary
    assert ("Warning signs of a clot in the lungs: notebooks/01_thrombosis_warning_signs.ipynb, "
            "section '6. When urgent becomes an emergency: a clot in the lungs' (questions: pe_1)") in summary
    assert "Not tried yet" not in summary
    assert summary.count("  - ") == 2  # one topic, one misconception
    assert "  - You once played down chest pain, breathlessness, coughing blood or fainting (questions: pe_1)" in summary


def test_summary_keeps_not_tried_apart_from_got_wrong(ex):
    ex["typical_signs"].check("b")
    ex["typical_signs"].check("a")
    ex["wells_3"].check(4)
    summary = str(ex.summary())
    wrong, untried = summary.split("Not tried yet")
    assert "(questions: typical_signs)" in wrong and "wells_3" not in summary
    assert f"({len(ex) - 2} question(s)):" in untried and "typical_signs" not in untried.split("Misconceptions")[0]
    assert ex.progress.not_tried() == [q.id for q in ex.questions if q.id not in ("typical_signs", "wells_3")]


def test_the_summary_counts_each_misconception(ex):
    ex["typical_signs"].check("b")  # twitching is a clot sign
    ex["risks_1"].check("d")  # the flicker is a clot sign
    ex["twitch_1"].check("b")  # twitching is the commonest early sign
    ex["wells_1"].check(["a", "d", "e"])  # calf pain and warmth score
    lines = ex.progress.misconception_lines()
    assert lines[0].startswith("You three times treated twitching as a sign of a clot (questions: typical_signs, risks_1, twitch_1)")
    assert lines[1].startswith("You once gave Wells points for calf pain, worsening pain or warmth (questions: wells_1)")


def test_revisit_links_point_at_notebook_anchors():
    topic = exercise("01")["pe_1"].question.topic
    assert topic.href("..") == ("../notebooks/01_thrombosis_warning_signs.ipynb"
                                "#6.-When-urgent-becomes-an-emergency:-a-clot-in-the-lungs")
    assert topic.href("../..").startswith("../../notebooks/")


def test_json_export(ex, tmp_path):
    ex["typical_signs"].check("b")
    ex["wells_1"].check(["c", "b", "a"])
    data = json.loads(ex.results_json())
    assert data["exercise"] == "01_thrombosis_warning_signs"
    assert data["score"] == {"correct": 1, "questions": len(ex), "first_try": 1}
    assert data["answers"] == [
        {"question_id": "typical_signs", "answer": "b", "correct": False, "time": "2024-05-06T09:01:00+00:00"},
        {"question_id": "wells_1", "answer": ["a", "b", "c"], "correct": True, "time": "2024-05-06T09:02:00+00:00"},
    ]
    msg = ex.export(tmp_path / "r.json")
    assert str(msg) == "Saved 2 answer(s) to r.json"
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8")) == data


def test_csv_export(ex, tmp_path):
    ex["wells_3"].check("4")
    ex["nice_1"].check("d_dimer")
    rows = list(csv.reader(io.StringIO(ex.results_csv())))
    assert tuple(rows[0]) == CSV_COLUMNS == ("question_id", "answer", "correct", "time")
    assert rows[1:] == [["wells_3", "4", "true", "2024-05-06T09:01:00+00:00"],
                        ["nice_1", "d_dimer", "false", "2024-05-06T09:02:00+00:00"]]
    ex.export(tmp_path / "r.csv")
    assert (tmp_path / "r.csv").read_text(encoding="utf-8") == ex.results_csv()
    with pytest.raises(ValueError, match=".json or .csv"):
        ex.export(tmp_path / "r.txt")


def test_matching_answer_exports_as_json_text():
    ex = exercise("03")
    q = ex["match_1"]
    q.check(q.key_answer())
    row = list(csv.reader(io.StringIO(ex.results_csv())))[1]
    assert json.loads(row[1]) == q.question.key


def test_unknown_question_is_a_clear_error(ex):
    with pytest.raises(KeyError, match="unknown question 'nope' in 01_thrombosis_warning_signs; questions: typical_signs"):
        ex["nope"]


# -- practice mode -------------------------------------------------------------------------------

def test_practice_is_reproducible_from_the_seed_and_shows_it():
    a, b = practice(2417, 4), practice(2417, 4)
    assert [q.id for q in a.questions] == [q.id for q in b.questions]
    assert [q.case.scenario for q in a.questions] == [q.case.scenario for q in b.questions]
    assert "Seed 2417" in str(a.intro()) and a.seed == 2417
    assert "seed 2417" in a.questions[0].show()
    other = practice(7, 4)
    assert [q.case.scenario for q in other.questions] != [q.case.scenario for q in a.questions]


def test_practice_asks_level_wells_when_relevant_and_first_test():
    ex = practice(11, 12)
    cases = generate_cases(12, 11)
    for g in cases:
        ids = {q.id for q in ex.questions if q.case.id == g.id}
        base = f"p11_{g.index}"
        expected = {f"{base}_level", f"{base}_test"}
        if triage(g.scenario).wells is not None:
            expected.add(f"{base}_wells")
        assert ids == expected


def test_practice_keys_are_the_engine_and_explain_its_reasoning():
    ex = practice(5, 6)
    for q in ex:
        result = triage(q.question.case.scenario)
        r = q.check(q.key_answer())
        assert r.correct
        if q.question.kind == "triage_level":
            from legtwitch.knowledge import load_knowledge
            assert q.question.key == result.level.value
            assert f"The engine says {result.level.label}" in r.explanation
            assert all(load_knowledge().rules[rule].name in r.explanation for rule in result.rule_ids)
        for wrong in q.question.example_wrong_answers():
            assert not q.question.check(wrong).correct


@pytest.mark.parametrize("seed,n", [("2417", 3), (True, 3), (1, 0), (1, "3")])
def test_practice_rejects_bad_arguments(seed, n):
    with pytest.raises(ValueError):
        practice(seed, n)
