"""Issue 14's standard for the banks, as tests: counts, item metadata, distractors that diagnose.

- at least 120 questions; at least half vignette-based single-best-answer items; at least 40 %
  apply or analyse on a case no teaching notebook works through; the right answer is the
  strictly longest option in at most 30 % of single-choice items;
- every wrong option has feedback and a misconception id from the documented list, and every
  id on the list is used;
- the list of worked cases matches what the teaching notebooks walk through;
- docs/misconceptions.md is generated from the list.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from legtwitch.cases import load_cases
from legtwitch.quiz import all_questions, load_misconceptions
from legtwitch.quiz.catalogue import WORKED_CASES, bank_counts, item_of, items, longest_is_correct
from legtwitch.quiz.questions import DIFFICULTIES, LEVELS

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = all_questions()
OPTION_TYPES = ("single", "multi", "triage_level", "next_test")


def test_the_counts_issue_14_asks_for():
    c = bank_counts()
    n = c["questions"]
    assert n >= 120
    assert c["vignette_sba"] / n >= 0.5
    assert c["unseen_apply_analyse"] / n >= 0.4
    assert c["longest_correct"] / c["single_choice"] <= 0.3
    assert set(c["by_level"]) == set(LEVELS) and all(c["by_level"].values())


def test_every_question_has_a_level_a_difficulty_and_the_counts_add_up():
    assert all(q.level in LEVELS and q.difficulty in DIFFICULTIES for q in QUESTIONS)
    c = bank_counts()
    assert sum(c["by_type"].values()) == sum(c["by_level"].values()) == len(QUESTIONS)


@pytest.mark.parametrize("q", [q for q in QUESTIONS if q.kind in OPTION_TYPES], ids=lambda q: q.id)
def test_every_wrong_option_has_feedback_and_a_misconception(q):
    known = load_misconceptions()
    key = set(q.key) if q.kind == "multi" else {q.key}
    for oid in q.option_ids():
        if oid in key:
            continue
        fb = q.option_feedback.get(oid)
        assert fb is not None and fb.text.strip(), (q.id, oid)
        assert fb.misconception in known, (q.id, oid, fb.misconception)


def test_every_listed_misconception_is_diagnosed_by_some_question():
    used = {fb.misconception for q in QUESTIONS for fb in q.option_feedback.values()}
    probability_slips = {"probability_not_odds", "wrong_likelihood_ratio", "odds_for_probability", "forgot_a_step",
                         "accuracy_is_post_test", "pretest_ignored", "age_cut_off_ignored"}
    recognised = {m for q in QUESTIONS if q.kind == "probability" for m, _v, _t in q.slips()}
    assert probability_slips <= recognised
    assert set(load_misconceptions()) == used | recognised | {"wells_scores_calf_pain", "wells_forgets_alternative"}


def test_a_wrong_answer_names_its_misconception_in_the_feedback():
    q = next(q for q in QUESTIONS if q.kind == "single" and q.id == "signs_2")
    wrong = q.example_wrong_answers()[0]
    result = q.check(wrong)
    m = load_misconceptions()[q.option_feedback[wrong].misconception]
    assert f'The trap: "{m.name}."' in result.feedback and result.misconceptions == (m.id,)


LETTER_REFERENCE = re.compile(r"\b(option|choice)s? [a-f]\b|\([a-f]\)|(^|\s)[a-f]\)\s", re.IGNORECASE)


@pytest.mark.parametrize("q", QUESTIONS, ids=lambda q: q.id)
def test_texts_never_name_an_option_by_letter(q):
    """Letters depend on the seed's order, so a fixed letter in a text could point at the wrong option."""
    texts = [q.prompt, q.hint_text, q.explanation, q.feedback_correct, q.feedback_incorrect,
             *(fb.text for fb in q.option_feedback.values())]
    for text in texts:
        assert not LETTER_REFERENCE.search(text), (q.id, text)


@pytest.mark.parametrize("q", [q for q in QUESTIONS if q.case is not None and q.case.id is None], ids=lambda q: q.id)
def test_inline_scenarios_give_a_sex_and_a_vignette(q):
    assert q.case.scenario.sex in ("female", "male"), q.id
    assert q.case.vignette, q.id


def test_case_questions_never_name_the_case_id():
    ids = {c.id for c in load_cases()}
    for q in QUESTIONS:
        shown = q.show()
        assert not any(cid in shown for cid in ids), q.id


def _sources(path: Path) -> str:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in nb["cells"])


def test_worked_cases_are_the_cases_the_teaching_notebooks_name():
    """A case a teaching notebook works through cannot count as unseen: if a notebook starts
    using a library case, add it to WORKED_CASES (the unseen share then drops honestly)."""
    ids = {c.id for c in load_cases()}
    named = set()
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        text = _sources(path)
        named |= {cid for cid in ids if re.search(rf"\b{cid}\b", text)}
    assert named <= WORKED_CASES, sorted(named - WORKED_CASES)


def test_unseen_means_not_worked_and_inline_is_always_unseen():
    for q in QUESTIONS:
        item = item_of(q)
        if q.case is None:
            assert not item.unseen and not item.unseen_apply
        elif q.case.id is None:
            assert item.unseen
        else:
            assert item.unseen == (q.case.id not in WORKED_CASES)


def test_single_choice_keys_are_not_systematically_the_longest_in_any_bank():
    by_bank: dict[str, list[bool]] = {}
    for q in QUESTIONS:
        flag = longest_is_correct(q)
        if flag is not None:
            by_bank.setdefault(q.bank, []).append(flag)
    for bank, flags in by_bank.items():
        assert sum(flags) / len(flags) <= 0.3, bank


def test_the_shuffle_spreads_the_right_answer_over_the_letters():
    """Under the default seed no letter holds the key in more than 40 % of the option items."""
    from collections import Counter
    from legtwitch.quiz import exercise
    letters = Counter()
    for bank in ("01", "02", "03", "04", "05", "06", "07"):
        ex = exercise(bank)
        for b in ex:
            if b.question.kind in ("single", "next_test"):
                letters[b.key_answer()] += 1
    total = sum(letters.values())
    assert len(letters) >= 4 and max(letters.values()) / total <= 0.4, letters


def test_lecturer_table_lists_every_item_by_topic_and_level():
    from legtwitch.quiz import item_table
    text = str(item_table("05"))
    assert text.startswith("15 items. By topic and cognitive level:")
    for it in items("05"):
        assert f"  {it.id}: " in text
    assert "recall  apply  analyse" in text and "(unseen)" in text
    everything = str(item_table())
    assert everything.startswith(f"{len(QUESTIONS)} items.")


def test_docs_misconception_list_is_generated_from_the_data():
    from legtwitch.quiz.misconceptions import markdown_list
    assert (ROOT / "docs" / "misconceptions.md").read_text(encoding="utf-8") == markdown_list() + "\n", \
        "run: python -m legtwitch.quiz.catalogue --misconceptions docs/misconceptions.md"
