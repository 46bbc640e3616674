"""The quiz widget: the same checking API as ``legtwitch.quiz``, with buttons.

``QuizWidget(exercise, mode="one")`` shows one question at a time (Previous / Next);
``mode="all"`` shows the whole set. Each question has a labelled answer control, "Check
answer", "Hint", "Show solution" and "Try again"; feedback appears at once, by word and
symbol as well as colour. A running score sits on top; "Finish" shows the summary with
the topics to revisit, linked to the teaching-notebook sections.

Nothing is displayed or printed on construction. Everything can be driven from code, for
nbval and tests: ``quiz.answer("urgent")``, ``quiz.submit()``, ``quiz.next()``,
``quiz.feedback_text()``, ``quiz.score_text()``, ``quiz.finish()``, ``quiz.summary_text()``.
"""
from __future__ import annotations

import html
from typing import Any

import ipywidgets as w

from ..errors import UnknownQuestionError, short_repr
from ..levels import TriageLevel
from ..quiz.bank import unknown_question_message
from ..quiz.exercise import Exercise
from ..quiz.questions import (CheckResult, MatchingQuestion, MultiQuestion, NextTestQuestion,
                              Question, TriageLevelQuestion, WellsQuestion, TYPE_NAMES)
from ..knowledge import load_knowledge

_STYLE = {"description_width": "initial"}
_COLOURS = {"correct": "#2e7d32", "incorrect": "#b71c1c", "unanswered": "#555555", "invalid": "#e65100"}
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
    def _options(self) -> list[tuple[str, str]]:
        q = self.question
        if isinstance(q, TriageLevelQuestion):
            return [(f"{lv.symbol} {lv.label} ({lv.value})", lv.value) for lv in TriageLevel]
        if isinstance(q, NextTestQuestion):
            return [(f"{q._name(t)} ({t})", t) for t in q.options]
        return [(f"{cid}) {text}", cid) for cid, text in q.choices]

    def _make_control(self) -> w.Widget:
        q = self.question
        if isinstance(q, MultiQuestion):
            self.checks = {cid: w.Checkbox(value=False, description=f"{cid}) {text}", indent=False,
                                           style=_STYLE, layout=w.Layout(width="auto"))
                           for cid, text in q.choices}
            return w.VBox([w.Label("Your answer (tick every option that applies):"), *self.checks.values()])
        if isinstance(q, WellsQuestion):
            self.text = w.Text(value="", placeholder="a whole number", description="Wells total:",
                               tooltip="Type the two-level Wells total as a whole number", style=_STYLE)
            return self.text
        if isinstance(q, MatchingQuestion):
            kb = load_knowledge()
            self.dropdowns = {c: w.Dropdown(options=[("choose a treatment", None),
                                                     *((kb.treatments[t].name, t) for t in q.options)],
                                            value=None, description=f"{kb.causes[c].name}:",
                                            tooltip=f"Treatment for {kb.causes[c].name}", style=_STYLE)
                              for c in q.items}
            return w.VBox([w.Label("Your answer (one treatment per cause):"), *self.dropdowns.values()])
        self.radio = w.RadioButtons(options=self._options(), value=None, description="Your answer:",
                                    style=_STYLE, layout=w.Layout(width="auto"))
        return self.radio

    def value(self) -> Any:
        q = self.question
        if isinstance(q, MultiQuestion):
            return [cid for cid, box in self.checks.items() if box.value]
        if isinstance(q, WellsQuestion):
            return self.text.value.strip() or None
        if isinstance(q, MatchingQuestion):
            chosen = {c: d.value for c, d in self.dropdowns.items() if d.value is not None}
            return chosen or None
        return self.radio.value

    def set_value(self, answer: Any) -> None:
        """Put ``answer`` (in the same form ``check`` accepts) into the controls."""
        q = self.question
        if answer is None:
            self.clear()
        elif isinstance(q, MultiQuestion):
            chosen = set(q.normalise(answer))
            for cid, box in self.checks.items():
                box.value = cid in chosen
        elif isinstance(q, WellsQuestion):
            self.text.value = str(q.normalise(answer))  # 10**5000 is refused here, not shown
        elif isinstance(q, MatchingQuestion):
            for c, t in q.normalise(answer).items():
                self.dropdowns[c].value = t
        else:
            self.radio.value = q.normalise(answer)

    def clear(self) -> None:
        q = self.question
        if isinstance(q, MultiQuestion):
            for box in self.checks.values():
                box.value = False
        elif isinstance(q, WellsQuestion):
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
        result = self.quiz.exercise.check(self.question.id, self.value())
        self.result = result
        lines = [result.feedback]
        if result.correct:
            lines += [f"Why: {result.explanation}", "Sources: " + ", ".join(result.source)]
        elif result.status == "incorrect":
            lines.append("Try again, or use the Hint and Show solution buttons.")
        elif result.status == "unanswered":
            lines = ["Choose or type your answer first, then press Check answer."]
        if result.score:
            lines.append(result.score)
        self._show(result.status, "\n".join(lines))
        self.feedback_plain = f"{_WORDS[result.status]}. " + "\n".join(lines)
        self.quiz._update_score()
        return result

    def show_hint(self) -> str:
        hint = "Hint: " + self.question.hint()
        self.feedback.value = f"<div role='status' style='padding: 4px 8px'>💡 {_esc(hint)}</div>"
        self.feedback_plain = hint
        return hint

    def show_solution(self) -> str:
        self.quiz.exercise.progress.viewed_solution(self.question.id)
        text = self.question.solution()
        self.feedback.value = (f"<div role='status' style='border-left: 6px solid #1565c0; padding: 4px 8px'>"
                               f"<strong>Worked answer</strong><br><span style='white-space: pre-wrap'>{_esc(text)}</span></div>")
        self.feedback_plain = "Worked answer\n" + text
        self.quiz._update_score()
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

    # -- display ---------------------------------------------------------------------------
    def _repr_mimebundle_(self, **kwargs: Any):
        bundle = dict(self.widget._repr_mimebundle_(**kwargs))
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
        progress = self.exercise.progress
        items = []
        for topic, qids in progress.to_revisit():
            items.append(f"<li><a href='{_esc(topic.href(self.exercise.repo_root))}' target='_blank'>"
                         f"{_esc(topic.title)}</a> ({_esc(topic.location())}; questions {_esc(', '.join(qids))})</li>")
        body = ("<p>Topics to revisit:</p><ul>" + "".join(items) + "</ul>") if items else \
            "<p>Every question right at the first try: nothing to revisit.</p>"
        self.summary.value = f"<div role='status'><strong>{_esc(progress.score_line())}</strong>{body}</div>"
        return progress.summary()

    def summary_text(self) -> str:
        return self.exercise.progress.summary()


def quiz_widget(exercise: Exercise, mode: str = "one") -> QuizWidget:
    """Build a quiz widget (no output until it is displayed)."""
    return QuizWidget(exercise, mode)
