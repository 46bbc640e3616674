"""Command line: ``legtwitch triage FILE... [--json|--brief]``, ``legtwitch wells FILE``,
``legtwitch cases [--show ID]``. Also ``python -m legtwitch``.

Never a traceback. Every error ends in exactly one line on stderr and an exit code:

- 2: bad input or a bad command line (a file that is not a valid scenario, too large, not
  UTF-8, unknown case id, closed standard input, ...). The line names the file, the line
  and the field.
- 1: an internal error: the installed package's own data is broken or missing, the output
  cannot be written (a full disk), or a bug. Set ``LEGTWITCH_TRACEBACK=1`` to see the
  traceback of a bug.

Output piped into a program that stops reading (``| head``) ends quietly with exit 0.
"""
from __future__ import annotations

import argparse
import errno
import json
import os
import sys
from typing import Any, Sequence

from . import __version__  # noqa: F401  (package metadata only)
from .errors import DataError, LegtwitchError, ScenarioError

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_BAD_INPUT = 2


class _OutputError(Exception):
    """Writing to standard output failed (a full disk, a closed pipe)."""

    def __init__(self, error: OSError):
        super().__init__(error)
        self.error = error


def _printable(text: str) -> str:
    """One line that any output encoding can show: file names that are not valid UTF-8 come
    as ``\\xff``, control characters (a newline in a file name) as escapes."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        try:
            text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:
            text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    if not text.isprintable():
        text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
    return text


def _emit(text: str = "") -> None:
    try:
        sys.stdout.write(text + "\n")
    except OSError as exc:
        raise _OutputError(exc) from None


def _error_line(message: str) -> None:
    try:
        sys.stderr.write(f"legtwitch: {_printable(message)}\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):  # stderr closed too: the exit code must do
        pass


def _load(name: str):
    from .scenario import Scenario
    if name != "-":
        return Scenario.from_file(name)
    stdin = sys.stdin
    if stdin is None or getattr(stdin, "closed", False):
        raise ScenarioError("standard input is closed: nothing to read for '-'", file="<stdin>")
    try:
        buffer = getattr(stdin, "buffer", None)
        if buffer is None:  # a text stream (e.g. replaced in a test)
            return Scenario.from_text(stdin.read(), "<stdin>")
        return Scenario.from_stream(buffer, "<stdin>")
    except OSError as exc:
        raise ScenarioError(f"cannot read standard input: {exc.strerror or exc}", file="<stdin>") from None


def _brief(name: str, result) -> str:
    wells = f", Wells {result.wells.total} ({result.wells.category})" if result.wells else ""
    if result.pe_wells:
        wells += f", PE Wells {result.pe_wells.total:g} ({result.pe_wells.category})"
    return f"{name}: {result.level.value}{wells}"


def cmd_triage(args: argparse.Namespace) -> int:
    from .engine import triage
    from .render import render_text
    status = EXIT_OK
    for i, name in enumerate(args.files):
        shown = _printable(name)
        try:
            scenario = _load(name)
        except DataError:
            raise  # the package itself is broken: not this file's fault
        except LegtwitchError as err:
            _error_line(f"error: {err}")
            status = EXIT_BAD_INPUT
            continue
        result = triage(scenario)
        if args.json:  # JSON Lines: one object per file, with the file name added
            _emit(json.dumps({"file": shown, **result.to_dict()}, ensure_ascii=False))
        elif args.brief:
            _emit(_brief(shown, result))
        else:
            if len(args.files) > 1:
                _emit(("\n" if i else "") + f"== {shown} ==")
            _emit(render_text(result, author=args.author))
    return status


def cmd_wells(args: argparse.Namespace) -> int:
    from .engine import triage
    from .render import pe_wells_lines, wells_lines
    try:
        scenario = _load(args.file)
    except DataError:
        raise
    except LegtwitchError as err:
        _error_line(f"error: {err}")
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
    _emit("\n".join(lines))
    return EXIT_OK


def cmd_cases(args: argparse.Namespace) -> int:
    from .cases import get_case, load_cases
    from .engine import triage
    from .render import render_text
    if args.show is not None:
        try:
            case = get_case(args.show)
        except DataError:
            raise
        except LegtwitchError as err:
            _error_line(f"error: {err}")
            return EXIT_BAD_INPUT
        _emit(f"{case.id}: {case.title}\n\n{case.vignette}\n")
        _emit("Scenario:")
        for key, value in case.scenario.to_dict().items():
            _emit(f"  {key}: {json.dumps(value)}")
        wells = "none" if case.expected_wells is None else case.expected_wells
        pe = "none" if case.expected_pe_wells is None else f"{case.expected_pe_wells:g}"
        _emit(f"\nExpected: {case.expected_level.value}, Wells {wells}, PE Wells {pe}, "
              f"first test {case.expected_first_test or 'none'}")
        _emit("Teaching points:")
        for point in case.teaching_points:
            _emit(f"  - {point}")
        _emit("Source sections: " + ", ".join(case.sections))
        _emit("\n" + render_text(triage(case.scenario), author=True))
        return EXIT_OK
    cases = load_cases()
    width = max(len(c.id) for c in cases)
    _emit(f"{'id':<{width}}  {'level':<10}  wells  title")
    for c in cases:
        wells = "-" if c.expected_wells is None else str(c.expected_wells)
        _emit(f"{c.id:<{width}}  {c.expected_level.value:<10}  {wells:>5}  {c.title}")
    _emit(f"\n{len(cases)} cases. Show one with: legtwitch cases --show ID")
    return EXIT_OK


class _Parser(argparse.ArgumentParser):
    """argparse, but a bad command line is one line too (usage stays in ``--help``)."""

    def error(self, message: str) -> Any:
        _error_line(f"error: {message} (see: {self.prog} --help)")
        self.exit(EXIT_BAD_INPUT)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
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


def _quiet_stdout() -> None:
    """After a failed write, point stdout at /dev/null so the interpreter's final flush of any
    pending text cannot fail a second time and print more than our one line (the remedy the
    Python documentation gives for SIGPIPE/EPIPE)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _tolerant_output() -> None:
    """Text that the output encoding cannot show is escaped (``\\u203c``), never a crash."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="backslashreplace")
            except (ValueError, OSError):
                pass


def main(argv: Sequence[str] | None = None) -> int:
    _tolerant_output()
    try:
        try:
            args = build_parser().parse_args(argv)
            code = args.func(args)
        except SystemExit as done:  # argparse: --help, --version or a bad command line
            code = done.code if isinstance(done.code, int) else (EXIT_OK if done.code is None else EXIT_BAD_INPUT)
        try:
            if sys.stdout is not None:
                sys.stdout.flush()
        except OSError as exc:
            raise _OutputError(exc) from None
        return code
    except _OutputError as out:
        _quiet_stdout()
        if out.error.errno == errno.EPIPE:  # e.g. piped into head, which stopped reading
            return EXIT_OK
        _error_line(f"error: cannot write the output: {out.error.strerror or out.error}")
        return EXIT_INTERNAL
    except DataError as err:
        _error_line(f"internal error: the installed package's data is broken: {err} "
                    "(reinstall legtwitch, or report this)")
        return EXIT_INTERNAL
    except KeyboardInterrupt:
        _error_line("interrupted")
        return 130
    except Exception as exc:  # a bug: still one line (LEGTWITCH_TRACEBACK=1 shows the traceback)
        if os.environ.get("LEGTWITCH_TRACEBACK"):
            raise
        text = str(exc) if not isinstance(exc, RecursionError) else "nested too deeply"
        _error_line(f"internal error: {type(exc).__name__}: {text[:200]} "
                    "(set LEGTWITCH_TRACEBACK=1 for details, and please report this)")
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
