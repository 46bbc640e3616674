"""Display helpers shared by notebooks, quizzes and widgets (no ipywidgets needed)."""
from __future__ import annotations

from typing import Any


class Report(str):
    """A string that a notebook shows as plain text: no quotes, real line breaks.

    Notebook cells end with one call that returns a ``Report``; nbval then compares exactly
    the text a student reads.
    """

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        p.text(str(self))


class Answer(Report):
    """An answer that stays folded until the student opens it: in a notebook the HTML view is a
    closed ``<details>`` box, so committing an estimate first is the natural order; the plain
    text (what nbval compares, and what a terminal prints) is the full answer.
    """

    summary = "Show the answer (commit your own first)"

    def __new__(cls, text: str, summary: str | None = None) -> "Answer":
        obj = super().__new__(cls, text)
        if summary is not None:
            obj.summary = summary
        return obj

    def _repr_html_(self) -> str:
        import html
        return (f"<details class='lt-answer'><summary>{html.escape(self.summary)}</summary>"
                f"<pre style='white-space:pre-wrap'>{html.escape(str(self))}</pre></details>")
