"""Every hostile input of the corpus (corpus.py) ends in one short line and the right exit code,
within a resource limit (10 s of CPU, 1 GiB of address space), and never in a traceback.

The limit is the assertion on time and memory: a run that the limit ended (SIGXCPU), or that
ran out of memory (a MemoryError is not one clean line with the expected code), fails. Wall-clock
seconds are never asserted (they are recorded in docs/hostile-input.md by measure.py).
"""
from __future__ import annotations

import os
import sys

import pytest

from corpus import ENTRIES, Entry
from harness import ADDRESS_SPACE, CPU_SECONDS, run

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="uses Linux resource limits and /dev devices")

#: One line is also a short line: no message repeats a large piece of the input.
MAX_LINE_CHARS = 400


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.id for e in ENTRIES])
def test_hostile_input_ends_in_one_line_within_the_limit(entry: Entry, tmp_path):
    for device in (entry.stdout, entry.stdin):
        if device and device.startswith("/dev/") and not os.path.exists(device):
            pytest.skip(f"{device} is missing on this system")
    outcome = run(entry, tmp_path)
    assert outcome.finished, (f"{entry.id}: ended by {outcome.signal}, not within the limit of {CPU_SECONDS} s CPU "
                              f"and {ADDRESS_SPACE >> 20} MiB")
    assert "Traceback" not in outcome.stderr, outcome.stderr[-2000:]
    assert outcome.code == entry.expect, f"exit {outcome.code}, stderr: {outcome.stderr[:500]!r}"
    if entry.expect == 0:
        assert outcome.stderr == ""
        assert entry.fragment in outcome.stdout, outcome.stdout[:500]
        return
    assert len(outcome.stderr_lines) == 1 and outcome.stderr.endswith("\n"), outcome.stderr[:1000]
    line = outcome.stderr_lines[0]
    assert entry.fragment in line
    assert len(line) <= MAX_LINE_CHARS, f"{len(line)} characters: {line[:200]}..."
    if entry.api is None:
        assert line.startswith("legtwitch: error: " if entry.expect == 2 else "legtwitch: ")
        assert entry.stdout or outcome.stdout == ""  # nothing half-written on stdout
    elif entry.error_type is not None:
        assert line.startswith(f"{entry.error_type}: ")
