"""Differential explorer: toggle findings and watch the ranked causes (and the level) change."""
from __future__ import annotations

from ..result import TriageResult
from ..words import findings_text
from . import views
from ._base import ScenarioWidget, fields_of_groups, focused_panel

#: The groups whose findings move the differential (history, triggers, red flags, clot signs,
#: and the emergency group for seizures). Wells risk factors are left to the Wells calculator.
DIFFERENTIAL_GROUPS = ("history", "thrombosis", "emergency", "triggers", "red_flags")


class DifferentialExplorer(ScenarioWidget):
    """Ranked causes first (with why, findings and sources), the full result underneath."""

    title = "Why does this leg twitch? The differential"
    intro = ("Toggle findings. The causes are re-ranked at once: a suspected clot always comes "
             "first (must not miss), 'no trigger found' only after every cause with evidence.")

    def __init__(self) -> None:
        super().__init__(fields_of_groups(*DIFFERENTIAL_GROUPS))

    def render(self, result: TriageResult) -> str:
        return focused_panel(result, views.causes_html(result))

    def summary_lines(self, r: TriageResult) -> list[str]:
        lines = [f"Level: {r.level.symbol} {r.level.label}", "Causes, ranked:"]
        for i, c in enumerate(r.likely_causes, 1):
            flag = " (must not miss)" if c.must_not_miss else ""
            ev = f" - findings: {findings_text(r.scenario, c.evidence)}" if c.evidence else ""
            lines.append(f"  {i}. {c.name}{flag}{ev}")
        return lines


def differential_explorer() -> DifferentialExplorer:
    """Build a differential explorer (no output until displayed)."""
    return DifferentialExplorer()
