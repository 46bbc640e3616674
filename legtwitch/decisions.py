"""The clinical-decisions document: one row per rule, threshold, pathway branch and boundary
choice, generated from knowledge.yaml so it can never drift from what the engine does.

``clinical_decisions_markdown()`` returns the text of docs/clinical-decisions.md;
``python scripts/build_docs.py`` writes it and a test checks the file is up to date.
"""
from __future__ import annotations

from .knowledge import load_knowledge
from .levels import TriageLevel

_BASIS = {"direct": "direct reading", "judgement": "judgement call"}


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "/")


def _src(ids) -> str:
    return ", ".join(f"`{s}`" for s in ids)


def clinical_decisions_markdown() -> str:
    kb = load_knowledge()
    out = [
        "# Clinical decisions",
        "",
        "Generated from `legtwitch/data/knowledge.yaml` by `python scripts/build_docs.py`; a test fails when",
        "this file and the knowledge base disagree. Every row says what the engine does, what the source",
        "says and where (recommendation, table or heading), and whether the engine reads the source",
        "directly or makes a judgement call. \"unconfirmed\" marks a recommendation number or detail that",
        "could not be checked in a copy of the guideline. Source ids are listed at the end.",
        "",
        "Two voices are kept apart: **patient** is what the person should do (the source text and NHS",
        "patient guidance); **clinician** is what the doctor does next (NICE, RCOG and specialist sources).",
        "",
        "## Rules (strongest first)",
        "",
        "| rule | level | the engine fires when | patient | clinician | where in the sources | basis |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in kb.rules.values():
        level = TriageLevel(r.level)
        out.append(f"| **{_cell(r.name)}** (`{r.id}`) | {level.label} | {_cell(r.when)} "
                   f"| {_cell(r.patient.text)} ({_src(r.patient.source)}) | {_cell(r.clinician.text)} "
                   f"({_src(r.clinician.source)}) | {_cell(r.where)} | {_BASIS[r.basis]} |")
    out += ["", "## Thresholds", "", "| threshold | value | why here | where in the sources | basis |",
            "|---|---|---|---|---|"]
    for t in kb.thresholds.values():
        out.append(f"| `{t.id}` | {t.value} {t.unit} | {_cell(t.text)} ({_src(t.source)}) | {_cell(t.where)} "
                   f"| {_BASIS[t.basis]} |")
    out += ["", "## Diagnostic pathways (what the clinician does next)", "",
            "| pathway | applies when | steps, in order | where in the sources | basis |", "|---|---|---|---|---|"]
    for p in kb.pathways.values():
        steps = "<br>".join(f"{i}. **{kb.tests[s.test].name}** ({s.priority}"
                            + (", with leg signs" if s.when_leg_signs else "")
                            + (f", when {' or '.join(c.replace('_', ' ') for c in s.when_any)}" if s.when_any else "")
                            + f"): {_cell(s.why)}" for i, s in enumerate(p.steps, 1))
        out.append(f"| **{_cell(p.name)}** (`{p.id}`) | {_cell(p.when)} | {steps} | {_cell(p.where)} "
                   f"| {_BASIS[p.basis]} |")
    out += ["", "## Boundary choices", "", "| choice | what the engine does | where in the sources | basis |",
            "|---|---|---|---|"]
    for d in kb.decisions.values():
        out.append(f"| `{d.id}` | {_cell(d.text)} ({_src(d.source)}) | {_cell(d.where)} | {_BASIS[d.basis]} |")
    out += ["", "## Scores", "",
            "| score | item | points | source |", "|---|---|---|---|"]
    for c in kb.wells_criteria.values():
        out.append(f"| DVT Wells (likely from {kb.thresholds['wells_likely_from'].value}) | {_cell(c.text)} "
                   f"| {c.points:+d} | {_src(c.source)} |")
    for c in kb.pe_wells_criteria.values():
        out.append(f"| PE Wells (likely above {kb.thresholds['pe_wells_likely_above'].value}) | {_cell(c.text)} "
                   f"| +{c.points:g} | {_src(c.source)} |")
    out += ["", "## Sources", ""]
    out += [f"- `{s.id}` ({s.kind.replace('_', ' ')}): {s.title}" + (f" <{s.url}>" if s.url else "")
            for s in kb.sources.values()]
    return "\n".join(out) + "\n"
