"""Shared machinery of the widgets: one labelled control per vocabulary field, live updates.

Controls are built from ``FIELD_SPECS`` (never a hand-typed field list): a checkbox for a
boolean, a dropdown with "unknown" for a choice, a text box for a number (empty means
unknown; anything that is not a valid value is shown as an error, never guessed).
Callbacks only write widget traits (``HTML.value``); nothing is printed.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterable, Iterator

import ipywidgets as w

from ..errors import ScenarioError, short_repr
from ..scenario import GROUPS, SPECS, FieldSpec, Scenario, check_value, unknown_key_error
from ..yamlio import number_from_text
from . import views

DESC_STYLE = {"description_width": "initial"}


def make_control(spec: FieldSpec) -> w.ValueWidget:
    """A labelled control (with a tooltip naming the field and what it accepts) for one field."""
    if spec.kind == "bool":
        tooltip = f"{spec.description}: tick it if the person has it"
    elif spec.kind == "choice":
        tooltip = f"{spec.description}: choose one, or leave it as unknown"
    else:
        tooltip = f"{spec.description}: {spec.allowed.replace('leave out', 'leave empty')}"
    if spec.kind == "bool":
        return w.Checkbox(value=False, description=spec.description, tooltip=tooltip, indent=False,
                          style=DESC_STYLE, layout=w.Layout(width="auto"))
    if spec.kind == "choice":
        return w.Dropdown(options=[("unknown", None), *((spec.choice_label(c), c) for c in spec.choices)], value=None,
                          description=spec.description, tooltip=tooltip, style=DESC_STYLE)
    # A number box fits its column: the label takes up to 55 % and wraps, the box the rest.
    return w.Text(value="", placeholder="unknown", description=spec.description, tooltip=tooltip,
                  continuous_update=False, style={"description_width": "55%"}, layout=w.Layout(width="100%"))


def control_to_value(spec: FieldSpec, raw: Any) -> Any:
    """The field value a control's raw value stands for (raises ScenarioError if invalid)."""
    if spec.kind in ("bool", "choice"):
        return check_value(spec.name, raw)
    text = str(raw).strip()
    if text == "":
        return None
    try:
        number = number_from_text(text)  # the numbers a scenario file accepts, nothing else
    except ValueError:
        raise ScenarioError(f"field {spec.name!r}: got {short_repr(text)}, allowed: {spec.allowed}",
                            field=spec.name) from None
    return check_value(spec.name, number)


def value_to_control(spec: FieldSpec, value: Any) -> Any:
    """The raw control value that shows a (validated) field value, exactly: the box shows the
    number the engine uses (``repr`` of a float round-trips; ``13.9999999`` never becomes 14)."""
    if spec.kind == "bool":
        return bool(value)
    if spec.kind == "choice":
        return value
    if value is None:
        return ""
    return str(value) if isinstance(value, int) else repr(float(value))


def plain_message(err: ScenarioError) -> str:
    """The error as a student reads it: the control's label instead of the field id."""
    text = str(err)
    field = getattr(err, "field", None)
    if isinstance(field, str) and field in SPECS:
        text = text.replace(f"field {field!r}", SPECS[field].description).replace("leave out", "leave empty")
    return text


def default_control_value(spec: FieldSpec) -> Any:
    return value_to_control(spec, None if spec.kind != "bool" else False)


#: The project's widget styles: labels wrap instead of being cut off with "...", a visible focus
#: ring for keyboard users, and the sticky result strip. Scoped to ``.lt-widget``.
WIDGET_CSS = """<style>
.lt-widget .widget-label-basic, .lt-widget .widget-label, .lt-widget .widget-checkbox label {
  white-space: normal; overflow: visible; text-overflow: clip; height: auto; line-height: 1.3; }
.lt-widget .widget-checkbox, .lt-widget .widget-inline-hbox { height: auto; min-height: var(--jp-widgets-inline-height, 28px); }
.lt-widget .widget-checkbox { align-items: flex-start; }
.lt-widget .widget-checkbox input[type=checkbox] { flex: none; margin-top: 4px; }
.lt-widget .widget-text input, .lt-widget .widget-dropdown select { min-width: 8em; }
.lt-widget :focus-visible, .lt-widget input:focus, .lt-widget select:focus, .lt-widget button:focus {
  outline: 3px solid #1a73e8 !important; outline-offset: 2px; }
.lt-widget .widget-box:not(.lt-scroll) { overflow: visible; }
.lt-widget .widget-html, .lt-widget .widget-text, .lt-widget .widget-box {
  max-width: calc(100% - 2 * var(--jp-widgets-margin, 2px)); }
.lt-widget .lt-strip { box-sizing: border-box; background: var(--jp-layout-color0, #fff); border: 1px solid #bbb; border-radius: 4px;
  padding: 4px 8px; }
</style>"""


def widget_bundle(widget: w.Widget, title: str) -> dict:
    """The widget's display data, with a readable plain-text fallback instead of the raw repr.

    The fallback is what a notebook shows before it is run (no widget state is saved) and
    what slides and text front-ends show. The first display also gives the widget the project's
    styles (``WIDGET_CSS``): one place, so every widget gets the same accessible look.
    """
    if "lt-widget" not in widget._dom_classes and isinstance(widget, w.Box):
        widget.add_class("lt-widget")
        widget.children = (w.HTML(WIDGET_CSS), *widget.children)
    bundle = dict(widget._repr_mimebundle_())
    bundle["text/plain"] = f"[{title}: interactive widget - run the notebook to use it]"
    return bundle


class ScenarioWidget:
    """A form of scenario controls and a live result panel; subclasses say what to show.

    Scriptable: ``set(**fields)`` validates and applies values (one update), ``reset()``
    clears the form, ``scenario`` / ``result`` give the current state, ``summary()`` a
    short text, ``error`` the message for invalid typed input (else ``None``).
    """

    title = "Scenario"
    intro = ""
    #: Widgets that support "predict first" name what the student predicts (a level, a total).
    prediction_label: str | None = None

    def __init__(self, fields: Iterable[str], *, predict_first: bool = False):
        self.fields = tuple(fields)
        if predict_first and self.prediction_label is None:
            raise ValueError(f"the {self.title} has no predict-first mode")
        self._answer_html = ""
        self._revealed = False
        self.prediction_verdict: str | None = None
        self.predict_toggle = w.Checkbox(
            value=predict_first, indent=False, description="Predict first: hide the answer until I commit a prediction",
            tooltip="When ticked, the answer stays hidden after every change until you commit your prediction",
            style=DESC_STYLE, layout=w.Layout(width="auto"))
        self.prediction = self.make_prediction_control() if self.prediction_label else None
        self.predict_button = w.Button(description="Commit my prediction", button_style="primary",
                                       tooltip="Commit your prediction; the answer appears after it",
                                       layout=w.Layout(width="auto"))
        self.predict_button.on_click(lambda _b: self._predict_from_control())
        self.predict_row = w.HBox([self.prediction, self.predict_button]) if self.prediction is not None else w.HBox()
        self.predict_toggle.observe(lambda _c: self._show_panel(), names="value")
        # The result in one line, right above the controls, so a click shows its effect at once.
        self.strip = w.HTML(layout=w.Layout(width="100%"))
        self.strip.add_class("lt-strip")
        for name in self.fields:
            if name not in SPECS:
                raise unknown_key_error(name, list(SPECS))
        self.controls: dict[str, w.ValueWidget] = {name: make_control(SPECS[name]) for name in self.fields}
        self.panel = w.HTML(layout=w.Layout(width="100%"))
        self.reset_button = w.Button(description="Reset", icon="undo", button_style="",
                                     tooltip="Clear every control back to its default (nothing ticked, unknown values)")
        self.error: str | None = None
        self._scenario = Scenario()
        self._result: Any = None
        self._batch = 0
        self._dirty = False
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self.reset_button.on_click(lambda _button: self.reset())
        self._refresh()
        self.widget = self._layout()

    # -- layout -----------------------------------------------------------------------
    def group_boxes(self) -> list[w.Widget]:
        """One titled box per vocabulary group that has controls here, in ``GROUPS`` order."""
        boxes = []
        for group, label in GROUPS.items():
            names = [n for n in self.fields if SPECS[n].group == group]
            if names:
                boxes.append(w.VBox([w.HTML(f"<strong>{views.esc(label)}</strong>"),
                                     *(self.controls[n] for n in names)],
                                    layout=w.Layout(border="1px solid #ccc", padding="4px 8px", margin="2px")))
        return boxes

    def _header(self) -> w.Widget:
        return w.HTML(f"<h3>{views.esc(self.title)}</h3><p>{views.esc(self.intro)}</p>")

    def _layout(self) -> w.Widget:
        grid = controls_grid(self.group_boxes())
        return w.VBox([self._header(), self.strip, grid, self.reset_button, *self.predict_box(), self.panel])

    def _repr_mimebundle_(self, **kwargs: Any):
        return widget_bundle(self.widget, self.title)

    # -- state ------------------------------------------------------------------------
    @contextmanager
    def batch(self) -> Iterator[None]:
        """Change several controls with a single recomputation at the end."""
        self._batch += 1
        try:
            yield
        finally:
            self._batch -= 1
            if self._batch == 0 and self._dirty:
                self._refresh()

    def _on_change(self, _change: dict) -> None:
        if self._batch:
            self._dirty = True
        else:
            self._refresh()

    def read_scenario(self) -> Scenario:
        """The scenario the controls show now (raises ScenarioError for invalid typed input)."""
        values = {name: control_to_value(SPECS[name], c.value) for name, c in self.controls.items()}
        return self.base_scenario().replace(**values)

    def base_scenario(self) -> Scenario:
        """Fields this widget has no control for keep these values (default: all unset)."""
        return Scenario()

    def _refresh(self) -> None:
        """Recompute from the controls. Runs inside widget callbacks, so it never raises: any
        problem is shown in the panel (one line), and ``result`` is ``None`` until it is fixed,
        so no earlier result stays on screen looking valid."""
        self._dirty = False
        try:
            scenario = self.read_scenario()
            result = self.compute(scenario)
            html = self.render(result)
        except ScenarioError as err:  # typed input that is not a valid value
            self._show_error("Invalid input", plain_message(err))
            return
        except Exception as err:  # broken package data or a bug: shown, never raised in a callback
            self._show_error("Something went wrong", f"{type(err).__name__}: {err}")
            return
        self.error = None
        self._scenario = scenario
        self._result = result
        self._answer_html = html
        self._revealed = False  # a change asks for a new prediction
        self.prediction_verdict = None
        self._show_panel()

    # -- predict first ------------------------------------------------------------------
    @property
    def predicting(self) -> bool:
        return bool(self.prediction_label) and self.predict_toggle.value

    @property
    def answer_hidden(self) -> bool:
        """Whether the answer is hidden now (predict-first on and no prediction committed)."""
        return self.predicting and not self._revealed and self.error is None

    def _show_panel(self) -> None:
        if self.error is not None:
            return
        if self.prediction is not None:
            # Shown or hidden with explicit values ("flex"/"none"): a control that vanishes and
            # reappears keeps its place for keyboard users; after a commit the button is disabled.
            self.predict_row.layout.display = "flex" if self.predicting else "none"
            self.predict_button.disabled = self._revealed
            self.predict_button.description = "Prediction committed" if self._revealed else "Commit my prediction"
        if self.answer_hidden:
            self.panel.value = ("<p role='status' aria-live='polite'><em>Answer hidden: commit your prediction "
                                f"({views.esc(self.prediction_label)}) to see it.</em></p>")
            self.strip.value = f"<em>Answer hidden: commit {views.esc(self.prediction_label)} below.</em>"
            return
        self.strip.value = self.strip_html(self._result)
        verdict = (f"<p role='status' aria-live='polite'><strong>{views.esc(self.prediction_verdict)}</strong></p>"
                   if self.predicting and self.prediction_verdict else "")
        self.panel.value = verdict + self._answer_html

    def _predict_from_control(self) -> None:
        try:
            self.predict(self.prediction.value)
        except ValueError as err:
            self.panel.value = f"<p role='alert'><strong>&#9888; Not committed:</strong> {views.esc(str(err))}</p>"

    def predict(self, value: Any) -> views.Report:
        """Commit a prediction and reveal the answer, with a verdict on the prediction."""
        if self.prediction_label is None:
            raise ValueError(f"the {self.title} has no predict-first mode")
        if self.error is not None:
            raise ValueError(f"fix the input first: {self.error}")
        verdict = self.judge_prediction(value, self._result)
        shown = str(value) if isinstance(self.prediction, w.Text) else value
        if self.prediction is not None and self.prediction.value != shown:
            self.prediction.value = shown
        self.prediction_verdict = verdict
        self._revealed = True
        self._show_panel()
        return views.Report(verdict)

    def make_prediction_control(self) -> w.ValueWidget:  # pragma: no cover - overridden where supported
        raise NotImplementedError

    def judge_prediction(self, value: Any, result: Any) -> str:  # pragma: no cover - overridden where supported
        raise NotImplementedError

    def predict_box(self) -> list[w.Widget]:
        """The predict-first controls (empty for widgets without the mode)."""
        if self.prediction is None:
            return []
        return [self.predict_toggle, self.predict_row]

    def _show_error(self, title: str, message: str) -> None:
        self.error = " ".join(message.split())[:500]  # one line, bounded
        self.panel.value = (f"<p role='alert' style='color:#b71c1c'><strong>&#9888; {views.esc(title)}:</strong> "
                            f"{views.esc(self.error)}</p>")
        self.strip.value = f"<strong>&#9888; {views.esc(title)}</strong> (see below)"

    def strip_html(self, result: Any) -> str:
        """The one-line result above the controls: the level and the strongest reason."""
        from ..render import level_badge_html
        return (f"{level_badge_html(result)} <strong>{views.esc(result.reasons[0].name)}</strong>"
                f" <small>(full result below)</small>")

    def compute(self, scenario: Scenario) -> Any:
        from ..engine import triage
        return triage(scenario)

    def render(self, result: Any) -> str:
        from ..render import render_html
        return render_html(result)

    @property
    def scenario(self) -> Scenario:
        """The last valid scenario shown."""
        return self._scenario

    @property
    def result(self) -> Any:
        """The result for the current controls (``None`` while the typed input is invalid)."""
        return None if self.error else self._result

    def set(self, **values: Any) -> None:
        """Set fields by name, all or nothing: every value is validated first (an unknown or
        invalid one raises ScenarioError and changes nothing), then all are applied with one
        recomputation. Should applying fail half-way, every control is put back."""
        raw = {}
        for name, value in values.items():
            if name not in SPECS:
                raise unknown_key_error(name, list(SPECS))
            if name not in self.controls:
                raise ScenarioError(f"field {name!r} has no control in the {self.title}; "
                                    f"its fields are: {', '.join(self.fields)}", field=name)
            raw[name] = value_to_control(SPECS[name], check_value(name, value))
        before = {name: control.value for name, control in self.controls.items()}
        try:
            with self.batch():
                for name, value in raw.items():
                    self.controls[name].value = value
        except BaseException:
            with self.batch():
                for name, value in before.items():
                    self.controls[name].value = value
            raise

    def reset(self) -> None:
        """Every control back to its default; one recomputation."""
        with self.batch():
            for name, control in self.controls.items():
                control.value = default_control_value(SPECS[name])

    def summary(self) -> views.Report:
        """The current result as short plain text (for notebooks compared by nbval)."""
        if self.error:
            return views.Report(f"Invalid input: {self.error}")
        return views.Report("\n".join(self.summary_lines(self._result)))

    def summary_lines(self, result: Any) -> list[str]:
        """The lines of ``summary()`` for a valid form; subclasses show their own focus."""
        return str(views.summarize(result)).splitlines()


def controls_grid(boxes: list[w.Widget]) -> w.Widget:
    """Grouped controls in columns, at most about 460 px high (scrolling inside), so that the
    one-line result above them and the full result below stay in view while clicking."""
    grid = w.GridBox(boxes, layout=w.Layout(grid_template_columns="repeat(auto-fill, minmax(280px, 1fr))",
                                            max_height="460px", overflow="hidden auto"))
    grid.add_class("lt-scroll")
    return grid


def focused_panel(result: Any, section_html: str) -> str:
    """A widget's own section under the level badge, with the full result folded below it."""
    from ..render import level_badge_html, render_html
    return (f"<p role='status'>{level_badge_html(result)} {views.esc(result.level.action)}</p>"
            + section_html
            + "<details><summary>Full triage result</summary>" + render_html(result) + "</details>")


def fields_of_groups(*groups: str) -> tuple[str, ...]:
    """Field names of the given groups, in vocabulary order (from FIELD_SPECS)."""
    from ..scenario import FIELD_SPECS
    for g in groups:
        if g not in GROUPS:
            raise ValueError(f"unknown group {g!r}; groups: {', '.join(GROUPS)}")
    return tuple(s.name for s in FIELD_SPECS if s.group in groups)
