"""legtwitch: twitching in the leg - when is it harmless, and when is it a thrombosis?

A teaching module, not a medical device. The core imports only the standard library and
PyYAML; ``legtwitch.widgets`` (ipywidgets) is imported only when asked for.
"""
from .errors import DataError, ScenarioError
from .knowledge import load_knowledge
from .levels import TriageLevel
from .result import TriageResult
from .scenario import FIELD_SPECS, Scenario
from .triage import triage
from .wells import WellsScore, wells_score

__version__ = "0.1.0"

__all__ = ["Scenario", "ScenarioError", "DataError", "TriageLevel", "TriageResult", "WellsScore",
           "triage", "wells_score", "load_knowledge", "FIELD_SPECS", "load_cases", "generate_cases",
           "render_text", "render_html", "render_json", "__version__"]


def __getattr__(name):  # lazy: keeps ``import legtwitch`` fast
    if name == "load_cases":
        from .cases import load_cases
        return load_cases
    if name == "generate_cases":
        from .generator import generate_cases
        return generate_cases
    if name in ("render_text", "render_html", "render_json"):
        from . import render
        return getattr(render, name)
    raise AttributeError(f"module 'legtwitch' has no attribute {name!r}")
