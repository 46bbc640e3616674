"""Item metadata for lecturers: what each question asks, at which cognitive level, about which case.

    from legtwitch.quiz import item_table, bank_counts
    item_table("01")      # the items of exercise 01 by topic and level (also in the solution notebooks)
    bank_counts()         # counts by type, level and topic over every bank

An item is **vignette-based** when it is about a case the student reads (a library case or an
inline scenario with a vignette). It is a **single-best-answer (SBA)** item when the student
picks one option: ``single``, ``triage_level`` and ``next_test``. A case is **unseen** when no
teaching notebook walks through it (``WORKED_CASES``; inline scenarios are always unseen).

    python -m legtwitch.quiz.catalogue               # the counts
    python -m legtwitch.quiz.catalogue --misconceptions docs/misconceptions.md
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass
from statistics import median

from ..display import Report
from .bank import get_bank, load_banks
from .questions import LEVELS, Question

#: Library cases that the teaching notebooks work through (notebook 05 walks twelve; 01, 02 and
#: 04 show four more). A test keeps this list in step with the notebooks.
WORKED_CASES = frozenset({
    "exam_stress_twitch", "thirteen_days_no_trigger", "new_antidepressant", "foot_drop_and_wasting",
    "wells_exactly_one", "classic_calf_dvt", "teen_cast_calf_pain", "pregnant_swollen_calf",
    "pe_after_hip_surgery", "chest_pain_without_leg_signs", "first_seizure_after_all_nighter",
    "long_standing_epc", "red_hot_leg", "baker_cyst_alternative", "faint_in_the_queue",
    "widespread_twitching_medical_student", "previous_pe_breathless",
})
SBA_TYPES = ("single", "triage_level", "next_test")
FORMS = {"single": "SBA", "triage_level": "SBA", "next_test": "SBA", "multi": "multiple select",
         "wells_total": "numeric", "probability": "numeric", "matching": "matching"}


@dataclass(frozen=True)
class Item:
    """One question's metadata, as a lecturer reads it."""

    bank: str
    id: str
    kind: str
    topic: str
    level: str
    difficulty: str
    case: str  # the case's title, "inline scenario", or "-"
    case_id: str | None
    vignette: bool
    unseen: bool
    options: int
    misconceptions: tuple[str, ...]

    @property
    def form(self) -> str:
        return FORMS[self.kind]

    @property
    def sba(self) -> bool:
        return self.kind in SBA_TYPES

    @property
    def vignette_sba(self) -> bool:
        return self.sba and self.vignette

    @property
    def unseen_apply(self) -> bool:
        """Apply or analyse, on a case no teaching notebook works through."""
        return self.level in ("apply", "analyse") and self.case != "-" and self.unseen


def item_of(q: Question) -> Item:
    case = q.case
    if case is None:
        title, unseen, vignette = "-", False, False
    elif case.id is None:
        title, unseen, vignette = "inline scenario", True, bool(case.vignette)
    else:
        title, unseen, vignette = case.title or case.id, case.id not in WORKED_CASES, bool(case.vignette)
    tags = tuple(dict.fromkeys(fb.misconception for fb in q.option_feedback.values() if fb.misconception))
    return Item(q.bank, q.id, q.kind, q.topic.title, q.level, q.difficulty, title, case.id if case else None,
                vignette, unseen, len(q.option_ids()), tags)


def items(bank: str | None = None) -> list[Item]:
    banks = [get_bank(bank)] if bank else list(load_banks().values())
    return [item_of(q) for b in banks for q in b.questions]


def longest_is_correct(q: Question) -> bool | None:
    """Is the right answer the strictly longest option? (None: not a single-choice item)."""
    if q.kind not in ("single", "next_test"):
        return None
    lengths = {oid: len(q.option_text(oid)) for oid in q.option_ids()}
    key = q.key
    return all(lengths[key] > n for oid, n in lengths.items() if oid != key)


def option_lengths(q: Question) -> dict[str, int]:
    return {oid: len(q.option_text(oid)) for oid in q.option_ids()}


def bank_counts(bank: str | None = None) -> dict:
    """Counts by type, level, difficulty and topic, and the shares issue 14 asks for."""
    its = items(bank)
    banks = [get_bank(bank)] if bank else list(load_banks().values())
    questions = [q for b in banks for q in b.questions]
    single = [q for q in questions if q.kind in ("single", "next_test")]
    longest = [q for q in single if longest_is_correct(q)]
    n = len(its)
    return {
        "questions": n,
        "by_type": dict(Counter(i.kind for i in its)),
        "by_level": {lv: sum(1 for i in its if i.level == lv) for lv in LEVELS},
        "by_difficulty": dict(Counter(i.difficulty for i in its)),
        "by_bank": dict(Counter(i.bank for i in its)),
        "by_topic": dict(Counter(f"{i.bank}: {i.topic}" for i in its)),
        "vignette_sba": sum(1 for i in its if i.vignette_sba),
        "vignette_sba_five_options": sum(1 for i in its if i.vignette_sba and i.options >= 5),
        "unseen_apply_analyse": sum(1 for i in its if i.unseen_apply),
        "single_choice": len(single),
        "longest_correct": len(longest),
        "median_options": median([i.options for i in its if i.options]) if any(i.options for i in its) else 0,
    }


def counts_text(bank: str | None = None) -> str:
    c = bank_counts(bank)
    n = c["questions"]

    def pct(k: int, of: int) -> str:
        return f"{k} ({100 * k / of:.0f} %)" if of else "0"
    lines = [f"{n} questions in {len(c['by_bank'])} bank(s)",
             "by type: " + ", ".join(f"{k} {v}" for k, v in sorted(c["by_type"].items())),
             "by level: " + ", ".join(f"{k} {v}" for k, v in c["by_level"].items()),
             "by difficulty: " + ", ".join(f"{k} {c['by_difficulty'].get(k, 0)}" for k in ("easy", "medium", "hard")),
             f"vignette-based SBA: {pct(c['vignette_sba'], n)}; with five or more options: "
             f"{c['vignette_sba_five_options']}",
             f"apply or analyse on a case no teaching notebook works through: {pct(c['unseen_apply_analyse'], n)}",
             f"single-choice items whose right answer is the strictly longest option: "
             f"{pct(c['longest_correct'], c['single_choice'])} of {c['single_choice']}",
             "by bank: " + ", ".join(f"{k} {v}" for k, v in sorted(c["by_bank"].items()))]
    return "\n".join(lines)


def item_table(bank: str | None = None) -> Report:
    """A lecturer's table: for each topic the items at each cognitive level, then every item
    with its type, level, difficulty, case and the misconceptions its wrong options diagnose."""
    its = items(bank)
    topics = list(dict.fromkeys(i.topic for i in its))
    width = max([len("topic")] + [len(t) for t in topics])
    lines = [f"{len(its)} items. By topic and cognitive level:",
             f"  {'topic':<{width}}  recall  apply  analyse"]
    for t in topics:
        row = [sum(1 for i in its if i.topic == t and i.level == lv) for lv in LEVELS]
        lines.append(f"  {t:<{width}}  {row[0]:>6}  {row[1]:>5}  {row[2]:>7}")
    lines += ["", "Items (unseen = a case no teaching notebook works through):"]
    for i in its:
        case = i.case if i.case == "-" else f"{i.case}{' (unseen)' if i.unseen else ''}"
        tags = ", ".join(i.misconceptions) or "-"
        lines.append(f"  {i.id}: {i.form}, {i.level}, {i.difficulty}; topic: {i.topic}; case: {case}; "
                     f"misconceptions: {tags}")
    return Report("\n".join(lines))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m legtwitch.quiz.catalogue",
                                     description="Counts of the question banks, or the misconception list as Markdown.")
    parser.add_argument("--bank", help="one bank (e.g. 01); default: all")
    parser.add_argument("--misconceptions", metavar="FILE", help="write the misconception list (Markdown) to FILE")
    args = parser.parse_args(argv)
    if args.misconceptions:
        from .misconceptions import markdown_list
        with open(args.misconceptions, "w", encoding="utf-8") as fh:
            fh.write(markdown_list() + "\n")
        print(f"wrote {args.misconceptions}")
        return 0
    print(counts_text(args.bank))
    return 0


if __name__ == "__main__":
    sys.exit(main())
