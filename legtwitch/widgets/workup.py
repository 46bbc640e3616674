"""Work-up planner: describe the presentation, see which tests are recommended, in order, and why."""
from __future__ import annotations

from ..result import TriageResult
from ..render import tests_by_pathway
from ..words import PRIORITY_WORDS, format_number
from . import views
from ._base import ScenarioWidget, fields_of_groups, focused_panel

WORKUP_GROUPS = ("history", "thrombosis", "wells", "clot_risk", "emergency", "pe_wells", "triggers", "red_flags")


class WorkupPlanner(ScenarioWidget):
    """Recommended tests first (priority, why, sources), the full result underneath."""

    title = "Work-up planner: which tests, and why?"
    intro = ("Describe the presentation. The tests follow the source text's diagnosis section "
             "(examination first, then blood tests, EMG, imaging or CSF as the findings call for them), "
             "NICE NG158 for a suspected clot in an adult (a Wells score decides the first test), RCOG in "
             "pregnancy, the paediatric team under 18, and NICE for a first seizure or a faint.")

    def __init__(self) -> None:
        super().__init__(fields_of_groups(*WORKUP_GROUPS))

    def render(self, result: TriageResult) -> str:
        return focused_panel(result, views.tests_html(result))

    def summary_lines(self, r: TriageResult) -> list[str]:
        lines = [f"Level: {r.level.symbol} {r.level.label}"]
        if r.wells is not None:
            lines.append(f"DVT Wells: {r.wells.total} (DVT {r.wells.category})")
        if r.pe_wells is not None:
            lines.append(f"PE Wells: {format_number(r.pe_wells.total)} (PE {r.pe_wells.category})")
        if r.scores_note:
            lines.append(f"Note: {r.scores_note}")
        lines.append("Tests, in order:")
        for pathway, tests in tests_by_pathway(r):
            lines.append(f"  {pathway.name}:")
            lines += [f"    {i}. {t.name} ({PRIORITY_WORDS[t.priority]}): {t.why}" for i, t in enumerate(tests, 1)]
        if not r.recommended_tests:
            lines.append("  none")
        return lines


def workup_planner() -> WorkupPlanner:
    """Build a work-up planner (no output until displayed)."""
    return WorkupPlanner()
