"""Plain display helpers for the notebooks: knowledge tables, case cards and short summaries.

Nothing here imports ipywidgets. Every helper returns an object that shows as HTML in a
notebook and as stable plain text everywhere else (``repr``), so nbval can compare it.
The clinical words and the source ids all come from ``load_knowledge()``: the notebooks
never retype a clinical claim they can render from the knowledge base.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from ..cases import Case, get_case
from ..knowledge import load_knowledge
from ..display import Report  # noqa: F401  (re-exported: views.Report)
from ..levels import TriageLevel
from ..render import level_badge_html, render_html
from ..result import TriageResult
from ..scenario import Scenario
from ..engine import triage

esc = html.escape


@dataclass(frozen=True)
class Doc:
    """Something to display: ``html`` in a notebook, ``text`` as its plain repr."""

    html: str
    text: str

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return self.text

    def __str__(self) -> str:
        return self.text


# -- sources ------------------------------------------------------------------------
def cite_html(ids: Iterable[str]) -> str:
    """Source ids as ``[id]`` markers whose tooltip is the full title."""
    kb = load_knowledge()
    return " ".join(f'<abbr class="lt-src" title="{esc(kb.sources[s].title)}">[{esc(s)}]</abbr>' for s in ids)


def cite_text(ids: Iterable[str]) -> str:
    return "[" + ", ".join(ids) + "]"


def _used_sources(rows: Iterable[tuple[str, ...]]) -> list[str]:
    seen: list[str] = []
    for ids in rows:
        seen.extend(s for s in ids if s not in seen)
    return seen


def sources_table(ids: Iterable[str] | None = None) -> Doc:
    """The sources (all, or the given ids in that order) with kind and full title."""
    kb = load_knowledge()
    ids = list(kb.sources) if ids is None else list(ids)
    for s in ids:
        if s not in kb.sources:
            raise ValueError(f"unknown source id {s!r}; known: {', '.join(kb.sources)}")
    rows = "".join(
        f"<tr><td><code>{esc(s)}</code></td><td>{esc(kb.sources[s].kind.replace('_', ' '))}</td>"
        f"<td>{_link(kb.sources[s])}</td></tr>" for s in ids)
    text = "\n".join(f"[{s}] {kb.sources[s].title}" for s in ids)
    return Doc(f"<table class='lt-sources'><tr><th>id</th><th>kind</th><th>title</th></tr>{rows}</table>", text)


def _link(source) -> str:
    if source.url:
        return f'<a href="{esc(source.url)}" target="_blank" rel="noopener">{esc(source.title)}</a>'
    return esc(source.title)


def _footer(source_ids: list[str]) -> tuple[str, str]:
    kb = load_knowledge()
    h = "<p><small>Sources: " + "; ".join(f"[{esc(s)}] {esc(kb.sources[s].title)}" for s in source_ids) + "</small></p>"
    t = "Sources:\n" + "\n".join(f"  [{s}] {kb.sources[s].title}" for s in source_ids)
    return h, t


def _table(headers: tuple[str, ...], rows: list[tuple[str, ...]], sources: list[tuple[str, ...]],
           text_rows: list[str], *, footer: bool = True) -> Doc:
    """An HTML table whose last column is the sources, plus a plain-text rendering."""
    head = "".join(f"<th>{esc(h)}</th>" for h in (*headers, "sources"))
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + f"<td>{cite_html(src)}</td></tr>"
                   for row, src in zip(rows, sources))
    h = f"<table class='lt-table'><tr>{head}</tr>{body}</table>"
    t = "\n".join(text_rows)
    if footer:
        fh, ft = _footer(_used_sources(sources))
        h += fh
        t += "\n" + ft
    return Doc(h, t)


# -- knowledge tables ------------------------------------------------------------------
def levels_table() -> Doc:
    """The four triage levels, lowest first: symbol, word, action, detail."""
    kb = load_knowledge()
    levels = list(TriageLevel)
    rows = [(level_badge_html(l), esc(l.action), esc(l.detail)) for l in levels]
    text = [f"{l.symbol} {l.label} ({l.value}): {l.action} {cite_text(kb.levels[l.value].source)}" for l in levels]
    return _table(("level", "what to do", "why"), rows, [kb.levels[l.value].source for l in levels], text)


def indications_table() -> Doc:
    """The leg signs that raise suspicion of a clot (thrombosis indications)."""
    kb = load_knowledge()
    items = list(kb.thrombosis_indications.values())
    points = {k: v.points for k, v in kb.wells_criteria.items()}
    def pts(field: str) -> str:
        return f"{points[field]:+d}" if field in points else "0 (not a Wells criterion)"
    rows = [(f"<code>{esc(e.id)}</code>", esc(e.text), pts(e.id)) for e in items]
    text = [f"{e.id}: {e.text} (Wells points: {pts(e.id)}) {cite_text(e.source)}" for e in items]
    return _table(("field", "sign", "Wells points"), rows, [e.source for e in items], text)


def wells_table() -> Doc:
    """The two-level Wells DVT criteria with their points, in the NICE table's order."""
    kb = load_knowledge()
    items = list(kb.wells_criteria.values())
    rows = [(f"<code>{esc(e.id)}</code>", esc(e.text), f"{e.points:+d}") for e in items]
    text = [f"{e.points:+d}  {e.id}: {e.text} {cite_text(e.source)}" for e in items]
    cut = kb.thresholds["wells_likely_from"]
    text.append(f"Threshold: {cut.text} {cite_text(cut.source)}")
    doc = _table(("field", "criterion", "points"), rows, [e.source for e in items], text)
    extra = f"<p>{esc(cut.text)} {cite_html(cut.source)}</p>"
    return Doc(doc.html.replace("</table>", "</table>" + extra, 1), doc.text)


def wells_categories_table() -> Doc:
    """What each Wells category means and the NICE next step."""
    kb = load_knowledge()
    items = list(kb.wells_categories.values())
    rows = [(esc(e.text), esc(e.next_step)) for e in items]
    text = [f"{e.text}: {e.next_step} {cite_text(e.source)}" for e in items]
    return _table(("category", "next step"), rows, [e.source for e in items], text)


def rules_table(ids: Iterable[str] | None = None) -> Doc:
    """Triage rules (all, strongest first, or the given ids): level and explanation."""
    kb = load_knowledge()
    ids = list(kb.rules) if ids is None else list(ids)
    items = [kb.rules[i] for i in ids]
    rows = [(f"<code>{esc(e.id)}</code>", level_badge_html(TriageLevel(e.level)), esc(e.text)) for e in items]
    text = [f"{e.id} -> {e.level}: {e.text} {cite_text(e.source)}" for e in items]
    return _table(("rule", "level", "explanation"), rows, [e.source for e in items], text)


def causes_table() -> Doc:
    """The differential for twitching, in ranking order; DVT marked as must-not-miss."""
    kb = load_knowledge()
    items = list(kb.causes.values())
    rows = [(f"<code>{esc(e.id)}</code>", esc(e.name) + (" <strong>(must not miss)</strong>" if e.must_not_miss else ""),
             esc(e.text)) for e in items]
    text = [f"{e.id}: {e.name}{' [must not miss]' if e.must_not_miss else ''}: {e.text} {cite_text(e.source)}"
            for e in items]
    return _table(("id", "cause", "what it means"), rows, [e.source for e in items], text)


def treatments_table(cause: str | None = None) -> Doc:
    """Treatments from the knowledge base (all, or those answering one cause)."""
    kb = load_knowledge()
    if cause is not None and cause not in kb.causes:
        raise ValueError(f"unknown cause {cause!r}; known: {', '.join(kb.causes)}")
    items = [t for t in kb.treatments.values() if cause is None or cause in t.for_causes]
    rows = [(esc(t.name), esc(t.text) + (f"<br><em>Caution: {esc(t.caution)}</em>" if t.caution else ""),
             esc(", ".join(t.for_causes))) for t in items]
    text = []
    for t in items:
        text.append(f"{t.id} (for {', '.join(t.for_causes)}): {t.text} {cite_text(t.source)}")
        if t.caution:
            text.append(f"  Caution: {t.caution}")
    return _table(("treatment", "what and how", "for cause"), rows, [t.source for t in items], text)


def tests_table(ids: Iterable[str] | None = None) -> Doc:
    """The diagnostic tests the engine can recommend, with what each can show."""
    kb = load_knowledge()
    ids = list(kb.tests) if ids is None else list(ids)
    items = [kb.tests[i] for i in ids]
    rows = [(f"<code>{esc(e.id)}</code>", esc(e.name), esc(e.text)) for e in items]
    text = [f"{e.id}: {e.name}: {e.text} {cite_text(e.source)}" for e in items]
    return _table(("id", "test", "what it shows"), rows, [e.source for e in items], text)


def thresholds_table() -> Doc:
    """The named thresholds (boundaries) the engine uses, and why they sit where they do."""
    kb = load_knowledge()
    items = list(kb.thresholds.values())
    rows = [(f"<code>{esc(t.id)}</code>", f"{t.value} {esc(t.unit)}", esc(t.text)) for t in items]
    text = [f"{t.id} = {t.value} {t.unit}: {t.text} {cite_text(t.source)}" for t in items]
    return _table(("threshold", "value", "why here"), rows, [t.source for t in items], text)


# -- results -------------------------------------------------------------------------
def summarize(result: TriageResult) -> Report:
    """A short, stable text summary: level, rule ids, Wells, test ids, cause and treatment ids."""
    lines = [f"Level: {result.level.symbol} {result.level.label} ({result.level.value}) - {result.level.action}",
             "Rules: " + ", ".join(result.rule_ids)]
    if result.wells is None:
        lines.append("Wells: not scored (no clot sign or Wells criterion)")
    else:
        lines.append(f"Wells: {result.wells.total} ({result.wells.category})")
    lines.append("Tests: " + (", ".join(f"{t.id} ({t.priority})" for t in result.recommended_tests) or "none"))
    lines.append("Causes: " + ", ".join(result.cause_ids))
    lines.append("Treatments: " + (", ".join(result.treatment_ids) or "none"))
    return Report("\n".join(lines))


def as_scenario(scenario: Scenario | Mapping[str, Any] | Case | str) -> Scenario:
    """A scenario from a Scenario, a mapping of fields, a library Case or a case id."""
    if isinstance(scenario, Scenario):
        return scenario
    if isinstance(scenario, Case):
        return scenario.scenario
    if isinstance(scenario, str):
        return get_case(scenario).scenario
    return Scenario.from_dict(scenario)


def compare(scenario: Scenario | Mapping[str, Any] | Case | str, **changes: Any) -> Report:
    """What changes when one finding (or a few) is changed: level, rules, Wells, tests, causes,
    treatments. ``scenario`` may also be a library case or its id."""
    before = triage(as_scenario(scenario))
    after = triage(before.scenario.replace(**changes))
    change = ", ".join(f"{k}={v!r}" for k, v in changes.items())

    def diff(a: tuple[str, ...], b: tuple[str, ...]) -> str:
        added = [x for x in b if x not in a]
        removed = [x for x in a if x not in b]
        parts = ([f"+{x}" for x in added] + [f"-{x}" for x in removed])
        return ", ".join(parts) if parts else "no change"

    def wells(r: TriageResult) -> str:
        return "not scored" if r.wells is None else f"{r.wells.total} ({r.wells.category})"

    def tests(a: TriageResult, b: TriageResult) -> str:
        def show(r: TriageResult) -> str:
            return ", ".join(f"{t.id} ({t.priority})" for t in r.recommended_tests) or "none"
        return "no change" if show(a) == show(b) else f"{show(a)} -> {show(b)}"

    arrow = "up" if after.level > before.level else "down" if after.level < before.level else "same"
    lines = [f"Change: {change}",
             f"Level:  {before.level.symbol} {before.level.label} -> {after.level.symbol} {after.level.label} ({arrow})",
             f"Rules:  {diff(before.rule_ids, after.rule_ids)}",
             f"Wells:  {wells(before)} -> {wells(after)}",
             f"Tests:  {tests(before, after)}",
             f"Causes: {', '.join(before.cause_ids[:3])} -> {', '.join(after.cause_ids[:3])}",
             f"Treatments: {diff(before.treatment_ids, after.treatment_ids)}"]
    return Report("\n".join(lines))


def _case(case: Case | str) -> Case:
    return case if isinstance(case, Case) else get_case(case)


def case_card(case: Case | str) -> Doc:
    """A case as a lecturer would read it aloud: title, vignette, sections (no answer)."""
    c = _case(case)
    kb = load_knowledge()
    h = (f"<div class='lt-case' style='border:1px solid #999;padding:6px 12px;border-radius:4px'>"
         f"<h4>{esc(c.title)} <small><code>{esc(c.id)}</code></small></h4><p>{esc(c.vignette)}</p>"
         f"<p><small>Source-text sections: {cite_html(c.sections)}</small></p></div>")
    t = f"Case {c.id}: {c.title}\n{c.vignette}\nSections: " + ", ".join(
        f"{s} ({kb.sources[s].title})" for s in c.sections)
    return Doc(h, t)


def case_report(case: Case | str, *, card: bool = True) -> Doc:
    """A case walked through: vignette, the engine's full result, the teaching points,
    and whether the engine agrees with the case's expected level and Wells total."""
    c = _case(case)
    result = triage(c.scenario)
    got_wells = None if result.wells is None else result.wells.total
    agrees = result.level == c.expected_level and got_wells == c.expected_wells
    verdict = "agrees with" if agrees else "DISAGREES with"
    check = (f"Engine {verdict} the case: expected {c.expected_level.value}, Wells {c.expected_wells}; "
             f"got {result.level.value}, Wells {got_wells}")
    points_h = "".join(f"<li>{esc(p)}</li>" for p in c.teaching_points)
    h = ((case_card(c).html if card else "") + f"<p><strong>Scenario:</strong> <code>{esc(repr(c.scenario))}</code></p>"
         + render_html(result) + f"<h4>Teaching points</h4><ul>{points_h}</ul><p><em>{esc(check)}</em></p>")
    t = "\n".join([f"Case {c.id}: {c.title}", repr(c.scenario), summarize(result),
                   "Teaching points:", *(f"  - {p}" for p in c.teaching_points), check])
    return Doc(h, t)


def causes_html(result: TriageResult) -> str:
    """The ranked differential of a result, with why, evidence and sources."""
    items = []
    for c in result.likely_causes:
        flag = " <strong>(must not miss)</strong>" if c.must_not_miss else ""
        ev = f" <small>(findings: {esc(', '.join(c.evidence))})</small>" if c.evidence else ""
        items.append(f"<li><strong>{esc(c.name)}</strong>{flag}: {esc(c.why)}{ev} {cite_html(c.source)}</li>")
    return "<h4>Likely causes, ranked</h4><ol>" + "".join(items) + "</ol>"


def tests_html(result: TriageResult) -> str:
    """The recommended tests of a result, in order, with priority, why and sources."""
    items = [f"<li><strong>{esc(t.name)}</strong> <em>({esc(t.priority)})</em>: {esc(t.why)} {cite_html(t.source)}</li>"
             for t in result.recommended_tests] or ["<li>No test: nothing here calls for a work-up yet.</li>"]
    return "<h4>Recommended tests, in order</h4><ol>" + "".join(items) + "</ol>"


__all__ = ["Report", "Doc", "cite_html", "cite_text", "sources_table", "levels_table", "indications_table",
           "wells_table", "wells_categories_table", "rules_table", "causes_table", "treatments_table",
           "tests_table", "thresholds_table", "summarize", "compare", "as_scenario", "case_card", "case_report",
           "causes_html", "tests_html"]
