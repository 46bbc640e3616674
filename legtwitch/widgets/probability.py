"""Probability explorer and estimate-first questions: reasoning with pre-test probability,
likelihood ratios and the Fagan nomogram, in the browser.

- ``probability_explorer()``: choose a Wells category (or type your own pre-test probability in
  a number box: ipywidgets' slider handle has no accessible name, so a screen reader could not
  say what it sets), a test and its result, see the post-test probability and the nomogram line move;
  a second test continues from the first. Scriptable: ``set(...)``, ``result``, ``summary()``.
- ``estimate_first(prompt, pre, steps)``: the student types an estimate and presses
  "Commit my estimate"; only then the worked calculation and the gap appear.
"""
from __future__ import annotations

from typing import Any

import ipywidgets as w

from .. import plots
from ..display import Report
from ..errors import LegtwitchError
from ..knowledge import load_knowledge
from ..probability import (ProbabilityError, check_probability, format_percent, likelihood_ratios, likely_mistake,
                           sequence, test_threshold, worked)
from . import views
from ._base import DESC_STYLE, widget_bundle

#: The tests a student can choose: id -> (label, test, context for likelihood_ratios).
TESTS: dict[str, tuple[str, str, dict]] = {
    "d_dimer_dvt": ("D-dimer blood test, for a DVT", "d_dimer", {"target": "dvt"}),
    "d_dimer_dvt_75_fixed": ("D-dimer at 75, fixed cut-off, for a DVT", "d_dimer",
                             {"target": "dvt", "age_years": 75}),
    "d_dimer_dvt_75_age_adjusted": ("D-dimer at 75, age-adjusted cut-off, for a DVT", "d_dimer",
                                    {"target": "dvt", "age_years": 75, "age_adjusted": True}),
    "compression_ultrasound_dvt": ("Leg-vein ultrasound, for a DVT", "compression_ultrasound", {"target": "dvt"}),
    "d_dimer_pe": ("D-dimer blood test, for a PE", "d_dimer", {"target": "pe"}),
    "ctpa_pe": ("CT pulmonary angiogram (CTPA), for a PE", "ctpa", {"target": "pe"}),
    "compression_ultrasound_pe": ("Leg-vein ultrasound, for a PE", "compression_ultrasound", {"target": "pe"}),
}
OWN = "own"
NO_TEST = "none"
RESULTS = (("negative", False), ("positive", True))


class ProbabilityExplorer:
    """Pre-test probability, one or two tests, the post-test probability, nomogram and ladder."""

    title = "Probability explorer"

    def __init__(self) -> None:
        kb = load_knowledge()
        self.pretest_choice = w.Dropdown(
            options=[*((e.label, e.id) for e in kb.pretest.values()), ("My own estimate (type it below)", OWN)],
            value="dvt_unlikely", description="Where the probability comes from", style=DESC_STYLE,
            layout=w.Layout(width="auto"))
        self.slider = w.BoundedFloatText(value=10.0, min=0.1, max=99.9, step=0.1,
                                         description="My own pre-test probability (%)", style=DESC_STYLE,
                                         tooltip="A number from 0.1 to 99.9", layout=w.Layout(width="auto"))
        options = [(label, key) for key, (label, _t, _c) in TESTS.items()]
        self.test = w.Dropdown(options=options, value="d_dimer_dvt", description="First test", style=DESC_STYLE,
                               layout=w.Layout(width="auto"))
        self.result_toggle = w.ToggleButtons(options=list(RESULTS), value=False, description="First test's result",
                                             style=DESC_STYLE, tooltips=["the test is negative", "the test is positive"])
        self.second = w.Dropdown(options=[("No second test", NO_TEST), *options], value=NO_TEST,
                                 description="Second test", style=DESC_STYLE, layout=w.Layout(width="auto"))
        self.second_toggle = w.ToggleButtons(options=list(RESULTS), value=False, description="Second test's result",
                                             style=DESC_STYLE, tooltips=["the test is negative", "the test is positive"])
        self.panel = w.HTML(layout=w.Layout(width="100%"))
        self.error: str | None = None
        self._steps: tuple = ()
        self._pre = 0.1
        self._quiet = 0
        for control in (self.pretest_choice, self.slider, self.test, self.result_toggle, self.second, self.second_toggle):
            control.observe(self._on_change, names="value")
        self._refresh()
        self.widget = w.VBox([
            w.HTML(f"<h3>{views.esc(self.title)}</h3><p>Choose where the pre-test probability comes from, a test "
                   "and its result. The odds are multiplied by the test's likelihood ratio; the line on the "
                   "nomogram shows it, and a second test continues from the first.</p>"),
            self.pretest_choice, self.slider, self.test, self.result_toggle, self.second, self.second_toggle,
            self.panel])

    def _repr_mimebundle_(self, **kwargs: Any):
        return widget_bundle(self.widget, self.title)

    # -- state ---------------------------------------------------------------------------------
    def pretest(self) -> float:
        if self.pretest_choice.value == OWN:
            return check_probability(self.slider.value / 100, "the pre-test probability")
        return load_knowledge().pretest[self.pretest_choice.value].value

    def chosen_tests(self) -> list[tuple[str, bool]]:
        """(test key, positive) for the first test and, if chosen, the second."""
        chosen = [(self.test.value, self.result_toggle.value)]
        if self.second.value != NO_TEST:
            chosen.append((self.second.value, self.second_toggle.value))
        return chosen

    def planned_steps(self) -> list[tuple]:
        """The steps in the form ``legtwitch.probability.sequence`` takes."""
        return [(TESTS[key][1], positive, TESTS[key][2]) for key, positive in self.chosen_tests()]

    def _on_change(self, _change) -> None:
        if not self._quiet:
            self._refresh()

    def _refresh(self) -> None:
        self.slider.disabled = self.pretest_choice.value != OWN
        self.second_toggle.disabled = self.second.value == NO_TEST
        try:
            pre = self.pretest()
            steps = sequence(pre, self.planned_steps())
        except (LegtwitchError, ValueError) as err:
            self.error = str(err)
            self.panel.value = f"<p role='alert'><strong>&#9888; Cannot compute:</strong> {views.esc(self.error)}</p>"
            return
        self.error = None
        self._pre, self._steps = pre, steps
        first = TESTS[self.test.value]
        lrs = likelihood_ratios(first[1], **first[2])
        chosen = self.result_toggle.value
        lines = [(f"{word} (your result)" if positive == chosen else word, lrs.for_result(positive))
                 for word, positive in RESULTS]
        lines.sort(key=lambda line: not line[0].endswith("(your result)"))  # the chosen result drawn solid
        nomogram = plots.fagan_nomogram(pre, lines, title=first[0])
        ladder = plots.probability_ladder(pre, steps, title="Step by step")
        summary = str(self.summary()).splitlines()
        self.panel.value = ("<div role='status' aria-live='polite'><ul>" + "".join(f"<li>{views.esc(x)}</li>" for x in summary)
                            + "</ul></div>" + nomogram._repr_html_() + ladder._repr_html_())

    @property
    def result(self) -> tuple:
        """The steps computed for the current controls (each with before, LR and after)."""
        return self._steps

    def set(self, *, pretest: str | float | None = None, test: str | None = None, result: str | bool | None = None,
            second_test: str | None = None, second_result: str | bool | None = None) -> None:
        """Set the controls from code (validated first, applied together). ``pretest`` is a category
        id of knowledge.yaml or a probability between 0 and 1; ``result`` 'positive'/'negative' or a bool."""
        kb = load_knowledge()
        plan: dict[str, Any] = {}
        if pretest is not None:
            if isinstance(pretest, str):
                if pretest not in kb.pretest:
                    raise ProbabilityError(f"unknown category {pretest!r}; known: {', '.join(kb.pretest)}")
                plan["pretest_choice"] = pretest
            else:
                value = check_probability(pretest, "the pre-test probability")
                if not 0.001 <= value <= 0.999:
                    raise ProbabilityError("your own pre-test probability goes from 0.1 % to 99.9 %")
                plan["pretest_choice"], plan["slider"] = OWN, round(value * 100, 1)
        for name, value, allowed in (("test", test, TESTS), ("second", second_test, {NO_TEST: 1, **TESTS})):
            if value is not None:
                if value not in allowed:
                    raise ProbabilityError(f"unknown test {value!r}; known: {', '.join(allowed)}")
                plan[name] = value
        for name, value in (("result_toggle", result), ("second_toggle", second_result)):
            if value is not None:
                if isinstance(value, str) and value in ("positive", "negative"):
                    value = value == "positive"
                if not isinstance(value, bool):
                    raise ProbabilityError(f"a result is 'positive' or 'negative', got {value!r}")
                plan[name] = value
        self._quiet += 1
        try:
            for name, value in plan.items():
                getattr(self, name).value = value
        finally:
            self._quiet -= 1
        self._refresh()

    def summary(self) -> Report:
        if self.error:
            return Report(f"Cannot compute: {self.error}")
        lines = [f"Before testing: {format_percent(self._pre)}"]
        for step, (key, _positive) in zip(self._steps, self.chosen_tests()):
            lines.append(f"{TESTS[key][0]}, {'positive' if step.positive else 'negative'} "
                         f"(likelihood ratio {step.lr:.3g}): {format_percent(step.after)}")
        final = self._steps[-1].after if self._steps else self._pre
        lines.append(f"Below the test threshold ({format_percent(test_threshold())}): {'yes' if final < test_threshold() else 'no'}")
        return Report("\n".join(lines))


def probability_explorer() -> ProbabilityExplorer:
    """Build a probability explorer (no output until displayed)."""
    return ProbabilityExplorer()


class EstimateFirst:
    """Commit an estimate, then see the calculation. Nothing of the answer shows before the commit."""

    def __init__(self, prompt: str, pre: float, steps: list[tuple]) -> None:
        self.prompt, self.pre, self.steps = prompt, pre, list(steps)
        self.answer = sequence(pre, self.steps)[-1].after
        self.box = w.Text(value="", placeholder="a number from 0 to 100", description="My estimate (%)",
                          style=DESC_STYLE)
        self.button = w.Button(description="Commit my estimate", button_style="primary", layout=w.Layout(width="auto"),
                               tooltip="Commit your estimate; the calculation appears after it")
        self.panel = w.HTML()
        self.committed: float | None = None
        self.button.on_click(lambda _b: self._commit_box())
        self.widget = w.VBox([w.HTML(f"<p><strong>Estimate first.</strong> {views.esc(prompt)}</p>"),
                              w.HBox([self.box, self.button]), self.panel])

    def _repr_mimebundle_(self, **kwargs: Any):
        return widget_bundle(self.widget, "Estimate first")

    def _commit_box(self) -> None:
        text = self.box.value.strip().rstrip("%").strip().replace(",", ".")
        try:
            try:
                value = float(text)
            except ValueError:
                raise ProbabilityError(f"type your estimate as a number from 0 to 100, not {text or 'nothing'!r}") from None
            self.commit(value)
        except ProbabilityError as err:
            self.panel.value = f"<p role='alert'>{views.esc(str(err))}</p>"

    @property
    def revealed(self) -> bool:
        return self.committed is not None

    def commit(self, estimate_percent: float) -> Report:
        """Record the estimate (in %) and reveal the worked calculation and the gap."""
        if isinstance(estimate_percent, bool) or not isinstance(estimate_percent, (int, float)) \
                or not 0 <= estimate_percent <= 100:
            raise ProbabilityError(f"an estimate is a percentage from 0 to 100, got {estimate_percent!r}")
        self.committed = float(estimate_percent)
        gap = self.committed - self.answer * 100
        verdict = ("within 2 percentage points: well judged" if abs(gap) <= 2 else
                   f"{abs(gap):.0f} percentage points too {'high' if gap > 0 else 'low'}")
        mistake = likely_mistake(self.committed, self.pre, self.steps)
        text = (f"Your estimate: {self.committed:g} %; the calculation gives {format_percent(self.answer)}, {verdict}.\n"
                + (f"Where it went wrong: {mistake}.\n" if mistake else "") + worked(self.pre, self.steps))
        self.panel.value = "<div role='status' aria-live='polite'>" + "".join(
            f"<p>{views.esc(line)}</p>" for line in text.splitlines()) + "</div>"
        return Report(text)


def estimate_first(prompt: str, pre: float, steps: list[tuple]) -> EstimateFirst:
    """Build an estimate-first question (no output until displayed)."""
    return EstimateFirst(prompt, pre, steps)
