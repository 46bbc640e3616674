"""Deterministic teaching plots as inline SVG, drawn with the standard library only.

Each function returns a ``Figure``: a notebook shows its SVG; its ``repr`` is a plain-text
description of the same picture (alt text), which is what nbval compares and what a
screen reader reads. Same input, same bytes: no random ids, no timestamps, no matplotlib.

- ``wells_band(total)``: the Wells scale from its lowest to its highest total, split into
  the "DVT unlikely" and "DVT likely" bands at the NICE threshold, with a marker at ``total``.
- ``level_chart(items)``: one row per labelled scenario or case, one column per triage level;
  shows how the outcome moves across a family of cases or as findings are added one by one.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .knowledge import load_knowledge
from .levels import TriageLevel
from .result import TriageResult

_FONT = "font-family:sans-serif"


@dataclass(frozen=True)
class Figure:
    """An SVG picture plus its plain-text description."""

    svg: str
    alt: str

    def _repr_html_(self) -> str:
        """Inline SVG with a visible caption: screen readers get the SVG's label, everyone
        gets the description, and slide exports need no <img> (which would lack alt text)."""
        return (f'<figure style="margin:0">{self.svg}'
                f'<figcaption><small>{html.escape(self.alt)}</small></figcaption></figure>')

    def __repr__(self) -> str:
        return self.alt

    def save(self, path: str | Path) -> Path:
        """Write the SVG to ``path`` (for slides or handouts)."""
        path = Path(path)
        path.write_text(self.svg, encoding="utf-8")
        return path


def _svg(width: int, height: int, alt: str, body: list[str]) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" aria-label="{html.escape(alt)}">'
            f"<title>{html.escape(alt)}</title>" + "".join(body) + "</svg>")


def _text(x: float, y: float, s: str, *, size: int = 12, anchor: str = "middle", weight: str = "normal",
          fill: str = "#222") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
            f'font-weight="{weight}" fill="{fill}" style="{_FONT}">{html.escape(s)}</text>')


def wells_range() -> tuple[int, int]:
    """Lowest and highest possible two-level Wells totals (from the criteria's points)."""
    points = [c.points for c in load_knowledge().wells_criteria.values()]
    return sum(p for p in points if p < 0), sum(p for p in points if p > 0)


def wells_band(total: int | None = None) -> Figure:
    """The Wells scale split at the NICE threshold into 'unlikely' and 'likely', marking ``total``."""
    kb = load_knowledge()
    lo, hi = wells_range()
    cut = kb.thresholds["wells_likely_from"].value
    if total is not None and not (isinstance(total, int) and not isinstance(total, bool) and lo <= total <= hi):
        raise ValueError(f"total must be a whole number from {lo} to {hi}, got {total!r}")
    width, height, left, right = 560, 120, 30, 30
    step = (width - left - right) / (hi - lo + 1)

    def x(v: float) -> float:  # centre of the cell for total v
        return left + (v - lo + 0.5) * step

    unlikely, likely = kb.wells_categories["unlikely"], kb.wells_categories["likely"]
    body = [
        f'<rect x="{left:.1f}" y="30" width="{(cut - lo) * step:.1f}" height="34" fill="#c8e6c9" stroke="#2e7d32"/>',
        f'<rect x="{x(cut) - step / 2:.1f}" y="30" width="{(hi - cut + 1) * step:.1f}" height="34" fill="#ffe0b2" stroke="#e65100"/>',
        _text(left + (cut - lo) * step / 2, 22, f"{unlikely.text}: D-dimer first", size=11),
        _text(x(cut) - step / 2 + (hi - cut + 1) * step / 2, 22, f"{likely.text}: ultrasound first", size=11),
    ]
    for v in range(lo, hi + 1):
        body.append(_text(x(v), 52, f"{v:d}", size=12))
    body.append(_text(width / 2, 84, "two-level Wells total (NICE NG158, Wells 2003)", size=11, fill="#555"))
    alt = (f"Wells scale from {lo} to {hi}: {lo} to {cut - 1} means DVT unlikely (D-dimer first), "
           f"{cut} to {hi} means DVT likely (ultrasound first).")
    if total is not None:
        category = "likely" if total >= cut else "unlikely"
        mx = x(total)
        body.append(f'<path d="M{mx:.1f},66 L{mx - 7:.1f},78 L{mx + 7:.1f},78 Z" fill="#222"/>')
        body.append(_text(mx, 104, f"this patient: {total} -> DVT {category}", size=12, weight="bold"))
        alt += f" Marked: {total}, DVT {category}."
    return Figure(_svg(width, height, alt, body), alt)


def _level_of(item: TriageResult | TriageLevel | str) -> TriageLevel:
    if isinstance(item, TriageResult):
        return item.level
    return TriageLevel.parse(item)


def level_chart(items: Iterable[tuple[str, TriageResult | TriageLevel | str]], title: str = "") -> Figure:
    """Rows of (label, result or level): a dot in the column of each row's triage level.

    Use it for a family of cases (how outcomes spread across levels) or for one scenario
    with findings added one by one (how a single finding moves the outcome).
    """
    rows = [(str(label), _level_of(item)) for label, item in items]
    if not rows:
        raise ValueError("level_chart needs at least one (label, result) row")
    levels = list(TriageLevel)
    label_w, col_w, row_h, top = 300, 95, 26, 50 + (18 if title else 0)
    width = label_w + col_w * len(levels) + 10
    height = top + row_h * len(rows) + 10
    body = []
    if title:
        body.append(_text(10, 18, title, size=13, anchor="start", weight="bold"))
    for j, level in enumerate(levels):
        cx = label_w + col_w * (j + 0.5)
        body.append(_text(cx, top - 26, f"{level.symbol} {level.label}", size=12, weight="bold", fill=level.colour))
        body.append(f'<line x1="{cx:.1f}" y1="{top - 16}" x2="{cx:.1f}" y2="{height - 6}" stroke="#ddd"/>')
    for i, (label, level) in enumerate(rows):
        cy = top + row_h * i + row_h / 2
        shown = label if len(label) <= 44 else label[:43] + "..."
        body.append(_text(label_w - 10, cy + 4, shown, size=12, anchor="end"))
        cx = label_w + col_w * (level.rank + 0.5)
        body.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="9" fill="{level.colour}"/>')
        body.append(_text(cx, cy + 4, level.symbol, size=11, fill="#fff", weight="bold"))
    alt_rows = "; ".join(f"{label}: {level.label}" for label, level in rows)
    alt = (f"{title}. " if title else "") + f"Triage level per row - {alt_rows}."
    return Figure(_svg(width, height, alt, body), alt)


def finding_ladder(start, steps, title: str = "") -> Figure:
    """Start from a scenario (or mapping, case or case id) and add findings one at a time.

    ``steps`` are field names (set to true) or ``(field, value)`` pairs, applied cumulatively;
    each row shows the level after that step.
    """
    from .engine import triage
    from .widgets.views import as_scenario
    scenario = as_scenario(start)
    rows = [("start", triage(scenario))]
    for step in steps:
        field, value = (step, True) if isinstance(step, str) else step
        scenario = scenario.replace(**{field: value})
        rows.append((f"+ {field}" + ("" if value is True else f" = {value}"), triage(scenario)))
    return level_chart(rows, title)


def library_chart(title: str = "The case library by triage level") -> Figure:
    """Every library case in one chart, sorted by its expected level, then by id."""
    from .cases import load_cases
    cases = sorted(load_cases(), key=lambda c: (c.expected_level.rank, c.id))
    return level_chart([(c.id, c.expected_level) for c in cases], title)


__all__ = ["Figure", "wells_band", "wells_range", "level_chart", "finding_ladder", "library_chart"]
