"""Work-up planner: describe the presentation, see which tests are recommended, in order, and why."""
from __future__ import annotations

from ..render import level_badge_html, render_html
from ..result import TriageResult
from . import views
from ._base import ScenarioWidget, fields_of_groups

WORKUP_GROUPS = ("history", "thrombosis", "wells", "emergency", "triggers", "red_flags")


class WorkupPlanner(ScenarioWidget):
    """Recommended tests first (priority, why, sources), the full result underneath."""

    title = "Work-up planner: which tests, and why?"
    intro = ("Describe the presentation. The tests follow the source text's diagnosis section "
             "(examination first, then EMG, EEG, blood, CSF, imaging as the findings call for them) "
             "and NICE NG158 for a suspected clot (Wells decides ultrasound or D-dimer first).")

    def __init__(self) -> None:
        super().__init__(fields_of_groups(*WORKUP_GROUPS))

    def render(self, result: TriageResult) -> str:
        return (f"<p role='status'>{level_badge_html(result)} {views.esc(result.level.action)}</p>"
                + views.tests_html(result)
                + "<details><summary>Full triage result</summary>" + render_html(result) + "</details>")

    def summary(self) -> views.Report:
        if self.error:
            return views.Report(f"Invalid input: {self.error}")
        r: TriageResult = self._result
        lines = [f"Level: {r.level.symbol} {r.level.label}"]
        if r.wells is not None:
            lines.append(f"Wells: {r.wells.total} ({r.wells.category})")
        lines.append("Tests, in order:")
        lines += [f"  {i}. {t.id} ({t.priority}): {t.why}" for i, t in enumerate(r.recommended_tests, 1)] or ["  none"]
        return views.Report("\n".join(lines))


def workup_planner() -> WorkupPlanner:
    """Build a work-up planner (no output until displayed)."""
    return WorkupPlanner()
