"""Shared test settings. Hypothesis: no example database on CI (clean clones), no deadline
(timing is measured by benchmarks/, never asserted in tests).

The quick loop: ``make test-fast`` sets LEGTWITCH_QUICK=1, and then every property test draws at
most QUICK_EXAMPLES examples (a test's own ``@settings(max_examples=...)`` is capped, never
raised); ``make test`` and CI draw every example each test asks for.

Markers (browser, notebook, slow) and the parallel groups of the notebooks are applied by the
conftest.py at the repository root."""
import os

from hypothesis import HealthCheck, settings

settings.register_profile("default", deadline=None)
settings.register_profile("ci", deadline=None, database=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci" if os.environ.get("CI") else "default")

QUICK = bool(os.environ.get("LEGTWITCH_QUICK"))
QUICK_EXAMPLES = 200


def pytest_report_header(config):
    if QUICK:
        return f"quick loop (LEGTWITCH_QUICK): at most {QUICK_EXAMPLES} examples per property; make test draws them all"


def pytest_collection_modifyitems(config, items):
    if not QUICK:
        return
    for item in items:
        test = getattr(item, "obj", None)
        test = getattr(test, "__func__", test)
        # @given keeps the test's settings here and reads them when the test runs.
        current = getattr(test, "_hypothesis_internal_use_settings", None)
        if current is not None and current.max_examples > QUICK_EXAMPLES:
            test._hypothesis_internal_use_settings = settings(current, max_examples=QUICK_EXAMPLES)
