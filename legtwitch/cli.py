"""Command line: ``legtwitch triage FILE... [--json|--brief]``, ``legtwitch wells FILE``,
``legtwitch cases [--show ID]``. Also ``python -m legtwitch``.

Bad input never shows a traceback: one line on stderr naming the file and the field, and
exit code 2 (the same code argparse uses for a bad command line).
"""
from __future__ import annotations

import argparse
import json
import sys
from typing import Sequence

from . import __version__  # noqa: F401  (package metadata only)
from .render import pe_wells_lines, render_text, wells_lines
from .scenario import Scenario
from .engine import triage

EXIT_BAD_INPUT = 2


def _load(name: str) -> Scenario:
    if name == "-":
        return Scenario.from_text(sys.stdin.read(), "<stdin>")
    return Scenario.from_file(name)


def _brief(name: str, result) -> str:
    wells = f", Wells {result.wells.total} ({result.wells.category})" if result.wells else ""
    if result.pe_wells:
        wells += f", PE Wells {result.pe_wells.total:g} ({result.pe_wells.category})"
    return f"{name}: {result.level.value}{wells}"


def cmd_triage(args: argparse.Namespace) -> int:
    status = 0
    for i, name in enumerate(args.files):
        try:
            result = triage(_load(name))
        except ValueError as err:
            print(f"legtwitch: error: {err}", file=sys.stderr)
            status = EXIT_BAD_INPUT
            continue
        if args.json:  # JSON Lines: one object per file, with the file name added
            print(json.dumps({"file": name, **result.to_dict()}, ensure_ascii=False))
        elif args.brief:
            print(_brief(name, result))
        else:
            if len(args.files) > 1:
                print(("\n" if i else "") + f"== {name} ==")
            print(render_text(result, author=args.author))
    return status


def cmd_wells(args: argparse.Namespace) -> int:
    try:
        scenario = _load(args.file)
    except ValueError as err:
        print(f"legtwitch: error: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    result = triage(scenario)
    lines: list[str] = []
    if result.wells:
        lines += wells_lines(result.wells)
    if result.pe_wells:
        lines += ([""] if lines else []) + pe_wells_lines(result.pe_wells)
    if result.scores_note:
        lines += ([""] if lines else []) + [f"Note: {result.scores_note}"]
    if not lines:
        lines.append("No Wells score: there is no leg sign of a clot and no lung warning sign, so no clot "
                     "is suspected (NICE NG158 works out a Wells score once a clot is suspected).")
    print("\n".join(lines))
    return 0


def cmd_cases(args: argparse.Namespace) -> int:
    from .cases import get_case, load_cases
    if args.show:
        try:
            case = get_case(args.show)
        except ValueError as err:
            print(f"legtwitch: error: {err}", file=sys.stderr)
            return EXIT_BAD_INPUT
        print(f"{case.id}: {case.title}\n\n{case.vignette}\n")
        print("Scenario:")
        for key, value in case.scenario.to_dict().items():
            print(f"  {key}: {json.dumps(value)}")
        wells = "none" if case.expected_wells is None else case.expected_wells
        pe = "none" if case.expected_pe_wells is None else f"{case.expected_pe_wells:g}"
        print(f"\nExpected: {case.expected_level.value}, Wells {wells}, PE Wells {pe}, "
              f"first test {case.expected_first_test or 'none'}")
        print("Teaching points:")
        for point in case.teaching_points:
            print(f"  - {point}")
        print("Source sections: " + ", ".join(case.sections))
        print("\n" + render_text(triage(case.scenario), author=True))
        return 0
    cases = load_cases()
    width = max(len(c.id) for c in cases)
    print(f"{'id':<{width}}  {'level':<10}  wells  title")
    for c in cases:
        wells = "-" if c.expected_wells is None else str(c.expected_wells)
        print(f"{c.id:<{width}}  {c.expected_level.value:<10}  {wells:>5}  {c.title}")
    print(f"\n{len(cases)} cases. Show one with: legtwitch cases --show ID")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="legtwitch",
        description="Teaching module: twitching in the leg - harmless, or a thrombosis? Not a medical device.")
    parser.add_argument("--version", action="version", version=f"legtwitch {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("triage", help="triage scenario or case files (YAML/JSON; - reads stdin)")
    p.add_argument("files", nargs="+", metavar="FILE")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="one JSON object per file (JSON Lines)")
    out.add_argument("--brief", action="store_true", help="one line per file: level and Wells totals")
    p.add_argument("--author", action="store_true", help="text output with the engine ids (rules, fields, tests)")
    p.set_defaults(func=cmd_triage)
    p = sub.add_parser("wells", help="the two-level DVT and PE Wells scores of a scenario file (when a clot is suspected)")
    p.add_argument("file", metavar="FILE")
    p.set_defaults(func=cmd_wells)
    p = sub.add_parser("cases", help="list the teaching case library, or show one case")
    p.add_argument("--show", metavar="ID", help="show a case: vignette, scenario, expected and computed result")
    p.set_defaults(func=cmd_cases)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # e.g. piped into head
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
