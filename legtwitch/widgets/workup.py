"""Work-up planner: describe the presentation, see which tests are recommended, in order, and why."""
from __future__ import annotations

from ..result import TriageResult
from . import views
from ._base import ScenarioWidget, fields_of_groups, focused_panel

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
        return focused_panel(result, views.tests_html(result))

    def summary_lines(self, r: TriageResult) -> list[str]:
        lines = [f"Level: {r.level.symbol} {r.level.label}"]
        if r.wells is not None:
            lines.append(f"Wells: {r.wells.total} ({r.wells.category})")
        lines.append("Tests, in order:")
        lines += [f"  {i}. {t.id} ({t.priority}): {t.why}" for i, t in enumerate(r.recommended_tests, 1)] or ["  none"]
        return lines


def workup_planner() -> WorkupPlanner:
    """Build a work-up planner (no output until displayed)."""
    return WorkupPlanner()
