"""Plain display helpers for the notebooks: knowledge tables, case cards and short summaries.

Nothing here imports ipywidgets. Every helper returns an object that shows as HTML in a
notebook and as stable plain text everywhere else (``repr``), so nbval can compare it.
The clinical words and the sources all come from ``load_knowledge()``: the notebooks never
retype a clinical claim they can render from the knowledge base. Students read plain
language with numbered source notes; ``author=True`` adds the engine ids for authors.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from ..cases import Case, get_case
from ..knowledge import load_knowledge
from ..display import Answer, Report  # noqa: F401  (re-exported: views.Report)
from ..levels import TriageLevel
from ..render import CELL_STYLE, TABLE_STYLE, level_badge_html, render_html, tests_html as _tests_html
from ..result import TriageResult
from ..scenario import Scenario
from ..engine import triage
from ..words import Citations, field_label, finding_phrase, format_number

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


def answer(text: str, summary: str | None = None) -> Answer:
    """An answer folded away until the student opens it (commit your own answer first)."""
    return Answer(text, summary)


# -- sources ------------------------------------------------------------------------
def short_source(title: str) -> str:
    """A short, readable name for a source ("NICE NG158", "NHS: Deep vein thrombosis",
    "Bhatt et al. 2020") for markers in running text; the full title is in the tooltip."""
    import re
    if title.startswith("Source text"):
        return title.partition(":")[0]
    author = re.match(r"((?:de |van |von )?[A-Z][A-Za-z'-]+) [A-Z]{1,3}(,| et al|\.)", title)
    if author:
        year = re.search(r"\b(19|20)\d\d\b", title)
        many = author.group(2) != "." or ", " in title.split(". ")[0]
        return f"{author.group(1)}{' et al.' if many else ''}" + (f" {year.group(0)}" if year else "")
    head, _, rest = title.partition(":")
    if len(head) <= 5 and rest:  # "NHS: ..." -> keep the page's name
        head = f"{head}: {rest.strip()}"
    head = re.split(r" \(| - |, ", head)[0]
    if len(head) > 50:
        head = head[:50].rsplit(" ", 1)[0]
    return head


def cite_html(ids: Iterable[str]) -> str:
    """Sources as short named markers ("[NICE NG158]") whose tooltip is the full title."""
    kb = load_knowledge()
    return " ".join(f'<abbr class="lt-src" title="{esc(kb.sources[s].title)}">[{esc(short_source(kb.sources[s].title))}]'
                    "</abbr>" for s in ids)


def cite_text(ids: Iterable[str]) -> str:
    kb = load_knowledge()
    return "[" + "; ".join(short_source(kb.sources[s].title) for s in ids) + "]"


def sources_table(ids: Iterable[str] | None = None, *, author: bool = False) -> Doc:
    """The sources (all, or the given ids in that order), numbered, with kind and full title."""
    kb = load_knowledge()
    ids = list(kb.sources) if ids is None else list(ids)
    for s in ids:
        if s not in kb.sources:
            raise ValueError(f"unknown source id {s!r}; known: {', '.join(kb.sources)}")
    rows = "".join(
        f"<tr><td style='{CELL_STYLE}'>{i}</td><td style='{CELL_STYLE}'>{esc(kb.sources[s].kind.replace('_', ' '))}</td>"
        f"<td style='{CELL_STYLE}'>{_link(kb.sources[s])}" + (f" <code>{esc(s)}</code>" if author else "") + "</td></tr>"
        for i, s in enumerate(ids, 1))
    text = "\n".join(f"[{i}] {kb.sources[s].title}" + (f" ({s})" if author else "") for i, s in enumerate(ids, 1))
    head = "".join(f"<th scope='col' style='{CELL_STYLE}'>{h}</th>" for h in ("no.", "kind", "title"))
    return Doc(f"<table class='lt-sources' style='{TABLE_STYLE}'><caption style='text-align:left'>Sources</caption>"
               f"<tr>{head}</tr>{rows}</table>", text)


def _link(source) -> str:
    if source.url:
        return f'<a href="{esc(source.url)}" target="_blank" rel="noopener">{esc(source.title)}</a>'
    return esc(source.title)


def _table(caption: str, headers: tuple[str, ...], rows: list[tuple[str, ...]], sources: list[tuple[str, ...]],
           text_rows: list[str], *, author: bool = False) -> Doc:
    """An HTML table (caption, header cells, left-aligned) whose last column holds numbered
    source notes, a numbered source list under it, and the same as plain text.

    ``text_rows`` may contain ``{cite}``: it is replaced by the row's source markers.
    """
    cite = Citations()
    marks = [cite.mark(src) if not author else "[" + ", ".join(src) + "]" for src in sources]
    head = "".join(f"<th scope='col' style='{CELL_STYLE}'>{esc(h)}</th>" for h in (*headers, "sources"))
    body = "".join("<tr>" + "".join(f"<td style='{CELL_STYLE}'>{c}</td>" for c in row)
                   + f"<td style='{CELL_STYLE}'>{esc(mark)}</td></tr>" for row, mark in zip(rows, marks))
    notes = cite.titles()
    h = (f"<table class='lt-table' style='{TABLE_STYLE}'><caption style='text-align:left'>{esc(caption)}</caption>"
         f"<tr>{head}</tr>{body}</table>"
         "<p><small>Sources: " + "; ".join(f"[{n}] {esc(title)}" for n, _s, title in notes) + "</small></p>")
    t = "\n".join(row.replace("{cite}", mark) for row, mark in zip(text_rows, marks))
    t += "\nSources:\n" + "\n".join(f"  [{n}] {title}" + (f" ({sid})" if author else "") for n, sid, title in notes)
    return Doc(h, t)


def _id(eid: str, author: bool) -> str:
    return f" ({eid})" if author else ""


# -- knowledge tables ------------------------------------------------------------------
def levels_table(*, author: bool = False) -> Doc:
    """The four triage levels, lowest first: symbol, word, what to do, why."""
    kb = load_knowledge()
    levels = list(TriageLevel)
    rows = [(level_badge_html(l), esc(l.action), esc(l.detail)) for l in levels]
    text = [f"{l.symbol} {l.label}{_id(l.value, author)}: {l.action} {{cite}}" for l in levels]
    return _table("The four triage levels, lowest first", ("level", "what to do", "why"), rows,
                  [kb.levels[l.value].source for l in levels], text, author=author)


def indications_table(*, author: bool = False) -> Doc:
    """The leg signs that raise suspicion of a clot, and which of them score Wells points."""
    kb = load_knowledge()
    items = list(kb.thrombosis_indications.values())
    points = {k: v.points for k, v in kb.wells_criteria.items()}

    def pts(field: str) -> str:
        return f"{points[field]:+d}" if field in points else "0 (not a Wells criterion)"
    rows = [(esc(field_label(e.id)), esc(e.text), pts(e.id)) for e in items]
    text = [f"{field_label(e.id)}{_id(e.id, author)}: {e.text} (Wells points: {pts(e.id)}) {{cite}}" for e in items]
    return _table("Leg signs of a clot", ("sign", "what it means", "Wells points"), rows,
                  [e.source for e in items], text, author=author)


VIRCHOW_WORDS = {"stasis": "slow flow (stasis)", "vessel_wall": "a damaged vessel wall",
                 "blood": "blood that clots easily"}


def risk_factors_table(*, author: bool = False) -> Doc:
    """Clot risk factors: which part of Virchow's triad each acts through, and which Wells
    score (if any) counts it. Risk factors raise the chance of a clot; they are not signs."""
    kb = load_knowledge()
    items = list(kb.clot_risk_factors.values())

    def scores(field: str) -> str:
        out = []
        if field in kb.wells_criteria:
            out.append("DVT Wells")
        if any(field in (*c.any_of, *c.all_of) for c in kb.pe_wells_criteria.values()):
            out.append("PE Wells")
        return " and ".join(out) or "neither score"
    rows = [(esc(field_label(e.id)), esc("; ".join(VIRCHOW_WORDS[x] for x in e.element)), esc(e.text), scores(e.id))
            for e in items]
    text = [f"{field_label(e.id)}{_id(e.id, author)} - {', '.join(VIRCHOW_WORDS[x] for x in e.element)}: {e.text} "
            f"(counted in: {scores(e.id)}) {{cite}}" for e in items]
    return _table("Clot risk factors and Virchow's triad", ("risk factor", "acts through", "why", "counted in"),
                  rows, [e.source for e in items], text, author=author)


def contrast_table(contrast_id: str, *, author: bool = False) -> Doc:
    """Two diagnoses side by side (for example seizure or faint): what points to each."""
    kb = load_knowledge()
    if contrast_id not in kb.contrasts:
        raise ValueError(f"unknown comparison {contrast_id!r}; known: {', '.join(kb.contrasts)}")
    contrast = kb.contrasts[contrast_id]
    rows_in = sorted(contrast.rows, key=lambda r: list(contrast.sides).index(r.favours))
    rows = [(esc(contrast.sides[r.favours]), esc(r.text)) for r in rows_in]
    text = [f"points to {contrast.sides[r.favours]}{_id(r.id, author)}: {r.text} {{cite}}" for r in rows_in]
    return _table(contrast.title, ("points to", "finding"), rows, [r.source for r in rows_in], text, author=author)


def causes_compare_table(cause_ids: Iterable[str], caption: str, *, author: bool = False) -> Doc:
    """Causes side by side: what points to each, what argues against or rules it out, what next."""
    kb = load_knowledge()
    ids = list(cause_ids)
    for cid in ids:
        if cid not in kb.causes:
            raise ValueError(f"unknown cause {cid!r}; known: {', '.join(kb.causes)}")
    rows, text, sources = [], [], []
    for cid in ids:
        c = kb.causes[cid]
        points = "; ".join(f.words() for f in (*c.requires_all, *c.requires_any, *c.more_likely)) or "its own warning signs"
        against = "; ".join([*(f.words() for f in c.less_likely), *(f"ruled out by {f.words()}" for f in c.excluded_by)]) or "-"
        rows.append((f"<strong>{esc(c.name)}</strong>" + (" (must not miss)" if c.must_not_miss else ""),
                     esc(points), esc(against), esc(c.next_step)))
        text.append(f"{c.name}{_id(cid, author)}{' (must not miss)' if c.must_not_miss else ''}\n"
                    f"  points to it: {points}\n  against it: {against}\n  next: {c.next_step} {{cite}}")
        sources.append(c.source)
    return _table(caption, ("cause", "points to it", "against it", "next step"), rows, sources, text, author=author)


def mimics_table(*, author: bool = False) -> Doc:
    """What else makes a leg painful and swollen, next to DVT."""
    return causes_compare_table(("dvt", "cellulitis", "superficial_thrombophlebitis", "bakers_cyst", "muscle_injury"),
                                "What else makes a leg painful and swollen", author=author)


MOVEMENT_CAUSES = ("benign_fasciculations", "muscle_cramp", "restless_legs", "hypnic_jerks", "epilepsy",
                   "convulsive_syncope", "electrolyte_disturbance", "motor_neuron_disease")


def movements_table(*, author: bool = False) -> Doc:
    """The kinds of 'twitching' side by side, by the features that tell them apart."""
    return causes_compare_table(MOVEMENT_CAUSES, "What kind of movement is it?", author=author)


def pretest_table(*, author: bool = False) -> Doc:
    """What each Wells category means as a pre-test probability, with the interval and source."""
    from ..probability import format_percent
    kb = load_knowledge()
    items = list(kb.pretest.values())

    def value(e) -> str:
        interval = f" ({format_percent(e.low)} to {format_percent(e.high)})" if e.low is not None else ""
        return f"about {format_percent(e.value)}{interval}" + (" (derived)" if e.derived else "")
    rows = [(esc(e.label), esc(value(e)), esc(e.where)) for e in items]
    text = [f"{e.label}{_id(e.id, author)}: {value(e)} {{cite}}" for e in items]
    return _table("A Wells category as a pre-test probability", ("category", "probability of a clot", "where from"),
                  rows, [e.source for e in items], text, author=author)


def accuracy_table(*, author: bool = False) -> Doc:
    """Sensitivity, specificity and the likelihood ratios derived from them, for each test."""
    from ..probability import likelihood_ratios
    kb = load_knowledge()
    rows, text, sources = [], [], []
    for acc in kb.test_accuracy.values():
        lrs = likelihood_ratios(acc.id)
        name = f"{kb.tests[acc.test].name}, for a {'DVT' if acc.target == 'dvt' else 'PE'}"
        extra = " (alternative figures)" if acc.alternative and acc.id != f"{acc.test}_{acc.target}" else ""
        cells = (f"{acc.sensitivity * 100:.1f} %", f"{acc.specificity * 100:.1f} %", f"{lrs.positive:.3g}",
                 f"{lrs.negative:.3g}")
        rows.append((esc(name + extra), *cells))
        text.append(f"{name}{extra}{_id(acc.id, author)}: sensitivity {cells[0]}, specificity {cells[1]}, "
                    f"LR+ {cells[2]}, LR- {cells[3]} {{cite}}")
        sources.append(acc.source)
    return _table("How accurate each test is", ("test", "sensitivity", "specificity", "LR+", "LR-"), rows,
                  sources, text, author=author)


def d_dimer_age_table(*, author: bool = False) -> Doc:
    """The D-dimer over 50: specificity and likelihood ratios at the fixed and the age-adjusted
    cut-off, age band by age band (the reason NICE suggests the age-adjusted cut-off)."""
    from ..probability import likelihood_ratios
    kb = load_knowledge()
    rows, text, sources = [], [], []
    for band in kb.d_dimer_age_bands.values():
        fixed = likelihood_ratios("d_dimer", age_years=band.from_age)
        adjusted = likelihood_ratios("d_dimer", age_years=band.from_age, age_adjusted=True)
        ages = f"{band.from_age} to {band.to_age}" if band.to_age < 120 else f"over {band.from_age - 1}"
        cells = (ages, f"{fixed.specificity * 100:.1f} %", f"{adjusted.specificity * 100:.1f} %",
                 f"{fixed.negative:.3g}", f"{adjusted.negative:.3g}")
        rows.append(cells)
        text.append(f"ages {cells[0]}{_id(band.id, author)}: specificity {cells[1]} fixed, {cells[2]} age-adjusted; "
                    f"LR- {cells[3]} fixed, {cells[4]} age-adjusted {{cite}}")
        sources.append(band.source)
    return _table("The D-dimer over 50: fixed against age-adjusted cut-off (age x 10)",
                  ("age (years)", "specificity, fixed", "specificity, age-adjusted", "LR-, fixed", "LR-, age-adjusted"),
                  rows, sources, text, author=author)


def seizure_or_faint_table(*, author: bool = False) -> Doc:
    """What in the witness history points to a faint, and what to a seizure."""
    return contrast_table("seizure_or_faint", author=author)


def wells_table(*, author: bool = False) -> Doc:
    """The two-level Wells DVT criteria with their points, in the NICE table's order."""
    kb = load_knowledge()
    items = list(kb.wells_criteria.values())
    rows = [(esc(e.text), f"{e.points:+d}") for e in items]
    text = [f"{e.points:+d}  {e.text}{_id(e.id, author)} {{cite}}" for e in items]
    cut = kb.thresholds["wells_likely_from"]
    doc = _table("Two-level DVT Wells score (NICE NG158)", ("criterion", "points"), rows,
                 [e.source for e in items], text, author=author)
    return Doc(doc.html + f"<p>{esc(cut.text)}</p>", doc.text + f"\nThreshold: {cut.text}")


def pe_wells_table(*, author: bool = False) -> Doc:
    """The two-level PE Wells items with their points, as NICE NG158 tabulates them."""
    kb = load_knowledge()
    items = list(kb.pe_wells_criteria.values())
    rows = [(esc(e.text), f"+{format_number(e.points)}") for e in items]
    text = [f"+{format_number(e.points)}  {e.text}{_id(e.id, author)} {{cite}}" for e in items]
    cut = kb.thresholds["pe_wells_likely_above"]
    doc = _table("Two-level PE Wells score (NICE NG158)", ("item", "points"), rows,
                 [e.source for e in items], text, author=author)
    return Doc(doc.html + f"<p>{esc(cut.text)}</p>", doc.text + f"\nThreshold: {cut.text}")


def wells_categories_table(*, author: bool = False) -> Doc:
    """What each DVT and PE Wells category means and the NICE next step."""
    kb = load_knowledge()
    items = [*kb.wells_categories.values(), *kb.pe_wells_categories.values()]
    rows = [(esc(e.text), esc(e.next_step)) for e in items]
    text = [f"{e.text}: {e.next_step} {{cite}}" for e in items]
    return _table("What the Wells categories mean", ("category", "next step"), rows, [e.source for e in items],
                  text, author=author)


def rules_table(ids: Iterable[str] | None = None, *, author: bool = False, voices: bool = False) -> Doc:
    """Triage rules (all, strongest first, or the given ids): level, name and explanation.

    ``voices=True`` adds what the person should do and what the clinician does next.
    """
    kb = load_knowledge()
    ids = list(kb.rules) if ids is None else list(ids)
    for i in ids:
        if i not in kb.rules:
            raise ValueError(f"unknown rule {i!r}; known: {', '.join(kb.rules)}")
    items = [kb.rules[i] for i in ids]
    rows, text, sources = [], [], []
    for e in items:
        level = TriageLevel(e.level)
        cell = esc(e.text)
        line = f"{level.symbol} {level.label}: {e.name}{_id(e.id, author)}. {e.text} {{cite}}"
        src = e.source
        if voices:
            cell += (f"<br><em>What the person should do:</em> {esc(e.patient.text)}"
                     f"<br><em>What the clinician does next:</em> {esc(e.clinician.text)}")
            line += f"\n    What the person should do: {e.patient.text}\n    What the clinician does next: {e.clinician.text}"
            src = tuple(dict.fromkeys((*e.source, *e.patient.source, *e.clinician.source)))
        rows.append((level_badge_html(level), f"<strong>{esc(e.name)}</strong>", cell))
        text.append(line)
        sources.append(src)
    return _table("Triage rules, strongest first", ("level", "rule", "explanation"), rows, sources, text,
                  author=author)


def causes_table(*, author: bool = False) -> Doc:
    """The causes in the differential, in ranking order; the must-not-miss ones marked."""
    kb = load_knowledge()
    items = list(kb.causes.values())
    rows = [(esc(e.name) + (" <strong>(must not miss)</strong>" if e.must_not_miss else ""), esc(e.text)) for e in items]
    text = [f"{e.name}{' (must not miss)' if e.must_not_miss else ''}{_id(e.id, author)}: {e.text} {{cite}}"
            for e in items]
    return _table("Causes, in ranking order", ("cause", "what it means"), rows, [e.source for e in items], text,
                  author=author)


def treatments_table(cause: str | None = None, *, author: bool = False) -> Doc:
    """Treatments from the knowledge base (all, or those answering one cause), with cautions
    and the clinician's notes beside claims of the source text."""
    kb = load_knowledge()
    if cause is not None and cause not in kb.causes:
        raise ValueError(f"unknown cause {cause!r}; known: {', '.join(kb.causes)}")
    items = [t for t in kb.treatments.values() if cause is None or cause in t.for_causes]
    rows, text, sources = [], [], []
    for t in items:
        for_names = ", ".join(kb.causes[c].name for c in t.for_causes)
        cell = esc(t.text) + (f"<br><em>Caution: {esc(t.caution)}</em>" if t.caution else "") + (
            f"<br><small>{esc(t.comment.text)}</small>" if t.comment else "")
        rows.append((f"<strong>{esc(t.name)}</strong>", cell, esc(for_names)))
        line = f"{t.name}{_id(t.id, author)} (for: {for_names}): {t.text} {{cite}}"
        if t.caution:
            line += f"\n  Caution: {t.caution}"
        if t.comment:
            line += f"\n  {t.comment.text}"
        text.append(line)
        sources.append(tuple(dict.fromkeys((*t.source, *(t.comment.source if t.comment else ())))))
    return _table("Treatments, by cause", ("treatment", "what and how", "for"), rows, sources, text, author=author)


def tests_table(ids: Iterable[str] | None = None, *, author: bool = False) -> Doc:
    """The diagnostic tests the engine can recommend, with what each can show."""
    kb = load_knowledge()
    ids = list(kb.tests) if ids is None else list(ids)
    items = [kb.tests[i] for i in ids]
    rows, text, sources = [], [], []
    for e in items:
        comment = f"<br><small>{esc(e.comment.text)}</small>" if e.comment else ""
        rows.append((f"<strong>{esc(e.name)}</strong>", esc(e.text) + comment))
        text.append(f"{e.name}{_id(e.id, author)}: {e.text} {{cite}}" + (f"\n  {e.comment.text}" if e.comment else ""))
        sources.append(tuple(dict.fromkeys((*e.source, *(e.comment.source if e.comment else ())))))
    return _table("Tests and what they show", ("test", "what it shows"), rows, sources, text, author=author)


def thresholds_table(*, author: bool = False) -> Doc:
    """The named thresholds (boundaries) the engine uses, and why they sit where they do."""
    kb = load_knowledge()
    items = list(kb.thresholds.values())
    rows = [(f"{t.value} {esc(t.unit)}", esc(t.text)) for t in items]
    text = [f"{t.value} {t.unit}{_id(t.id, author)}: {t.text} {{cite}}" for t in items]
    return _table("Named thresholds", ("value", "why here"), rows, [t.source for t in items], text, author=author)


def pathway_table(pathway_id: str, *, author: bool = False) -> Doc:
    """One diagnostic pathway step by step: test, when, why (from knowledge.yaml)."""
    from ..words import PRIORITY_WORDS
    kb = load_knowledge()
    if pathway_id not in kb.pathways:
        raise ValueError(f"unknown pathway {pathway_id!r}; known: {', '.join(kb.pathways)}")
    p = kb.pathways[pathway_id]
    rows = [(f"<strong>{esc(kb.tests[s.test].name)}</strong>", esc(PRIORITY_WORDS[s.priority]), esc(s.why)) for s in p.steps]
    text = [f"{i}. {kb.tests[s.test].name}{_id(s.test, author)} ({PRIORITY_WORDS[s.priority]}): {s.why} {{cite}}"
            for i, s in enumerate(p.steps, 1)]
    doc = _table(p.name, ("test", "when", "why"), rows, [s.source for s in p.steps], text, author=author)
    return Doc(doc.html, f"{p.name}\n" + doc.text)


# -- results -------------------------------------------------------------------------
def _not_scored_because(r: TriageResult) -> str:
    from ..population import CHILD, PREGNANCY, population
    return {CHILD: " (under 18)", PREGNANCY: " (pregnancy or recent birth)"}.get(population(r.scenario), "")


def _wells_words(r: TriageResult) -> str:
    if r.wells is not None:
        return f"{r.wells.total} (DVT {r.wells.category})"
    return "not worked out" + (" (no leg sign of a clot)" if "suspected_dvt" not in r.rule_ids else _not_scored_because(r))


def _pe_wells_words(r: TriageResult) -> str:
    if r.pe_wells is not None:
        return f"{format_number(r.pe_wells.total)} (PE {r.pe_wells.category})"
    return "not worked out" + (" (no lung warning sign)" if "pe_warning_signs" not in r.rule_ids else _not_scored_because(r))


def _tests_words(r: TriageResult, author: bool) -> str:
    from ..words import PRIORITY_WORDS
    return ", ".join(f"{t.name}{_id(t.id, author)} ({PRIORITY_WORDS[t.priority]})" for t in r.recommended_tests) or "none"


def summarize(result: TriageResult, *, author: bool = False) -> Report:
    """A short, stable text summary in plain language: level, reasons, scores, tests, causes, treatments."""
    r = result
    lines = [f"Level: {r.level.symbol} {r.level.label}{_id(r.level.value, author)} - {r.level.action}",
             "Why: " + "; ".join(f"{x.name}{_id(x.rule_id, author)}" for x in r.reasons),
             f"DVT Wells: {_wells_words(r)}", f"PE Wells: {_pe_wells_words(r)}"]
    if r.scores_note:
        lines.append(f"Note: {r.scores_note}")
    lines.append("Tests: " + _tests_words(r, author))
    lines.append("Causes: " + ", ".join(f"{c.name}{_id(c.id, author)}" for c in r.likely_causes))
    lines.append("Treatments: " + (", ".join(f"{t.name}{_id(t.id, author)}" for t in r.treatments) or "none"))
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


def change_words(changes: Mapping[str, Any], scenario: Scenario) -> str:
    """A change to a scenario in words: 'added: pulling pain in the calf; twitching for 14 days'."""
    parts = []
    for name, value in changes.items():
        if value is True:
            parts.append(f"added: {finding_phrase(scenario, name)}")
        elif value is False:
            parts.append(f"removed: {field_label(name)[0].lower() + field_label(name)[1:]}")
        elif value is None:
            parts.append(f"{field_label(name).lower()}: unknown")
        elif name in ("age_years", "sex"):
            parts.append(f"{field_label(name).lower()} now {finding_phrase(scenario, name).replace('age ', '')}")
        else:
            parts.append(finding_phrase(scenario, name))
    return "; ".join(parts)


def compare(scenario: Scenario | Mapping[str, Any] | Case | str, *, author: bool = False, **changes: Any) -> Report:
    """What changes when one finding (or a few) is changed: level, reasons, scores, tests,
    causes, treatments. ``scenario`` may also be a library case or its id."""
    before = triage(as_scenario(scenario))
    after = triage(before.scenario.replace(**changes))

    def diff(a: list[str], b: list[str]) -> str:
        parts = [f"+ {x}" for x in b if x not in a] + [f"- {x}" for x in a if x not in b]
        return "; ".join(parts) if parts else "no change"

    def names(r: TriageResult, what: str) -> list[str]:
        if what == "reasons":
            return [f"{x.name}{_id(x.rule_id, author)}" for x in r.reasons]
        return [f"{t.name}{_id(t.id, author)}" for t in r.treatments]

    def tests(a: TriageResult, b: TriageResult) -> str:
        return "no change" if _tests_words(a, author) == _tests_words(b, author) else \
            f"{_tests_words(a, author)} -> {_tests_words(b, author)}"

    def causes(r: TriageResult) -> str:
        return ", ".join(c.name for c in r.likely_causes[:3])

    arrow = "up" if after.level > before.level else "down" if after.level < before.level else "same"
    lines = [f"Change: {change_words(changes, after.scenario)}",
             f"Level: {before.level.symbol} {before.level.label} -> {after.level.symbol} {after.level.label} ({arrow})",
             f"Reasons: {diff(names(before, 'reasons'), names(after, 'reasons'))}",
             f"DVT Wells: {_wells_words(before)} -> {_wells_words(after)}",
             f"PE Wells: {_pe_wells_words(before)} -> {_pe_wells_words(after)}",
             f"Tests: {tests(before, after)}",
             f"Causes: {causes(before)} -> {causes(after)}",
             f"Treatments: {diff(names(before, 'treatments'), names(after, 'treatments'))}"]
    return Report("\n".join(lines))


def _case(case: Case | str) -> Case:
    return case if isinstance(case, Case) else get_case(case)


def case_card(case: Case | str, *, author: bool = False) -> Doc:
    """A case as a lecturer would read it aloud: title and vignette (no answer, no ids)."""
    c = _case(case)
    kb = load_knowledge()
    tag = f" <small><code>{esc(c.id)}</code></small>" if author else ""
    h = (f"<div class='lt-case' style='border:1px solid #999;padding:6px 12px;border-radius:4px;text-align:left'>"
         f"<h4>{esc(c.title)}{tag}</h4><p>{esc(c.vignette)}</p></div>")
    t = f"{c.title}{_id(c.id, author)}\n{c.vignette}"
    if author:
        t += "\nSections: " + ", ".join(f"{s} ({kb.sources[s].title})" for s in c.sections)
    return Doc(h, t)


def scenario_words(scenario: Scenario) -> str:
    """Every finding of a scenario in words (history first), for a case report."""
    values = scenario.to_dict()
    return "; ".join(finding_phrase(scenario, name) for name in values) or "nothing recorded"


def case_report(case: Case | str, *, card: bool = True, author: bool = False) -> Doc:
    """A case walked through: vignette, findings, the engine's full result, the teaching
    points, and whether the engine agrees with what the case expects."""
    from ..cases import case_check
    c = _case(case)
    result = triage(c.scenario)
    check = case_check(c, result)
    points_h = "".join(f"<li>{esc(p)}</li>" for p in c.teaching_points)
    findings = scenario_words(c.scenario)
    h = ((case_card(c, author=author).html if card else "") + f"<p><strong>Findings:</strong> {esc(findings)}</p>"
         + render_html(result, author=author) + f"<h4>Teaching points</h4><ul>{points_h}</ul><p><em>{esc(check)}</em></p>")
    t = "\n".join([c.title + _id(c.id, author), f"Findings: {findings}", summarize(result, author=author),
                   "Teaching points:", *(f"  - {p}" for p in c.teaching_points), check])
    return Doc(h, t)


def causes_html(result: TriageResult) -> str:
    """The ranked differential of a result: for and against each cause, next steps, sources."""
    from ..render import causes_list_html
    cite = Citations()
    body = causes_list_html(result, cite=cite)
    notes = "; ".join(f"[{n}] {esc(title)}" for n, _s, title in cite.titles())
    return body + f"<p><small>Sources: {notes}</small></p>"


def tests_html(result: TriageResult) -> str:
    """The recommended tests of a result, grouped by pathway, with why and sources."""
    return _tests_html(result, cite=Citations())


__all__ = ["Report", "Doc", "cite_html", "cite_text", "sources_table", "levels_table", "indications_table",
           "risk_factors_table", "pretest_table", "accuracy_table", "contrast_table", "causes_compare_table", "mimics_table", "movements_table", "seizure_or_faint_table", "wells_table", "pe_wells_table", "wells_categories_table", "rules_table", "causes_table",
           "treatments_table", "tests_table", "thresholds_table", "pathway_table", "summarize", "compare",
           "change_words", "as_scenario", "case_card", "case_report", "scenario_words", "causes_html", "tests_html"]


# -- answers kept out of sight -------------------------------------------------------------------

@dataclass(frozen=True)
class Folded:
    """Something shown folded away (a closed ``<details>``) until the student opens it: for
    answers, and for the lecturers' section at the end of a notebook. The plain text (what
    nbval compares) is the whole content."""

    content: Any
    summary: str

    def _repr_html_(self) -> str:
        inner = self.content._repr_html_() if hasattr(self.content, "_repr_html_") else f"<pre>{esc(str(self.content))}</pre>"
        return f"<details class='lt-folded'><summary><strong>{esc(self.summary)}</strong></summary>{inner}</details>"

    def __repr__(self) -> str:
        return f"[{self.summary}]\n{self.content!r}" if not isinstance(self.content, str) else \
            f"[{self.summary}]\n{self.content}"


def folded(content: Any, summary: str = "Open after you have committed your own answer") -> Folded:
    """Fold ``content`` (a table, a figure, a report) away until the student opens it."""
    return Folded(content, summary)


def practice_check(case_ids: Iterable[str]) -> Report:
    """The checking cell of the case-practice notebooks: drives a practice session from code and
    prints only a verdict (no answer on a student's screen). For each case it commits the case
    library's expected level and first test, then the level below: the first must score full
    marks for level and test, the second must be reported as under-triage. A broken rule makes
    the library and the engine disagree, and the verdict changes."""
    from ..case_practice import PracticeSession
    from ..levels import TriageLevel
    ids = list(case_ids)
    agree = flagged = lower_possible = 0
    disagree = []
    for n, cid in enumerate(ids, 1):
        case = get_case(cid)
        session = PracticeSession([cid])
        fb = session.commit(level=case.expected_level.value, first_test=case.expected_first_test)
        if fb.level_correct and fb.first_test_correct:
            agree += 1
        else:
            disagree.append(f"case {n}")
        if case.expected_level is not TriageLevel.SELF_CARE:
            lower_possible += 1
            session.current.reset()
            below = list(TriageLevel)[case.expected_level.rank - 1]
            if session.commit(level=below.value).under_triage:
                flagged += 1
    lines = [f"{agree} of {len(ids)} cases: the case library's level and first test agree with the engine.",
             f"{flagged} of {lower_possible} cases: committing one level lower is reported as under-triage."]
    if disagree:
        lines.append("Disagreeing: " + ", ".join(disagree) + " (a lecturer should look at the rules).")
    return Report("\n".join(lines))


def scoring_table() -> Doc:
    """The case-practice scoring table (``legtwitch.scoring.SCORING_TABLE``)."""
    from ..scoring import SCORING_TABLE
    head = "".join(f"<th scope='col' style='{CELL_STYLE}'>{h}</th>" for h in ("part", "outcome", "points"))
    body = "".join(f"<tr><td style='{CELL_STYLE}'>{esc(part)}</td><td style='{CELL_STYLE}'>{esc(what)}</td>"
                   f"<td style='{CELL_STYLE}'>{pts:+d}</td></tr>" for part, what, pts in SCORING_TABLE)
    h = (f"<table class='lt-table' style='{TABLE_STYLE}'><caption style='text-align:left'>How a committed decision "
         f"is scored</caption><tr>{head}</tr>{body}</table>")
    t = "\n".join(f"{part}: {what}: {pts:+d}" for part, what, pts in SCORING_TABLE)
    return Doc(h, t)


def case_reports(case_ids: Iterable[str]) -> Doc:
    """Several cases worked through, one after another, numbered as in the case runner."""
    docs = [(n, case_report(cid, card=True)) for n, cid in enumerate(case_ids, 1)]
    h = "".join(f"<h4>Case {n}</h4>{d.html}" for n, d in docs)
    t = "\n\n".join(f"Case {n}\n{d.text}" for n, d in docs)
    return Doc(h, t)


def session_check(seed: int, n: int) -> Report:
    """A seeded practice session checked from code, verdict only: the cases' fingerprint (the
    same on every machine, so a whole class gets the same cases), every finding stated in the
    stage that reveals it, full marks for a decision that agrees with the engine, under-triage
    reported for one level lower."""
    import hashlib
    from ..case_practice import PracticeSession
    from ..levels import TriageLevel
    from ..narrative import states
    session = PracticeSession.generated(seed, n)
    cases = [run.case for run in session.runs]
    fingerprint = hashlib.sha256(repr([(c.id, c.scenario.to_dict(), [s.to_dict() for s in c.stages])
                                       for c in cases]).encode()).hexdigest()[:12]
    stated = sum(all(states(s.text, f) for s in c.stages for f in s.reveals) for c in cases)
    full = flagged = lower = 0
    for i, run in enumerate(session.runs):
        session.go_to(i)
        result = triage(run.case.scenario)
        fb = session.commit(level=result.level.value, first_test=result.first_test)
        full += fb.level_correct and fb.first_test_correct
        if result.level is not TriageLevel.SELF_CARE:
            lower += 1
            run.reset()
            flagged += session.commit(level=list(TriageLevel)[result.level.rank - 1].value).under_triage
    return Report("\n".join([
        f"{n} generated cases for seed {seed}, fingerprint {fingerprint} (the same on every machine).",
        f"{stated} of {n}: every finding is stated in the stage that reveals it.",
        f"{full} of {n}: a decision that agrees with the engine gets full marks for level and first test.",
        f"{flagged} of {lower}: committing one level lower is reported as under-triage."]))
