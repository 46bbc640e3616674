"""Scenario explorer: every vocabulary field as a labelled, grouped control, a case loader,
a reset button, and the full live result (level, reasons with sources, Wells, tests,
causes, treatments) rendered by the same ``render_html`` as everything else."""
from __future__ import annotations

import ipywidgets as w

from .. import plots
from ..cases import get_case, load_cases
from ..render import render_html
from ..result import TriageResult
from ..scenario import FIELD_SPECS, SPECS
from . import views
from ._base import ScenarioWidget, controls_grid, default_control_value, value_to_control

BLANK = "(blank scenario)"


class ScenarioExplorer(ScenarioWidget):
    """The whole engine as an app. ``load_case(id)`` / the dropdown fill every control from a case."""

    title = "Scenario explorer"
    intro = ("Describe a patient with the controls below, or load a case from the library. The "
             "result updates with every change. Teaching tool, not a medical device.")

    prediction_label = "your level"

    def __init__(self, *, predict_first: bool = False) -> None:
        cases = load_cases()
        self.case_dropdown = w.Dropdown(
            options=[(BLANK, None), *((c.title, c.id) for c in cases)], value=None,
            description="Load a library case", style={"description_width": "initial"},
            tooltip="Fill every control from a teaching case of the library (the vignette appears below)",
            layout=w.Layout(width="auto"))
        self.vignette = w.HTML()
        super().__init__(tuple(s.name for s in FIELD_SPECS), predict_first=predict_first)
        self.case_dropdown.observe(self._on_case, names="value")

    def _layout(self) -> w.Widget:
        return w.VBox([self._header(), w.HBox([self.case_dropdown, self.reset_button]), self.vignette,
                       self.strip, controls_grid(self.group_boxes()), *self.predict_box(), self.panel])

    def make_prediction_control(self) -> w.ValueWidget:
        from ..levels import TriageLevel
        return w.Dropdown(options=[("(choose)", None), *((f"{lv.symbol} {lv.label}", lv.value) for lv in TriageLevel)],
                          value=None, description="Your level", tooltip="How soon should the person act?",
                          style={"description_width": "initial"})

    def judge_prediction(self, value, result: TriageResult) -> str:
        from ..levels import TriageLevel
        if value is None:
            raise ValueError("choose your level first")
        level = TriageLevel.parse(value)
        if level is result.level:
            return f"Your level, {level.label}: right."
        if level < result.level:
            return (f"Your level, {level.label}; the engine says {result.level.label}: under-triage, "
                    "the dangerous error. Read the strongest reason below.")
        return f"Your level, {level.label}; the engine says {result.level.label}: over-triage, safe but costly."

    def render(self, result: TriageResult) -> str:
        out = render_html(result)
        if result.wells is not None:
            out += plots.wells_band(result.wells.total).svg
        return out

    # -- cases ------------------------------------------------------------------------
    def _on_case(self, change: dict) -> None:
        case_id = change["new"]
        if case_id is None:
            self.vignette.value = ""
            return
        case = get_case(case_id)
        with self.batch():
            for name, control in self.controls.items():
                value = getattr(case.scenario, name)
                spec = SPECS[name]
                control.value = default_control_value(spec) if value is None else value_to_control(spec, value)
        self.vignette.value = views.case_card(case).html

    def load_case(self, case_id: str) -> None:
        """Fill every control from a library case (unknown id: ValueError with a hint)."""
        get_case(case_id)  # validates the id first
        if self.case_dropdown.value == case_id:
            self._on_case({"new": case_id})
        else:
            self.case_dropdown.value = case_id

    def reset(self) -> None:
        """Clear the case choice and every control."""
        self.case_dropdown.value = None
        super().reset()


def scenario_explorer(*, predict_first: bool = False) -> ScenarioExplorer:
    """Build a scenario explorer (no output until displayed). With ``predict_first=True`` the
    result stays hidden after each change until the student commits a predicted level."""
    return ScenarioExplorer(predict_first=predict_first)
