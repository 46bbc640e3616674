"""The case runner: a case unfolds stage by stage, the student commits, then sees the answer.

``case_runner("classic_calf_dvt")`` runs one library case, ``case_runner(cases=[...])`` several,
``case_runner(seed=2417, n=5)`` a seeded session of generated cases (the same for the whole
class). What the student does:

1. reads the presenting complaint, presses "Take the history", then "Examine";
2. commits: a level, up to three causes in order, a first test, a pre-test probability of a
   clot (if they suspect one) and a one-line reason, then "Commit my decision";
3. only now sees the engine's level, the feedback on each part (under-triage called out as the
   dangerous error), the test results with the probability they lead to, and the full answer.

Nothing of the answer is on screen before the commit (the case's title, which may name it,
included). Scriptable like the other widgets: ``commit(level=..., causes=[...], first_test=...,
pretest=..., reason=...)`` returns the ``Feedback``; ``revealed``, ``reset()``, ``next_stage()``,
``next_case()``, ``summary()`` and ``export(path)``.
"""
from __future__ import annotations

from typing import Any, Sequence

import ipywidgets as w

from .. import practice_render as pr
from ..case_practice import PracticeSession
from ..display import Report
from ..errors import LegtwitchError
from ..knowledge import load_knowledge
from ..levels import TriageLevel
from ..scoring import MAX_CAUSES, CommitError, Feedback
from ..yamlio import number_from_text
from . import views
from ._base import DESC_STYLE, widget_bundle

NO_CAUSE = ""
NO_TEST = "none"
_ORDINALS = ("Most likely cause", "Second cause", "Third cause")


class CaseRunner:
    """Staged case practice with commit-then-reveal (see the module docstring)."""

    title = "Case practice"

    def __init__(self, session: PracticeSession) -> None:
        kb = load_knowledge()
        self.session = session
        self.heading = w.HTML()
        self.stages = w.HTML(layout=w.Layout(width="100%"))
        self.stage_button = w.Button(description="Take the history", tooltip="Show the next part of the case",
                                     layout=w.Layout(width="auto"))
        self.level = w.RadioButtons(options=[(f"{lv.symbol} {lv.label}", lv.value) for lv in TriageLevel], value=None,
                                    description="Your level", style=DESC_STYLE,
                                    tooltip="How soon should the person act?", layout=w.Layout(width="auto"))
        cause_options = [("(none)", NO_CAUSE), *((c.name, c.id) for c in kb.causes.values())]
        self.causes = [w.Dropdown(options=cause_options, value=NO_CAUSE, description=label, style=DESC_STYLE,
                                  tooltip=f"{label}, in your own ranking", layout=w.Layout(width="auto"))
                       for label in _ORDINALS[:MAX_CAUSES]]
        self.first_test = w.Dropdown(options=[("No test needed", NO_TEST), *((t.name, t.id) for t in kb.tests.values())],
                                     value=NO_TEST, description="Your first test", style=DESC_STYLE,
                                     tooltip="The first test you would order", layout=w.Layout(width="auto"))
        self.pretest = w.Text(value="", placeholder="leave empty if you suspect no clot",
                              description="If you suspect a clot: its probability before any test (%)",
                              style=DESC_STYLE, tooltip="Your pre-test probability of a clot, 0 to 100",
                              layout=w.Layout(width="auto"))
        self.reason = w.Text(value="", placeholder="the finding that decided it", description="Your reason, in one line",
                             style=DESC_STYLE, tooltip="Why you chose this level", layout=w.Layout(width="100%"))
        self.commit_button = w.Button(description="Commit my decision", button_style="primary",
                                      tooltip="Commit: the engine's answer appears only after this",
                                      layout=w.Layout(width="auto"))
        self.status = w.HTML()
        self.answer = w.HTML(layout=w.Layout(width="100%"))
        self.next_button = w.Button(description="Next case", tooltip="Go on to the next case", layout=w.Layout(width="auto"))
        self.again_button = w.Button(description="Start this case again", tooltip="Hide the answer and try again",
                                     layout=w.Layout(width="auto"))
        self.summary_panel = w.HTML()
        self.stage_button.on_click(lambda _b: self.next_stage())
        self.commit_button.on_click(lambda _b: self._commit_from_controls())
        self.next_button.on_click(lambda _b: self.next_case())
        self.again_button.on_click(lambda _b: self.reset())
        self.form = w.VBox([w.HTML("<h4>Your decision</h4><p>Commit before you see the answer.</p>"), self.level,
                            *self.causes, self.first_test, self.pretest, self.reason, self.commit_button, self.status])
        self.after = w.HBox([self.next_button, self.again_button])
        self.widget = w.VBox([self.heading, self.stages, self.stage_button, self.form, self.answer, self.after,
                              self.summary_panel])
        self._refresh()

    def _repr_mimebundle_(self, **kwargs: Any):
        return widget_bundle(self.widget, self.title)

    # -- state shown --------------------------------------------------------------------------
    @property
    def run(self):
        return self.session.current

    @property
    def revealed(self) -> bool:
        """Whether the engine's answer is showing for the current case."""
        return self.run.revealed

    @property
    def feedback(self) -> Feedback | None:
        return self.run.feedback

    def _refresh(self) -> None:
        run = self.run
        self.heading.value = f"<h3>{views.esc(self.title)}: {views.esc(self.session.label)}</h3>"
        self.stages.value = pr.stages_html(run.visible_stages())
        action = run.next_action
        self.stage_button.description = action or "Examined"
        self.stage_button.layout.display = None if action else "none"
        self.commit_button.disabled = not run.ready or run.revealed
        self.commit_button.tooltip = ("Commit: the engine's answer appears only after this" if run.ready
                                      else "Take the history and examine first")
        for control in (self.level, *self.causes, self.first_test, self.pretest, self.reason):
            control.disabled = run.revealed
        self.answer.value = pr.answer_html(run)
        last = self.session.index + 1 >= len(self.session.runs)
        self.next_button.layout.display = "none" if (last or not run.revealed) else None
        self.again_button.layout.display = None if run.revealed else "none"
        self.summary_panel.value = (pr.summary_html(self.session.summary(), self.session.names())
                                    if self.session.records else "")

    def _clear_form(self) -> None:
        self.level.value = None
        for c in self.causes:
            c.value = NO_CAUSE
        self.first_test.value = NO_TEST
        self.pretest.value = ""
        self.reason.value = ""
        self.status.value = ""

    # -- actions --------------------------------------------------------------------------------
    def next_stage(self):
        stage = self.run.next_stage()
        self._refresh()
        return stage

    def _commit_from_controls(self) -> None:
        try:
            self._commit(self.level.value, [c.value for c in self.causes], self.first_test.value,
                         self._pretest_value(), self.reason.value)
        except LegtwitchError as err:
            self.status.value = f"<p role='alert'><strong>&#9888; Not committed:</strong> {views.esc(str(err))}</p>"

    def _pretest_value(self) -> float | None:
        text = self.pretest.value.strip().rstrip("%").strip()
        if not text:
            return None
        try:
            return float(number_from_text(text.replace(",", ".")))
        except ValueError:
            raise CommitError(f"pretest: a percentage from 0 to 100 (or leave it empty), got {text!r}") from None

    def _commit(self, level, causes, first_test, pretest, reason) -> Feedback:
        if level is None:
            raise CommitError("level: choose a level first")
        if not self.run.ready:
            raise CommitError("take the history and examine first")
        feedback = self.session.commit(level=level, causes=[c for c in causes if c], first_test=first_test,
                                       pretest=pretest, reason=reason)
        self.status.value = ""
        self._refresh()
        return feedback

    def commit(self, *, level: Any, causes: Sequence[str] = (), first_test: str | None = None,
               pretest: float | None = None, reason: str = "") -> Feedback:
        """Commit from code, as a student would: every stage is shown first, the controls are
        set to the decision, then the answer appears. Returns the ``Feedback``."""
        while self.run.next_stage() is not None:
            pass
        causes = list(causes)
        if len(causes) > MAX_CAUSES:
            raise CommitError(f"causes: at most {MAX_CAUSES}, got {len(causes)}")
        feedback = self._commit(level, causes, first_test or NO_TEST, pretest, reason)
        # show the committed decision in the (now disabled) controls
        self.level.value = feedback.committed.level.value
        for control, cause in zip(self.causes, [*feedback.committed.causes, *[NO_CAUSE] * MAX_CAUSES]):
            control.value = cause
        self.first_test.value = feedback.committed.first_test or NO_TEST
        self.pretest.value = "" if pretest is None else f"{pretest:g}"
        self.reason.value = feedback.committed.reason
        return feedback

    def reset(self) -> None:
        """Start the current case again: presenting complaint only, empty form, no answer."""
        self.run.reset()
        self._clear_form()
        self._refresh()

    def next_case(self):
        run = self.session.next_case()
        if run is not None:
            self._clear_form()
        self._refresh()
        return run

    def summary(self) -> Report:
        """What the screen says, as text: the case so far and, after the commit, the answer."""
        text = f"{self.session.label}\n" + pr.stages_text(self.run.visible_stages())
        if self.run.revealed:
            text += "\n" + pr.answer_text(self.run)
        else:
            nxt = self.run.next_action
            text += f"\nNext: {nxt}" if nxt else "\nNext: commit your decision"
        return Report(text)

    def session_summary(self) -> Report:
        return Report(self.session.summary().text(self.session.names()))

    def export(self, path) -> str:
        return self.session.export(path)


def case_runner(case: Any = None, *, cases: Sequence[Any] | None = None, seed: int | None = None, n: int = 5,
                name: str | None = None) -> CaseRunner:
    """Build a case runner (no output until displayed): one case, a list of cases, or ``seed``
    and ``n`` for a seeded session of generated cases."""
    given = sum(x is not None for x in (case, cases, seed))
    if given != 1:
        raise LegtwitchError("give one of: a case, cases=[...], or seed= (with n=)")
    if seed is not None:
        session = PracticeSession.generated(seed, n, **({"name": name} if name else {}))
    else:
        chosen = [case] if case is not None else list(cases)
        session = PracticeSession(chosen, name=name or "practice")
    return CaseRunner(session)
