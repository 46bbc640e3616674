"""Shared test settings. Hypothesis: no example database on CI (clean clones), no deadline
(timing is measured by benchmarks/, never asserted in tests).

Markers (browser, notebook, slow) and the parallel groups of the notebooks are applied by the
conftest.py at the repository root."""
import os

from hypothesis import HealthCheck, settings

settings.register_profile("default", deadline=None)
settings.register_profile("ci", deadline=None, database=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci" if os.environ.get("CI") else "default")
