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
