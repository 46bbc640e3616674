"""Interactive teaching widgets and notebook display helpers for legtwitch.

The widget builders return small objects that wrap ipywidgets controls:

- ``wells_calculator()``      tick Wells criteria, see total, category and next test
- ``differential_explorer()`` toggle findings, watch the ranked causes change
- ``treatment_picker()``      choose a cause, see its treatments, cautions and sources
- ``workup_planner()``        scenario -> recommended tests with why
- ``movement_explorer()``     what kind of movement is it? each kind in or out, and why
- ``probability_explorer()``  pre-test probability, a test result, the Fagan nomogram
- ``estimate_first(...)``     commit a number, then see the calculation
- ``case_runner(...)``        a case stage by stage: commit a decision, then see the answer
- ``scenario_explorer()``     every vocabulary field, case loader, full live result

Every builder emits no output on construction, updates live on every control change,
and can be scripted: ``w.set(calf_pain=True)``, ``w.result``, ``w.summary()``,
``w.reset()``. Display one by leaving it as the last expression of a cell.

``ipywidgets`` is imported only by the builder modules, and only when a builder is
asked for: ``legtwitch.widgets.views`` (plain HTML/text tables and summaries) works
without it.
"""
from __future__ import annotations

import importlib

_LAZY = {
    "wells_calculator": "wells",
    "WellsCalculator": "wells",
    "differential_explorer": "differential",
    "DifferentialExplorer": "differential",
    "treatment_picker": "treatment",
    "TreatmentPicker": "treatment",
    "workup_planner": "workup",
    "WorkupPlanner": "workup",
    "movement_explorer": "movement",
    "MovementExplorer": "movement",
    "probability_explorer": "probability",
    "ProbabilityExplorer": "probability",
    "estimate_first": "probability",
    "EstimateFirst": "probability",
    "case_runner": "runner",
    "CaseRunner": "runner",
    "scenario_explorer": "explorer",
    "ScenarioExplorer": "explorer",
}

__all__ = sorted(_LAZY) + ["views"]


def __getattr__(name: str):
    if name in _LAZY:
        module = importlib.import_module(f"{__name__}.{_LAZY[name]}")
        return getattr(module, name)
    if name == "views":
        return importlib.import_module(f"{__name__}.views")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
