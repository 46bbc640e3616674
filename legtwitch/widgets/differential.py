"""Differential explorer: toggle findings and watch the ranked causes (and the level) change."""
from __future__ import annotations

from ..result import TriageResult
from . import views
from ._base import ScenarioWidget, fields_of_groups, focused_panel

#: The groups whose findings move the differential (history, triggers, red flags, clot signs,
#: and the emergency group for seizures). Wells risk factors are left to the Wells calculator.
DIFFERENTIAL_GROUPS = ("history", "movement", "thrombosis", "mimics", "metabolic", "emergency", "triggers",
                       "red_flags")


class DifferentialExplorer(ScenarioWidget):
    """Ranked causes first (with why, findings and sources), the full result underneath."""

    title = "Why does this leg twitch? The differential"
    intro = ("Toggle findings. The causes are re-ranked at once, each with the findings for and against "
             "it: the must-not-miss causes come first, 'no trigger found' only after every cause with "
             "evidence, and a mimic of a clot never pushes the clot down.")

    def __init__(self) -> None:
        super().__init__(fields_of_groups(*DIFFERENTIAL_GROUPS))

    def render(self, result: TriageResult) -> str:
        return focused_panel(result, views.causes_html(result))

    def summary_lines(self, r: TriageResult) -> list[str]:
        lines = [f"Level: {r.level.symbol} {r.level.label}", "Causes, ranked:"]
        for i, c in enumerate(r.likely_causes, 1):
            flag = " (must not miss)" if c.must_not_miss else ""
            ev = f" - for: {'; '.join(c.for_findings)}" if c.for_findings else ""
            against = f" - against: {'; '.join(c.against)}" if c.against else ""
            lines.append(f"  {i}. {c.name}{flag}{ev}{against}")
        return lines


def differential_explorer() -> DifferentialExplorer:
    """Build a differential explorer (no output until displayed)."""
    return DifferentialExplorer()
