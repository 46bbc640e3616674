"""legtwitch: twitching in the leg - when is it harmless, and when is it a thrombosis?

A teaching module, not a medical device. The core imports only the standard library and
PyYAML; ``legtwitch.widgets`` (ipywidgets) is imported only when asked for.

The public names below are loaded on first use (PEP 562), so ``import legtwitch`` stays
fast for the command line and for notebooks that only need part of the package.
"""
from importlib import import_module

__version__ = "0.1.0"

_PUBLIC = {
    "Scenario": "scenario", "FIELD_SPECS": "scenario",
    "ScenarioError": "errors", "DataError": "errors",
    "TriageLevel": "levels", "TriageResult": "result",
    "triage": "engine", "wells_score": "wells", "WellsScore": "wells",
    "load_knowledge": "knowledge", "load_cases": "cases", "get_case": "cases",
    "generate_cases": "generator", "check_environment": "environment",
    "render_text": "render", "render_html": "render", "render_json": "render",
}
__all__ = [*_PUBLIC, "__version__"]


def __getattr__(name):
    if name in _PUBLIC:
        value = getattr(import_module(f".{_PUBLIC[name]}", __name__), name)
        globals()[name] = value  # later look-ups skip this hook
        return value
    raise AttributeError(f"module 'legtwitch' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_PUBLIC))
