"""Measure every corpus entry (time, peak memory, exit code, message) and print the Markdown
table of docs/hostile-input.md.

    .venv/bin/python tests/hostile/measure.py                     # this tree only
    .venv/bin/python tests/hostile/measure.py --before OLD/legtwitch   # and an older package

``--before`` runs the same inputs against another copy of the package (e.g. extracted with
``git archive <commit> legtwitch | tar -x -C /tmp/old``). Before-runs get a larger limit
(``--before-cpu``, ``--before-memory``) so that their real cost shows.
"""
from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpus import ENTRIES, INPUTS  # noqa: E402
from harness import ADDRESS_SPACE, CPU_SECONDS, Outcome, run  # noqa: E402


def describe(o: Outcome) -> str:
    """Time, memory, exit code and what the user saw, in one table cell."""
    cost = f"{o.cpu_seconds:.2f} s, {o.max_rss_mib:.0f} MiB"
    lines = o.stderr.strip().splitlines()
    if o.signal == "SIGXCPU":
        return f"{cost}: killed at the CPU limit"
    if o.signal:
        return f"{cost}: killed ({o.signal})"
    if "Traceback" in o.stderr:
        last = lines[-1] if lines else ""
        return f"{cost}: exit {o.code}, traceback {_cell(last, 70)}"
    if o.code == 0:
        out = (o.stdout.strip().splitlines() or [""])[0]
        return f"{cost}: exit 0" + (f", {_cell(out, 50)}" if out else "") + (", stderr text" if o.stderr else "")
    size = f" ({len(o.stderr):,} B)" if len(o.stderr) > 400 else ""
    many = f", {len(lines)} lines" if len(lines) != 1 else ""
    return f"{cost}: exit {o.code}{many}{size}, {_cell(lines[-1] if lines else '', 70)}"


def _cell(text: str, width: int) -> str:
    text = text.replace("legtwitch: error: ", "").replace("legtwitch: ", "")
    text = text.replace(str(INPUTS) + "/", "").replace("|", "\\|").replace("`", "'")
    text = re.sub(r"/tmp/tmp[A-Za-z0-9_]+/", "", text)  # the temporary folder of the run
    return f"`{text if len(text) <= width else text[:width - 3] + '...'}`"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", type=Path, help="an older legtwitch package folder to compare with")
    parser.add_argument("--before-cpu", type=int, default=60)
    parser.add_argument("--before-memory", type=int, default=4096, help="MiB")
    parser.add_argument("--only", nargs="*", help="entry ids")
    parser.add_argument("--before-only", action="store_true", help="skip the runs of this tree")
    args = parser.parse_args()
    entries = [e for e in ENTRIES if not args.only or e.id in args.only]
    print(f"| # | input | before | after ({CPU_SECONDS} s CPU, {ADDRESS_SPACE >> 20} MiB limit) |")
    print("|---|---|---|---|")
    for i, entry in enumerate(entries, 1):
        before = "—"
        if args.before:
            with tempfile.TemporaryDirectory() as tmp:
                o = run(entry, Path(tmp), package=args.before, cpu_seconds=args.before_cpu,
                        address_space=args.before_memory << 20)
                before = describe(o)
        after = "—"
        if not args.before_only:
            with tempfile.TemporaryDirectory() as tmp:
                after = describe(run(entry, Path(tmp)))
        what = entry.what.replace("|", "\\|")
        print(f"| {i} | {what} | {before} | {after} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
