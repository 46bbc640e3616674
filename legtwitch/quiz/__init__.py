"""Quizzes and exercises: question banks as data, checked by the same engine as everything else.

Formative self-checks: the answers ship with the package, so this is not a secure exam.

- ``exercise("01")`` -> an ``Exercise``; ``ex[0].check(answer)`` -> ``CheckResult``. Options are
  shown in an order fixed by ``seed`` (``exercise("01", seed=7)``); answer with the letter shown
  or the option's words ("ultrasound", "see a doctor").
- ``practice(seed, n)`` -> an ``Exercise`` of generated cases (the seed makes it repeatable).
- ``ex.export(path)`` saves the answers (JSON or CSV); it merges into an earlier results file of
  the same exercise instead of overwriting it, and refuses any other file. ``ex.restore(path)``
  or ``Progress.load(path)`` reads saved answers back.
- ``review()`` -> an exercise of the questions due again (Leitner boxes, worked out from your
  results files); ``schedule()`` shows every question's box and due date.
- ``item_table(bank)`` and ``bank_counts()``: item metadata for lecturers (type, cognitive level,
  difficulty, case, misconceptions); ``load_misconceptions()``: the documented list.
- ``lint_banks()`` (``python -m legtwitch.quiz.lint``): the item-writing rules, one line per problem.
- ``load_banks()``, ``get_question(id)``, ``load_bank_file(path)`` for tests and authors.
- Errors are one-line ``ValueError`` subclasses from ``legtwitch.errors``: ``QuizError`` (bad
  arguments), ``UnknownQuestionError`` (also a ``KeyError``), ``ResultsFileError`` (saving and
  loading results).

Only the standard library and PyYAML are used here; the widget lives in ``legtwitch.widgets.quiz``.
"""
from .bank import Bank, QUESTION_TYPES, all_questions, get_bank, get_question, load_bank_file, load_banks
from .exercise import BoundQuestion, Exercise, exercise, practice
from .progress import Attempt, Progress
from .questions import CheckResult, OptionView, Question, Topic
from .misconceptions import Misconception, load_misconceptions
from .review import ReviewExercise, Schedule, review, schedule
from ..errors import QuizError, ResultsFileError, UnknownQuestionError  # noqa: E402 (after the quiz names)

#: Imported on first use, so that ``python -m legtwitch.quiz.lint`` and ``-m legtwitch.quiz.catalogue``
#: run their module once (not imported by the package first).
_LAZY = {"lint_banks": "lint", "WORKED_CASES": "catalogue", "bank_counts": "catalogue",
         "item_table": "catalogue", "items": "catalogue"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib
        return getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = ["Bank", "QUESTION_TYPES", "all_questions", "get_bank", "get_question", "load_bank_file",
           "load_banks", "BoundQuestion", "Exercise", "exercise", "practice", "Attempt", "Progress",
           "CheckResult", "OptionView", "Question", "Topic", "Misconception", "load_misconceptions",
           "WORKED_CASES", "bank_counts", "item_table", "items", "ReviewExercise", "Schedule", "review",
           "schedule", "lint_banks", "QuizError", "ResultsFileError", "UnknownQuestionError"]
