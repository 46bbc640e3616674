"""What a student sees while practising a case, as HTML and as plain text: the stages shown so
far, and after the commit the feedback, the test results with the probability they lead to,
and the engine's full answer. Used by the case runner widget and the notebooks' checking cells.
"""
from __future__ import annotations

import html

from .case_practice import CaseRun
from .levels import TriageLevel
from .probability import format_percent
from .render import level_badge_html, render_html
from .scoring import Feedback, SessionSummary
from .stages import Stage

esc = html.escape
_VERDICT_MARK = {"right": "✓", "close": "≈", "cost": "△", "wrong": "✗", "missed": "✗", "dangerous": "‼",
                 "not scored": "•"}


def stages_html(stages: tuple[Stage, ...]) -> str:
    return "".join(f"<h4 style='margin:8px 0 2px'>{esc(s.title)}</h4><p style='margin:0 0 6px'>{esc(s.text)}</p>"
                   for s in stages)


def stages_text(stages: tuple[Stage, ...]) -> str:
    return "\n".join(f"{s.title}: {s.text}" for s in stages)


def results_lines(run: CaseRun, *, with_text: bool = True) -> list[str]:
    """The test results of the case and, where the engine has a probability outlook for that
    test, the probability of a clot after the result (``with_text=False``: only the latter, for
    the answer panel, where the results' text is already on screen among the stages)."""
    lines = []
    outlook = run.result.probability if run.revealed else None
    for stage in run.case.result_stages:
        if with_text:
            lines.append(stage.text)
        for test in stage.tests:
            step = next((s for s in (outlook.steps if outlook else ()) if s.test == test.test and not s.condition), None)
            if step is not None:
                after = step.if_positive if test.positive else step.if_negative
                lines.append(f"Probability of a clot: before the test {format_percent(step.start)}, after this "
                             f"result {format_percent(after)}.")
    return lines


def feedback_html(feedback: Feedback) -> str:
    """Part by part: the student's answer against the engine's, with points and where to go back."""
    parts = []
    if feedback.under_triage:
        parts.append(f"<p role='alert' style='border:2px solid {TriageLevel.EMERGENCY.colour};padding:4px 8px'>"
                     f"<strong>‼ Under-triage:</strong> you chose {esc(feedback.committed.level.label)}, the engine "
                     f"says {esc(feedback.engine_level.label)}. This is the dangerous error.</p>")
    for name in feedback.missed_must_not_miss:
        from .words import cause_name
        parts.append(f"<p role='alert'><strong>‼ Missed a must-not-miss cause:</strong> {esc(cause_name(name))}.</p>")
    from .scoring import PART_NAMES
    rows = []
    for p in feedback.parts:
        pts = "" if p.verdict == "not scored" else f"{p.points:+d} of {p.max_points}"
        go = (f"<br><small>Go back to: {esc(p.link[1])} ({esc(p.link[0])})</small>"
              if p.link and p.verdict not in ("right", "not scored") else "")
        rows.append(f"<tr><th scope='row' style='text-align:left;vertical-align:top;padding:2px 6px'>"
                    f"{esc(PART_NAMES[p.part])}</th><td style='text-align:left;vertical-align:top;padding:2px 6px'>"
                    f"{_VERDICT_MARK[p.verdict]} {esc(p.verdict)}</td><td style='text-align:left;vertical-align:top;"
                    f"padding:2px 6px'>{esc(p.message)}{go}</td><td style='text-align:left;vertical-align:top;"
                    f"padding:2px 6px;white-space:nowrap'>{pts}</td></tr>")
    parts.append("<table class='lt-table' style='text-align:left;border-collapse:collapse'>"
                 "<caption style='text-align:left'><strong>Your decision against the engine's</strong></caption>"
                 "<tr><th scope='col' style='text-align:left'>part</th><th scope='col' style='text-align:left'>verdict</th>"
                 "<th scope='col' style='text-align:left'>feedback</th><th scope='col' style='text-align:left'>points</th></tr>"
                 + "".join(rows) + "</table>")
    parts.append(f"<p><strong>Score for this case: {feedback.score} of {feedback.max_score}</strong></p>")
    return "".join(parts)


def answer_html(run: CaseRun) -> str:
    """Everything that appears after the commit: feedback, test results, the engine's answer."""
    if not run.revealed:
        return ""
    fb = run.feedback
    parts = [f"<h3 style='margin-top:12px'>The answer: {level_badge_html(run.result)} "
             f"<small>({esc(run.case.title)})</small></h3>", feedback_html(fb)]
    lines = results_lines(run, with_text=False)
    if lines:
        parts.append("<h4>What the test result does to the probability</h4>" + "".join(f"<p>{esc(x)}</p>" for x in lines))
    if run.case.teaching_points:
        parts.append("<h4>Teaching points</h4><ul>" + "".join(f"<li>{esc(t)}</li>" for t in run.case.teaching_points)
                     + "</ul>")
    parts.append("<details open><summary><strong>The engine's full answer, with its reasons and sources</strong>"
                 "</summary>" + render_html(run.result) + "</details>")
    return "".join(parts)


def answer_text(run: CaseRun) -> str:
    if not run.revealed:
        return "No answer yet: commit your decision first."
    lines = [f"Case: {run.case.title}", f"Engine: {run.result.level.symbol} {run.result.level.label}",
             run.feedback.text()]
    lines += results_lines(run)
    return "\n".join(lines)


def summary_html(summary: SessionSummary, names: dict[str, str]) -> str:
    lines = summary.text(names).splitlines()
    return "<div role='status' aria-live='polite'><h4>This session</h4>" + "".join(
        f"<p style='margin:2px 0'>{esc(x)}</p>" for x in lines) + "</div>"
