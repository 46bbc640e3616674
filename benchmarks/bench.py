"""Benchmark: import cost of legtwitch and triage throughput on one core.

Run:  .venv/bin/python benchmarks/bench.py  [--scenarios 100000] [--runs 15]
Targets (issue 2): importing adds < 30 ms over a bare interpreter start; >= 50,000 triages/s.
Numbers are printed, never asserted in tests (timing depends on the machine).
"""
from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time


def _median_start(code: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scenarios", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=15, help="interpreter starts per measurement")
    parser.add_argument("--seed", type=int, default=2417)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core

    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores (pinned to one)")
    bare = _median_start("pass", args.runs)
    with_import = _median_start("import legtwitch", args.runs)
    first_triage = _median_start("import legtwitch; legtwitch.triage({})", args.runs)
    print(f"interpreter start (median of {args.runs}):        {bare * 1000:7.1f} ms")
    print(f"start + import legtwitch:                 {with_import * 1000:7.1f} ms  (import adds {(with_import - bare) * 1000:.1f} ms; target < 30)")
    print(f"start + import + first triage (loads KB): {first_triage * 1000:7.1f} ms")

    from legtwitch import triage
    from legtwitch.generator import generate_scenarios

    t0 = time.perf_counter()
    scenarios = generate_scenarios(args.scenarios, args.seed)
    gen = time.perf_counter() - t0
    triage(scenarios[0])  # warm the knowledge-base cache
    t0 = time.perf_counter()
    levels = [triage(s).level for s in scenarios]
    elapsed = time.perf_counter() - t0
    print(f"generated {len(scenarios):,} scenarios (seed {args.seed}) in {gen:.2f} s ({len(scenarios) / gen:,.0f}/s)")
    print(f"triaged   {len(scenarios):,} scenarios in {elapsed:.2f} s: {len(scenarios) / elapsed:,.0f} triages/s (target >= 50,000)")
    counts = {lvl.value: sum(1 for l in levels if l is lvl) for lvl in dict.fromkeys(levels)}
    print("level mix:", ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))


if __name__ == "__main__":
    main()
