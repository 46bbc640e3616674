"""Renderers for a ``TriageResult``: plain text, HTML (notebooks) and JSON (schema v1).

The level is always shown by word and symbol as well as colour. Every reason, test, cause
and treatment carries its source ids; the text and HTML views list the source titles.
"""
from __future__ import annotations

import html
import json

from .knowledge import load_knowledge
from .result import TriageResult
from .wells import WellsScore


def level_line(result: TriageResult) -> str:
    level = result.level
    return f"{level.symbol} {level.label.upper()} ({level.value}): {level.action}"


def wells_lines(wells: WellsScore) -> list[str]:
    lines = [f"Wells score: {wells.total} -> DVT {wells.category}"]
    for item in wells.items:
        lines.append(f"  {item.points:+d}  {item.text}")
    if not wells.items:
        lines.append("   0  no Wells criterion met")
    lines.append(f"  Next step: {wells.next_step}")
    if wells.note:
        lines.append(f"  Note: {wells.note}")
    lines.append(f"  Sources: {', '.join(wells.source)}")
    return lines


def _cited(result: TriageResult) -> list[str]:
    ids: list[str] = []
    parts = [*result.reasons, *result.recommended_tests, *result.likely_causes, *result.treatments]
    for part in parts:
        ids.extend(s for s in part.source if s not in ids)
    if result.wells:
        ids.extend(s for s in result.wells.source if s not in ids)
    return ids


def render_text(result: TriageResult, *, sources: bool = True) -> str:
    """A plain-text report, stable enough for nbval to compare."""
    lines = [level_line(result), "", "Reasons (strongest first):"]
    for i, r in enumerate(result.reasons, 1):
        evidence = f" [{', '.join(r.evidence)}]" if r.evidence else ""
        lines.append(f"  {i}. {r.rule_id} -> {r.level.value}{evidence}")
        lines.append(f"     {r.text}")
        lines.append(f"     Sources: {', '.join(r.source)}")
    if result.wells:
        lines += ["", *wells_lines(result.wells)]
    lines += ["", "Recommended tests:"]
    lines += [f"  - {t.id} ({t.priority}): {t.why}" for t in result.recommended_tests] or ["  - none"]
    lines += ["", "Likely causes (ranked):"]
    for i, c in enumerate(result.likely_causes, 1):
        flag = " [must not miss]" if c.must_not_miss else ""
        lines.append(f"  {i}. {c.name}{flag}: {c.why}")
    lines += ["", "Treatments:"]
    for t in result.treatments:
        lines.append(f"  - {t.name} (for {t.for_cause}): {t.text}")
        if t.caution:
            lines.append(f"    Caution: {t.caution}")
    if not result.treatments:
        lines.append("  - none")
    if sources:
        kb = load_knowledge()
        lines += ["", "Sources:"] + [f"  {s}: {kb.sources[s].title}" for s in _cited(result)]
    return "\n".join(lines)


def render_json(result: TriageResult, *, indent: int | None = 2) -> str:
    """The result as JSON (schema documented in docs/json-schema.md)."""
    return json.dumps(result.to_dict(), indent=indent, ensure_ascii=False)


def _src(ids) -> str:
    kb = load_knowledge()
    return " ".join(
        f'<abbr class="lt-src" title="{html.escape(kb.sources[s].title)}">[{html.escape(s)}]</abbr>' for s in ids)


def level_badge_html(result_or_level) -> str:
    """The level as a coloured badge that also carries the symbol and the word."""
    level = getattr(result_or_level, "level", result_or_level)
    return (f'<span class="lt-level lt-{level.value}" style="background:{level.colour};color:#fff;'
            f'padding:2px 8px;border-radius:4px;font-weight:bold">{html.escape(level.symbol)} '
            f'{html.escape(level.label.upper())}</span>')


def render_wells_html(wells: WellsScore) -> str:
    rows = "".join(f"<tr><td>{html.escape(i.text)}</td><td style='text-align:right'>{i.points:+d}</td></tr>"
                   for i in wells.items) or "<tr><td>No Wells criterion met</td><td>0</td></tr>"
    note = f"<p><em>{html.escape(wells.note)}</em></p>" if wells.note else ""
    return (f"<div class='lt-wells'><strong>Wells score: {wells.total} &rarr; DVT {html.escape(wells.category)}</strong>"
            f"<table>{rows}</table><p>Next step: {html.escape(wells.next_step)} {_src(wells.source)}</p>{note}</div>")


def render_html(result: TriageResult) -> str:
    """An HTML panel for notebooks and widgets (self-contained, no scripts)."""
    esc = html.escape
    level = result.level
    parts = [f'<div class="lt-result" style="border-left:6px solid {level.colour};padding:4px 12px">',
             f'<p role="status">{level_badge_html(result)} <strong>{esc(level.action)}</strong></p>',
             "<h4>Reasons</h4><ol>"]
    for r in result.reasons:
        ev = f" <small>({esc(', '.join(r.evidence))})</small>" if r.evidence else ""
        parts.append(f"<li><code>{esc(r.rule_id)}</code> &rarr; {esc(r.level.label)}{ev}: {esc(r.text)} {_src(r.source)}</li>")
    parts.append("</ol>")
    if result.wells:
        parts.append(render_wells_html(result.wells))
    parts.append("<h4>Recommended tests</h4><ul>")
    parts += [f"<li><strong>{esc(t.name)}</strong> ({esc(t.priority)}): {esc(t.why)} {_src(t.source)}</li>"
              for t in result.recommended_tests] or ["<li>none</li>"]
    parts.append("</ul><h4>Likely causes</h4><ol>")
    for c in result.likely_causes:
        flag = " <strong>(must not miss)</strong>" if c.must_not_miss else ""
        parts.append(f"<li>{esc(c.name)}{flag}: {esc(c.why)} {_src(c.source)}</li>")
    parts.append("</ol><h4>Treatments</h4><ul>")
    for t in result.treatments:
        caution = f"<br><em>Caution: {esc(t.caution)}</em>" if t.caution else ""
        parts.append(f"<li><strong>{esc(t.name)}</strong>: {esc(t.text)}{caution} {_src(t.source)}</li>")
    if not result.treatments:
        parts.append("<li>none</li>")
    parts.append("</ul></div>")
    return "".join(parts)
