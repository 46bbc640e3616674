"""The bank linter: item-writing rules for single-best-answer banks, one line per problem.

    python -m legtwitch.quiz.lint                          # the packaged banks (+ exercises/source if here)
    python -m legtwitch.quiz.lint path/to/banks --exercises exercises/source

Exit code 0 when every bank passes, 1 when a problem is found, 2 for a bad command line.
Each problem is one line: ``file: question: rule: what is wrong``. The rules (issue 14):

- ``longest_correct``: a single-choice item (``single``, ``next_test``) whose right answer is
  the strictly longest option, reported when more than 30 % of the bank's single-choice items
  are like that (then every such item is listed).
- ``long_option``: an option more than twice as long as the median option of its item.
- ``all_none_of_the_above``: an option "all of the above" or "none of the above".
- ``wrong_option_without_feedback``: a wrong option (of ``single``, ``multi``, ``triage_level``,
  ``next_test``) with no feedback of its own.
- ``pronouns``: a question about a case whose words (vignette, lead-in, options, feedback)
  call the patient "he" or "she" against the case's sex (or give no sex at all).
- ``unknown_reference``: a question id (in an exercise source), case id, topic or source id
  that does not exist.
- ``duplicate``: two items with the same correct-answer text and the same lead-in.

Before the rules, each question must load (the schema of ``legtwitch.quiz.bank``); one that
does not is reported as ``does_not_load`` and its rules are skipped. The linter reads every
file with the package's hardened loader and never stops at the first problem.
"""
from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from statistics import median
from typing import Any, Iterable

from ..errors import DataError, LegtwitchError
from ..knowledge import load_knowledge
from ..pronouns import pronoun_mismatches
from ..schema import Checker
from ..yamlio import load_file
from .bank import BANK_GLOB, parse_question, questions_dir
from .questions import Question, Topic, _norm_text

RULES = ("longest_correct", "long_option", "all_none_of_the_above", "wrong_option_without_feedback",
         "pronouns", "unknown_reference", "duplicate")
LONGEST_SHARE = 0.30
LONG_FACTOR = 2.0


@dataclass(frozen=True)
class Problem:
    file: str
    question: str
    rule: str
    message: str

    def line(self) -> str:
        return f"{self.file}: {self.question}: {self.rule}: {self.message}"

    def __str__(self) -> str:
        return self.line()


def _texts(q: Question) -> list[str]:
    parts = [q.prompt, q.hint_text, q.explanation, q.feedback_correct, q.feedback_incorrect,
             q.case.vignette or "" if q.case else ""]
    if q.kind in ("single", "multi"):
        parts += [q.option_text(o) for o in q.option_ids()]
    parts += [fb.text for fb in q.option_feedback.values()]
    return parts


def key_text(q: Question) -> str:
    """The correct answer in words (for the duplicate rule)."""
    if q.kind == "single" or q.kind == "next_test":
        return q.option_text(q.key)
    if q.kind == "multi":
        return " | ".join(sorted(q.option_text(o) for o in q.key))
    if q.kind == "triage_level":
        return q.key
    if q.kind == "probability":
        return f"{q.key:.1f} %"
    if q.kind == "matching":
        return repr(sorted(q.key.items()))
    return str(q.key)


def check_question(q: Question, file: str) -> list[Problem]:
    """Rules 2 to 5 for one loaded question."""
    out = []

    def add(rule: str, message: str) -> None:
        out.append(Problem(file, q.id, rule, message))

    if q.kind in ("single", "multi", "next_test"):
        lengths = {o: len(q.option_text(o)) for o in q.option_ids()}
        mid = median(lengths.values())
        for o, n in lengths.items():
            if n > LONG_FACTOR * mid:
                add("long_option", f"option {o!r} has {n} characters, more than twice the median "
                                   f"of its options ({mid:g}): {q.option_text(o)[:60]!r}")
    if q.kind in ("single", "multi"):
        for o in q.option_ids():
            low = _norm_text(q.option_text(o))
            for phrase in ("all of the above", "none of the above"):
                if phrase in low:
                    add("all_none_of_the_above", f"option {o!r} says {phrase!r}: write a real option instead")
    if q.kind in ("single", "multi", "triage_level", "next_test"):
        key = set(q.key) if q.kind == "multi" else {q.key}
        for o in q.option_ids():
            if o not in key and not (o in q.option_feedback and q.option_feedback[o].text.strip()):
                add("wrong_option_without_feedback", f"wrong option {o!r} ({q.option_text(o)[:50]!r}) has no "
                                                      "feedback: say which misconception it rests on and correct it")
    if q.case is not None:
        wrong = pronoun_mismatches(" ".join(_texts(q)), q.case.scenario.sex)
        if wrong:
            sex = q.case.scenario.sex or "not given"
            add("pronouns", f"the patient's sex is {sex}, but the text says {', '.join(wrong)}")
    return out


def _existence(raw: dict, topics: Iterable[str], file: str, cases: set[str], sources: set[str]) -> list[Problem]:
    qid = str(raw.get("id", "?"))
    out = []
    if "topic" in raw and raw["topic"] not in topics:
        out.append(Problem(file, qid, "unknown_reference", f"topic {raw['topic']!r} is not a topic of this bank"))
    if "case" in raw and raw["case"] not in cases:
        out.append(Problem(file, qid, "unknown_reference", f"case {raw['case']!r} is not in the case library"))
    src = raw.get("source")
    for s in ([src] if isinstance(src, str) else src if isinstance(src, list) else []):
        if s not in sources:
            out.append(Problem(file, qid, "unknown_reference", f"source {s!r} is not in knowledge.yaml"))
    return out


def lint_files(paths: Iterable[Path], exercise_sources: Iterable[Path] = ()) -> list[Problem]:
    """Every problem in the bank files ``paths`` (and question ids in ``exercise_sources``)."""
    from ..cases import load_cases
    cases = {c.id for c in load_cases()}
    sources = set(load_knowledge().sources)
    problems: list[Problem] = []
    loaded: list[tuple[str, Question]] = []
    ids_by_bank: dict[str, set[str]] = {}
    for path in paths:
        file = path.name
        try:
            data = load_file(path)
        except LegtwitchError as err:
            problems.append(Problem(file, "-", "does_not_load", str(err)))
            continue
        if not isinstance(data, dict) or not isinstance(data.get("questions"), list):
            problems.append(Problem(file, "-", "does_not_load", "a bank needs 'bank', 'title', 'notebook', "
                                                                "'topics' and a list of 'questions'"))
            continue
        bank_id = str(data.get("bank", path.stem))
        check = Checker(file)
        topics: dict[str, Topic] = {}
        for tid, item in (data.get("topics") or {}).items():
            if isinstance(item, dict) and isinstance(item.get("title"), str):
                topics[tid] = Topic(tid, item["title"], item.get("notebook") or str(data.get("notebook", "")),
                                    item.get("section"))
        ids_by_bank[bank_id] = set()
        bank_questions = []
        for raw in data["questions"]:
            if not isinstance(raw, dict):
                problems.append(Problem(file, "-", "does_not_load", "a question must be a mapping"))
                continue
            qid = str(raw.get("id", "?"))
            ids_by_bank[bank_id].add(qid)
            missing = _existence(raw, topics, file, cases, sources)
            problems += missing
            if missing:
                continue
            try:
                q = parse_question(check, raw, bank_id, topics, tuple(sources))
            except DataError as err:
                where = f"field {err.field!r}: " if err.field else ""
                problems.append(Problem(file, qid, "does_not_load", where + err.problem if err.entry == qid else str(err)))
                continue
            except LegtwitchError as err:
                problems.append(Problem(file, qid, "does_not_load", str(err)))
                continue
            problems += check_question(q, file)
            bank_questions.append(q)
            loaded.append((file, q))
        single = [q for q in bank_questions if q.kind in ("single", "next_test")]
        longest = [q for q in single if _longest_is_key(q)]
        if single and len(longest) / len(single) > LONGEST_SHARE:
            share = f"{len(longest)} of {len(single)} single-choice items ({100 * len(longest) / len(single):.0f} %)"
            for q in longest:
                problems.append(Problem(file, q.id, "longest_correct",
                                        f"the right answer is the strictly longest option, as in {share}; "
                                        f"at most {LONGEST_SHARE:.0%} may be"))
    seen: dict[tuple[str, str], tuple[str, str]] = {}
    for file, q in loaded:
        ident = (_norm_text(q.prompt), _norm_text(key_text(q)))
        if ident in seen:
            other_file, other = seen[ident]
            problems.append(Problem(file, q.id, "duplicate", f"same lead-in and correct answer as {other} "
                                                            f"({other_file})"))
        else:
            seen[ident] = (file, q.id)
    for spec_path in exercise_sources:
        problems += _exercise_refs(spec_path, ids_by_bank)
    return problems


def _longest_is_key(q: Question) -> bool:
    lengths = {o: len(q.option_text(o)) for o in q.option_ids()}
    return all(lengths[q.key] > n for o, n in lengths.items() if o != q.key)


def _exercise_refs(path: Path, ids_by_bank: dict[str, set[str]]) -> list[Problem]:
    """Question ids named in an exercise source that are not in its bank."""
    try:
        spec = load_file(path)
    except LegtwitchError as err:
        return [Problem(path.name, "-", "does_not_load", str(err))]
    if not isinstance(spec, dict):
        return [Problem(path.name, "-", "does_not_load", "an exercise source must be a mapping")]
    bank = spec.get("bank")
    known = ids_by_bank.get(bank)
    if known is None:
        return [Problem(path.name, "-", "unknown_reference", f"bank {bank!r} does not exist")]
    out = []
    for item in spec.get("cells", []) or []:
        if isinstance(item, dict) and "question" in item and item.get("in", "ex") == "ex":
            if item["question"] not in known:
                out.append(Problem(path.name, str(item["question"]), "unknown_reference",
                                   f"question {item['question']!r} is not in bank {bank}"))
    return out


def lint_banks(folder: str | Path | None = None, exercises: str | Path | None = None) -> list[Problem]:
    """Every problem in the banks of ``folder`` (default: the packaged banks) and, when given,
    the question ids named by the exercise sources in ``exercises``."""
    folder = Path(folder) if folder is not None else questions_dir()
    specs = sorted(Path(exercises).glob("*.yaml")) if exercises is not None else []
    return lint_files(sorted(folder.glob(BANK_GLOB)), specs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m legtwitch.quiz.lint",
                                     description="Check question banks against the item-writing rules.")
    parser.add_argument("folder", nargs="?", help="folder of bank files (default: the packaged banks)")
    parser.add_argument("--exercises", help="folder of exercise sources whose question ids must exist "
                                            "(default: exercises/source when it is here)")
    args = parser.parse_args(argv)
    exercises: Any = args.exercises
    if exercises is None and Path("exercises/source").is_dir() and args.folder is None:
        exercises = "exercises/source"
    folder = args.folder
    if folder is not None and not Path(folder).is_dir():
        print(f"legtwitch lint: {folder}: not a folder", file=sys.stderr)
        return 2
    problems = lint_banks(folder, exercises)
    for p in problems:
        print(p.line())
    n = len(list(Path(folder or questions_dir()).glob(BANK_GLOB)))
    if problems:
        print(f"{len(problems)} problem(s) in {n} bank file(s)")
        return 1
    print(f"{n} bank file(s): every question passes the {len(RULES)} rules")
    return 0


if __name__ == "__main__":
    sys.exit(main())
