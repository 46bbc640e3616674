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
from .levels import TriageLevel, level_icon_shapes
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
          fill: str = "#222", halo: bool = False) -> str:
    """A text element; ``halo`` draws a white outline so the text stays readable over lines."""
    style = _FONT + (";paint-order:stroke;stroke:#fff;stroke-width:4px;stroke-linejoin:round" if halo else "")
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
            f'font-weight="{weight}" fill="{fill}" style="{style}">{html.escape(s)}</text>')


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
    width, height, left, right = 560, 128, 30, 30
    step = (width - left - right) / (hi - lo + 1)

    def x(v: float) -> float:  # centre of the cell for total v
        return left + (v - lo + 0.5) * step

    unlikely, likely = kb.wells_categories["unlikely"], kb.wells_categories["likely"]
    body = [
        f'<rect x="{left:.1f}" y="30" width="{(cut - lo) * step:.1f}" height="34" fill="#c8e6c9" stroke="#2e7d32"/>',
        f'<rect x="{x(cut) - step / 2:.1f}" y="30" width="{(hi - cut + 1) * step:.1f}" height="34" fill="#ffe0b2" stroke="#c74400"/>',
        _text(left + (cut - lo) * step / 2, 22, f"{unlikely.text}: D-dimer first", size=11),
        _text(x(cut) - step / 2 + (hi - cut + 1) * step / 2, 22, f"{likely.text}: ultrasound first", size=11),
    ]
    for v in range(lo, hi + 1):
        body.append(_text(x(v), 52, f"{v:d}", size=12))
    # The axis caption sits below the marker and its label, never under the marker.
    body.append(_text(width / 2, 120, "two-level Wells total (NICE NG158, Wells 2003)", size=11, fill="#555"))
    alt = (f"Wells scale from {lo} to {hi}: {lo} to {cut - 1} means DVT unlikely (D-dimer first), "
           f"{cut} to {hi} means DVT likely (ultrasound first).")
    if total is not None:
        category = "likely" if total >= cut else "unlikely"
        mx = x(total)
        body.append(f'<path d="M{mx:.1f},66 L{mx - 7:.1f},78 L{mx + 7:.1f},78 Z" fill="#222"/>')
        label = f"this patient: {total} -> DVT {category}"
        half = 3.6 * len(label)  # about half the label's width at 12 px: keep it inside the figure
        if mx - half < 4:
            body.append(_text(4, 96, label, size=12, weight="bold", anchor="start"))
        elif mx + half > width - 4:
            body.append(_text(width - 4, 96, label, size=12, weight="bold", anchor="end"))
        else:
            body.append(_text(mx, 96, label, size=12, weight="bold"))
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
    import textwrap
    levels = list(TriageLevel)
    label_w, col_w, line_h, top = 300, 100, 15, 66 + (18 if title else 0)
    wrapped = [textwrap.wrap(label, 42) or [""] for label, _level in rows]  # wrap, never cut
    heights = [max(26, 11 + line_h * len(lines)) for lines in wrapped]
    width = label_w + col_w * len(levels) + 10
    height = top + sum(heights) + 10
    body = []
    if title:
        body.append(_text(10, 18, title, size=13, anchor="start", weight="bold"))
    for j, level in enumerate(levels):
        cx = label_w + col_w * (j + 0.5)
        body.append(f'<g transform="translate({cx - 8:.1f},{top - 50})" color="{level.colour}">'
                    f'{level_icon_shapes(level)}</g>')
        body.append(_text(cx, top - 24, level.label, size=12, weight="bold", fill=level.colour))
        body.append(f'<line x1="{cx:.1f}" y1="{top - 16}" x2="{cx:.1f}" y2="{height - 6}" stroke="#ddd"/>')
    y0 = top
    for (label, level), lines, h in zip(rows, wrapped, heights):
        cy = y0 + h / 2
        first = cy + 4 - line_h * (len(lines) - 1) / 2
        for k, line in enumerate(lines):
            body.append(_text(label_w - 10, first + k * line_h, line, size=12, anchor="end"))
        cx = label_w + col_w * (level.rank + 0.5)
        body.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="9" fill="{level.colour}"/>')
        body.append(f'<g transform="translate({cx - 6:.1f},{cy - 6:.1f}) scale(0.75)" color="#fff">'
                    f'{level_icon_shapes(level)}</g>')
        y0 += h
    alt_rows = "; ".join(f"{label}: {level.label}" for label, level in rows)
    alt = (f"{title}. " if title else "") + f"Triage level per row - {alt_rows}."
    return Figure(_svg(width, height, alt, body), alt)


def finding_ladder(start, steps, title: str = "") -> Figure:
    """Start from a scenario (or mapping, case or case id) and add findings one at a time.

    ``steps`` are field names (set to true) or ``(field, value)`` pairs, applied cumulatively;
    each row shows the level after that step, labelled in plain words.
    """
    from .engine import triage
    from .widgets.views import as_scenario
    from .words import finding_phrase
    scenario = as_scenario(start)
    rows = [("start", triage(scenario))]
    for step in steps:
        field, value = (step, True) if isinstance(step, str) else step
        scenario = scenario.replace(**{field: value})
        rows.append((f"+ {finding_phrase(scenario, field)}", triage(scenario)))
    return level_chart(rows, title)


def library_chart(title: str = "The case library by triage level", case_ids=None) -> Figure:
    """Library cases in one chart (all, or ``case_ids``), by expected level, named by title."""
    from .cases import get_case, load_cases
    chosen = load_cases() if case_ids is None else [get_case(c) for c in case_ids]
    cases = sorted(chosen, key=lambda c: (c.expected_level.rank, c.title))
    return level_chart([(c.title, c.expected_level) for c in cases], title)


__all__ = ["Figure", "wells_band", "wells_range", "level_chart", "finding_ladder", "library_chart",
           "fagan_nomogram", "probability_ladder"]


# -- probabilities ------------------------------------------------------------------------------------
_PROB_TICKS = (0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99, 0.999)
_LR_TICKS = (0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
_LR_LABELS = (0.001, 0.01, 0.1, 1, 10, 100, 1000)


def _logit(p: float) -> float:
    import math
    p = min(max(p, 0.0005), 0.9995)
    return math.log(p / (1 - p))


def _pct(p: float) -> str:
    from .probability import format_percent
    return format_percent(p)


def _tick_label(p: float) -> str:
    percent = p * 100
    return f"{percent:g}"


def fagan_nomogram(pre: float, lrs: Iterable[tuple[str, float]] = (), title: str = "") -> Figure:
    """The Fagan nomogram: a straight line from the pre-test probability (left) through the
    likelihood ratio (middle) lands on the post-test probability (right).

    ``lrs`` are ``(label, likelihood ratio)`` pairs, one line each (e.g. a negative and a
    positive result). Deterministic inline SVG with its text description.
    """
    import math
    from .probability import check_probability, post_test_probability
    pre = check_probability(pre, "the pre-test probability")
    lines = [(str(label), float(lr)) for label, lr in lrs]
    width, height, top = 480, 560, 60
    xl, xm, xr = 90, 240, 390
    k, cy = 33.0, top + 235

    def y_left(p: float) -> float:
        return cy + k * _logit(p)

    def y_right(p: float) -> float:
        return cy - k * _logit(p)

    def y_mid(lr: float) -> float:
        return cy - k * math.log(lr) / 2

    body = []
    if title:
        body.append(_text(10, 18, title, size=13, anchor="start", weight="bold"))
    for x, head in ((xl, "pre-test probability (%)"), (xm, "likelihood ratio"), (xr, "post-test probability (%)")):
        body.append(_text(x, top - 22, head, size=11, weight="bold"))
    body.append(f'<line x1="{xl}" y1="{y_left(0.001):.1f}" x2="{xl}" y2="{y_left(0.999):.1f}" stroke="#444"/>')
    body.append(f'<line x1="{xr}" y1="{y_right(0.999):.1f}" x2="{xr}" y2="{y_right(0.001):.1f}" stroke="#444"/>')
    body.append(f'<line x1="{xm}" y1="{y_mid(1000):.1f}" x2="{xm}" y2="{y_mid(0.001):.1f}" stroke="#444"/>')
    for p in _PROB_TICKS:
        body.append(f'<line x1="{xl - 5}" y1="{y_left(p):.1f}" x2="{xl}" y2="{y_left(p):.1f}" stroke="#444"/>')
        body.append(_text(xl - 8, y_left(p) + 4, _tick_label(p), size=10, anchor="end"))
        body.append(f'<line x1="{xr}" y1="{y_right(p):.1f}" x2="{xr + 5}" y2="{y_right(p):.1f}" stroke="#444"/>')
        body.append(_text(xr + 8, y_right(p) + 4, _tick_label(p), size=10, anchor="start"))
    for lr in _LR_TICKS:
        body.append(f'<line x1="{xm - 4}" y1="{y_mid(lr):.1f}" x2="{xm + 4}" y2="{y_mid(lr):.1f}" stroke="#444"/>')
    for lr in _LR_LABELS:
        body.append(_text(xm - 8, y_mid(lr) + 4, f"{lr:g}", size=10, anchor="end", fill="#555", halo=True))
    dashes = ("", ' stroke-dasharray="6,4"', ' stroke-dasharray="2,3"')
    described = []
    for i, (label, lr) in enumerate(lines):
        post = post_test_probability(pre, lr)
        body.append(f'<line x1="{xl}" y1="{y_left(pre):.1f}" x2="{xr}" y2="{y_right(post):.1f}" '
                    f'stroke="#1565c0" stroke-width="2"{dashes[i % len(dashes)]}/>')
        body.append(f'<circle cx="{xr}" cy="{y_right(post):.1f}" r="4" fill="#1565c0"/>')
        body.append(_text(xr - 8, y_right(post) - 8, f"{label}: {_pct(post)}", size=12, anchor="end", weight="bold",
                          halo=True))
        described.append(f"{label} (likelihood ratio {lr:.3g}) leads to {_pct(post)}")
    body.append(f'<circle cx="{xl}" cy="{y_left(pre):.1f}" r="5" fill="#b71c1c"/>')
    body.append(_text(xl + 10, y_left(pre) - 8, f"before: {_pct(pre)}", size=12, anchor="start", weight="bold",
                      halo=True))
    alt = (f"{title}. " if title else "") + f"Fagan nomogram. Pre-test probability {_pct(pre)}" + (
        "; " + "; ".join(described) if described else "") + "."
    return Figure(_svg(width, height, alt, body), alt)


def probability_ladder(pre: float, steps, title: str = "", threshold: float | None = None) -> Figure:
    """A pathway step by step: the probability before testing and after each result, against
    the test threshold (below it, a clot counts as excluded). ``steps`` come from
    ``legtwitch.probability.sequence``; a positive confirming scan is marked where NICE treats.
    """
    from .probability import check_probability, test_threshold
    from .words import test_name
    pre = check_probability(pre, "the pre-test probability")
    steps = tuple(steps)
    threshold = test_threshold() if threshold is None else threshold
    points = [("before testing", pre)] + [
        (f"{test_name(s.test).split(' (')[0]} {'positive' if s.positive else 'negative'}", s.after) for s in steps]
    width = 140 + 190 * len(points)
    height, top, bottom = 390, 50 + (18 if title else 0), 300 + (18 if title else 0)
    lo, hi = _logit(0.001), _logit(0.999)

    def y(p: float) -> float:
        return bottom - (_logit(p) - lo) / (hi - lo) * (bottom - top)

    def x(i: int) -> float:
        return 150 + 190 * i

    body = []
    if title:
        body.append(_text(10, 18, title, size=13, anchor="start", weight="bold"))
    for p in (0.001, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 0.8, 0.9, 0.95, 0.99, 0.999):
        body.append(f'<line x1="70" y1="{y(p):.1f}" x2="{width - 20}" y2="{y(p):.1f}" stroke="#eee"/>')
        body.append(_text(64, y(p) + 4, f"{_tick_label(p)} %", size=10, anchor="end", fill="#555"))
    body.append(f'<line x1="70" y1="{y(threshold):.1f}" x2="{width - 20}" y2="{y(threshold):.1f}" '
                f'stroke="#2e7d32" stroke-width="2" stroke-dasharray="6,4"/>')
    # The threshold's label sits in a legend under the chart, where no point can cover it.
    legend_y = bottom + 48
    body.append(f'<line x1="70" y1="{legend_y - 4}" x2="110" y2="{legend_y - 4}" stroke="#2e7d32" stroke-width="2" '
                f'stroke-dasharray="6,4"/>')
    body.append(_text(118, legend_y, f"test threshold {_pct(threshold)}: below it, a clot counts as excluded",
                      size=11, anchor="start", fill="#2e7d32", weight="bold"))
    for i, (label, p) in enumerate(points):
        if i:
            body.append(f'<line x1="{x(i - 1):.1f}" y1="{y(points[i - 1][1]):.1f}" x2="{x(i):.1f}" y2="{y(p):.1f}" '
                        f'stroke="#1565c0" stroke-width="2"/>')
    treat_at = None
    for i, (label, p) in enumerate(points):
        body.append(f'<circle cx="{x(i):.1f}" cy="{y(p):.1f}" r="6" fill="#1565c0"/>')
        body.append(_text(x(i), y(p) - 12, _pct(p), size=12, weight="bold", halo=True))
        body.append(_text(x(i), bottom + 22, label, size=11))
        step = steps[i - 1] if i else None
        if step is not None and step.positive and step.test in ("compression_ultrasound", "ctpa"):
            treat_at = (i, p)
    if treat_at is not None:
        i, p = treat_at
        body.append(_text(x(i) + 12, y(p) + 20, "NICE treats here", size=11, anchor="start", fill="#b71c1c",
                          weight="bold", halo=True))
    status = "below the test threshold: excluded" if points[-1][1] < threshold else "still above the test threshold"
    alt = ((f"{title}. " if title else "") + "Probability ladder: " + "; ".join(f"{label} {_pct(p)}" for label, p in points)
           + f"; the last step is {status} ({_pct(threshold)})" + ("; a positive scan is where NICE treats." if treat_at else "."))
    return Figure(_svg(width, height, alt, body), alt)
