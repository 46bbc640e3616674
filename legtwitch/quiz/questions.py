"""Question types and the checking API: ``question.check(answer) -> CheckResult``.

Seven types, as the exercises need them:

- ``single``: one best answer out of a few options (single-best-answer, SBA).
- ``multi``: every option that applies.
- ``triage_level``: which level fits a case; the key is ``triage(case).level``.
- ``wells_total``: the two-level DVT Wells total of a case; the key is ``wells_score(case).total``.
- ``next_test``: the first test to order for a case; the key is ``triage(case).recommended_tests[0]``
  (``none`` when the engine recommends no test).
- ``matching``: match causes to treatments; the key is the knowledge base's ``for_causes``.
- ``probability``: a post-test probability in percent; the key is computed with
  ``legtwitch.probability.sequence`` from a pre-test probability and a list of test results.

Case-based keys are computed from the engine and never stored, so a question can never
contradict ``triage()`` or ``wells_score()``; probability keys come from knowledge.yaml the
same way.

**Options and letters.** Options have a fixed id in the bank (a letter for ``single`` and
``multi``, a level or test id for the case types). An exercise shows them in an order fixed by
its seed (``OptionView``), lettered a, b, c, ... in that order: position gives nothing away,
and the same seed always gives the same order. Students answer with the letter they see, or
with the option's words ("ultrasound", "see a doctor", "D-dimer"), case-insensitively; the
result says which option a free answer was read as. What is recorded (and exported) is the
bank's option id, so answers given under different seeds can be compared.

**Feedback.** A wrong option's feedback names the misconception behind it (an id from
``misconceptions.yaml``) and corrects it. Students see no answer before they submit: a wrong
answer gets feedback on *that* answer and a pointer to ``hint()``; the explanation comes with a
correct answer or ``solution()``.
"""
from __future__ import annotations

import hashlib
import json
import math
import re
from dataclasses import dataclass, field
from typing import Any, Mapping

from ..errors import QuizError, short_repr
from ..knowledge import LEVEL_IDS, TEST_IDS, load_knowledge, wells_total_range
from ..levels import TriageLevel
from ..scenario import Scenario

#: Statuses a check can end in. ``unanswered`` and ``invalid`` are not counted as attempts.
STATUSES = ("correct", "incorrect", "unanswered", "invalid")
NO_TEST = "none"
#: Cognitive level of an item (a simplified Bloom scale) and the author's difficulty estimate.
LEVELS = ("recall", "apply", "analyse")
DIFFICULTIES = ("easy", "medium", "hard")
LETTERS = "abcdefghijklmnopqrstuvwxyz"

TYPE_NAMES = {
    "single": "single best answer",
    "multi": "multiple select",
    "triage_level": "triage level",
    "wells_total": "Wells total",
    "next_test": "which test first",
    "matching": "matching",
    "probability": "probability in percent",
}

#: Short plain names for tests shown as answer options (the knowledge base's names are longer
#: and would make the scan the longest option whenever it is offered).
TEST_LABELS = {
    "neurological_exam": "Neurological examination",
    "emg": "Electromyography (EMG)",
    "eeg": "EEG (brain waves)",
    "blood_tests": "Blood tests",
    "csf": "Lumbar puncture (spinal fluid)",
    "imaging": "MRI or CT of brain or spine",
    "d_dimer": "D-dimer blood test",
    "compression_ultrasound": "Leg-vein ultrasound",
    "ctpa": "CT pulmonary angiogram",
    "vq_scan": "V/Q lung scan",
    "chest_xray": "Chest X-ray",
    "ecg": "12-lead ECG",
    NO_TEST: "No test for now",
}

#: Words students type for a test. A word that can mean several offered options is refused
#: with the choices named ("CT" could be a CTPA or a brain scan).
TEST_WORDS = {
    "neurological_exam": ("neurological examination", "neurological exam", "neuro exam", "examination", "exam",
                          "physical examination", "clinical examination", "examine"),
    "emg": ("emg", "electromyography", "electromyogram"),
    "eeg": ("eeg", "electroencephalogram", "electroencephalography", "brain waves"),
    "blood_tests": ("blood tests", "blood test", "bloods", "blood"),
    "csf": ("lumbar puncture", "lp", "csf", "spinal tap", "cerebrospinal fluid", "spinal fluid"),
    "imaging": ("mri", "mri scan", "brain mri", "imaging", "ct", "ct scan", "mri or ct", "mri or ct scan"),
    "d_dimer": ("d-dimer", "d dimer", "ddimer", "dimer", "d-dimer test", "d-dimer blood test"),
    "compression_ultrasound": ("ultrasound", "leg ultrasound", "leg-vein ultrasound", "leg vein ultrasound", "leg scan",
                               "compression ultrasound", "duplex", "doppler", "venous ultrasound", "scan"),
    "ctpa": ("ctpa", "ct pulmonary angiogram", "ct pulmonary angiography", "ct angiogram", "ct", "ct scan"),
    "vq_scan": ("v/q", "vq", "v/q scan", "vq scan", "ventilation perfusion", "ventilation-perfusion scan", "lung scan"),
    "chest_xray": ("chest x-ray", "chest xray", "cxr", "x-ray", "xray"),
    "ecg": ("ecg", "ekg", "12-lead ecg", "electrocardiogram", "heart tracing"),
    NO_TEST: ("none", "no test", "no tests", "nothing", "no test for now", "no test needed"),
}

#: Words students type for a triage level.
LEVEL_WORDS = {
    "self_care": ("self-care", "self care", "selfcare", "watchful waiting", "home"),
    "see_doctor": ("see a doctor", "see doctor", "see a gp", "doctor", "appointment", "book an appointment"),
    "urgent": ("urgent", "today", "same day", "same-day"),
    "emergency": ("emergency", "999", "112", "911", "a&e", "call 999", "ambulance"),
}


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one submitted answer.

    ``explanation`` is filled only when the answer is correct (a wrong answer gets
    ``feedback`` on what was chosen, not the key). ``read_as`` says which option a free answer
    was read as. ``misconceptions`` are the ids a wrong answer shows. ``score`` is a one-line
    running score when the question belongs to an exercise that records attempts.
    """

    question_id: str
    status: str
    answer: Any
    feedback: str
    explanation: str | None = None
    source: tuple[str, ...] = ()
    score: str | None = None
    read_as: str | None = None
    misconceptions: tuple[str, ...] = ()

    @property
    def correct(self) -> bool:
        return self.status == "correct"

    @property
    def answered(self) -> bool:
        return self.status in ("correct", "incorrect")

    def text(self) -> str:
        if self.status == "correct":
            lines = [f"✓ Correct. {self.feedback}"]
        elif self.status == "incorrect":
            lines = [f"✗ Not quite. {self.feedback}"]
        elif self.status == "unanswered":
            lines = [f"… Not answered yet. {self.feedback}"]
        else:
            lines = [f"? Cannot check this answer. {self.feedback}"]
        if self.read_as:
            lines.append(self.read_as)
        if self.status == "correct":
            if self.explanation:
                lines.append(f"Why: {self.explanation}")
            if self.source:
                lines.append("Sources: " + source_titles(self.source))
        elif self.status == "incorrect":
            lines.append("Try again; ask for a hint with .hint(), or see the worked answer with .solution().")
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


@dataclass(frozen=True)
class OptionFeedback:
    """What a student reads after choosing a wrong option, and the misconception behind it."""

    text: str
    misconception: str | None = None


@dataclass(frozen=True)
class OptionView:
    """The order in which an exercise shows a question's options: option ids, first to last.
    The letter a student sees is the position in this order."""

    order: tuple[str, ...]

    def letter(self, option_id: str) -> str:
        return LETTERS[self.order.index(option_id)]

    def option(self, letter: str) -> str | None:
        i = LETTERS.find(letter) if len(letter) == 1 else -1
        return self.order[i] if 0 <= i < len(self.order) else None

    def letters(self) -> str:
        return ", ".join(LETTERS[: len(self.order)])


def shuffled(question_id: str, ids: tuple[str, ...], seed: int) -> tuple[str, ...]:
    """A stable shuffle: the same seed and question always give the same order (a hash, not
    ``random``, so it is the same on every Python and in the browser)."""
    return tuple(sorted(ids, key=lambda oid: hashlib.sha256(f"{seed}|{question_id}|{oid}".encode()).hexdigest()))


def _norm_word(value: str) -> str:
    return value.strip().lower().replace("-", "_").replace(" ", "_")


def _norm_text(value: str) -> str:
    """Words for comparison: case, punctuation and extra spaces ignored."""
    return " ".join(re.sub(r"[^\w%/&+]+", " ", value.lower()).split())


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


def _quoted(answer: Any) -> str:
    return f"'{answer}'" if isinstance(answer, str) and len(answer) <= 80 else short_repr(answer)


class InvalidAnswer(QuizError):
    """The answer cannot be checked (wrong form, unknown option); the message says why."""


def _misconception(mid: str | None):
    if not mid:
        return None
    from .misconceptions import load_misconceptions
    return load_misconceptions().get(mid)


def _with_trap(fb: OptionFeedback | None) -> str:
    """An option's feedback, after the name of the misconception it diagnoses."""
    if fb is None:
        return ""
    m = _misconception(fb.misconception)
    return f"{m.trap()} {fb.text}" if m else fb.text


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
    level: str = "apply"  # recall, apply or analyse
    difficulty: str = "medium"  # easy, medium or hard (the author's estimate)
    option_feedback: Mapping[str, OptionFeedback] = field(default_factory=dict)  # by option id

    #: Options are shown in a per-seed shuffled order (not for an ordinal scale).
    SHUFFLED = True

    # -- options -------------------------------------------------------------------------
    def option_ids(self) -> tuple[str, ...]:
        """The ids of the options in the bank's order (empty for free-answer types)."""
        return ()

    def option_text(self, option_id: str) -> str:
        raise KeyError(option_id)

    def view(self, seed: int | None = None) -> OptionView:
        """The order an exercise with ``seed`` shows the options in (``None``: the bank's order)."""
        ids = self.option_ids()
        if seed is None or not self.SHUFFLED:
            return OptionView(ids)
        return OptionView(shuffled(self.id, ids, seed))

    def label(self, option_id: str, view: OptionView | None = None) -> str:
        """How an option is shown: 'c) Leg-vein ultrasound'."""
        view = view or self.view()
        return f"{view.letter(option_id)}) {self.option_text(option_id)}"

    def misconceptions_of(self, value: Any) -> tuple[str, ...]:
        """The misconception ids a recorded (wrong) answer shows; () when none is known."""
        return ()

    # -- the public, learntools-style API -------------------------------------------------
    def check(self, answer: Any, view: OptionView | None = None) -> CheckResult:
        """Judge ``answer``. ``None`` means not answered yet (nothing is counted)."""
        view = view or self.view()
        if answer is None or (isinstance(answer, (str, list, tuple, set, dict)) and not answer):
            return CheckResult(self.id, "unanswered", None,
                               f"Set `answer` to your answer ({self.answer_format(view)}) and run the cell again.")
        try:
            value, read_as = self.read(answer, view)
            answer_to_text(value)  # a recorded answer must be exportable (JSON and CSV)
        except InvalidAnswer as err:
            return CheckResult(self.id, "invalid", _shown(answer), str(err))
        except (TypeError, ValueError):  # cannot happen with the readers here; guards subclasses
            return CheckResult(self.id, "invalid", _shown(answer), "this answer cannot be saved; "
                               f"give it as {self.answer_format(view)}.")
        correct, specific = self.judge(value, view)
        if correct:
            return CheckResult(self.id, "correct", value, self.feedback_correct,
                               self.full_explanation(view), self.source, read_as=read_as)
        feedback = " ".join(t for t in (specific, self.feedback_incorrect) if t)
        return CheckResult(self.id, "incorrect", value, feedback, read_as=read_as,
                           misconceptions=self.misconceptions_of(value))

    def normalise(self, answer: Any, view: OptionView | None = None) -> Any:
        """The answer as it is recorded (option ids, whole numbers, ...); ``InvalidAnswer`` if unreadable."""
        return self.read(answer, view or self.view())[0]

    def hint(self) -> str:
        return self.hint_text

    def solution(self, view: OptionView | None = None) -> str:
        """The worked answer: the key, then why (with sources)."""
        view = view or self.view()
        return (f"Answer: {self.key_text(view)}\nWhy: {self.full_explanation(view)}\n"
                f"Sources: {source_titles(self.source)}")

    def show(self, view: OptionView | None = None) -> str:
        """The question as a student sees it (no answer in it)."""
        view = view or self.view()
        head = f"{TYPE_NAMES[self.kind].capitalize()} · topic: {self.topic.title}"
        return "\n".join([head, self.full_prompt(), *self.option_lines(view),
                          f"Answer format: {self.answer_format(view)}"])

    def full_prompt(self) -> str:
        """The prompt, after the case's title and vignette when the question is about a case.

        The case is named by its title, never by its id (an id such as
        'chest_pain_without_leg_signs' would give the answer away)."""
        parts = []
        if self.case is not None and self.case.vignette:
            parts += [f"Case: {self.case.title}" if self.case.title else "Case:", self.case.vignette.strip(), ""]
        parts.append(self.prompt.strip())
        return "\n".join(parts)

    def display_answer(self, value: Any, view: OptionView | None = None) -> Any:
        """A recorded answer in the form a student types it under ``view`` (letters as shown)."""
        return value

    def key_answer(self, view: OptionView | None = None) -> Any:
        """The right answer in the form a student types it under ``view``."""
        return self.display_answer(self.key, view)

    # -- to be specialised ------------------------------------------------------------------
    def option_lines(self, view: OptionView) -> list[str]:
        return [f"  {self.label(oid, view)}" for oid in view.order]

    def answer_format(self, view: OptionView | None = None) -> str:
        raise NotImplementedError

    def read(self, answer: Any, view: OptionView) -> tuple[Any, str | None]:
        """(recorded value, 'Read ... as ...' or None); ``InvalidAnswer`` if unreadable."""
        raise NotImplementedError

    def judge(self, value: Any, view: OptionView) -> tuple[bool, str]:
        raise NotImplementedError

    @property
    def key(self) -> Any:
        raise NotImplementedError

    def key_text(self, view: OptionView | None = None) -> str:
        raise NotImplementedError

    def full_explanation(self, view: OptionView | None = None) -> str:
        return self.explanation.strip()

    def example_wrong_answers(self) -> list[Any]:
        """Typical wrong answers, as recorded values (for the two-way checker tests and demos)."""
        raise NotImplementedError


# -- questions with options ----------------------------------------------------------------------

class _Options:
    """Reading an answer that names one option: its letter, its id or its words."""

    def _words(self, option_id: str) -> tuple[str, ...]:
        return (self.option_text(option_id),)

    def _one_option(self, value: Any, view: OptionView) -> tuple[str, bool]:
        """(option id, was it a bare letter?)."""
        if isinstance(value, TriageLevel):
            value = value.value
        if not isinstance(value, str):
            raise InvalidAnswer(f"give one option as text: its letter ({view.letters()}) or its words, "
                                f"not {short_repr(value)}.")
        text = value.strip()
        letter = text.lower().rstrip(")").strip()
        if len(letter) == 1 and letter.isalpha():
            oid = view.option(letter)
            if oid is None:
                raise InvalidAnswer(f"{_quoted(value)} is not one of the options: {view.letters()}.")
            return oid, True
        if _norm_word(text) in view.order:  # an option id written out (a level or test id)
            oid = _norm_word(text)
            return oid, text == oid and "_" in oid  # "see_doctor" needs no note; "D-dimer" gets one
        wanted = _norm_text(text)
        matches = [oid for oid in view.order if wanted and any(_norm_text(w) == wanted for w in self._words(oid))]
        if len(matches) == 1:
            return matches[0], False
        if len(matches) > 1:
            names = " or ".join(self.label(m, view) for m in matches)
            raise InvalidAnswer(f"{_quoted(value)} could mean {names}: give the letter.")
        raise InvalidAnswer(f"{short_repr(value) if len(text) > 80 else _quoted(value)} is not one of the options: "
                            f"give a letter ({view.letters()}) or the words of an option.")

    def _read_as(self, original: Any, option_ids, view: OptionView) -> str:
        shown = "; ".join(self.label(o, view) for o in option_ids)
        return f"Read {_quoted(original)} as: {shown}."


@dataclass(frozen=True)
class ChoiceQuestion(_Options, Question):
    """``single``: exactly one best answer."""

    choices: tuple[tuple[str, str], ...] = ()
    answer_key: str = ""

    def __post_init__(self):
        object.__setattr__(self, "kind", "single")

    def option_ids(self) -> tuple[str, ...]:
        return tuple(c for c, _ in self.choices)

    def option_text(self, option_id: str) -> str:
        return dict(self.choices)[option_id]

    @property
    def choice_feedback(self) -> dict[str, str]:
        """Per-option feedback texts (without the misconception's name)."""
        return {oid: fb.text for oid, fb in self.option_feedback.items()}

    def answer_format(self, view: OptionView | None = None) -> str:
        view = view or self.view()
        return f'one letter ({view.letters()}), e.g. answer = "{view.letters()[0]}", or the words of an option'

    def read(self, answer: Any, view: OptionView) -> tuple[str, str | None]:
        if isinstance(answer, (list, tuple, set)):
            raise InvalidAnswer("this question has one best answer: give a single letter, not a list.")
        oid, bare = self._one_option(answer, view)
        return oid, None if bare else self._read_as(answer, [oid], view)

    @property
    def key(self) -> str:
        return self.answer_key

    def display_answer(self, value: Any, view: OptionView | None = None) -> Any:
        return (view or self.view()).letter(value)

    def key_text(self, view: OptionView | None = None) -> str:
        return self.label(self.key, view)

    def judge(self, value: str, view: OptionView) -> tuple[bool, str]:
        return value == self.key, _with_trap(self.option_feedback.get(value))

    def misconceptions_of(self, value: Any) -> tuple[str, ...]:
        fb = self.option_feedback.get(value) if isinstance(value, str) else None
        return (fb.misconception,) if fb and fb.misconception else ()

    def example_wrong_answers(self) -> list[Any]:
        return [c for c, _ in self.choices if c != self.key]


@dataclass(frozen=True)
class MultiQuestion(ChoiceQuestion):
    """``multi``: choose every option that applies (the key is a set of ids)."""

    answer_keys: frozenset[str] = frozenset()

    def __post_init__(self):
        object.__setattr__(self, "kind", "multi")

    def answer_format(self, view: OptionView | None = None) -> str:
        view = view or self.view()
        a, b = view.letters().split(", ")[:2]
        return f'a list of letters, e.g. answer = ["{a}", "{b}"], or the words of the options'

    def read(self, answer: Any, view: OptionView) -> tuple[list[str], str | None]:
        if isinstance(answer, str):
            answer = [part for part in answer.replace(";", ",").split(",") if part.strip()]
        if not isinstance(answer, (list, tuple, set, frozenset)):
            raise InvalidAnswer(f"give a list of letters, not {short_repr(answer)}.")
        ids, free = [], False
        for item in answer:
            oid, bare = self._one_option(item, view)
            ids.append(oid)
            free = free or not bare
        value = sorted(set(ids))
        return value, self._read_as(answer if not isinstance(answer, (set, frozenset)) else sorted(answer, key=str),
                                    value, view) if free else None

    @property
    def key(self) -> list[str]:
        return sorted(self.answer_keys)

    def display_answer(self, value: Any, view: OptionView | None = None) -> Any:
        view = view or self.view()
        return sorted(view.letter(v) for v in value)

    def key_text(self, view: OptionView | None = None) -> str:
        view = view or self.view()
        return "; ".join(self.label(c, view) for c in sorted(self.key, key=view.order.index))

    def judge(self, value: list[str], view: OptionView) -> tuple[bool, str]:
        """Feedback points, it does not tell: it counts what is right and missing and explains
        each wrong pick, never naming a right option."""
        chosen = set(value)
        if chosen == self.answer_keys:
            return True, ""
        right = len(chosen & self.answer_keys)
        missing = len(self.answer_keys) - right
        wrong = sorted(chosen - self.answer_keys, key=view.order.index)
        parts = [f"{right} of your {len(chosen)} choice(s) belong"
                 + (f"; {missing} option(s) that belong are not chosen yet." if missing else ".")]
        parts += [f"{view.letter(c)}) {_with_trap(self.option_feedback.get(c))}".rstrip() for c in wrong]
        return False, " ".join(parts)

    def misconceptions_of(self, value: Any) -> tuple[str, ...]:
        if not isinstance(value, (list, tuple)):
            return ()
        out = []
        for c in value:
            fb = self.option_feedback.get(c) if isinstance(c, str) else None
            if fb and fb.misconception and c not in self.answer_keys and fb.misconception not in out:
                out.append(fb.misconception)
        return tuple(out)

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

def _rule_name(rule_id: str) -> str:
    rules = load_knowledge().rules
    return rules[rule_id].name if rule_id in rules else rule_id.replace("_", " ")


@dataclass(frozen=True)
class CaseQuestion(Question):
    """A question about a case whose key the engine computes (never stored in a bank)."""

    def result(self):
        from ..engine import triage
        return triage(self.case.scenario)


@dataclass(frozen=True)
class TriageLevelQuestion(_Options, CaseQuestion):
    """Which of the four levels fits the case (shown in their natural order, a to d)."""

    SHUFFLED = False

    def __post_init__(self):
        object.__setattr__(self, "kind", "triage_level")

    def option_ids(self) -> tuple[str, ...]:
        return LEVEL_IDS

    def option_text(self, option_id: str) -> str:
        lv = TriageLevel(option_id)
        return f"{lv.symbol} {lv.label}: {lv.action}"

    def _words(self, option_id: str) -> tuple[str, ...]:
        lv = TriageLevel(option_id)
        return (lv.label, self.option_text(option_id), *LEVEL_WORDS[option_id])

    def answer_format(self, view: OptionView | None = None) -> str:
        return 'a letter (a, b, c, d) or a level, e.g. answer = "see a doctor" (self-care, see a doctor, urgent, emergency)'

    def read(self, answer: Any, view: OptionView) -> tuple[str, str | None]:
        if isinstance(answer, TriageLevel):
            return answer.value, None
        oid, bare = self._one_option(answer, view)
        exact = isinstance(answer, str) and _norm_text(answer) == _norm_text(TriageLevel(oid).label)
        return oid, None if bare or exact else f"Read {_quoted(answer)} as: {TriageLevel(oid).label}."

    @property
    def key(self) -> str:
        return self.result().level.value

    def display_answer(self, value: Any, view: OptionView | None = None) -> Any:
        return TriageLevel(value).label

    def key_text(self, view: OptionView | None = None) -> str:
        level = TriageLevel(self.key)
        return f"{level.symbol} {level.label}: {level.action}"

    def judge(self, value: str, view: OptionView) -> tuple[bool, str]:
        chosen, key = TriageLevel(value), TriageLevel(self.key)
        if chosen == key:
            return True, ""
        if chosen < key:
            tip = f"{chosen.label} is too low: something in this case calls for faster action."
        else:
            tip = f"{chosen.label} is too high: nothing in this case calls for that much urgency."
        specific = _with_trap(self.option_feedback.get(value))
        return False, " ".join(t for t in (tip, specific) if t)

    def misconceptions_of(self, value: Any) -> tuple[str, ...]:
        fb = self.option_feedback.get(value) if isinstance(value, str) and value != self.key else None
        return (fb.misconception,) if fb and fb.misconception else ()

    def full_explanation(self, view: OptionView | None = None) -> str:
        res = self.result()
        fired = "; ".join(f"{_rule_name(r.rule_id)} ({TriageLevel(r.level.value).label})" for r in res.reasons)
        return f"{self.explanation.strip()} The engine says {res.level.label}, because of: {fired}."

    def example_wrong_answers(self) -> list[Any]:
        return [lv for lv in LEVEL_IDS if lv != self.key]


@dataclass(frozen=True)
class WellsQuestion(CaseQuestion):
    def __post_init__(self):
        object.__setattr__(self, "kind", "wells_total")

    def answer_format(self, view: OptionView | None = None) -> str:
        return "a whole number, e.g. answer = 1 (the two-level DVT Wells total; it can be negative)"

    #: Answers beyond this size are refused, not recorded: no Wells total comes near, and a
    #: number like 10**5000 could not even be written to a results file.
    LARGEST_ANSWER = 100

    def read(self, answer: Any, view: OptionView) -> tuple[int, str | None]:
        original = answer
        if isinstance(answer, bool):
            raise InvalidAnswer("give the Wells total as a whole number, not True/False.")
        if isinstance(answer, float) and answer.is_integer():
            answer = int(answer)
        if isinstance(answer, str):
            text = answer.strip().lower()
            text = re.sub(r"\s*points?$", "", text)
            try:
                if len(text) > 20:  # int() of thousands of digits is slow or refused
                    raise ValueError
                answer = int(text)
            except ValueError:
                raise InvalidAnswer(f"{short_repr(original)} is not a whole number.") from None
        if not isinstance(answer, int):
            raise InvalidAnswer(f"give the Wells total as a whole number, not {short_repr(answer)}.")
        if abs(answer) > self.LARGEST_ANSWER:
            low, high = wells_total_range()
            raise InvalidAnswer(f"{short_repr(original)} is not a possible Wells total: the two-level "
                                f"score runs from {low} to {high}.")
        return answer, None

    @property
    def key(self) -> int:
        from ..wells import wells_score
        return wells_score(self.case.scenario).total

    def key_text(self, view: OptionView | None = None) -> str:
        from ..wells import wells_score
        w = wells_score(self.case.scenario)
        return f"{w.total} (DVT {w.category})"

    def _naive(self) -> int:
        """The total of someone who scored the source text's signs (pain, worsening, warmth)."""
        s = self.case.scenario
        return self.key + sum(1 for f in ("calf_pain", "pain_worsening", "leg_warm") if getattr(s, f))

    def judge(self, value: int, view: OptionView) -> tuple[bool, str]:
        key = self.key
        if value == key:
            return True, ""
        if value > key:
            tip = ("Too high. Calf pain, worsening pain and a warm leg raise suspicion but score no Wells points"
                   + (", and an equally likely other diagnosis subtracts 2." if self.case.scenario.alternative_diagnosis_likely else "."))
        else:
            tip = "Too low. Count every examination finding and every risk factor (cancer, immobility or surgery, a cast, earlier DVT): each is worth 1."
        tags = self.misconceptions_of(value)
        if tags:
            tip = f"{_misconception(tags[0]).trap()} {tip}"
        return False, tip

    def misconceptions_of(self, value: Any) -> tuple[str, ...]:
        if not isinstance(value, int) or value == self.key:
            return ()
        if value == self._naive() and value != self.key:
            return ("wells_scores_calf_pain",)
        if self.case.scenario.alternative_diagnosis_likely and value == self.key + 2:
            return ("wells_forgets_alternative",)
        return ()

    def full_explanation(self, view: OptionView | None = None) -> str:
        from ..wells import wells_score
        w = wells_score(self.case.scenario)
        items = " ".join(f"{i.points:+d} {i.text};" for i in w.items) or "no criterion met;"
        return f"{self.explanation.strip()} Scored: {items} total {w.total}, DVT {w.category}."

    def example_wrong_answers(self) -> list[Any]:
        key = self.key
        wrong = [key + 1, key - 1]
        naive = self._naive()
        if naive != key:
            wrong.append(naive)  # counted the source-text signs as points
        if self.case.scenario.alternative_diagnosis_likely:
            wrong.append(key + 2)  # forgot the -2
        return wrong


@dataclass(frozen=True)
class NextTestQuestion(_Options, CaseQuestion):
    options: tuple[str, ...] = (*TEST_IDS, NO_TEST)

    def __post_init__(self):
        object.__setattr__(self, "kind", "next_test")

    def option_ids(self) -> tuple[str, ...]:
        return self.options

    def option_text(self, option_id: str) -> str:
        return TEST_LABELS[option_id]

    def _words(self, option_id: str) -> tuple[str, ...]:
        extra = () if option_id == NO_TEST else (load_knowledge().tests[option_id].name,)
        return (TEST_LABELS[option_id], *extra, *TEST_WORDS[option_id])

    def _name(self, test_id: str) -> str:
        return TEST_LABELS[test_id]

    def answer_format(self, view: OptionView | None = None) -> str:
        view = view or self.view()
        return f'one letter ({view.letters()}) or a test, e.g. answer = "ultrasound"'

    def read(self, answer: Any, view: OptionView) -> tuple[str, str | None]:
        oid, bare = self._one_option(answer, view)
        return oid, None if bare else self._read_as(answer, [oid], view)

    @property
    def key(self) -> str:
        tests = self.result().recommended_tests
        return tests[0].id if tests else NO_TEST

    def display_answer(self, value: Any, view: OptionView | None = None) -> Any:
        return (view or self.view()).letter(value)

    def key_text(self, view: OptionView | None = None) -> str:
        return self.label(self.key, view)

    def judge(self, value: str, view: OptionView) -> tuple[bool, str]:
        key = self.key
        if value == key:
            return True, ""
        specific = _with_trap(self.option_feedback.get(value))
        later = [t.id for t in self.result().recommended_tests[1:]]
        if value in later:
            tip = f"{self._name(value)} is part of the plan here, but not the first step."
        elif value == NO_TEST:
            tip = "Something in this case does call for a test."
        elif key == NO_TEST:
            tip = f"{self._name(value)} is not needed for this presentation."
        else:
            tip = f"{self._name(value)} is not what this presentation calls for first."
        return False, " ".join(t for t in (tip, specific) if t)

    def misconceptions_of(self, value: Any) -> tuple[str, ...]:
        fb = self.option_feedback.get(value) if isinstance(value, str) and value != self.key else None
        return (fb.misconception,) if fb and fb.misconception else ()

    def full_explanation(self, view: OptionView | None = None) -> str:
        tests = self.result().recommended_tests
        plan = " ".join(f"{TEST_LABELS.get(t.id, t.name)} ({t.priority}): {t.why}" for t in tests) \
            or "no test; self-care and watchful waiting."
        return f"{self.explanation.strip()} The plan: {plan}"

    def example_wrong_answers(self) -> list[Any]:
        return [t for t in self.options if t != self.key]


@dataclass(frozen=True)
class MatchingQuestion(Question):
    """``matching``: for each cause pick a treatment; the key comes from the knowledge base.

    Causes are numbered 1, 2, ...; treatments are lettered in the exercise's order."""

    items: tuple[str, ...] = ()  # cause ids
    options: tuple[str, ...] = ()  # treatment ids

    def __post_init__(self):
        object.__setattr__(self, "kind", "matching")

    def option_ids(self) -> tuple[str, ...]:
        return self.options

    def option_text(self, option_id: str) -> str:
        return load_knowledge().treatments[option_id].name

    def valid_pairs(self) -> dict[str, tuple[str, ...]]:
        kb = load_knowledge()
        return {c: tuple(t for t in self.options if c in kb.treatments[t].for_causes) for c in self.items}

    def option_lines(self, view: OptionView) -> list[str]:
        kb = load_knowledge()
        lines = ["  Causes:"] + [f"    {i}. {kb.causes[c].name}" for i, c in enumerate(self.items, 1)]
        lines += ["  Treatments:"] + [f"    {self.label(t, view)}" for t in view.order]
        return lines

    def answer_format(self, view: OptionView | None = None) -> str:
        view = view or self.view()
        return (f'a dict from cause number to treatment letter, e.g. answer = {{1: "{view.letters()[0]}", 2: ...}} '
                "(names work too)")

    def _cause(self, key: Any) -> str:
        kb = load_knowledge()
        if isinstance(key, bool):
            key = str(key)
        if isinstance(key, int) or (isinstance(key, str) and key.strip().isdigit() and len(key.strip()) < 4):
            n = int(key)
            if 1 <= n <= len(self.items):
                return self.items[n - 1]
        if isinstance(key, str):
            for c in self.items:
                if _norm_word(key) == c or _norm_text(key) == _norm_text(kb.causes[c].name):
                    return c
        raise InvalidAnswer(f"{short_repr(key)} is not one of the causes: 1 to {len(self.items)}.")

    def _treatment(self, value: Any, view: OptionView) -> str:
        if isinstance(value, str):
            text = value.strip().lower().rstrip(")")
            if len(text) == 1 and view.option(text):
                return view.option(text)
            for t in self.options:
                if _norm_word(value) == t or _norm_text(value) == _norm_text(self.option_text(t)):
                    return t
        raise InvalidAnswer(f"{short_repr(value)} is not one of the treatments: {view.letters()}.")

    def read(self, answer: Any, view: OptionView) -> tuple[dict[str, str], str | None]:
        if not isinstance(answer, Mapping):
            raise InvalidAnswer(f"give a dict that maps each cause to a treatment, not {short_repr(answer)}.")
        out = {}
        for cause, treatment in answer.items():
            c = self._cause(cause)
            t = self._treatment(treatment, view)
            out[c] = t
        missing = [str(i) for i, c in enumerate(self.items, 1) if c not in out]
        if missing:
            raise InvalidAnswer("match every cause; missing: " + ", ".join(missing) + ".")
        return out, None

    @property
    def key(self) -> dict[str, str]:
        return {c: ts[0] for c, ts in self.valid_pairs().items()}

    def display_answer(self, value: Any, view: OptionView | None = None) -> Any:
        view = view or self.view()
        return {str(i): view.letter(value[c]) for i, c in enumerate(self.items, 1)}

    def key_text(self, view: OptionView | None = None) -> str:
        kb = load_knowledge()
        view = view or self.view()
        return "; ".join(f"{kb.causes[c].name} -> " + " or ".join(self.label(t, view) for t in ts)
                         for c, ts in self.valid_pairs().items())

    def judge(self, value: dict[str, str], view: OptionView) -> tuple[bool, str]:
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


# -- probabilities ---------------------------------------------------------------------------------

_PROB_TESTS = {"d_dimer": "D-dimer", "compression_ultrasound": "leg-vein ultrasound", "ctpa": "CTPA"}


@dataclass(frozen=True)
class ProbabilityStep:
    """One test result of a probability question: (test, positive, context for its accuracy)."""

    test: str
    positive: bool
    context: Mapping[str, Any] = field(default_factory=dict)

    def lrs(self):
        from ..probability import likelihood_ratios
        return likelihood_ratios(self.test, **dict(self.context))

    def name(self) -> str:
        """'D-dimer, negative' (plain words, never the test id)."""
        base = self.lrs().test
        words = _PROB_TESTS.get(base, base.replace("_", " "))
        if self.context.get("age_adjusted"):
            words += " with the age-adjusted cut-off"
        return f"{words}, {'positive' if self.positive else 'negative'}"

    def as_tuple(self) -> tuple:
        return (self.test, self.positive, dict(self.context))


@dataclass(frozen=True)
class ProbabilityQuestion(Question):
    """``probability``: the post-test probability, in percent, after one or more test results.

    The key is ``legtwitch.probability.sequence(pre, steps)[-1].after``, computed from the
    figures in knowledge.yaml (never stored). ``pretest`` is a category id of knowledge.yaml
    (``dvt_unlikely``, ``pe_likely``, ...), a fraction, or ``"case"`` (the case's Wells category).
    A wrong answer is compared with the results of common slips (odds instead of
    probability, the wrong likelihood ratio, a forgotten step, ...) and the feedback names the
    step that went wrong.
    """

    pretest: Any = None
    steps: tuple[ProbabilityStep, ...] = ()
    tolerance: float = 2.0  # percentage points either side

    LARGEST_PERCENT = 100

    def __post_init__(self):
        object.__setattr__(self, "kind", "probability")

    # -- the numbers ---------------------------------------------------------------------------
    def pre(self) -> float:
        from ..probability import pretest_probability
        if isinstance(self.pretest, (int, float)) and not isinstance(self.pretest, bool):
            return float(self.pretest)
        if self.pretest == "case":
            from ..engine import triage
            res = triage(self.case.scenario)
            wants_pe = any(s.lrs().target == "pe" for s in self.steps)
            score = res.pe_wells if wants_pe else res.wells
            return pretest_probability(score).value
        return pretest_probability(self.pretest).value

    def _category(self) -> str | None:
        """The pre-test category id in use (None for a plain number)."""
        if isinstance(self.pretest, str) and self.pretest != "case":
            return self.pretest
        if self.pretest == "case":
            from ..engine import triage
            res = triage(self.case.scenario)
            wants_pe = any(s.lrs().target == "pe" for s in self.steps)
            score = res.pe_wells if wants_pe else res.wells
            return f"{'pe' if wants_pe else 'dvt'}_{score.category}"
        return None

    def pretest_label(self) -> str:
        from ..probability import format_percent, pretest_probability
        category = self._category()
        if category is not None:
            p = pretest_probability(category)
            return f"{p.label}: {format_percent(p.value)}"
        return f"pre-test probability {format_percent(self.pre())}"

    def chain(self, steps: tuple[ProbabilityStep, ...] | None = None, pre: float | None = None):
        from ..probability import sequence
        steps = self.steps if steps is None else steps
        return sequence(self.pre() if pre is None else pre, [s.as_tuple() for s in steps])

    @property
    def key(self) -> float:
        return self.chain()[-1].after * 100

    def numbers(self) -> dict[str, str]:
        """The figures a question text may quote as {placeholders}, from knowledge.yaml: ``pre``
        and ``after`` (percent), and per step i (from 1) ``sens_i``, ``spec_i`` (percent),
        ``lr_i`` (the LR of the result), ``lrpos_i``, ``lrneg_i`` and ``after_i`` (percent)."""
        def pct(x: float) -> str:
            return f"{round(x * 100, 1):g}"
        chain = self.chain()
        out = {"pre": pct(self.pre()), "after": pct(chain[-1].after)}
        for i, (step, res) in enumerate(zip(self.steps, chain), 1):
            lrs = step.lrs()
            out.update({f"sens_{i}": pct(lrs.sensitivity), f"spec_{i}": pct(lrs.specificity),
                        f"lr_{i}": f"{res.lr:.2g}" if res.lr < 1 else f"{res.lr:.3g}",
                        f"lrpos_{i}": f"{lrs.positive:.3g}", f"lrneg_{i}": f"{lrs.negative:.2g}",
                        f"after_{i}": pct(res.after)})
        return out

    # -- answers -----------------------------------------------------------------------------------
    def answer_format(self, view: OptionView | None = None) -> str:
        return "a percentage, e.g. answer = 14 (for 14 %) or answer = 1.5"

    def _number(self, answer: Any) -> float:
        original = answer
        if isinstance(answer, bool):
            raise InvalidAnswer("give the probability as a number in percent, not True/False.")
        if isinstance(answer, str):
            text = answer.strip().replace(" ", "")
            if text.endswith("%"):
                text = text[:-1]
            if text.count(",") == 1 and "." not in text:
                text = text.replace(",", ".")  # a decimal comma
            if len(text) > 20 or not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", text):
                raise InvalidAnswer(f"{short_repr(original)} is not a number in percent.")
            answer = float(text)
        if isinstance(answer, int) and not isinstance(answer, bool):
            if abs(answer) > 10 ** 6:
                raise InvalidAnswer(f"{short_repr(original)} is not a probability in percent (0 to 100).")
            answer = float(answer)
        if not isinstance(answer, float) or not math.isfinite(answer):
            raise InvalidAnswer(f"give the probability as a number in percent, not {short_repr(original)}.")
        if not 0 <= answer <= self.LARGEST_PERCENT:
            raise InvalidAnswer(f"{short_repr(original)} is not a probability in percent: it runs from 0 to 100.")
        return answer

    def _near(self, a: float, b: float) -> bool:
        return abs(a - b) <= self.tolerance

    def read(self, answer: Any, view: OptionView) -> tuple[float, str | None]:
        value = self._number(answer)
        key = self.key
        if 0 < value < 1 and not self._near(value, key) and self._near(value * 100, key):
            raise InvalidAnswer(f"{value:g} looks like a fraction: answer in percent ({value * 100:g} for "
                                f"{value * 100:g} %).")
        return round(value, 4), None

    def display_answer(self, value: Any, view: OptionView | None = None) -> Any:
        return round(value, 1)

    def key_text(self, view: OptionView | None = None) -> str:
        from ..probability import format_percent
        return f"{format_percent(self.key / 100)} ({self.key:.1f}, accepted within ±{self.tolerance:g} percentage points)"

    def full_explanation(self, view: OptionView | None = None) -> str:
        from ..probability import format_percent
        parts = [self.pretest_label()]
        for step, res in zip(self.steps, self.chain()):
            lr = f"LR+ {res.lr:.2f}" if step.positive else f"LR- {res.lr:.3g}"
            parts.append(f"{step.name()} ({lr}): odds {res.before / (1 - res.before):.3g} x {res.lr:.3g} "
                         f"= {res.after / (1 - res.after):.3g}, probability {format_percent(res.after)}")
        return f"{self.explanation.strip()} Worked: " + "; then ".join(parts) + "."

    # -- recognising the common slips ------------------------------------------------------------
    def slips(self) -> list[tuple[str, float, str]]:
        """(misconception id, the answer that slip gives in percent, feedback naming the step)."""
        out: list[tuple[str, float, str]] = []
        chain = self.chain()
        pre = self.pre()
        n = len(self.steps)
        out.append(("forgot_a_step", pre * 100,
                    "That is the pre-test probability: no test result has been applied yet."))
        for i, step in enumerate(self.steps):
            flipped = self.steps[:i] + (ProbabilityStep(step.test, not step.positive, step.context),) + self.steps[i + 1:]
            wrong = self.chain(flipped)[-1].after * 100
            right_lr = "LR+" if step.positive else "LR-"
            other_lr = "LR-" if step.positive else "LR+"
            out.append(("wrong_likelihood_ratio", wrong,
                        f"Step {i + 1} ({step.name()}): that is what the {other_lr} gives. A "
                        f"{'positive' if step.positive else 'negative'} result multiplies the odds by {right_lr} "
                        f"({chain[i].lr:.3g})."))
        p = pre
        for i, res in enumerate(chain):
            p = p * res.lr
        if p <= 1:
            out.append(("probability_not_odds", p * 100,
                        "You multiplied the probability itself by the likelihood ratio. Multiply the odds: "
                        "odds = p / (1 - p), then probability = odds / (1 + odds)."))
        final_odds = chain[-1].after / (1 - chain[-1].after)
        if final_odds * 100 <= 100:
            out.append(("odds_for_probability", final_odds * 100,
                        f"That is the post-test odds ({final_odds:.3g}), not the probability; probability = "
                        "odds / (1 + odds)."))
        for i in range(n - 1):
            out.append(("forgot_a_step", chain[i].after * 100,
                        f"That is the probability after step {i + 1} ({self.steps[i].name()}); "
                        f"{n - i - 1} more result(s) follow."))
        if n >= 2:
            for j in range(n):
                rest = self.steps[:j] + self.steps[j + 1:]
                out.append(("forgot_a_step", self.chain(rest)[-1].after * 100,
                            f"Step {j + 1} ({self.steps[j].name()}) seems to be missing: each result starts "
                            "from the probability the previous one left."))
        for i, step in enumerate(self.steps):
            if step.test == "d_dimer" and "age_years" in step.context:
                other = dict(step.context, age_adjusted=not step.context.get("age_adjusted", False))
                try:
                    swapped = self.steps[:i] + (ProbabilityStep(step.test, step.positive, other),) + self.steps[i + 1:]
                    value = self.chain(swapped)[-1].after * 100
                except ValueError:
                    continue
                used = "standard" if step.context.get("age_adjusted") else "age-adjusted"
                out.append(("age_cut_off_ignored", value,
                            f"Step {i + 1} ({step.name()}): that is what the {used} cut-off gives; this result was "
                            f"read with the other one (its LR is {chain[i].lr:.3g})."))
        other_category = {"dvt_likely": "dvt_unlikely", "dvt_unlikely": "dvt_likely",
                          "pe_likely": "pe_unlikely", "pe_unlikely": "pe_likely"}
        category = self._category()
        if category in other_category:
            from ..probability import pretest_probability
            alt = pretest_probability(other_category[category])
            out.append(("pretest_ignored", self.chain(pre=alt.value)[-1].after * 100,
                        f"That is what the result gives from the other Wells category ({alt.label}); start from "
                        f"this patient's pre-test probability, {pre * 100:.3g} %."))
        last = self.steps[-1]
        lrs = last.lrs()
        for what, value in (("sensitivity", lrs.sensitivity), ("specificity", lrs.specificity)):
            out.append(("accuracy_is_post_test", value * 100,
                        f"That is the {what} of the {last.name().split(',')[0]} ({value * 100:.1f} %), a property "
                        "of the test, not the probability of a clot in this patient."))
        return out

    def _slip(self, value: float) -> tuple[str, float, str] | None:
        """The recognised slip closest to ``value`` (within the tolerance), if any."""
        key = self.key
        near = [s for s in self.slips() if not self._near(s[1], key) and self._near(value, s[1])]
        return min(near, key=lambda s: abs(value - s[1])) if near else None

    def judge(self, value: float, view: OptionView) -> tuple[bool, str]:
        key = self.key
        if self._near(value, key):
            return True, ""
        slip = self._slip(value)
        if slip is not None:
            mid, _value, text = slip
            return False, f"{_misconception(mid).trap()} {text}"
        side = "high" if value > key else "low"
        return False, (f"Too {side} (more than {self.tolerance:g} percentage points off). Work step by step: odds = "
                       "p / (1 - p); multiply by the likelihood ratio of the result; probability = odds / (1 + odds).")

    def misconceptions_of(self, value: Any) -> tuple[str, ...]:
        if not isinstance(value, (int, float)) or isinstance(value, bool) or self._near(value, self.key):
            return ()
        slip = self._slip(value)
        return (slip[0],) if slip else ()

    def example_wrong_answers(self) -> list[Any]:
        key = self.key
        wrong = [round(slip, 2) for _mid, slip, _t in self.slips() if abs(slip - key) > 2 * self.tolerance]
        far = key + 3 * self.tolerance + 5 if key < 50 else key - 3 * self.tolerance - 5
        wrong.append(round(far, 2))
        return [w for w in dict.fromkeys(wrong) if 1 <= w <= 100]


def source_titles(ids) -> str:
    """Sources as students read them: their titles, not their ids."""
    from ..knowledge import load_knowledge
    kb = load_knowledge()
    return "; ".join(kb.sources[s].title if s in kb.sources else s for s in ids)
