"""Quizzes and exercises: question banks as data, checked by the same engine as everything else.

Formative self-checks: the answers ship with the package, so this is not a secure exam.

- ``exercise("01")`` -> an ``Exercise``; ``ex["question_id"].check(answer)`` -> ``CheckResult``.
- ``practice(seed, n)`` -> an ``Exercise`` of generated cases (the seed makes it repeatable).
- ``ex.export(path)`` saves the answers (JSON or CSV); it merges into an earlier results file of
  the same exercise instead of overwriting it, and refuses any other file. ``ex.restore(path)``
  or ``Progress.load(path)`` reads saved answers back.
- ``load_banks()``, ``get_question(id)``, ``load_bank_file(path)`` for tests and authors.
- Errors are one-line ``ValueError`` subclasses from ``legtwitch.errors``: ``QuizError`` (bad
  arguments), ``UnknownQuestionError`` (also a ``KeyError``), ``ResultsFileError`` (saving and
  loading results).

Only the standard library and PyYAML are used here; the widget lives in ``legtwitch.widgets.quiz``.
"""
from .bank import Bank, QUESTION_TYPES, all_questions, get_bank, get_question, load_bank_file, load_banks
from .exercise import BoundQuestion, Exercise, exercise, practice
from .progress import Attempt, Progress
from .questions import CheckResult, Question, Topic
from ..errors import QuizError, ResultsFileError, UnknownQuestionError  # noqa: E402 (after the quiz names)

__all__ = ["Bank", "QUESTION_TYPES", "all_questions", "get_bank", "get_question", "load_bank_file",
           "load_banks", "BoundQuestion", "Exercise", "exercise", "practice", "Attempt", "Progress",
           "CheckResult", "Question", "Topic", "QuizError", "ResultsFileError", "UnknownQuestionError"]
