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
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpus import ENTRIES  # noqa: E402
from harness import ADDRESS_SPACE, CPU_SECONDS, Outcome, run  # noqa: E402


def describe(o: Outcome) -> str:
    if o.signal == "SIGXCPU":
        result = "killed at the CPU limit"
    elif o.signal:
        result = f"killed ({o.signal})"
    elif "MemoryError" in o.stderr:
        result = f"exit {o.code}, MemoryError traceback"
    elif "Traceback" in o.stderr:
        kind = o.stderr.strip().splitlines()[-1].split(":")[0][:40]
        result = f"exit {o.code}, traceback ({kind})"
    elif o.code == 0:
        result = "exit 0" + (", stderr text" if o.stderr else "")
    else:
        n = len(o.stderr.splitlines())
        result = f"exit {o.code}, {n} line{'s' if n != 1 else ''}" + (f" ({len(o.stderr):,} B)" if len(o.stderr) > 400 else "")
    return f"{o.cpu_seconds:.2f} s CPU, {o.max_rss_mib:.0f} MiB; {result}"


def message(o: Outcome) -> str:
    lines = o.stderr.strip().splitlines()
    text = lines[-1] if lines else (o.stdout.strip().splitlines() or [""])[0]
    text = text.replace("|", "\\|").replace("`", "'")
    return text if len(text) <= 90 else text[:87] + "..."


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", type=Path, help="an older legtwitch package folder to compare with")
    parser.add_argument("--before-cpu", type=int, default=60)
    parser.add_argument("--before-memory", type=int, default=4096, help="MiB")
    parser.add_argument("--only", nargs="*", help="entry ids")
    parser.add_argument("--before-only", action="store_true", help="skip the runs of this tree")
    args = parser.parse_args()
    entries = [e for e in ENTRIES if not args.only or e.id in args.only]
    print(f"| # | input | before | after ({CPU_SECONDS} s CPU, {ADDRESS_SPACE >> 20} MiB limit) | message after |")
    print("|---|---|---|---|---|")
    for i, entry in enumerate(entries, 1):
        before = "—"
        if args.before:
            with tempfile.TemporaryDirectory() as tmp:
                o = run(entry, Path(tmp), package=args.before, cpu_seconds=args.before_cpu,
                        address_space=args.before_memory << 20)
                before = describe(o)
        after_text = message_text = "—"
        if not args.before_only:
            with tempfile.TemporaryDirectory() as tmp:
                after = run(entry, Path(tmp))
            after_text, message_text = describe(after), message(after)
        what = entry.what.replace("|", "\\|")
        print(f"| {i} | {what} | {before} | {after_text} | {message_text} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
