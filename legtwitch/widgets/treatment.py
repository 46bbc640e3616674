"""Cause and treatment picker: choose a cause, see its treatments, cautions and sources."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import ipywidgets as w

from ..knowledge import load_knowledge
from . import views
from ._base import widget_bundle


@dataclass(frozen=True)
class CauseTreatments:
    """The picked cause and the ids of the treatments that answer it (knowledge-base order)."""

    cause: str
    treatment_ids: tuple[str, ...]


class TreatmentPicker:
    """A dropdown of causes (the knowledge base's differential) and a live treatment panel.

    Scriptable: ``set(cause="stress")``, ``result`` (a ``CauseTreatments``), ``summary()``,
    ``reset()`` (back to the first cause).
    """

    title = "Treatment depends on the cause"

    def __init__(self) -> None:
        kb = load_knowledge()
        self.causes = tuple(kb.causes)
        self.dropdown = w.Dropdown(options=[(c.name, c.id) for c in kb.causes.values()], value=self.causes[0],
                                   description="Cause of the twitching",
                                   tooltip="Choose a cause; its treatments, cautions and sources appear below",
                                   style={"description_width": "initial"})
        self.reset_button = w.Button(description="Reset", icon="undo",
                                     tooltip="Back to the first cause in the list")
        self.panel = w.HTML(layout=w.Layout(width="100%"))
        self.dropdown.observe(lambda _change: self._refresh(), names="value")
        self.reset_button.on_click(lambda _button: self.reset())
        self._refresh()
        self.widget = w.VBox([
            w.HTML(f"<h3>{views.esc(self.title)}</h3><p>The source text's treatment section ties every "
                   f"treatment to a cause. Pick one to see what helps, what to watch out for, and where "
                   f"it comes from.</p>"),
            w.HBox([self.dropdown, self.reset_button]), self.panel])

    def _refresh(self) -> None:
        kb = load_knowledge()
        cause = kb.causes[self.dropdown.value]
        flag = " <strong>(must not miss)</strong>" if cause.must_not_miss else ""
        self._result = CauseTreatments(cause.id, tuple(
            t.id for t in kb.treatments.values() if cause.id in t.for_causes))
        self.panel.value = (f"<p><strong>{views.esc(cause.name)}</strong>{flag}: {views.esc(cause.text)} "
                            f"{views.cite_html(cause.source)}</p>" + views.treatments_table(cause.id).html)

    def _repr_mimebundle_(self, **kwargs: Any):
        return widget_bundle(self.widget, self.title)

    @property
    def result(self) -> CauseTreatments:
        return self._result

    def set(self, *, cause: str) -> None:
        """Pick a cause by id (an unknown id raises ValueError listing the known ones)."""
        if cause not in self.causes:
            raise ValueError(f"unknown cause {cause!r}; known: {', '.join(self.causes)}")
        self.dropdown.value = cause

    def reset(self) -> None:
        self.dropdown.value = self.causes[0]

    def summary(self) -> views.Report:
        kb = load_knowledge()
        lines = [f"Cause: {kb.causes[self._result.cause].name}"]
        for tid in self._result.treatment_ids:
            t = kb.treatments[tid]
            lines.append(f"  - {t.name}: {t.text} {views.cite_text(t.source)}")
            if t.caution:
                lines.append(f"    Caution: {t.caution}")
        return views.Report("\n".join(lines))


def treatment_picker() -> TreatmentPicker:
    """Build a cause/treatment picker (no output until displayed)."""
    return TreatmentPicker()
