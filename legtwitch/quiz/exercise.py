"""Exercises: a set of questions with a running score, used from notebooks and widgets.

    from legtwitch.quiz import exercise
    ex = exercise("01")              # the bank for notebooks/01_thrombosis_warning_signs
    q1 = ex["clot_signs"]
    q1.show()                        # the question, no answer in it
    q1.check("b")                    # feedback, and the running score
    q1.hint(); q1.solution()
    ex.summary(); ex.export("my_results.csv")

``practice(seed, n)`` builds an exercise from generated cases (``generate_cases``): for each
case the triage level, the Wells total (when the engine works one out) and the first test.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Iterable

from ..display import Report
from .bank import get_bank
from .progress import Progress, _utc_now
from .questions import CaseRef, CheckResult, NextTestQuestion, Question, Topic, TriageLevelQuestion, WellsQuestion


class BoundQuestion:
    """A question inside an exercise: checks are recorded in the exercise's progress."""

    def __init__(self, question: Question, exercise: "Exercise"):
        self.question = question
        self._exercise = exercise

    @property
    def id(self) -> str:
        return self.question.id

    def show(self) -> Report:
        return Report(self.question.show())

    def check(self, answer: Any) -> CheckResult:
        return self._exercise.check(self.id, answer)

    def hint(self) -> Report:
        return Report("Hint: " + self.question.hint())

    def solution(self) -> Report:
        self._exercise.progress.viewed_solution(self.id)
        return Report(self.question.solution())

    def __repr__(self) -> str:
        return f"<question {self.id} ({self.question.kind})>"


class Exercise:
    """Questions plus progress. ``repo_root`` is the path from the notebook to the repository
    root, used for links to the teaching notebooks (``..`` from ``exercises/``)."""

    def __init__(self, exercise_id: str, title: str, questions: Iterable[Question], *,
                 seed: int | None = None, repo_root: str = "..",
                 clock: Callable[[], datetime] = _utc_now):
        self.id = exercise_id
        self.title = title
        self.questions = tuple(questions)
        self.seed = seed
        self.repo_root = repo_root
        self.progress = Progress(self.questions, clock=clock)
        self._by_id = {q.id: q for q in self.questions}

    def __len__(self) -> int:
        return len(self.questions)

    def __iter__(self):
        return (BoundQuestion(q, self) for q in self.questions)

    def __getitem__(self, key: str | int) -> BoundQuestion:
        if isinstance(key, int):
            return BoundQuestion(self.questions[key], self)
        if key not in self._by_id:
            raise KeyError(f"no question {key!r} in {self.id}; questions: {', '.join(self._by_id)}")
        return BoundQuestion(self._by_id[key], self)

    def __repr__(self) -> str:
        return f"<exercise {self.id}: {len(self)} questions>"

    def intro(self) -> Report:
        lines = [f"{self.title}: {len(self)} questions."]
        if self.seed is not None:
            lines.append(f"Seed {self.seed}: anyone who uses this seed gets the same cases.")
        lines.append("Answers are checked by the legtwitch package; these are self-checks, not an exam.")
        return Report("\n".join(lines))

    def check(self, question_id: str, answer: Any) -> CheckResult:
        q = self._by_id[question_id]
        result = q.check(answer)
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
        """Save the answers for a lecturer (``.json`` or ``.csv``: question id, answer, correct, time)."""
        out = self.progress.export(path, exercise=self.id, seed=self.seed)
        return Report(f"Saved {len(self.progress.attempts)} answer(s) to {out.name}")

    def widget(self, mode: str = "one"):
        """The quiz widget over these questions (imports ipywidgets only now)."""
        from ..widgets.quiz import QuizWidget
        return QuizWidget(self, mode=mode)


def exercise(bank_id: str, *, repo_root: str = "..") -> Exercise:
    """The exercise for one question bank (``"01"`` or ``"01_thrombosis_warning_signs"``)."""
    bank = get_bank(bank_id)
    return Exercise(bank.id, bank.title, bank.questions, repo_root=repo_root)


# -- practice without end ---------------------------------------------------------------------

_PRACTICE_TOPIC = Topic("practice_triage", "Triage of a whole case", "notebooks/05_triage_cases.ipynb", "The cases")
_WELLS_TOPIC = Topic("practice_wells", "The two-level Wells score", "notebooks/01_thrombosis_warning_signs.ipynb",
                     "3. The DVT Wells score, criterion by criterion")
_TESTS_TOPIC = Topic("practice_tests", "Which test, and when", "notebooks/04_diagnosis.ipynb", "3. In which order?")

_COMMON = dict(
    hint_text="Look for emergency signs first, then leg signs of a clot, then the reasons to see a doctor.",
    feedback_incorrect="",
)


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
            explanation="The level is the highest one that any fired rule asks for.",
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
            id=f"{base}_test", bank="practice", topic=_TESTS_TOPIC, case=case,
            prompt="Which test comes first?",
            explanation="A suspected clot is worked up first (Wells decides ultrasound or D-dimer); otherwise the neurological examination comes first.",
            source=("diagnosis", "nice_ng158"), feedback_correct="That is the first step.",
            hint_text="Is a clot suspected? If so, what does the Wells category say? If not, what does a doctor always do first?",
            feedback_incorrect=""))
    return tuple(out)


def practice(seed: int, n: int = 5, *, repo_root: str = "..") -> Exercise:
    """An endless supply of practice: the same ``seed`` always gives the same cases."""
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise ValueError(f"seed must be a whole number, got {seed!r}")
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(f"n must be a whole number of at least 1, got {n!r}")
    return Exercise(f"practice_seed_{seed}", f"Practice with generated cases (seed {seed}, {n} cases)",
                    practice_questions(seed, n), seed=seed, repo_root=repo_root)
