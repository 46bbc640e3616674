"""Movement explorer: what kind of movement is it? Describe it and see which causes stay in
the running, which drop out, and the findings for and against each."""
from __future__ import annotations

from ..knowledge import load_knowledge
from ..result import TriageResult
from . import views
from ._base import ScenarioWidget, focused_panel

#: The controls: how the movement looks and when it comes, plus the findings that tell the
#: kinds apart (triggers, salts and thyroid, weakness, a seizure or a faint).
MOVEMENT_FIELDS = ("movement", "when_falling_asleep", "evening_or_night", "recent_exercise", "salt_loss",
                   "thyroid_symptoms", "stress", "caffeine", "lack_of_sleep", "muscle_weakness", "muscle_wasting",
                   "brisk_reflexes", "getting_worse", "seizure", "fainted", "typical_faint")


def movement_status(result: TriageResult) -> list[tuple[str, str, str]]:
    """For each kind of movement: (name, 'in the running (n)' or 'out', why), in table order."""
    kb = load_knowledge()
    ranked = {c.id: (i, c) for i, c in enumerate(result.likely_causes, 1)}
    s = result.scenario
    rows = []
    for cid in views.MOVEMENT_CAUSES:
        cause = kb.causes[cid]
        if cid in ranked:
            i, match = ranked[cid]
            why = "for: " + ("; ".join(match.for_findings) or "nothing else explains it")
            if match.against:
                why += "; against: " + "; ".join(match.against)
            rows.append((cause.name, f"in the running ({i})", why))
            continue
        excluded = [f.words() for f in cause.excluded_by if f.holds(s)]
        if excluded:
            why = "ruled out by " + "; ".join(excluded)
        else:
            needed = cause.requires_all or cause.requires_any
            why = "needs " + (" and " if cause.requires_all else " or ").join(f.words() for f in needed)
        rows.append((cause.name, "out", why))
    return rows


class MovementExplorer(ScenarioWidget):
    """The kinds of movement side by side, with the full ranked differential underneath."""

    title = "What kind of movement is it?"
    intro = ("Describe the movement and when it comes. Each kind of 'twitching' stays in the running "
             "only while its findings fit; the table says why each one is in or out.")

    def __init__(self) -> None:
        super().__init__(MOVEMENT_FIELDS)

    def render(self, result: TriageResult) -> str:
        rows = "".join(f"<tr><td>{views.esc(n)}</td><td>{views.esc(st)}</td><td>{views.esc(w)}</td></tr>"
                       for n, st, w in movement_status(result))
        table = ("<table class='lt-table' style='text-align:left'><caption style='text-align:left'>Kinds of movement: "
                 "in or out?</caption><tr><th scope='col'>kind</th><th scope='col'>status</th>"
                 f"<th scope='col'>why</th></tr>{rows}</table>")
        return focused_panel(result, table + views.causes_html(result))

    def summary_lines(self, r: TriageResult) -> list[str]:
        return [f"Level: {r.level.symbol} {r.level.label}"] + [f"  {n}: {st} - {w}" for n, st, w in movement_status(r)]


def movement_explorer() -> MovementExplorer:
    """Build a movement explorer (no output until displayed)."""
    return MovementExplorer()
