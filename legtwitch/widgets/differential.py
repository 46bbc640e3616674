"""Differential explorer: toggle findings and watch the ranked causes (and the level) change."""
from __future__ import annotations

from ..render import level_badge_html, render_html
from ..result import TriageResult
from . import views
from ._base import ScenarioWidget, fields_of_groups

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
        return (f"<p role='status'>{level_badge_html(result)} {views.esc(result.level.action)}</p>"
                + views.causes_html(result)
                + "<details><summary>Full triage result</summary>" + render_html(result) + "</details>")

    def summary(self) -> views.Report:
        if self.error:
            return views.Report(f"Invalid input: {self.error}")
        r: TriageResult = self._result
        lines = [f"Level: {r.level.symbol} {r.level.label}", "Causes, ranked:"]
        for i, c in enumerate(r.likely_causes, 1):
            flag = " [must not miss]" if c.must_not_miss else ""
            ev = f" (findings: {', '.join(c.evidence)})" if c.evidence else ""
            lines.append(f"  {i}. {c.id}{flag}{ev}")
        return views.Report("\n".join(lines))


def differential_explorer() -> DifferentialExplorer:
    """Build a differential explorer (no output until displayed)."""
    return DifferentialExplorer()
