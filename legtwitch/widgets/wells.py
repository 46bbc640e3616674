"""Wells calculator: tick the two-level Wells criteria, see total, category and next test live."""
from __future__ import annotations

import ipywidgets as w

from .. import plots
from ..knowledge import load_knowledge
from ..render import render_wells_html
from ..scenario import Scenario
from ..wells import WellsScore, wells_score
from ..words import test_name
from . import views
from ._base import ScenarioWidget


class WellsCalculator(ScenarioWidget):
    """One checkbox per Wells criterion (in the NICE table's order); ``result`` is a ``WellsScore``."""

    title = "Wells DVT score (two-level)"
    intro = ("Tick the criteria the patient meets. The total, the category and the next test "
             "update at once. The source text's own clot signs (pulling calf pain, worsening pain, "
             "warmth) score no points: they are the reason to work the score out at all.")

    prediction_label = "your Wells total"

    def __init__(self, *, predict_first: bool = False) -> None:
        super().__init__(tuple(load_knowledge().wells_criteria), predict_first=predict_first)

    def _layout(self) -> w.Widget:
        box = w.VBox([self.controls[n] for n in self.fields],
                     layout=w.Layout(border="1px solid #ccc", padding="4px 8px"))
        return w.VBox([self._header(), self.strip, box, self.reset_button, *self.predict_box(), self.panel])

    def strip_html(self, result: WellsScore) -> str:
        return (f"<strong>Wells total: {result.total} &rarr; DVT {views.esc(result.category)}</strong>; first test: "
                f"{views.esc(test_name(result.first_test))}")

    def make_prediction_control(self) -> w.ValueWidget:
        return w.Text(value="", placeholder="a whole number", description="Your Wells total",
                      tooltip="Add up the points of the ticked criteria", style={"description_width": "initial"})

    def judge_prediction(self, value, result: WellsScore) -> str:
        from ..yamlio import number_from_text
        try:
            total = number_from_text(str(value).strip()) if not isinstance(value, int) else value
        except ValueError:
            total = None
        if isinstance(total, bool) or not isinstance(total, int):
            raise ValueError(f"your Wells total is a whole number, got {str(value)!r}")
        if total == result.total:
            return f"Your total {total}: right (DVT {result.category})."
        return (f"Your total {total}; the score is {result.total} (DVT {result.category}). "
                "Check each ticked criterion's points, and the -2 for another diagnosis.")

    def compute(self, scenario: Scenario) -> WellsScore:
        return wells_score(scenario)

    def render(self, result: WellsScore) -> str:
        test = load_knowledge().tests[result.first_test]
        return (render_wells_html(result) + plots.wells_band(result.total).svg
                + f"<p><strong>First test:</strong> {views.esc(test.name)} {views.cite_html(test.source)}</p>")

    def summary_lines(self, r: WellsScore) -> list[str]:
        met = "; ".join(f"{i.text} ({i.points:+d})" for i in r.items) or "none"
        return [f"Criteria met: {met}", f"Wells total: {r.total} -> DVT {r.category}",
                f"First test: {test_name(r.first_test)}", f"Next step: {r.next_step}"]


def wells_calculator(*, predict_first: bool = False) -> WellsCalculator:
    """Build a Wells calculator (no output until displayed). With ``predict_first=True`` the
    total stays hidden until the student commits their own."""
    return WellsCalculator(predict_first=predict_first)
