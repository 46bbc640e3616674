"""Case practice: commit before reveal, feedback that weighs a missed danger above an extra
step, seeded sessions, and results files that never lose a commit.

The expected answers come from ``triage()`` itself (never typed in), so the tests prove the
scoring rules, not a list of answers.
"""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from legtwitch import Scenario, TriageLevel, triage
from legtwitch.case_practice import CSV_COLUMNS, CaseRun, PracticeSession, read_case_results
from legtwitch.cases import load_cases
from legtwitch.errors import LegtwitchError, ResultsFileError
from legtwitch.generator import generate_cases
from legtwitch.scoring import (POINTS, SCORING_TABLE, TEACHING_LINKS, CommitError, assess, commitment,
                               scoring_table_markdown)

LEVELS = list(TriageLevel)
CASES = load_cases()


def _right_answer(result):
    """What a student who agrees with the engine commits."""
    top = [c.id for c in result.likely_causes][:3]
    must = [c.id for c in result.likely_causes if c.must_not_miss and c.evidence]
    causes = list(dict.fromkeys(must + top))[:3]
    pretest = result.probability.pretest.value * 100 if result.probability else None
    return dict(level=result.level.value, causes=causes, first_test=result.first_test, pretest=pretest, reason="r")


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_agreeing_with_the_engine_scores_the_maximum(case):
    result = triage(case.scenario)
    fb = assess(case.id, commitment(**_right_answer(result)), result)
    assert fb.level_correct and not fb.under_triage and fb.first_test_correct
    assert fb.score == fb.max_score > 0
    assert fb.missed_must_not_miss == ()


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_under_triage_always_scores_below_over_triage(case):
    """For every library case and every wrong level: any lower level scores less than any
    higher level, with everything else the same."""
    result = triage(case.scenario)
    base = _right_answer(result)
    scores = {}
    for level in LEVELS:
        fb = assess(case.id, commitment(**{**base, "level": level.value}), result)
        assert fb.under_triage == (level < result.level) and fb.over_triage == (level > result.level)
        scores[level] = fb.score
    lower = [scores[lv] for lv in LEVELS if lv < result.level]
    higher = [scores[lv] for lv in LEVELS if lv > result.level]
    if lower and higher:
        assert max(lower) < min(higher)
    assert all(s < scores[result.level] for s in lower + higher)


def test_a_missed_must_not_miss_cause_is_flagged_and_costs_more_than_other_misses():
    result = triage(Scenario(calf_pain=True, leg_swollen=True, pitting_edema=True, age_years=40, sex="male",
                             recent_exercise=True))
    assert any(c.id == "muscle_injury" or c.evidence for c in result.likely_causes)
    base = _right_answer(result)
    without_dvt = assess("x", commitment(**{**base, "causes": [c for c in base["causes"] if c != "dvt"]}), result)
    without_other = assess("x", commitment(**{**base, "causes": ["dvt"]}), result)
    assert without_dvt.missed_must_not_miss == ("dvt",) and without_other.missed_must_not_miss == ()
    assert without_dvt.part("causes").verdict == "missed"
    assert without_dvt.score < without_other.score
    assert "MISSED A MUST-NOT-MISS CAUSE: Deep-vein thrombosis" in without_dvt.text()
    assert without_dvt.part("causes").link == TEACHING_LINKS["dvt"]


@pytest.mark.parametrize("kw, must", [
    (dict(chest_pain=True, age_years=50), "pulmonary_embolism"),
    (dict(seizure=True, age_years=30), "epilepsy"),
    (dict(muscle_weakness=True, muscle_wasting=True, duration_days=60, age_years=60), "motor_neuron_disease"),
])
def test_each_must_not_miss_cause_is_flagged_when_left_out(kw, must):
    result = triage(Scenario(**kw))
    fb = assess("x", commitment(level=result.level.value, causes=[]), result)
    assert must in fb.missed_must_not_miss


def test_first_test_and_pretest_parts():
    likely = triage(Scenario(calf_pain=True, leg_swollen=True, pitting_edema=True, age_years=40))
    assert likely.first_test == "compression_ultrasound"
    base = _right_answer(likely)
    assert assess("x", commitment(**{**base, "first_test": None}), likely).part("first_test").points == POINTS["test_missing"]
    assert assess("x", commitment(**{**base, "first_test": "d_dimer"}), likely).part("first_test").verdict == "wrong"
    far = assess("x", commitment(**{**base, "pretest": base["pretest"] + 25}), likely).part("pretest")
    assert far.points == 0 and "25 points too high" in far.message
    none_needed = triage(Scenario(stress=True, duration_days=2))
    fb = assess("x", commitment(level="self_care", first_test="emg"), none_needed)
    assert fb.part("first_test").verdict == "cost"
    assert all(p.part != "pretest" for p in fb.parts)  # no clot suspected, none estimated: no part


@pytest.mark.parametrize("kw, message", [
    (dict(level="soon"), "level: got 'soon'"),
    (dict(level="urgent", causes="dvt"), "causes: give a list"),
    (dict(level="urgent", causes=["dvt", "x"]), "causes: unknown cause 'x'"),
    (dict(level="urgent", causes=["dvt", "dvt"]), "named twice"),
    (dict(level="urgent", causes=["dvt", "stress", "cellulitis", "epilepsy"]), "at most 3"),
    (dict(level="urgent", first_test="blood"), "first_test: unknown test 'blood'"),
    (dict(level="urgent", pretest=120), "pretest: a percentage from 0 to 100"),
    (dict(level="urgent", pretest=True), "pretest: a percentage"),
    (dict(level="urgent", reason=5), "reason: give one line"),
    (dict(level="urgent", reason="x" * 301), "at most 300"),
])
def test_bad_commitments_are_one_line_errors(kw, message):
    with pytest.raises(CommitError) as err:
        commitment(**kw)
    assert message in str(err.value) and "\n" not in str(err.value)


def test_the_answer_does_not_exist_before_the_commit():
    run = CaseRun(generate_cases(1, 5)[0])
    assert not run.revealed and run.feedback is None
    with pytest.raises(CommitError, match="commit first"):
        run.result
    assert all(not s.after_commit for s in run.visible_stages())
    assert [s.kind for s in run.visible_stages()] == ["presenting"]
    assert run.next_action == "Take the history"
    run.next_stage()
    assert run.next_action == "Examine" and not run.ready
    run.next_stage()
    assert run.ready and run.next_stage() is None
    fb = run.commit(level="self_care")
    assert run.revealed and fb is run.feedback and run.result.level is fb.engine_level
    with pytest.raises(CommitError, match="already committed"):
        run.commit(level="urgent")
    run.reset()
    assert not run.revealed and [s.kind for s in run.visible_stages()] == ["presenting"]


def test_results_appear_only_after_the_commit():
    case = next(c for c in generate_cases(60, 2417) if c.stages[-1].after_commit)
    run = CaseRun(case)
    while run.next_stage():
        pass
    assert not any(s.after_commit for s in run.visible_stages())
    run.commit(level="urgent")
    assert run.visible_stages()[-1].after_commit


def test_a_seeded_session_is_the_same_for_everyone():
    a, b = PracticeSession.generated(2417, 4), PracticeSession.generated(2417, 4)
    assert [r.case for r in a.runs] == [r.case for r in b.runs]
    assert a.label == "Case 1 of 4" and a.next_case() is a.current and a.label == "Case 2 of 4"


def test_titles_stay_hidden_until_the_commit():
    session = PracticeSession(["classic_calf_dvt", "exam_stress_twitch"])
    assert session.names() == {"classic_calf_dvt": "Case 1", "exam_stress_twitch": "Case 2"}
    session.commit(level="urgent")
    assert session.names()["classic_calf_dvt"] == session.runs[0].case.title


@pytest.mark.parametrize("bad, message", [([], "at least one case"), (["nope"], "unknown case 'nope'"),
                                           ([5], "a library case id")])
def test_bad_sessions(bad, message):
    with pytest.raises(LegtwitchError, match=message):
        PracticeSession(bad)


def test_scoring_table_matches_the_points():
    md = scoring_table_markdown()
    assert md.count("\n") == len(SCORING_TABLE) + 1
    assert f"| {POINTS['level_under_1']:+d} |" in md and f"| {POINTS['missed_must_not_miss']:+d} |" in md
    assert POINTS["level_under_1"] < POINTS["missed_must_not_miss"] < POINTS["test_missing"] < 0


def test_teaching_links_name_real_headings():
    from pathlib import Path
    root = Path(__file__).resolve().parent.parent / "notebooks"
    for notebook, heading in set(TEACHING_LINKS.values()):
        cells = json.loads((root / notebook).read_text(encoding="utf-8"))["cells"]
        headings = {line.lstrip("#").strip() for c in cells if c["cell_type"] == "markdown"
                    for line in "".join(c["source"]).splitlines() if line.startswith("#")}
        assert heading in headings, (notebook, heading)


# -- results files ---------------------------------------------------------------------------------

class Clock:
    def __init__(self):
        self.t = datetime(2026, 11, 30, 9, 0, tzinfo=timezone.utc)

    def __call__(self):
        self.t += timedelta(seconds=1)
        return self.t


def _session(clock=None):
    return PracticeSession(["classic_calf_dvt", "exam_stress_twitch"], name="ward-round", clock=clock or Clock())


@pytest.mark.parametrize("suffix", [".json", ".csv"])
def test_export_merges_and_never_loses_a_commit(tmp_path, suffix):
    path = tmp_path / f"results{suffix}"
    clock = Clock()
    first = _session(clock)
    first.commit(level="see_doctor", causes=["muscle_cramp"])
    assert "Saved 1 commit" in first.export(path)
    second = _session(clock)  # a new session after a restart
    second.commit(level="urgent", causes=["dvt"], first_test="compression_ultrasound")
    second.next_case()
    second.commit(level="self_care", causes=["stress"])
    message = second.export(path)
    assert "Saved 3 commits" in message and "1 already in the file, 2 new" in message
    assert second.export(path).startswith("Saved 3 commits")  # exporting twice adds nothing
    records = read_case_results(path)
    assert [r.to_dict()["level"] for r in records] == ["see_doctor", "urgent", "self_care"]
    assert records[0].to_dict()["under_triage"] is True and records[1].to_dict()["under_triage"] is False


def test_a_foreign_or_broken_file_is_refused_and_left_unchanged(tmp_path):
    session = _session()
    session.commit(level="urgent")
    for name, content in [("a.json", '{"answers": []}'), ("b.csv", "question_id,answer,correct,time\n"),
                          ("c.json", ""), ("d.json", "{not json"), ("e.csv", ",".join(CSV_COLUMNS) + "\nx,y\n")]:
        path = tmp_path / name
        path.write_text(content)
        with pytest.raises(ResultsFileError) as err:
            session.export(path)
        assert "left unchanged" in str(err.value) or "empty" in str(err.value)
        assert "\n" not in str(err.value)
        assert path.read_text() == content


def test_another_sessions_file_is_not_mixed_in(tmp_path):
    path = tmp_path / "r.json"
    _session().commit(level="urgent") or None
    a = _session()
    a.commit(level="urgent")
    a.export(path)
    b = PracticeSession(["classic_calf_dvt"], name="another-group")
    b.commit(level="urgent")
    before = path.read_text()
    with pytest.raises(ResultsFileError, match="holds the results of session 'ward-round'"):
        b.export(path)
    assert path.read_text() == before
    assert json.loads(before)["format"] == "legtwitch-case-results"


def test_wrong_suffix_and_missing_folder(tmp_path):
    session = _session()
    session.commit(level="urgent")
    with pytest.raises(ResultsFileError, match="a .json or .csv file"):
        session.export(tmp_path / "r.txt")
    with pytest.raises(ResultsFileError, match="does not exist"):
        session.export(tmp_path / "missing" / "r.json")
