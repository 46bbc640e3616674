"""Exercises: a set of questions with a running score, used from notebooks and widgets.

    from legtwitch.quiz import exercise
    ex = exercise("01")              # the bank for notebooks/01_thrombosis_warning_signs
    q1 = ex[0]                       # or ex["<question id>"]
    q1.show()                        # the question, no answer in it
    q1.check("b")                    # a letter as shown, or the option's words ("ultrasound")
    q1.hint(); q1.solution()
    ex.summary(); ex.export("my_results.csv")   # merges into an earlier file, never overwrites it
    ex.restore("my_results.csv")                # later: continue where you left off

Options are shown in an order fixed by the exercise's ``seed`` (0 unless you choose another:
``exercise("01", seed=7)``), so the position of the right answer gives nothing away; the
letters in feedback and worked answers follow the order shown. Results files record the bank's
option ids, so answers under different seeds can be compared.

``practice(seed, n)`` builds an exercise from generated cases (``generate_cases``): for each
case the triage level, the Wells total (when the engine works one out) and the first test.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Iterable

from ..display import Report
from ..errors import QuizError, ResultsFileError, UnknownQuestionError, short_repr
from .bank import get_bank, unknown_question_message
from .progress import Progress, _utc_now
from .questions import (NO_TEST, CaseRef, CheckResult, NextTestQuestion, OptionView, Question, Topic,
                        TriageLevelQuestion, WellsQuestion, shuffled)


class BoundQuestion:
    """A question inside an exercise: checks are recorded in the exercise's progress."""

    def __init__(self, question: Question, exercise: "Exercise"):
        self.question = question
        self._exercise = exercise

    @property
    def id(self) -> str:
        return self.question.id

    @property
    def view(self) -> OptionView:
        """The order this exercise shows the options in (letters a, b, c, ... in that order)."""
        return self._exercise.view(self.id)

    def show(self) -> Report:
        return Report(self.question.show(self.view))

    def check(self, answer: Any) -> CheckResult:
        return self._exercise.check(self.id, answer)

    def hint(self) -> Report:
        return Report("Hint: " + self.question.hint())

    def solution(self) -> Report:
        self._exercise.progress.viewed_solution(self.id)
        return Report(self.question.solution(self.view))

    def key_answer(self) -> Any:
        """The right answer as a student would type it here (the letter shown, a level, a number)."""
        return self.question.key_answer(self.view)

    def display_answer(self, value: Any) -> Any:
        """A recorded answer (option ids) as a student would type it here."""
        return self.question.display_answer(value, self.view)

    def label(self, option_id: str) -> str:
        """An option as shown here: 'c) Leg-vein ultrasound'."""
        return self.question.label(option_id, self.view)

    def example_wrong_answers(self) -> list[Any]:
        """Typical wrong answers as a student would type them here."""
        return [self.display_answer(w) for w in self.question.example_wrong_answers()]

    def __repr__(self) -> str:
        return f"<question {self.id} ({self.question.kind})>"


class Exercise:
    """Questions plus progress. ``repo_root`` is the path from the notebook to the repository
    root, used for links to the teaching notebooks (``..`` from ``exercises/``)."""

    def __init__(self, exercise_id: str, title: str, questions: Iterable[Question], *,
                 seed: int | None = None, repo_root: str = "..", order_seed: int | None = None,
                 clock: Callable[[], datetime] = _utc_now):
        """``seed``: the seed of generated cases (recorded in results files); ``order_seed``: the
        seed of the option order (``None``: the bank's order)."""
        self.id = exercise_id
        self.title = title
        self.questions = tuple(questions)
        self.seed = seed
        self.order_seed = order_seed
        self.repo_root = repo_root
        self.progress = Progress(self.questions, clock=clock)
        self._by_id = {q.id: q for q in self.questions}
        self._views = {q.id: q.view(order_seed) for q in self.questions}

    def view(self, question_id: str) -> OptionView:
        return self._views[question_id]

    def __len__(self) -> int:
        return len(self.questions)

    def __iter__(self):
        return (BoundQuestion(q, self) for q in self.questions)

    def __getitem__(self, key: str | int) -> BoundQuestion:
        return BoundQuestion(self._question(key), self)

    def _question(self, key: Any) -> Question:
        """The question with id ``key`` (or at position ``key``); else ``UnknownQuestionError``."""
        if isinstance(key, int) and not isinstance(key, bool):
            if -len(self.questions) <= key < len(self.questions):
                return self.questions[key]
            raise UnknownQuestionError(f"no question number {short_repr(key)} in {self.id}: "
                                       f"it has {len(self.questions)} (numbered from 0)")
        if isinstance(key, str) and key in self._by_id:
            return self._by_id[key]
        raise UnknownQuestionError(unknown_question_message(key, self._by_id, f"in {self.id}"))

    def __repr__(self) -> str:
        return f"<exercise {self.id}: {len(self)} questions>"

    def intro(self) -> Report:
        lines = [f"{self.title}: {len(self)} questions."]
        if self.seed is not None:
            lines.append(f"Seed {self.seed}: anyone who uses this seed gets the same cases.")
        lines.append("Answers are checked by the legtwitch package; these are self-checks, not an exam.")
        return Report("\n".join(lines))

    def check(self, question_id: str, answer: Any) -> CheckResult:
        """Check ``answer`` to one question and record it (an unknown id: ``UnknownQuestionError``)."""
        q = self._question(question_id)
        result = q.check(answer, self._views[q.id])
        self.progress.record(result)
        if result.answered:
            from dataclasses import replace
            result = replace(result, score=self.progress.score_line())
        return result

    def score(self) -> Report:
        return Report(self.progress.score_line())

    def summary(self) -> Report:
        return Report(self.progress.summary())

    def results_json(self) -> str:
        return self.progress.to_json(exercise=self.id, seed=self.seed)

    def results_csv(self) -> str:
        return self.progress.to_csv()

    def export(self, path: str | Path) -> Report:
        """Save the answers for a lecturer (``.json`` or ``.csv``: question id, answer, correct, time).

        Never loses work: a file that already holds results of this exercise keeps them (the
        two are merged by question and time); any other file is refused and left unchanged;
        the file is replaced atomically. Errors are one-line ``ResultsFileError``s.
        """
        return Report(self.progress.export(path, exercise=self.id, seed=self.seed).text())

    def restore(self, path: str | Path) -> Report:
        """Continue a session: add the answers saved in ``path`` (by ``export``) to this one.

        The file must hold results of this exercise (and seed); identical attempts count once.
        """
        saved = Progress.load(path, self.questions)
        for key, ours in (("exercise", self.id), ("seed", self.seed)):
            theirs = saved.meta.get(key)
            if theirs is not None and theirs != ours:
                raise ResultsFileError(f"{Path(path).name} holds the results of {key} {short_repr(theirs)}, "
                                       f"not {ours!r}")
        added = self.progress.absorb(saved)
        return Report(f"Restored {added} answer(s) from {Path(path).name}. {self.progress.score_line()}")

    def widget(self, mode: str = "one"):
        """The quiz widget over these questions (imports ipywidgets only now)."""
        from ..widgets.quiz import QuizWidget
        return QuizWidget(self, mode=mode)


def exercise(bank_id: str, *, seed: int = 0, repo_root: str = "..") -> Exercise:
    """The exercise for one question bank (``"01"`` or ``"01_thrombosis_warning_signs"``).

    ``seed`` fixes the order of the options (the same seed, the same order for everyone)."""
    from ..generator import MAX_SEED
    if isinstance(seed, bool) or not isinstance(seed, int) or not -MAX_SEED <= seed <= MAX_SEED:
        raise QuizError(f"seed must be a whole number from -(2**63 - 1) to 2**63 - 1, got {short_repr(seed)}")
    bank = get_bank(bank_id)
    return Exercise(bank.id, bank.title, bank.questions, repo_root=repo_root, order_seed=seed)


# -- practice without end ---------------------------------------------------------------------

_PRACTICE_TOPIC = Topic("practice_triage", "Triage of a whole case", "notebooks/05_triage_cases.ipynb", "The cases")
_WELLS_TOPIC = Topic("practice_wells", "The two-level Wells score", "notebooks/01_thrombosis_warning_signs.ipynb",
                     "3. The DVT Wells score, criterion by criterion")
_TESTS_TOPIC = Topic("practice_tests", "Which test, and when", "notebooks/04_diagnosis.ipynb", "3. In which order?")

_COMMON = dict(
    hint_text="Look for emergency signs first, then leg signs of a clot, then the reasons to see a doctor.",
    feedback_incorrect="",
)


#: Tests offered as options in practice, after the engine's plan (the key and its later steps).
_PRACTICE_POOL = ("d_dimer", "compression_ultrasound", "ctpa", "neurological_exam", "ecg", "blood_tests", "emg", NO_TEST)


def _practice_options(scenario) -> tuple[str, ...]:
    """Five options for 'which test first': the engine's plan first, then common confusions."""
    from ..engine import triage
    plan = [t.id for t in triage(scenario).recommended_tests] or [NO_TEST]
    return tuple(dict.fromkeys([*plan, *_PRACTICE_POOL]))[:5]


def practice_questions(seed: int, n: int = 5) -> tuple[Question, ...]:
    """Three questions per generated case (Wells only when the engine works it out)."""
    from ..generator import generate_cases
    from ..engine import triage
    out: list[Question] = []
    for g in generate_cases(n, seed):
        case = CaseRef(g.id, f"practice case {g.index} of {n} (seed {seed})", g.story, g.scenario)
        base = f"p{seed}_{g.index}"
        out.append(TriageLevelQuestion(
            id=f"{base}_level", bank="practice", topic=_PRACTICE_TOPIC, case=case,
            prompt="Which triage level fits this person?",
            explanation="The level is the highest one that any of the findings asks for.",
            source=("thrombosis", "diagnosis", "nhs_dvt", "nhs_twitching"),
            feedback_correct="That is the engine's level.", **_COMMON))
        if triage(g.scenario).wells is not None:
            out.append(WellsQuestion(
                id=f"{base}_wells", bank="practice", topic=_WELLS_TOPIC, case=case,
                prompt="What is the two-level Wells total?",
                explanation="Each Wells criterion met is worth 1 point; an equally likely other diagnosis subtracts 2.",
                source=("wells_2003", "nice_ng158"), feedback_correct="Right total.",
                hint_text="Only the Wells criteria count: calf pain, worsening pain and warmth score nothing.",
                feedback_incorrect=""))
        out.append(NextTestQuestion(
            id=f"{base}_test", bank="practice", topic=_TESTS_TOPIC, case=case, options=_practice_options(g.scenario),
            prompt="Which test comes first?",
            explanation="A suspected clot is worked up first (Wells decides ultrasound or D-dimer); otherwise the neurological examination comes first.",
            source=("diagnosis", "nice_ng158"), feedback_correct="That is the first step.",
            hint_text="Is a clot suspected? If so, what does the Wells category say? If not, what does a doctor always do first?",
            feedback_incorrect=""))
    return tuple(out)


#: At most this many generated cases in one practice exercise (three questions each).
MAX_PRACTICE_CASES = 10_000


def practice(seed: int, n: int = 5, *, repo_root: str = "..") -> Exercise:
    """An endless supply of practice: the same ``seed`` always gives the same cases.

    ``n`` from 1 to ``MAX_PRACTICE_CASES`` (10,000); bad arguments are a one-line ``QuizError``.
    """
    from ..generator import MAX_SEED
    if isinstance(seed, bool) or not isinstance(seed, int) or not -MAX_SEED <= seed <= MAX_SEED:
        raise QuizError(f"seed must be a whole number from -(2**63 - 1) to 2**63 - 1, got {short_repr(seed)}")
    if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= MAX_PRACTICE_CASES:
        raise QuizError(f"n must be a whole number from 1 to {MAX_PRACTICE_CASES:,} (at most 10,000 cases "
                        f"at a time), got {short_repr(n)}")
    return Exercise(f"practice_seed_{seed}", f"Practice with generated cases (seed {seed}, {n} cases)",
                    practice_questions(seed, n), seed=seed, repo_root=repo_root, order_seed=seed)
