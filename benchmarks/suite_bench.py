"""Benchmark: the test suite and the JupyterLite first load, this checkout against a baseline
commit, side by side in one run (issue 16). Numbers are printed, never asserted.

Run:  make bench-suite                      (= .venv/bin/python benchmarks/suite_bench.py)
      .venv/bin/python benchmarks/suite_bench.py --baseline 88fcb5f --runs 2 --variants full,no-browser,fast

What it does:
1. The baseline commit is exported (``git archive``, no worktree bookkeeping) to
   ``.cache/bench/<commit>/src`` with its own ``.venv`` and its own JupyterLite site; kept
   between runs (delete the folder to start afresh). The downloads of the site build are
   copied from this checkout's ``.cache/lite`` first, so only the build tools come from PyPI.
2. Both checkouts get their venv and an up-to-date site before anything is timed: the timed
   part is pytest alone ("pytest time"), as in docs/performance.md.
3. Each variant runs baseline, then this checkout, ``--runs`` times, alternating, so a busy
   machine hurts both alike. Variants:
   - ``full``: the README command of each checkout (baseline: ``pytest``; here: ``make test``);
   - ``no-browser``: the same with ``--ignore=tests/browser`` (what a machine without Chromium runs);
   - ``fast``: ``make test-fast`` (this checkout only: the baseline has no quick loop).
   For each: wall time, CPU time of all child processes (user + system: Jupyter kernels,
   Chromium, servers), pytest's own time and result line, and the load average before and after.
4. The JupyterLite first load of both sites (``browser_bench.py --lite-only``), interleaved.

The machine is shared: read the load averages next to each figure, and prefer the CPU times and
the baseline/current ratio of the same run over absolute wall times.
"""
from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / ".cache" / "bench"
VARIANTS = ("full", "no-browser", "fast")


def loadavg() -> str:
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def sh(cmd: list[str], cwd: Path, **kw) -> subprocess.CompletedProcess:
    print(f"  $ (cd {cwd} && {' '.join(cmd)})", flush=True)
    return subprocess.run(cmd, cwd=cwd, check=True, **kw)


def prepare_baseline(commit: str) -> Path:
    """``.cache/bench/<commit>/src``: the commit's files, its venv and its JupyterLite site."""
    full = subprocess.run(["git", "rev-parse", "--verify", f"{commit}^{{commit}}"], cwd=ROOT, check=True,
                          capture_output=True, text=True).stdout.strip()
    src = BENCH / full[:12] / "src"
    stamp = src / ".bench-commit"
    if not (stamp.exists() and stamp.read_text().strip() == full):
        shutil.rmtree(src, ignore_errors=True)
        src.mkdir(parents=True)
        archive = subprocess.run(["git", "archive", full], cwd=ROOT, check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(src)], input=archive, check=True)
        stamp.write_text(full + "\n")
    # The site build's downloads (Pyodide, PyYAML sdist, pinned wheels): copied, not fetched again.
    here, there = ROOT / ".cache" / "lite", src / ".cache" / "lite"
    for name in ("wheels",):
        if (here / name).is_dir() and not (there / name).exists():
            shutil.copytree(here / name, there / name)
    for path in list(here.glob("pyodide-*.tgz")) + list(here.glob("pyyaml-*.tar.gz")):
        there.mkdir(parents=True, exist_ok=True)
        if not (there / path.name).exists():
            shutil.copy2(path, there / path.name)
    return src


def prepare(checkout: Path) -> None:
    python = checkout / ".venv" / "bin" / "python"
    if python.exists() and subprocess.run([str(python), "-c", "import pytest, legtwitch"], cwd=checkout,
                                          capture_output=True).returncode != 0:
        shutil.rmtree(checkout / ".venv")  # a venv that was moved or broken: made again
    sh(["make", "-s", "venv"], checkout, stdout=subprocess.DEVNULL)
    sh([str(checkout / ".venv" / "bin" / "python"), "scripts/build_lite.py"], checkout, stdout=subprocess.DEVNULL)


def command(checkout: Path, variant: str, is_baseline: bool) -> list[str] | None:
    extra = ["--ignore=tests/browser"] if variant == "no-browser" else []
    if is_baseline:
        if variant == "fast":
            return None
        return [str(checkout / ".venv" / "bin" / "pytest"), "-p", "no:cacheprovider", *extra]  # its `make test`
    if variant == "fast":
        return ["make", "-s", "test-fast"]
    return ["make", "-s", "test", f"PYTEST_ARGS={' '.join(['-p', 'no:cacheprovider', *extra])}"]


def timed(cmd: list[str], cwd: Path, log: Path) -> dict[str, str | float]:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "PYTEST_ADDOPTS")}
    before_load = loadavg()
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    with log.open("w") as out:
        done = subprocess.run(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
    wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    text = log.read_text(errors="replace")
    result = re.findall(r"^=+ (.*? in ([\d.]+)s.*?) =+$", text, flags=re.M)
    return {"wall": wall, "cpu": (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime),
            "pytest": float(result[-1][1]) if result else float("nan"),
            "result": result[-1][0] if result else f"exit {done.returncode}, no pytest summary",
            "exit": done.returncode, "load": f"{before_load} -> {loadavg()}", "log": str(log)}


def fmt_s(seconds: float) -> str:
    minutes, rest = divmod(seconds, 60)
    return f"{int(minutes)} min {rest:.0f} s" if minutes else f"{rest:.1f} s"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--baseline", default="88fcb5f", help="the commit to compare with (default: before issue 16)")
    parser.add_argument("--runs", type=int, default=1, help="runs of each variant and checkout (alternating)")
    parser.add_argument("--variants", default=",".join(VARIANTS), help=f"comma-separated, of {', '.join(VARIANTS)}")
    parser.add_argument("--lite-loads", type=int, default=3, help="JupyterLite first loads per site (0: none)")
    args = parser.parse_args()
    variants = [v for v in args.variants.split(",") if v]
    unknown = set(variants) - set(VARIANTS)
    if unknown:
        parser.error(f"unknown variants: {sorted(unknown)}")

    print(f"{time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores, load average {loadavg()}", flush=True)
    baseline = prepare_baseline(args.baseline)
    print(f"baseline {args.baseline}: {baseline}", flush=True)
    prepare(baseline)
    prepare(ROOT)
    logs = BENCH / "logs"
    logs.mkdir(parents=True, exist_ok=True)

    rows = []
    for variant in variants:
        for run in range(1, args.runs + 1):
            for name, checkout, is_baseline in (("baseline", baseline, True), ("this checkout", ROOT, False)):
                cmd = command(checkout, variant, is_baseline)
                if cmd is None:
                    continue
                print(f"{variant}, run {run}, {name}: {' '.join(cmd)} (load average {loadavg()})", flush=True)
                res = timed(cmd, checkout, logs / f"{variant}-{run}-{'baseline' if is_baseline else 'current'}.log")
                print(f"  -> wall {fmt_s(res['wall'])}, pytest {res['pytest']:.0f} s, CPU {res['cpu']:.0f} s, "
                      f"{res['result']}, load {res['load']}", flush=True)
                rows.append((variant, run, name, res))

    print("\n| variant | run | checkout | pytest time | wall | CPU (all processes) | result | load average before -> after |")
    print("|---|---|---|---|---|---|---|---|")
    for variant, run, name, res in rows:
        print(f"| {variant} | {run} | {name} | {res['pytest']:.0f} s | {fmt_s(res['wall'])} | {res['cpu']:.0f} s | "
              f"{res['result']} | {res['load']} |")
    failed = [r for r in rows if r[3]["exit"] != 0]

    if args.lite_loads:
        print("\nJupyterLite first load, baseline site (site 1) and this checkout's (site 2):", flush=True)
        subprocess.run([str(ROOT / ".venv" / "bin" / "python"), str(ROOT / "benchmarks" / "browser_bench.py"),
                        "--lite-only", "--clicks", "0", "--lite-loads", str(args.lite_loads),
                        "--site", str(baseline / "_site"), "--site", str(ROOT / "_site")], cwd=ROOT, check=True)
    if failed:
        print("\nFAILED runs (see their logs): " + ", ".join(f"{v} {n} run {r}: {res['log']}" for v, r, n, res in failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
