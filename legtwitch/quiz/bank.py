"""Question banks: YAML files in ``legtwitch/data/questions/``, validated on load.

One file per exercise (``<bank id>.yaml``). A broken bank raises ``DataError`` naming the
file, the question and the field. Questions about cases name a library case (``case``) or
give an inline ``scenario``; their keys are computed from the engine here, and a stored
``answer`` on such a question is refused, so no bank can disagree with ``triage()``.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Mapping

from ..errors import DataError, FileFormatError, QuizError, ScenarioError, UnknownQuestionError, short_repr
from ..knowledge import CAUSE_IDS, LEVEL_IDS, TEST_IDS, load_knowledge
from ..scenario import Scenario
from ..schema import Checker
from ..yamlio import load_file
from .questions import (DIFFICULTIES, LEVELS, NO_TEST, CaseRef, ChoiceQuestion, MatchingQuestion, MultiQuestion,
                        NextTestQuestion, OptionFeedback, ProbabilityQuestion, ProbabilityStep, Question, Topic,
                        TriageLevelQuestion, WellsQuestion)

QUESTION_TYPES = ("single", "multi", "triage_level", "wells_total", "next_test", "matching", "probability")
CASE_TYPES = ("triage_level", "wells_total", "next_test")
_COMMON = ("id", "type", "topic", "level", "difficulty", "prompt", "hint", "feedback", "explanation", "source")
_CASE = ("case", "scenario", "vignette")
_OPTIONAL = {
    "single": ("choices", "answer", *_CASE),
    "multi": ("choices", "answer", *_CASE),
    "triage_level": _CASE,
    "wells_total": _CASE,
    "next_test": (*_CASE, "options"),
    "matching": ("items", "options"),
    "probability": (*_CASE, "pretest", "steps", "tolerance"),
}
#: Bank files are named like their bank id, which starts with the exercise number ("01_...").
BANK_GLOB = "[0-9][0-9]_*.yaml"


@dataclass(frozen=True)
class Bank:
    """One exercise's questions, with the topics they teach (for the 'revisit' summary)."""

    id: str
    title: str
    notebook: str
    topics: Mapping[str, Topic]
    questions: tuple[Question, ...]

    def __getitem__(self, question_id: str) -> Question:
        for q in self.questions:
            if q.id == question_id:
                return q
        raise UnknownQuestionError(unknown_question_message(question_id, [q.id for q in self.questions], f"in {self.id}"))


def questions_dir() -> Path:
    return Path(str(resources.files("legtwitch") / "data" / "questions"))


def bank_files(folder: Path | None = None) -> list[Path]:
    """The bank files of a folder (default: the packaged banks), sorted by name."""
    return sorted((folder or questions_dir()).glob(BANK_GLOB))


def _case_ref(check: Checker, raw: Mapping, qid: str, *, required: bool) -> CaseRef | None:
    """The case a question is about: a library case id (``case``) or an inline ``scenario``
    (with an optional ``vignette``, the story a student reads)."""
    if "case" in raw and "scenario" in raw:
        raise check.fail(qid, "case", "give exactly one of 'case' (a library case id) or 'scenario'")
    if "case" not in raw and "scenario" not in raw:
        if required:
            raise check.fail(qid, "case", "give exactly one of 'case' (a library case id) or 'scenario'")
        if "vignette" in raw:
            raise check.fail(qid, "vignette", "belongs to an inline 'scenario'")
        return None
    if "case" in raw:
        if "vignette" in raw:
            raise check.fail(qid, "vignette", "a library case brings its own vignette; remove this one")
        from ..cases import load_cases
        cases = {c.id: c for c in load_cases()}
        case_id = raw["case"]
        if case_id not in cases:
            import difflib
            close = difflib.get_close_matches(str(case_id), list(cases), n=1)
            hint = f"; did you mean {close[0]}?" if close else ""
            raise check.fail(qid, "case", f"unknown case {short_repr(case_id)}{hint}")
        c = cases[case_id]
        return CaseRef(c.id, c.title, c.vignette, c.scenario)
    try:
        scenario = Scenario.from_dict(check.mapping(raw["scenario"], qid, "scenario"))
    except ScenarioError as err:
        raise check.fail(qid, "scenario", str(err)) from None
    vignette = check.text(raw, qid, "vignette", optional=True)
    return CaseRef(None, None, vignette.strip() if vignette else None, scenario)


def _choices(check: Checker, raw: Mapping, qid: str) -> tuple[tuple[str, str], ...]:
    choices = check.mapping(raw.get("choices"), qid, "choices")
    if len(choices) < 2:
        raise check.fail(qid, "choices", "needs at least two options")
    if len(choices) > 8:
        raise check.fail(qid, "choices", "has more than eight options")
    out = []
    for cid, text in choices.items():
        if not isinstance(cid, str) or len(cid) != 1 or not "a" <= cid <= "z":
            raise check.fail(qid, "choices", f"option id {short_repr(cid)} must be one lower-case letter such as 'a'")
        if not isinstance(text, str) or not text.strip():
            raise check.fail(qid, "choices", f"option {cid!r} needs a text")
        out.append((cid, " ".join(text.split())))
    return tuple(out)


def _option_feedback(check: Checker, feedback: Mapping, qid: str, option_ids: tuple[str, ...],
                     what: str) -> dict[str, OptionFeedback]:
    """Per-option feedback: ``{option: text}`` or ``{option: {text: ..., misconception: id}}``."""
    from .misconceptions import load_misconceptions
    raw = check.mapping(feedback.get("choices", {}), qid, "feedback")
    known = load_misconceptions()
    out = {}
    for oid, item in raw.items():
        if oid not in option_ids:
            raise check.fail(qid, "feedback", f"feedback for unknown {what} {short_repr(oid)}; "
                                              f"the options are {', '.join(option_ids)}")
        if isinstance(item, str):
            item = {"text": item}
        if not isinstance(item, Mapping) or not isinstance(item.get("text"), str) or not item["text"].strip():
            raise check.fail(qid, "feedback", f"feedback for option {oid!r} must be a text, "
                                              "or a mapping with 'text' and 'misconception'")
        extra = set(item) - {"text", "misconception"}
        if extra:
            raise check.fail(qid, "feedback", f"feedback for option {oid!r}: unknown field {sorted(extra)[0]!r}")
        mid = item.get("misconception")
        if mid is not None and mid not in known:
            import difflib
            close = difflib.get_close_matches(str(mid), list(known), n=1)
            hint = f"; did you mean {close[0]}?" if close else " (see misconceptions.yaml)"
            raise check.fail(qid, "misconception", f"unknown misconception {short_repr(mid)} for option {oid!r}{hint}")
        out[oid] = OptionFeedback(" ".join(item["text"].split()), mid)
    return out


def _probability(check: Checker, raw: Mapping, qid: str, case: CaseRef | None) -> dict:
    """``pretest``, ``steps`` and ``tolerance`` of a probability question, checked by computing
    the key with legtwitch.probability (so a bank can only ask what the module can compute)."""
    from ..knowledge import load_knowledge as _kb
    from ..probability import ProbabilityError
    pretest = raw.get("pretest")
    categories = tuple(_kb().pretest)
    if isinstance(pretest, str):
        if pretest == "case":
            if case is None:
                raise check.fail(qid, "pretest", "'case' needs a 'case' or an inline 'scenario'")
        elif pretest not in categories:
            raise check.fail(qid, "pretest", f"unknown category {short_repr(pretest)}; known: case, "
                                             + ", ".join(categories))
    elif isinstance(pretest, bool) or not isinstance(pretest, (int, float)) or not 0 < pretest < 1:
        raise check.fail(qid, "pretest", f"must be a category id or a fraction between 0 and 1 "
                                         f"(0.2 for 20 %), got {short_repr(pretest)}")
    raw_steps = raw.get("steps")
    if not isinstance(raw_steps, list) or not raw_steps:
        raise check.fail(qid, "steps", "must be a list of [test, positive or negative] (with an optional context)")
    steps = []
    for i, item in enumerate(raw_steps, 1):
        if not isinstance(item, list) or len(item) not in (2, 3) or item[1] not in ("positive", "negative"):
            raise check.fail(qid, "steps", f"step {i} must be [test, positive] or [test, negative, {{context}}], "
                                           f"got {short_repr(item)}")
        context = item[2] if len(item) == 3 else {}
        if not isinstance(context, Mapping) or set(context) - {"target", "age_years", "age_adjusted"}:
            raise check.fail(qid, "steps", f"step {i}: the context may only set target, age_years and age_adjusted")
        if case is not None and "age_years" in context and case.scenario.age_years not in (None, context["age_years"]):
            raise check.fail(qid, "steps", f"step {i}: age_years {context['age_years']} is not the case's age "
                                           f"{case.scenario.age_years}")
        steps.append(ProbabilityStep(str(item[0]), item[1] == "positive", dict(context)))
    tolerance = raw.get("tolerance", 2.0)
    if isinstance(tolerance, bool) or not isinstance(tolerance, (int, float)) or not 0 < tolerance <= 10:
        raise check.fail(qid, "tolerance", f"must be a number of percentage points above 0 and at most 10, "
                                           f"got {short_repr(tolerance)}")
    fields = dict(pretest=pretest, steps=tuple(steps), tolerance=float(tolerance))
    probe = ProbabilityQuestion(id=qid, bank="", topic=Topic("t", "t", "t"), prompt="", hint_text="",
                                explanation="", source=(), feedback_correct="", feedback_incorrect="",
                                case=case, **fields)
    try:
        if pretest == "case":
            from ..engine import triage
            res = triage(case.scenario)
            wants_pe = any(s.lrs().target == "pe" for s in steps)
            if (res.pe_wells if wants_pe else res.wells) is None:
                raise check.fail(qid, "pretest", f"the engine works out no {'PE' if wants_pe else 'DVT'} Wells "
                                                 "score for this case, so it gives no pre-test probability")
        key = probe.key
    except ProbabilityError as err:
        raise check.fail(qid, "steps", str(err)) from None
    if tolerance >= key / 2:
        raise check.fail(qid, "tolerance", f"±{tolerance:g} is too wide for an answer of {key:.2f} %: "
                                           "0 would count as right; use less than half the answer")
    return fields


def _fill_numbers(check: Checker, q: ProbabilityQuestion) -> ProbabilityQuestion:
    """Put the knowledge base's figures into a probability question's texts ({sens_1}, {after},
    ...): a question quotes the numbers the module computes with, never stale copies."""
    import string
    from dataclasses import replace
    numbers = q.numbers()
    changed = {}
    for name in ("prompt", "hint_text", "explanation", "feedback_correct", "feedback_incorrect"):
        text = getattr(q, name)
        fields = [f for _, f, _, _ in string.Formatter().parse(text) if f is not None]
        unknown = [f for f in fields if f not in numbers]
        if unknown:
            raise check.fail(q.id, name.replace("_text", ""), f"unknown figure {{{unknown[0]}}}; known: "
                                                              + ", ".join(sorted(numbers)))
        if fields:
            changed[name] = text.format_map(numbers)
    if q.case is not None and q.case.vignette and "{" in q.case.vignette:
        changed["case"] = CaseRef(q.case.id, q.case.title, q.case.vignette.format_map(numbers), q.case.scenario)
    return replace(q, **changed) if changed else q


def parse_question(check: Checker, raw: Any, bank_id: str, topics: Mapping[str, Topic],
                   known_sources) -> Question:
    raw = check.mapping(raw, None, None)
    qid = raw.get("id") if isinstance(raw.get("id"), str) else None
    kind = check.one_of(raw, qid, "type", QUESTION_TYPES)
    if kind not in ("single", "multi") and "answer" in raw:
        raise check.fail(qid, "answer", "is computed from the engine or the knowledge base; do not store it")
    check.keys(raw, qid, required=_COMMON, optional=_OPTIONAL[kind])
    qid = check.text(raw, qid, "id")
    if not qid.replace("_", "").isalnum() or qid != qid.lower():
        raise check.fail(qid, "id", "must be lower-case letters, digits and underscores")
    topic_id = check.one_of(raw, qid, "topic", tuple(topics))
    feedback = check.mapping(raw["feedback"], qid, "feedback")
    check.keys(feedback, qid, required=("correct", "incorrect"), optional=("choices",))
    fb_correct = check.text(feedback, qid, "correct")
    fb_incorrect = check.text(feedback, qid, "incorrect")
    common = dict(id=qid, bank=bank_id, topic=topics[topic_id], prompt=check.text(raw, qid, "prompt"),
                  hint_text=check.text(raw, qid, "hint").strip(), explanation=check.text(raw, qid, "explanation"),
                  source=check.id_list(raw, qid, "source", known_sources, what="source"),
                  feedback_correct=fb_correct.strip(), feedback_incorrect=fb_incorrect.strip(),
                  level=check.one_of(raw, qid, "level", LEVELS),
                  difficulty=check.one_of(raw, qid, "difficulty", DIFFICULTIES))
    if kind not in ("single", "multi", "triage_level", "next_test") and "choices" in feedback:
        raise check.fail(qid, "feedback", "per-option feedback exists for single, multi, triage_level and "
                                          "next_test questions only")

    if kind in ("single", "multi"):
        choices = _choices(check, raw, qid)
        ids = tuple(c for c, _ in choices)
        per_choice = _option_feedback(check, feedback, qid, ids, "option")
        if "answer" not in raw:
            raise check.fail(qid, "answer", "is missing (a choice question needs at least one correct answer)")
        case = _case_ref(check, raw, qid, required=False)
        if case is not None:
            common["case"] = case
        answer = raw["answer"]
        if kind == "single":
            if not isinstance(answer, str) or answer not in ids:
                raise check.fail(qid, "answer", f"must be one option id of {', '.join(ids)}, got {short_repr(answer)}")
            return ChoiceQuestion(**common, choices=choices, answer_key=answer, option_feedback=per_choice)
        if not isinstance(answer, list) or not answer or not all(a in ids for a in answer):
            raise check.fail(qid, "answer", f"must be a non-empty list of option ids of {', '.join(ids)}, "
                                            f"got {short_repr(answer)}")
        if len(set(answer)) != len(answer):
            raise check.fail(qid, "answer", "repeats an option id")
        return MultiQuestion(**common, choices=choices, answer_keys=frozenset(answer), option_feedback=per_choice)

    if kind in CASE_TYPES:
        case = _case_ref(check, raw, qid, required=True)
        if kind == "triage_level":
            return TriageLevelQuestion(**common, case=case,
                                       option_feedback=_option_feedback(check, feedback, qid, LEVEL_IDS, "level"))
        if kind == "wells_total":
            from ..engine import triage
            if triage(case.scenario).wells is None:
                raise check.fail(qid, "case" if case.id else "scenario",
                                 "the engine works out no DVT Wells score here (no leg sign of a clot, "
                                 "or a child or pregnancy): ask for the level or the first test instead")
            return WellsQuestion(**common, case=case)
        options = (*TEST_IDS, NO_TEST)
        if "options" in raw:
            options = check.id_list(raw, qid, "options", (*TEST_IDS, NO_TEST), what="test")
            if len(options) < 2:
                raise check.fail(qid, "options", "needs at least two tests")
        q = NextTestQuestion(**common, case=case, options=tuple(options),
                             option_feedback=_option_feedback(check, feedback, qid, tuple(options), "test"))
        if q.key not in q.options:
            raise check.fail(qid, "options", f"the engine's first test {q.key!r} is not among the options")
        return q

    if kind == "probability":
        case = _case_ref(check, raw, qid, required=False)
        fields = _probability(check, raw, qid, case)
        q = ProbabilityQuestion(**common, case=case, **fields)
        return _fill_numbers(check, q)

    kb = load_knowledge()
    items = check.id_list(raw, qid, "items", CAUSE_IDS, what="cause")
    options = check.id_list(raw, qid, "options", tuple(kb.treatments), what="treatment")
    if len(items) < 2:
        raise check.fail(qid, "items", "needs at least two causes to match")
    q = MatchingQuestion(**common, items=items, options=options)
    for cause, fits in q.valid_pairs().items():
        if not fits:
            raise check.fail(qid, "options", f"no option treats cause {cause!r}")
    return q


def parse_bank(data: Any, file: str) -> Bank:
    """Validate one loaded bank file and build its questions (engine keys computed here)."""
    check = Checker(file)
    top = check.mapping(data, None, None)
    check.keys(top, None, required=("bank", "title", "notebook", "topics", "questions"))
    bank_id = check.text(top, None, "bank")
    notebook = check.text(top, bank_id, "notebook")
    raw_topics = check.mapping(top["topics"], bank_id, "topics")
    topics = {}
    for tid, item in raw_topics.items():
        item = check.mapping(item, f"topic {tid}", None)
        check.keys(item, f"topic {tid}", required=("title",), optional=("section", "notebook"))
        topics[tid] = Topic(tid, check.text(item, f"topic {tid}", "title"),
                            check.text(item, f"topic {tid}", "notebook", optional=True) or notebook,
                            check.text(item, f"topic {tid}", "section", optional=True))
    raw_questions = top["questions"]
    if not isinstance(raw_questions, list) or not raw_questions:
        raise check.fail(bank_id, "questions", "must be a non-empty list")
    known_sources = tuple(load_knowledge().sources)
    questions = []
    seen = set()
    for raw in raw_questions:
        q = parse_question(check, raw, bank_id, topics, known_sources)
        if q.id in seen:
            raise check.fail(q.id, "id", "is used twice in this bank")
        seen.add(q.id)
        questions.append(q)
    return Bank(bank_id, check.text(top, bank_id, "title"), notebook, topics, tuple(questions))


def load_bank_file(path: str | Path) -> Bank:
    path = Path(path)
    bank = parse_bank(load_file(path), path.name)
    if bank.id != path.stem:
        raise DataError(path.name, bank.id, "bank", f"must match the file name {path.stem!r}")
    return bank


@lru_cache(maxsize=1)
def _all_banks() -> tuple[Bank, ...]:
    try:
        banks = tuple(load_bank_file(p) for p in bank_files())
    except FileFormatError as err:  # a packaged file: broken data, not the user's input
        raise DataError(Path(err.file).name, None, None, err.problem, line=err.line) from None
    owner: dict[str, str] = {}
    for bank in banks:
        for q in bank.questions:
            if q.id in owner:
                raise DataError(f"{bank.id}.yaml", q.id, "id", f"is already used in {owner[q.id]}.yaml")
            owner[q.id] = bank.id
    return banks


def load_banks() -> dict[str, Bank]:
    """All packaged banks by id (validated once, then cached)."""
    return {b.id: b for b in _all_banks()}


def get_bank(bank_id: str) -> Bank:
    banks = load_banks()
    if not isinstance(bank_id, str) or bank_id not in banks:
        # allow the short form "01" for "01_thrombosis_warning_signs"
        matches = [b for b in banks if b.split("_", 1)[0] == bank_id]
        if len(matches) == 1:
            return banks[matches[0]]
        raise QuizError(f"unknown question bank {short_repr(bank_id)}; known: {', '.join(banks)}")
    return banks[bank_id]


def all_questions() -> tuple[Question, ...]:
    return tuple(q for b in _all_banks() for q in b.questions)


def get_question(question_id: str) -> Question:
    for q in all_questions():
        if q.id == question_id:
            return q
    raise UnknownQuestionError(unknown_question_message(question_id, [q.id for q in all_questions()]))


def unknown_question_message(key: Any, known: Iterable[str], where: str = "") -> str:
    """``unknown question 'x' in 01_...; did you mean y?`` (or a few of the known ids)."""
    import difflib
    known = list(known)
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6) if isinstance(key, str) and len(key) <= 100 else []
    if close:
        hint = f"did you mean {close[0]}?"
    else:
        hint = "questions: " + ", ".join(known[:8]) + (f", ... ({len(known)} in all)" if len(known) > 8 else "")
    return f"unknown question {short_repr(key)}{' ' + where if where else ''}; {hint}"
