"""The quiz widget: the same checking API as ``legtwitch.quiz``, with buttons.

``QuizWidget(exercise, mode="one")`` shows one question at a time (Previous / Next);
``mode="all"`` shows the whole set. Each question has a labelled answer control, "Check
answer", "Hint", "Show solution" and "Try again"; feedback appears at once, by word and
symbol as well as colour. The options are shown in the exercise's order (fixed by its seed)
and lettered in that order; feedback and worked answers use the same letters.

One live score sits on top: it also moves when an answer is checked from a code cell
(``ex[0].check(...)``), because the widget listens to the exercise's progress. "Finish" keeps
apart the questions got wrong and those not tried yet, each with the teaching-notebook section
to revisit, and names the misconceptions behind the wrong answers.

Nothing is displayed or printed on construction. Everything can be driven from code, for
nbval and tests: ``quiz.answer("urgent")``, ``quiz.submit()``, ``quiz.next()``,
``quiz.feedback_text()``, ``quiz.score_text()``, ``quiz.finish()``, ``quiz.summary_text()``.
"""
from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from ..errors import UnknownQuestionError, short_repr
from ..quiz.bank import unknown_question_message
from ..quiz.questions import (source_titles, CheckResult, MatchingQuestion, MultiQuestion, ProbabilityQuestion, Question,
                              WellsQuestion, TYPE_NAMES)
from ..knowledge import load_knowledge

if TYPE_CHECKING:  # for the annotations only: quiz.exercise builds this widget (Exercise.widget)
    from ..quiz.exercise import Exercise

_STYLE = {"description_width": "initial"}
_COLOURS = {"correct": "#2e7d32", "incorrect": "#b71c1c", "unanswered": "#555555", "invalid": "#c74400"}
_WORDS = {"correct": "✓ Correct", "incorrect": "✗ Not quite", "unanswered": "… Not answered yet",
          "invalid": "? Cannot check"}


def _esc(text: str) -> str:
    return html.escape(str(text), quote=True)


class QuestionCard:
    """The controls of one question. ``value()`` reads the answer, ``set_value`` writes it."""

    def __init__(self, question: Question, quiz: "QuizWidget", number: int, total: int):
        self.question = question
        self.quiz = quiz
        self.result: CheckResult | None = None
        q = question
        self.prompt = w.HTML(
            f"<p><strong>Question {number} of {total}</strong> ({_esc(TYPE_NAMES[q.kind])}; "
            f"topic: {_esc(q.topic.title)})</p>"
            f"<div style='white-space: pre-wrap'>{_esc(q.full_prompt())}</div>")
        self.control = self._make_control()
        self.check_button = w.Button(description="Check answer", icon="check",
                                     tooltip="Submit this answer and get feedback at once")
        self.hint_button = w.Button(description="Hint", icon="lightbulb-o", tooltip="Show a hint (does not count)")
        self.solution_button = w.Button(description="Show solution", icon="eye",
                                        tooltip="Show the worked answer (the question then counts as not solved at the first try)")
        self.retry_button = w.Button(description="Try again", icon="undo", tooltip="Clear your answer and the feedback")
        self.feedback = w.HTML(value="", layout=w.Layout(width="100%"))
        self.check_button.on_click(lambda _b: self._safely(self.submit))
        self.hint_button.on_click(lambda _b: self._safely(self.show_hint))
        self.solution_button.on_click(lambda _b: self._safely(self.show_solution))
        self.retry_button.on_click(lambda _b: self._safely(self.retry))
        self.box = w.VBox([self.prompt, self.control,
                           w.HBox([self.check_button, self.hint_button, self.solution_button, self.retry_button]),
                           self.feedback],
                          layout=w.Layout(border="1px solid #ccc", padding="6px", margin="4px 0"))

    # -- controls ------------------------------------------------------------------------
    @property
    def view(self):
        return self.quiz.exercise.view(self.question.id)

    def _options(self) -> list[tuple[str, str]]:
        """(label as shown, option id) in the exercise's order: 'c) Leg-vein ultrasound'."""
        q = self.question
        return [(q.label(oid, self.view), oid) for oid in self.view.order]

    def _make_control(self) -> w.Widget:
        q = self.question
        if isinstance(q, MultiQuestion):
            self.checks = {oid: w.Checkbox(value=False, description=label, indent=False,
                                           style=_STYLE, layout=w.Layout(width="auto"))
                           for label, oid in self._options()}
            return w.VBox([w.Label("Your answer (tick every option that applies):"), *self.checks.values()])
        if isinstance(q, WellsQuestion):
            self.text = w.Text(value="", placeholder="a whole number", description="Wells total:",
                               tooltip="Type the two-level Wells total as a whole number", style=_STYLE)
            return self.text
        if isinstance(q, ProbabilityQuestion):
            self.text = w.Text(value="", placeholder="e.g. 14 for 14 %", description="Probability in %:",
                               tooltip="Type the probability in percent (within the tolerance counts)", style=_STYLE)
            return self.text
        if isinstance(q, MatchingQuestion):
            kb = load_knowledge()
            self.dropdowns = {c: w.Dropdown(options=[("choose a treatment", None), *self._options()],
                                            value=None, description=f"{i}. {kb.causes[c].name}:",
                                            tooltip=f"Treatment for {kb.causes[c].name}", style=_STYLE)
                              for i, c in enumerate(q.items, 1)}
            return w.VBox([w.Label("Your answer (one treatment per cause):"), *self.dropdowns.values()])
        self.radio = w.RadioButtons(options=self._options(), value=None, description="Your answer:",
                                    style=_STYLE, layout=w.Layout(width="auto"))
        return self.radio

    def value(self) -> Any:
        """The answer in the controls, as option ids (or the typed text)."""
        q = self.question
        if isinstance(q, MultiQuestion):
            return [oid for oid, box in self.checks.items() if box.value]
        if isinstance(q, (WellsQuestion, ProbabilityQuestion)):
            return self.text.value.strip() or None
        if isinstance(q, MatchingQuestion):
            chosen = {c: d.value for c, d in self.dropdowns.items() if d.value is not None}
            return chosen or None
        return self.radio.value

    def set_value(self, answer: Any) -> None:
        """Put ``answer`` (in the same form ``check`` accepts: the letters shown, words, a number)
        into the controls."""
        q = self.question
        if answer is None:
            self.clear()
            return
        value = q.normalise(answer, self.view)  # refuses what could not be checked (10**5000, b"a")
        if isinstance(q, MultiQuestion):
            for oid, box in self.checks.items():
                box.value = oid in value
        elif isinstance(q, (WellsQuestion, ProbabilityQuestion)):
            self.text.value = f"{value:g}" if isinstance(value, float) else str(value)
        elif isinstance(q, MatchingQuestion):
            for c, t in value.items():
                self.dropdowns[c].value = t
        else:
            self.radio.value = value

    def clear(self) -> None:
        q = self.question
        if isinstance(q, MultiQuestion):
            for box in self.checks.values():
                box.value = False
        elif isinstance(q, (WellsQuestion, ProbabilityQuestion)):
            self.text.value = ""
        elif isinstance(q, MatchingQuestion):
            for d in self.dropdowns.values():
                d.value = None
        else:
            self.radio.value = None

    # -- actions -----------------------------------------------------------------------------
    def _safely(self, action) -> None:
        """Run a button's action; a failure is shown in the feedback panel, never raised inside
        the widget callback (where it would vanish into the kernel log)."""
        try:
            action()
        except Exception as err:
            message = " ".join(str(err).split())[:300] or type(err).__name__
            self._show("invalid", message)
            self.feedback_plain = f"{_WORDS['invalid']}. {message}"

    def _show(self, status: str, body: str) -> None:
        colour = _COLOURS[status]
        self.feedback.value = (f"<div role='status' style='border-left: 6px solid {colour}; padding: 4px 8px'>"
                               f"<strong>{_WORDS[status]}</strong><br>"
                               f"<span style='white-space: pre-wrap'>{_esc(body)}</span></div>")

    def submit(self) -> CheckResult:
        result = self.quiz.exercise.check(self.question.id, self._submitted())
        self.result = result
        lines = [result.feedback]
        if result.read_as:
            lines.append(result.read_as)
        if result.correct:
            lines += [f"Why: {result.explanation}", "Sources: " + source_titles(result.source)]
        elif result.status == "incorrect":
            lines.append("Try again, or use the Hint and Show solution buttons.")
        elif result.status == "unanswered":
            lines = ["Choose or type your answer first, then press Check answer."]
        self._show(result.status, "\n".join(lines))  # the score is shown once, on top of the quiz
        self.feedback_plain = f"{_WORDS[result.status]}. " + "\n".join(lines)
        return result

    def _submitted(self) -> Any:
        """What the controls hold, in a form check() reads under this view (letters for options)."""
        q = self.question
        value = self.value()
        if value is None or isinstance(q, (WellsQuestion, ProbabilityQuestion)):
            return value
        return q.display_answer(value, self.view) if not isinstance(q, MatchingQuestion) else \
            {str(i): self.view.letter(value[c]) for i, c in enumerate(q.items, 1) if c in value}

    def show_hint(self) -> str:
        hint = "Hint: " + self.question.hint()
        self.feedback.value = f"<div role='status' style='padding: 4px 8px'>💡 {_esc(hint)}</div>"
        self.feedback_plain = hint
        return hint

    def show_solution(self) -> str:
        self.quiz.exercise.progress.viewed_solution(self.question.id)
        text = self.question.solution(self.view)
        self.feedback.value = (f"<div role='status' style='border-left: 6px solid #1565c0; padding: 4px 8px'>"
                               f"<strong>Worked answer</strong><br><span style='white-space: pre-wrap'>{_esc(text)}</span></div>")
        self.feedback_plain = "Worked answer\n" + text
        return text

    def retry(self) -> None:
        self.clear()
        self.feedback.value = ""
        self.feedback_plain = ""
        self.result = None

    feedback_plain: str = ""


class QuizWidget:
    """A quiz over an ``Exercise``: one question at a time (``mode="one"``) or all (``"all"``)."""

    def __init__(self, exercise: Exercise, mode: str = "one"):
        if mode not in ("one", "all"):
            raise ValueError(f"mode must be 'one' or 'all', not {mode!r}")
        self.exercise = exercise
        self.mode = mode
        total = len(exercise.questions)
        self.cards = [QuestionCard(q, self, i, total) for i, q in enumerate(exercise.questions, 1)]
        self.position = 0
        self.score_label = w.HTML()
        self.summary = w.HTML()
        self.prev_button = w.Button(description="Previous", icon="arrow-left", tooltip="Go to the previous question")
        self.next_button = w.Button(description="Next", icon="arrow-right", tooltip="Go to the next question")
        self.finish_button = w.Button(description="Finish", icon="flag-checkered",
                                      tooltip="Show the summary: score and the topics to revisit")
        self.prev_button.on_click(lambda _b: self.previous())
        self.next_button.on_click(lambda _b: self.next())
        self.finish_button.on_click(lambda _b: self.finish())
        self.stage = w.VBox()
        header = w.HTML(f"<h3>{_esc(exercise.title)}</h3>"
                        + (f"<p>Seed {exercise.seed}: the same seed gives the same cases.</p>" if exercise.seed is not None else "")
                        + "<p>A formative self-check: the answers ship with the package.</p>")
        nav = [self.prev_button, self.next_button, self.finish_button] if mode == "one" else [self.finish_button]
        self.widget = w.VBox([header, self.score_label, self.stage, w.HBox(nav), self.summary])
        self._render()
        self._update_score()
        exercise.progress.subscribe(self._update_score)  # one live score, also for checks from code

    # -- display ---------------------------------------------------------------------------
    def _repr_mimebundle_(self, **kwargs: Any):
        from ._base import widget_bundle  # the project's styles and keyboard handling, as every widget
        bundle = widget_bundle(self.widget, "Quiz")
        bundle["text/plain"] = f"[Quiz: {self.exercise.title} - interactive widget, run the notebook to use it]"
        return bundle

    def _render(self) -> None:
        if self.mode == "all":
            self.stage.children = [c.box for c in self.cards]
        else:
            self.stage.children = [self.cards[self.position].box]
            self.prev_button.disabled = self.position == 0
            self.next_button.disabled = self.position == len(self.cards) - 1

    def _update_score(self) -> None:
        self.score_label.value = f"<p><strong>{_esc(self.exercise.progress.score_line())}</strong></p>"

    # -- scripting -------------------------------------------------------------------------
    def _card(self, question: str | int | None) -> QuestionCard:
        """The card of a question id or position (``None``: the current one); else
        ``UnknownQuestionError`` (a ``ValueError`` and a ``KeyError``) with a hint."""
        if question is None:
            return self.cards[self.position]
        if isinstance(question, int) and not isinstance(question, bool):
            if -len(self.cards) <= question < len(self.cards):
                return self.cards[question]
            raise UnknownQuestionError(f"no question number {short_repr(question)} in this quiz: "
                                       f"it has {len(self.cards)} (numbered from 0)")
        for card in self.cards:
            if card.question.id == question:
                return card
        raise UnknownQuestionError(unknown_question_message(question, [c.question.id for c in self.cards],
                                                            "in this quiz"))

    @property
    def current(self) -> Question:
        return self.cards[self.position].question

    def go(self, question: str | int) -> None:
        self.position = self.cards.index(self._card(question))
        self._render()

    def next(self) -> None:
        if self.position < len(self.cards) - 1:
            self.position += 1
            self._render()

    def previous(self) -> None:
        if self.position > 0:
            self.position -= 1
            self._render()

    def answer(self, value: Any, question: str | int | None = None) -> None:
        self._card(question).set_value(value)

    def submit(self, question: str | int | None = None) -> CheckResult:
        return self._card(question).submit()

    def hint(self, question: str | int | None = None) -> str:
        return self._card(question).show_hint()

    def solution(self, question: str | int | None = None) -> str:
        return self._card(question).show_solution()

    def retry(self, question: str | int | None = None) -> None:
        self._card(question).retry()

    def feedback_text(self, question: str | int | None = None) -> str:
        return self._card(question).feedback_plain

    def score_text(self) -> str:
        return self.exercise.progress.score_line()

    def finish(self) -> str:
        """Show the summary: questions got wrong and not tried yet (kept apart, each with its
        teaching-notebook section), and the misconceptions behind the wrong answers."""
        progress = self.exercise.progress

        def topic_items(groups) -> str:
            return "".join(f"<li><a href='{_esc(topic.href(self.exercise.repo_root))}' target='_blank'>"
                           f"{_esc(topic.title)}</a> ({_esc(topic.location())}; questions {_esc(', '.join(qids))})</li>"
                           for topic, qids in groups)
        missed, untried = progress.to_revisit(), progress.not_tried_by_topic()
        parts = []
        if not missed and not untried:
            parts.append("<p>Every question right at the first try: nothing to revisit.</p>")
        elif not missed:
            parts.append("<p>Nothing got wrong so far.</p>")
        else:
            parts.append("<p>Got wrong (not yet right, right only after a retry, or solution looked at) - revisit:</p>"
                         f"<ul>{topic_items(missed)}</ul>")
        if untried:
            parts.append(f"<p>Not tried yet ({len(progress.not_tried())} question(s)):</p><ul>{topic_items(untried)}</ul>")
        traps = progress.misconception_lines()
        if traps:
            parts.append("<p>Misconceptions behind your wrong answers:</p><ul>"
                         + "".join(f"<li>{_esc(t)}</li>" for t in traps) + "</ul>")
        self.summary.value = f"<div role='status'><strong>{_esc(progress.score_line())}</strong>{''.join(parts)}</div>"
        return progress.summary()

    def summary_text(self) -> str:
        return self.exercise.progress.summary()


def quiz_widget(exercise: Exercise, mode: str = "one") -> QuizWidget:
    """Build a quiz widget (no output until it is displayed)."""
    return QuizWidget(exercise, mode)
