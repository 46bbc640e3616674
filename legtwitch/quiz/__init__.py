"""Quizzes and exercises: question banks as data, checked by the same engine as everything else.

Formative self-checks: the answers ship with the package, so this is not a secure exam.

- ``exercise("01")`` -> an ``Exercise``; ``ex["question_id"].check(answer)`` -> ``CheckResult``.
- ``practice(seed, n)`` -> an ``Exercise`` of generated cases (the seed makes it repeatable).
- ``load_banks()``, ``get_question(id)``, ``load_bank_file(path)`` for tests and authors.

Only the standard library and PyYAML are used here; the widget lives in ``legtwitch.widgets.quiz``.
"""
from .bank import Bank, QUESTION_TYPES, all_questions, get_bank, get_question, load_bank_file, load_banks
from .exercise import BoundQuestion, Exercise, exercise, practice
from .progress import Attempt, Progress
from .questions import CheckResult, Question, Topic

__all__ = ["Bank", "QUESTION_TYPES", "all_questions", "get_bank", "get_question", "load_bank_file",
           "load_banks", "BoundQuestion", "Exercise", "exercise", "practice", "Attempt", "Progress",
           "CheckResult", "Question", "Topic"]
