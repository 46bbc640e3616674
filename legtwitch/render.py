"""Renderers for a ``TriageResult``: plain text, HTML (notebooks, widgets) and JSON (schema v2).

Students read plain language: the names of findings, rules, tests and causes, never engine
ids, and numbered source footnotes instead of source ids after every sentence. Authors pass
``author=True`` to see the ids as well; the JSON output always carries them. The level is
always shown by word and symbol as well as colour.
"""
from __future__ import annotations

import html
import json

from .pe_wells import PEWellsScore
from .levels import level_icon_svg
from .probability import ProbabilityOutlook, format_percent
from .result import TriageResult
from .wells import WellsScore
from .words import PRIORITY_WORDS, Citations, findings_text, format_number

esc = html.escape


def level_line(result: TriageResult, *, author: bool = False) -> str:
    level = result.level
    tag = f" ({level.value})" if author else ""
    return f"{level.symbol} {level.label.upper()}{tag}: {level.action}"


def _leading_is_pe(result: TriageResult) -> bool:
    return bool(result.pathways) and result.pathways[0].id.startswith("pe_")


def wells_lines(wells: WellsScore, *, author: bool = False, next_step: str | None = None,
                cite: Citations | None = None) -> list[str]:
    """The DVT Wells score as text. ``next_step`` overrides the category's own next step."""
    lines = [f"DVT Wells score: {wells.total} -> DVT {wells.category}"]
    for item in wells.items:
        tag = f" ({item.field})" if author else ""
        lines.append(f"  {item.points:+d}  {item.text}{tag}")
    if not wells.items:
        lines.append("   0  no Wells criterion met")
    mark = f" {cite.mark(wells.source)}" if cite else f" [{', '.join(wells.source)}]"
    lines.append(f"  Next step: {next_step or wells.next_step}{mark}")
    return lines


def pe_wells_lines(pe: PEWellsScore, *, author: bool = False, cite: Citations | None = None) -> list[str]:
    lines = [f"PE Wells score: {format_number(pe.total)} -> PE {pe.category}"]
    for item in pe.items:
        tag = f" ({item.id})" if author else ""
        lines.append(f"  +{format_number(item.points)}  {item.text}{tag}")
    if not pe.items:
        lines.append("   0  no PE Wells item met")
    mark = f" {cite.mark(pe.source)}" if cite else f" [{', '.join(pe.source)}]"
    lines.append(f"  Next step: {pe.next_step}{mark}")
    return lines


def _interval(pre) -> str:
    if pre.low is None:
        return ""
    return f" ({format_percent(pre.low)} to {format_percent(pre.high)})"


def probability_items(outlook: ProbabilityOutlook, *, author: bool = False) -> tuple[str, list[tuple[str, list[str]]]]:
    """The heading and the (sentence, source ids) lines of a probability outlook, for any renderer."""
    from .knowledge import load_knowledge
    from .words import test_name
    pre = outlook.pretest
    derived = " (derived)" if pre.derived else ""
    heading = f"Probability: {pre.label}" + (f" [{pre.id}]" if author else "")
    items = [(f"Before testing: about {format_percent(pre.value)}{_interval(pre)}{derived}", list(pre.source))]
    for step in outlook.steps:
        lead = f"Then, {step.condition}, " if step.condition else ""
        note = f", {step.note}" if step.note else ""
        items.append((f"{lead}{test_name(step.test)}{note}: if negative {format_percent(step.if_negative)}, "
                      f"if positive {format_percent(step.if_positive)}", list(step.source)))
    threshold = load_knowledge().probability_thresholds["test_threshold"]
    items.append((f"Below {format_percent(outlook.threshold)} a clot counts as excluded", list(threshold.source)))
    return heading, items


def probability_lines(outlook: ProbabilityOutlook, *, cite: Citations | None = None, author: bool = False) -> list[str]:
    """What the Wells category means as a probability, and what each next test would do to it."""
    heading, items = probability_items(outlook, author=author)
    mark = (lambda ids: f" {cite.mark(ids)}") if cite else (lambda ids: f" [{', '.join(ids)}]")
    return [heading, *(f"  {text}{mark(ids)}" for text, ids in items)]


def probability_html(outlook: ProbabilityOutlook, *, cite: Citations | None = None, author: bool = False) -> str:
    heading, items = probability_items(outlook, author=author)
    return (f"<div class='lt-probability'><h4>{esc(heading)}</h4><ul>"
            + "".join(f"<li>{esc(text)}{_sup(cite, ids)}</li>" for text, ids in items) + "</ul></div>")


def tests_by_pathway(result: TriageResult):
    """(pathway, its tests) pairs, leading pathway first; pathways without a test are left out."""
    out = []
    for p in result.pathways:
        tests = [t for t in result.recommended_tests if t.pathway == p.id]
        if tests:
            out.append((p, tests))
    return out


def _dvt_next_step(result: TriageResult) -> str | None:
    return "the PE pathway leads (see the tests below)." if _leading_is_pe(result) else None


def render_text(result: TriageResult, *, sources: bool = True, author: bool = False) -> str:
    """A plain-text report in plain language, stable enough for nbval to compare.

    ``author=True`` adds the engine ids (rule, field, test, cause) in brackets.
    """
    cite = Citations()
    s = result.scenario
    lines = [level_line(result, author=author), "", "Why (strongest reason first):"]
    for i, r in enumerate(result.reasons, 1):
        found = f": {findings_text(s, r.evidence)}" if r.evidence else ""
        tag = (f" [{r.rule_id} -> {r.level.value}" + (f"; {', '.join(r.evidence)}" if r.evidence else "") + "]"
               if author else "")
        lines.append(f"  {i}. {r.name}{found}{tag}")
        lines.append(f"     {r.text} {cite.mark(r.source)}")
        lines.append(f"     What the person should do: {r.patient.text} {cite.mark(r.patient.source)}")
        lines.append(f"     What the clinician does next: {r.clinician.text} {cite.mark(r.clinician.source)}")
    if result.wells:
        lines += ["", *wells_lines(result.wells, author=author, next_step=_dvt_next_step(result), cite=cite)]
    if result.pe_wells:
        lines += ["", *pe_wells_lines(result.pe_wells, author=author, cite=cite)]
    if result.scores_note:
        lines += ["", f"Note: {result.scores_note}"]
    if result.probability:
        lines += ["", *probability_lines(result.probability, cite=cite, author=author)]
    lines += ["", "Tests, in order:"]
    for pathway, tests in tests_by_pathway(result):
        lines.append(f"  {pathway.name}" + (f" [{pathway.id}]" if author else "") + ":")
        for i, t in enumerate(tests, 1):
            tag = f" [{t.id}]" if author else ""
            lines.append(f"    {i}. {t.name}{tag} ({PRIORITY_WORDS[t.priority]}): {t.why} {cite.mark(t.source)}")
    if not result.recommended_tests:
        lines.append("  - none: nothing here calls for a test")
    lines += ["", "Likely causes, most important first:"]
    for i, c in enumerate(result.likely_causes, 1):
        flag = " (must not miss)" if c.must_not_miss else ""
        tag = f" [{c.id}; score {c.score}]" if author else ""
        lines.append(f"  {i}. {c.name}{flag}{tag}: {c.why}")
        if c.against:
            lines.append(f"     Against it: {'; '.join(c.against)}.")
        if c.next_step and i <= 3:
            lines.append(f"     Next: {c.next_step}")
    lines += ["", "Treatments:"]
    for t in result.treatments:
        tag = f" [{t.id}]" if author else ""
        lines.append(f"  - {t.name}{tag}: {t.text} {cite.mark(t.source)}")
        if t.caution:
            lines.append(f"    Caution: {t.caution}")
        if t.comment:
            lines.append(f"    {t.comment.text} {cite.mark(t.comment.source)}")
    if not result.treatments:
        lines.append("  - none")
    if sources:
        lines += ["", "Sources:"]
        lines += [f"  [{n}] {title}" + (f" ({sid})" if author else "") for n, sid, title in cite.titles()]
    return "\n".join(lines)


def render_json(result: TriageResult, *, indent: int | None = 2) -> str:
    """The result as JSON (schema documented in docs/json-schema.md); ids included."""
    return json.dumps(result.to_dict(), indent=indent, ensure_ascii=False)


BADGE_STYLE = ("display:inline-block;white-space:nowrap;color:#fff;padding:2px 8px;"
               "border-radius:4px;font-weight:bold")


def level_badge_html(result_or_level) -> str:
    """The level as a coloured badge that also carries the symbol and the word (never wraps)."""
    level = getattr(result_or_level, "level", result_or_level)
    return (f'<span class="lt-level lt-{level.value}" style="background:{level.colour};{BADGE_STYLE}">'
            f'{level_icon_svg(level)} {esc(level.label.upper())}</span>')


def _sup(cite: Citations | None, ids) -> str:
    """Footnote markers for HTML (a tooltip with the titles for sighted mouse users)."""
    if cite is None or not ids:
        return ""
    from .knowledge import load_knowledge
    kb = load_knowledge()
    title = "; ".join(kb.sources[s].title for s in ids)
    return f' <sup class="lt-src" title="{esc(title)}">{esc(cite.mark(ids))}</sup>'


TABLE_STYLE = "text-align:left;border-collapse:collapse"
CELL_STYLE = "text-align:left;vertical-align:top;padding:2px 6px"


def render_wells_html(wells: WellsScore, *, next_step: str | None = None, cite: Citations | None = None) -> str:
    rows = "".join(f"<tr><td style='{CELL_STYLE}'>{esc(i.text)}</td><td style='{CELL_STYLE}'>{i.points:+d}</td></tr>"
                   for i in wells.items) or f"<tr><td style='{CELL_STYLE}'>No Wells criterion met</td><td style='{CELL_STYLE}'>0</td></tr>"
    return (f"<div class='lt-wells'><h4>DVT Wells score: {wells.total} &rarr; DVT {esc(wells.category)}</h4>"
            f"<table style='{TABLE_STYLE}'><caption style='text-align:left'>DVT Wells criteria met</caption>"
            f"<tr><th scope='col' style='{CELL_STYLE}'>criterion met</th><th scope='col' style='{CELL_STYLE}'>points</th></tr>"
            f"{rows}</table><p>Next step: {esc(next_step or wells.next_step)}{_sup(cite, wells.source)}</p></div>")


def render_pe_wells_html(pe: PEWellsScore, *, cite: Citations | None = None) -> str:
    rows = "".join(f"<tr><td style='{CELL_STYLE}'>{esc(i.text)}</td><td style='{CELL_STYLE}'>+{format_number(i.points)}</td></tr>"
                   for i in pe.items) or f"<tr><td style='{CELL_STYLE}'>No PE Wells item met</td><td style='{CELL_STYLE}'>0</td></tr>"
    return (f"<div class='lt-pe-wells'><h4>PE Wells score: {format_number(pe.total)} &rarr; PE {esc(pe.category)}</h4>"
            f"<table style='{TABLE_STYLE}'><caption style='text-align:left'>PE Wells items met</caption>"
            f"<tr><th scope='col' style='{CELL_STYLE}'>item met</th><th scope='col' style='{CELL_STYLE}'>points</th></tr>"
            f"{rows}</table><p>Next step: {esc(pe.next_step)}{_sup(cite, pe.source)}</p></div>")


def tests_html(result: TriageResult, *, cite: Citations | None = None, author: bool = False) -> str:
    """The tests of a result, grouped by pathway (leading pathway first), with why and sources."""
    parts = ["<h4>Tests, in order</h4>"]
    for pathway, tests in tests_by_pathway(result):
        parts.append(f"<p><strong>{esc(pathway.name)}</strong>" + (f" <code>{esc(pathway.id)}</code>" if author else "")
                     + "</p><ol>")
        parts += [f"<li><strong>{esc(t.name)}</strong> ({esc(PRIORITY_WORDS[t.priority])})"
                  + (f" <code>{esc(t.id)}</code>" if author else "") + f": {esc(t.why)}{_sup(cite, t.source)}</li>"
                  for t in tests]
        parts.append("</ol>")
    if not result.recommended_tests:
        parts.append("<p>None: nothing here calls for a test.</p>")
    return "".join(parts)


def causes_list_html(result: TriageResult, *, cite: Citations | None = None, author: bool = False) -> str:
    """The ranked differential: why each cause is there, the findings against it, the next step."""
    parts = ["<h4>Likely causes, most important first</h4><ol>"]
    for i, c in enumerate(result.likely_causes, 1):
        flag = " <strong>(must not miss)</strong>" if c.must_not_miss else ""
        tag = f" <code>{esc(c.id)}</code>" if author else ""
        against = f"<br><small>Against it: {esc('; '.join(c.against))}.</small>" if c.against else ""
        step = f"<br><small>Next: {esc(c.next_step)}</small>" if c.next_step and i <= 3 else ""
        parts.append(f"<li><strong>{esc(c.name)}</strong>{flag}{tag}: {esc(c.why)}{_sup(cite, c.source)}{against}{step}</li>")
    parts.append("</ol>")
    return "".join(parts)


def level_panel_html(result: TriageResult) -> str:
    """The level badge and what the person should do: a live region, so a change is announced."""
    return (f'<p role="status" aria-live="polite">{level_badge_html(result)} '
            f'<strong>{esc(result.level.action)}</strong></p>')


def render_html(result: TriageResult, *, author: bool = False) -> str:
    """An HTML panel for notebooks and widgets (self-contained, no scripts), in plain language."""
    cite = Citations()
    s = result.scenario
    level = result.level
    parts = [f'<div class="lt-result" style="border-left:6px solid {level.colour};padding:4px 12px;text-align:left">',
             level_panel_html(result), "<h4>Why</h4><ol>"]
    for r in result.reasons:
        found = f" <small>({esc(findings_text(s, r.evidence))})</small>" if r.evidence else ""
        tag = f" <code>{esc(r.rule_id)}</code>" if author else ""
        parts.append(
            f"<li><strong>{esc(r.name)}</strong>{found}{tag}: {esc(r.text)}{_sup(cite, r.source)}"
            f"<ul><li><em>What the person should do:</em> {esc(r.patient.text)}{_sup(cite, r.patient.source)}</li>"
            f"<li><em>What the clinician does next:</em> {esc(r.clinician.text)}{_sup(cite, r.clinician.source)}</li></ul></li>")
    parts.append("</ol>")
    if result.wells:
        parts.append(render_wells_html(result.wells, next_step=_dvt_next_step(result), cite=cite))
    if result.pe_wells:
        parts.append(render_pe_wells_html(result.pe_wells, cite=cite))
    if result.scores_note:
        parts.append(f"<p><em>Note: {esc(result.scores_note)}</em></p>")
    if result.probability:
        parts.append(probability_html(result.probability, cite=cite, author=author))
    parts.append(tests_html(result, cite=cite, author=author))
    parts.append(causes_list_html(result, cite=cite))
    parts.append("<h4>Treatments</h4><ul>")
    for t in result.treatments:
        caution = f"<br><em>Caution: {esc(t.caution)}</em>" if t.caution else ""
        comment = f"<br><small>{esc(t.comment.text)}{_sup(cite, t.comment.source)}</small>" if t.comment else ""
        parts.append(f"<li><strong>{esc(t.name)}</strong>: {esc(t.text)}{_sup(cite, t.source)}{caution}{comment}</li>")
    if not result.treatments:
        parts.append("<li>None</li>")
    parts.append("</ul>")
    parts.append("<details><summary>Sources</summary><ol style='text-align:left'>"
                 + "".join(f"<li>{esc(title)}</li>" for _n, _sid, title in cite.titles()) + "</ol></details>")
    parts.append("</div>")
    return "".join(parts)
