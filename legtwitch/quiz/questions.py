"""Question types and the checking API: ``question.check(answer) -> CheckResult``.

Six types, as the exercises need them:

- ``single``: one choice out of a few (lettered ``a``, ``b``, ...).
- ``multi``: every choice that applies (a list of letters).
- ``triage_level``: which level fits a case; the key is ``triage(case).level``.
- ``wells_total``: the two-level Wells total of a case; the key is ``wells_score(case).total``.
- ``next_test``: the first test to order for a case; the key is ``triage(case).recommended_tests[0]``
  (``none`` when the engine recommends no test).
- ``matching``: match causes to treatments; the key is the knowledge base's ``for_causes``.

Case-based keys are computed from the engine when a bank is loaded and are never stored,
so a question can never contradict ``triage()`` or ``wells_score()``.

Students see no answer before they submit: a wrong answer gets feedback on *that* answer
and a pointer to ``hint()``; the explanation comes with a correct answer or ``solution()``.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Mapping

from ..errors import QuizError, short_repr
from ..knowledge import LEVEL_IDS, TEST_IDS, load_knowledge, wells_total_range
from ..levels import TriageLevel
from ..scenario import Scenario

#: Statuses a check can end in. ``unanswered`` and ``invalid`` are not counted as attempts.
STATUSES = ("correct", "incorrect", "unanswered", "invalid")
NO_TEST = "none"

TYPE_NAMES = {
    "single": "single choice",
    "multi": "multiple select",
    "triage_level": "triage level",
    "wells_total": "Wells total",
    "next_test": "which test next",
    "matching": "matching",
}


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one submitted answer.

    ``explanation`` is filled only when the answer is correct (a wrong answer gets
    ``feedback`` on what was chosen, not the key). ``score`` is a one-line running score
    when the question belongs to an exercise that records attempts.
    """

    question_id: str
    status: str
    answer: Any
    feedback: str
    explanation: str | None = None
    source: tuple[str, ...] = ()
    score: str | None = None

    @property
    def correct(self) -> bool:
        return self.status == "correct"

    @property
    def answered(self) -> bool:
        return self.status in ("correct", "incorrect")

    def text(self) -> str:
        if self.status == "correct":
            lines = [f"✓ Correct. {self.feedback}"]
            if self.explanation:
                lines.append(f"Why: {self.explanation}")
            if self.source:
                lines.append("Sources: " + ", ".join(self.source))
        elif self.status == "incorrect":
            lines = [f"✗ Not quite. {self.feedback}",
                     "Try again; ask for a hint with .hint(), or see the worked answer with .solution()."]
        elif self.status == "unanswered":
            lines = [f"… Not answered yet. {self.feedback}"]
        else:
            lines = [f"? Cannot check this answer. {self.feedback}"]
        if self.score:
            lines.append(self.score)
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.text()

    def _repr_pretty_(self, p, cycle) -> None:  # IPython shows the plain text
        p.text(self.text())


@dataclass(frozen=True)
class Topic:
    """What a question is about, and where it is taught (a teaching-notebook section)."""

    id: str
    title: str
    notebook: str  # repository-relative path, e.g. notebooks/01_thrombosis_warning_signs.ipynb
    section: str | None = None  # heading text in that notebook

    @property
    def anchor(self) -> str | None:
        """JupyterLab's anchor for the heading: spaces become dashes."""
        return None if self.section is None else self.section.replace(" ", "-")

    def location(self) -> str:
        return self.notebook + (f", section '{self.section}'" if self.section else "")

    def href(self, repo_root: str = "..") -> str:
        link = f"{repo_root.rstrip('/')}/{self.notebook}" if repo_root else self.notebook
        return link + (f"#{self.anchor}" if self.anchor else "")


@dataclass(frozen=True)
class CaseRef:
    """The case a question is about: a library case, a generated case or an inline scenario."""

    id: str | None
    title: str | None
    vignette: str | None
    scenario: Scenario


def _norm_word(value: str) -> str:
    return value.strip().lower().replace("-", "_").replace(" ", "_")


def answer_to_text(answer: Any) -> str:
    """A stable one-line form of an answer (used in exports). Recorded answers are always
    normalised, hence serialisable (checked in ``Question.check``)."""
    if answer is None:
        return ""
    if isinstance(answer, str):
        return answer
    return json.dumps(answer, ensure_ascii=False, sort_keys=True, allow_nan=False)


def _shown(answer: Any) -> str:
    """How an answer that could not be checked is echoed back: never unbounded, never failing."""
    if isinstance(answer, str) and len(answer) <= 200:
        return answer
    return short_repr(answer)


class InvalidAnswer(QuizError):
    """The answer cannot be checked (wrong form, unknown option); the message says why."""


@dataclass(frozen=True)
class Question:
    """Common part of every question. Subclasses define how an answer is read and judged."""

    id: str
    bank: str
    topic: Topic
    prompt: str
    hint_text: str
    explanation: str
    source: tuple[str, ...]
    feedback_correct: str
    feedback_incorrect: str
    kind: str = field(init=False, default="")
    case: CaseRef | None = None  # the case the question is about (always set for case types)

    # -- the public, learntools-style API -------------------------------------------------
    def check(self, answer: Any) -> CheckResult:
        """Judge ``answer``. ``None`` means not answered yet (nothing is counted)."""
        if answer is None or (isinstance(answer, (str, list, tuple, set, dict)) and not answer):
            return CheckResult(self.id, "unanswered", None,
                               f"Set `answer` to your answer ({self.answer_format()}) and run the cell again.")
        try:
            value = self.normalise(answer)
            answer_to_text(value)  # a recorded answer must be exportable (JSON and CSV)
        except InvalidAnswer as err:
            return CheckResult(self.id, "invalid", _shown(answer), str(err))
        except (TypeError, ValueError):  # cannot happen with the normalisers here; guards subclasses
            return CheckResult(self.id, "invalid", _shown(answer), "this answer cannot be saved; "
                               f"give it as {self.answer_format()}.")
        correct, specific = self.judge(value)
        if correct:
            return CheckResult(self.id, "correct", value, self.feedback_correct,
                               self.full_explanation(), self.source)
        feedback = " ".join(t for t in (specific, self.feedback_incorrect) if t)
        return CheckResult(self.id, "incorrect", value, feedback)

    def hint(self) -> str:
        return self.hint_text

    def solution(self) -> str:
        """The worked answer: the key, then why (with sources)."""
        return (f"Answer: {self.key_text()}\nWhy: {self.full_explanation()}\n"
                f"Sources: {', '.join(self.source)}")

    def show(self) -> str:
        """The question as a student sees it (no answer in it)."""
        head = f"[{self.id}] {TYPE_NAMES[self.kind]} · topic: {self.topic.title}"
        return "\n".join([head, self.full_prompt(), *self.option_lines(), f"Answer format: {self.answer_format()}"])

    # -- to be specialised ------------------------------------------------------------------
    def full_prompt(self) -> str:
        """The prompt, after the case's title and vignette when the question is about a case.

        The case is named by its title, never by its id (an id such as
        'chest_pain_without_leg_signs' would give the answer away)."""
        parts = []
        if self.case is not None and self.case.vignette:
            parts += [f"Case: {self.case.title}" if self.case.title else "Case", self.case.vignette.strip(), ""]
        parts.append(self.prompt.strip())
        return "\n".join(parts)

    def option_lines(self) -> list[str]:
        return []

    def answer_format(self) -> str:
        raise NotImplementedError

    def normalise(self, answer: Any) -> Any:
        raise NotImplementedError

    def judge(self, value: Any) -> tuple[bool, str]:
        raise NotImplementedError

    @property
    def key(self) -> Any:
        raise NotImplementedError

    def key_text(self) -> str:
        raise NotImplementedError

    def full_explanation(self) -> str:
        return self.explanation.strip()

    def example_wrong_answers(self) -> list[Any]:
        """Typical wrong answers (for the two-way checker tests and for demos)."""
        raise NotImplementedError


@dataclass(frozen=True)
class ChoiceQuestion(Question):
    """``single``: exactly one correct choice."""

    choices: tuple[tuple[str, str], ...] = ()
    answer_key: str = ""
    choice_feedback: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self):
        object.__setattr__(self, "kind", "single")

    def option_lines(self) -> list[str]:
        return [f"  {cid}) {text}" for cid, text in self.choices]

    def answer_format(self) -> str:
        return f'one option id, e.g. answer = "{self.choices[0][0]}"'

    def _choice_id(self, value: Any) -> str:
        ids = [c for c, _ in self.choices]
        if isinstance(value, TriageLevel):
            value = value.value
        if not isinstance(value, str):
            raise InvalidAnswer(f"give one option id as text ({', '.join(ids)}), not {short_repr(value)}.")
        norm = _norm_word(value).rstrip(")")
        if norm not in ids:
            raise InvalidAnswer(f"{short_repr(value)} is not one of the options: {', '.join(ids)}.")
        return norm

    def normalise(self, answer: Any) -> str:
        if isinstance(answer, (list, tuple, set)):
            raise InvalidAnswer("this question has one answer: give a single option id, not a list.")
        return self._choice_id(answer)

    @property
    def key(self) -> str:
        return self.answer_key

    def key_text(self) -> str:
        return f"{self.key}) {dict(self.choices)[self.key]}"

    def judge(self, value: str) -> tuple[bool, str]:
        return value == self.key, self.choice_feedback.get(value, "")

    def example_wrong_answers(self) -> list[Any]:
        return [c for c, _ in self.choices if c != self.key]


@dataclass(frozen=True)
class MultiQuestion(ChoiceQuestion):
    """``multi``: choose every option that applies (the key is a set of ids)."""

    answer_keys: frozenset[str] = frozenset()

    def __post_init__(self):
        object.__setattr__(self, "kind", "multi")

    def answer_format(self) -> str:
        return f'a list of option ids, e.g. answer = ["{self.choices[0][0]}", "{self.choices[1][0]}"]'

    def normalise(self, answer: Any) -> list[str]:
        if isinstance(answer, str):
            answer = [part for part in answer.replace(";", ",").split(",") if part.strip()]
        if not isinstance(answer, (list, tuple, set, frozenset)):
            raise InvalidAnswer(f"give a list of option ids, not {short_repr(answer)}.")
        return sorted({self._choice_id(a) for a in answer})

    @property
    def key(self) -> list[str]:
        return sorted(self.answer_keys)

    def key_text(self) -> str:
        names = dict(self.choices)
        return "; ".join(f"{c}) {names[c]}" for c in self.key)

    def judge(self, value: list[str]) -> tuple[bool, str]:
        chosen = set(value)
        if chosen == self.answer_keys:
            return True, ""
        right = len(chosen & self.answer_keys)
        wrong = sorted(chosen - self.answer_keys)
        parts = [f"{right} of your {len(chosen)} choices belong; {len(self.answer_keys) - right} correct option(s) are missing."]
        parts += [self.choice_feedback[c] for c in wrong if c in self.choice_feedback]
        return False, " ".join(parts)

    def example_wrong_answers(self) -> list[Any]:
        ids = [c for c, _ in self.choices]
        key = self.key
        wrong = [key[:-1] or [c for c in ids if c not in key][:1]]  # one missing
        extra = [c for c in ids if c not in key]
        if extra:
            wrong.append(sorted(key + extra[:1]))  # one too many
        if set(ids) != self.answer_keys:
            wrong.append(ids)  # ticked everything
        return [w for w in wrong if set(w) != self.answer_keys]


# -- engine-keyed questions about a case -------------------------------------------------------

@dataclass(frozen=True)
class CaseQuestion(Question):
    """A question about a case whose key the engine computes (never stored in a bank)."""

    def result(self):
        from ..engine import triage
        return triage(self.case.scenario)


@dataclass(frozen=True)
class TriageLevelQuestion(CaseQuestion):
    def __post_init__(self):
        object.__setattr__(self, "kind", "triage_level")

    def option_lines(self) -> list[str]:
        return [f"  {lv.value}: {lv.symbol} {lv.label} ({lv.action})" for lv in TriageLevel]

    def answer_format(self) -> str:
        return 'one level id, e.g. answer = "self_care" (self_care, see_doctor, urgent, emergency)'

    def normalise(self, answer: Any) -> str:
        if isinstance(answer, TriageLevel):
            return answer.value
        if not isinstance(answer, str):
            raise InvalidAnswer(f"give a level as text ({', '.join(LEVEL_IDS)}), not {short_repr(answer)}.")
        norm = _norm_word(answer)
        labels = {_norm_word(load_knowledge().levels[lv].label): lv for lv in LEVEL_IDS}
        norm = labels.get(norm, norm)
        if norm not in LEVEL_IDS:
            raise InvalidAnswer(f"{short_repr(answer)} is not a level; use one of {', '.join(LEVEL_IDS)}.")
        return norm

    @property
    def key(self) -> str:
        return self.result().level.value

    def key_text(self) -> str:
        level = TriageLevel(self.key)
        return f"{level.value} ({level.symbol} {level.label}: {level.action})"

    def judge(self, value: str) -> tuple[bool, str]:
        chosen, key = TriageLevel(value), TriageLevel(self.key)
        if chosen == key:
            return True, ""
        if chosen < key:
            return False, f"{chosen.label} is too low: something in this case calls for faster action."
        return False, f"{chosen.label} is too high: nothing in this case calls for that much urgency."

    def full_explanation(self) -> str:
        res = self.result()
        fired = "; ".join(f"{r.rule_id} ({r.level.value})" for r in res.reasons)
        return f"{self.explanation.strip()} Engine: {res.level.value}, from the rules {fired}."

    def example_wrong_answers(self) -> list[Any]:
        return [lv for lv in LEVEL_IDS if lv != self.key]


@dataclass(frozen=True)
class WellsQuestion(CaseQuestion):
    def __post_init__(self):
        object.__setattr__(self, "kind", "wells_total")

    def answer_format(self) -> str:
        return "a whole number, e.g. answer = 1 (the two-level Wells total; it can be negative)"

    #: Answers beyond this size are refused, not recorded: no Wells total comes near, and a
    #: number like 10**5000 could not even be written to a results file.
    LARGEST_ANSWER = 100

    def normalise(self, answer: Any) -> int:
        original = answer
        if isinstance(answer, bool):
            raise InvalidAnswer("give the Wells total as a whole number, not True/False.")
        if isinstance(answer, float) and answer.is_integer():
            answer = int(answer)
        if isinstance(answer, str):
            try:
                if len(answer.strip()) > 20:  # int() of thousands of digits is slow or refused
                    raise ValueError
                answer = int(answer.strip())
            except ValueError:
                raise InvalidAnswer(f"{short_repr(answer)} is not a whole number.") from None
        if not isinstance(answer, int):
            raise InvalidAnswer(f"give the Wells total as a whole number, not {short_repr(answer)}.")
        if abs(answer) > self.LARGEST_ANSWER:
            low, high = wells_total_range()
            raise InvalidAnswer(f"{short_repr(original)} is not a possible Wells total: the two-level "
                                f"score runs from {low} to {high}.")
        return answer

    @property
    def key(self) -> int:
        from ..wells import wells_score
        return wells_score(self.case.scenario).total

    def key_text(self) -> str:
        from ..wells import wells_score
        w = wells_score(self.case.scenario)
        return f"{w.total} (DVT {w.category})"

    def judge(self, value: int) -> tuple[bool, str]:
        key = self.key
        if value == key:
            return True, ""
        if value > key:
            tip = ("Too high. Calf pain, worsening pain and a warm leg raise suspicion but score no Wells points"
                   + (", and an equally likely other diagnosis subtracts 2." if self.case.scenario.alternative_diagnosis_likely else "."))
        else:
            tip = "Too low. Count every examination finding and every risk factor (cancer, immobility or surgery, a cast, earlier DVT): each is worth 1."
        return False, tip

    def full_explanation(self) -> str:
        from ..wells import wells_score
        w = wells_score(self.case.scenario)
        items = " ".join(f"{i.points:+d} {i.text};" for i in w.items) or "no criterion met;"
        return f"{self.explanation.strip()} Engine: {items} total {w.total}, DVT {w.category}."

    def example_wrong_answers(self) -> list[Any]:
        key = self.key
        wrong = [key + 1, key - 1]
        s = self.case.scenario
        naive = key + sum(1 for f in ("calf_pain", "pain_worsening", "leg_warm") if getattr(s, f))
        if naive != key:
            wrong.append(naive)  # counted the source-text signs as points
        if s.alternative_diagnosis_likely:
            wrong.append(key + 2)  # forgot the -2
        return wrong


@dataclass(frozen=True)
class NextTestQuestion(CaseQuestion):
    options: tuple[str, ...] = (*TEST_IDS, NO_TEST)

    def __post_init__(self):
        object.__setattr__(self, "kind", "next_test")

    def _name(self, test_id: str) -> str:
        if test_id == NO_TEST:
            return "No test needed now (self-care and watchful waiting)"
        return load_knowledge().tests[test_id].name

    def option_lines(self) -> list[str]:
        return [f"  {t}: {self._name(t)}" for t in self.options]

    def answer_format(self) -> str:
        return 'one test id, e.g. answer = "emg"'

    def normalise(self, answer: Any) -> str:
        if not isinstance(answer, str):
            raise InvalidAnswer(f"give one test id as text, not {short_repr(answer)}.")
        norm = _norm_word(answer)
        if norm not in self.options:
            raise InvalidAnswer(f"{short_repr(answer)} is not one of the options: {', '.join(self.options)}.")
        return norm

    @property
    def key(self) -> str:
        tests = self.result().recommended_tests
        return tests[0].id if tests else NO_TEST

    def key_text(self) -> str:
        return f"{self.key} ({self._name(self.key)})"

    def judge(self, value: str) -> tuple[bool, str]:
        key = self.key
        if value == key:
            return True, ""
        later = [t.id for t in self.result().recommended_tests[1:]]
        if value in later:
            return False, f"{self._name(value)} is part of the plan here, but not the first step."
        if value == NO_TEST:
            return False, "Something in this case does call for a test."
        if key == NO_TEST:
            return False, f"{self._name(value)} is not needed for this presentation."
        return False, f"{self._name(value)} is not what this presentation calls for first."

    def full_explanation(self) -> str:
        tests = self.result().recommended_tests
        plan = " ".join(f"{t.id} ({t.priority}): {t.why}" for t in tests) or "no test; self-care and watchful waiting."
        return f"{self.explanation.strip()} Engine plan: {plan}"

    def example_wrong_answers(self) -> list[Any]:
        return [t for t in self.options if t != self.key]


@dataclass(frozen=True)
class MatchingQuestion(Question):
    """``matching``: for each cause pick a treatment; the key comes from the knowledge base."""

    items: tuple[str, ...] = ()  # cause ids
    options: tuple[str, ...] = ()  # treatment ids

    def __post_init__(self):
        object.__setattr__(self, "kind", "matching")

    def valid_pairs(self) -> dict[str, tuple[str, ...]]:
        kb = load_knowledge()
        return {c: tuple(t for t in self.options if c in kb.treatments[t].for_causes) for c in self.items}

    def option_lines(self) -> list[str]:
        kb = load_knowledge()
        lines = ["  Causes:"] + [f"    {c}: {kb.causes[c].name}" for c in self.items]
        lines += ["  Treatments:"] + [f"    {t}: {kb.treatments[t].name}" for t in self.options]
        return lines

    def answer_format(self) -> str:
        return f'a dict cause -> treatment id, e.g. answer = {{"{self.items[0]}": "<treatment id>", ...}}'

    def normalise(self, answer: Any) -> dict[str, str]:
        if not isinstance(answer, Mapping):
            raise InvalidAnswer(f"give a dict that maps each cause to a treatment, not {short_repr(answer)}.")
        out = {}
        for cause, treatment in answer.items():
            c = _norm_word(str(cause))
            t = _norm_word(str(treatment)) if treatment is not None else ""
            if c not in self.items:
                raise InvalidAnswer(f"{short_repr(cause)} is not one of the causes: {', '.join(self.items)}.")
            if t not in self.options:
                raise InvalidAnswer(f"{short_repr(treatment)} (for {c}) is not one of the treatments: {', '.join(self.options)}.")
            out[c] = t
        missing = [c for c in self.items if c not in out]
        if missing:
            raise InvalidAnswer("match every cause; missing: " + ", ".join(missing) + ".")
        return out

    @property
    def key(self) -> dict[str, str]:
        return {c: ts[0] for c, ts in self.valid_pairs().items()}

    def key_text(self) -> str:
        kb = load_knowledge()
        return "; ".join(f"{kb.causes[c].name} -> " + " or ".join(kb.treatments[t].name for t in ts)
                         for c, ts in self.valid_pairs().items())

    def judge(self, value: dict[str, str]) -> tuple[bool, str]:
        kb = load_knowledge()
        pairs = self.valid_pairs()
        wrong = [c for c in self.items if value[c] not in pairs[c]]
        if not wrong:
            return True, ""
        notes = []
        for c in wrong:
            t = kb.treatments[value[c]]
            fits = ", ".join(kb.causes[x].name for x in t.for_causes)
            notes.append(f"'{t.name}' does not answer {kb.causes[c].name} (it is for: {fits}).")
        return False, f"{len(self.items) - len(wrong)} of {len(self.items)} matched. " + " ".join(notes)

    def example_wrong_answers(self) -> list[Any]:
        key = self.key
        rotated = dict(zip(self.items, [key[c] for c in self.items[1:] + self.items[:1]]))
        swapped = dict(key)
        a, b = self.items[0], self.items[1]
        swapped[a], swapped[b] = key[b], key[a]
        pairs = self.valid_pairs()
        return [w for w in (rotated, swapped) if any(w[c] not in pairs[c] for c in self.items)]
