"""Runs one hostile input in a child process under a resource limit and records what happened.

Used by ``test_hostile_corpus.py`` (which asserts on the outcome) and by ``measure.py``
(which writes the before/after table of docs/hostile-input.md), so the table measures
exactly what the tests run.

The child gets ``RLIMIT_CPU`` (CPU seconds; SIGXCPU ends it) and ``RLIMIT_AS`` (address
space: an allocation beyond it fails with MemoryError). A run that a signal ended did not
finish within the limit. Wall-clock time is recorded for the documentation only; tests never
assert it. A wall-clock guard (far above the CPU limit) only stops a child that blocks
without using CPU, so the suite cannot hang.
"""
from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from corpus import INPUTS, Entry

CPU_SECONDS = 10
ADDRESS_SPACE = 1 << 30  # 1 GiB
WALL_GUARD_SECONDS = 300

#: Runs an API snippet: a ValueError (every legtwitch error is one) becomes one line on stderr
#: and exit 2, exactly like the command line; anything else is a traceback and exit 1.
API_RUNNER = """\
import sys
try:
    exec(compile(sys.argv[1], "<hostile input>", "exec"), {"__name__": "__hostile__"})
except ValueError as err:
    sys.stderr.write(f"{type(err).__name__}: {err}\\n")
    sys.exit(2)
"""


@dataclass(frozen=True)
class Outcome:
    code: int | None  # exit code; None when a signal ended the child
    signal: str | None  # e.g. "SIGXCPU" (the CPU limit), "SIGKILL" (the wall guard)
    stdout: str
    stderr: str
    cpu_seconds: float  # user + system time of the child
    max_rss_mib: float  # peak resident memory of the child
    wall_seconds: float  # for the documentation only

    @property
    def finished(self) -> bool:
        return self.signal is None

    @property
    def stderr_lines(self) -> list[str]:
        return self.stderr.splitlines()


def package_dir() -> Path:
    """The legtwitch package these tests import (the worktree's, installed editable)."""
    import legtwitch
    return Path(legtwitch.__file__).parent


def run(entry: Entry, workdir: Path, *, package: Path | None = None, cpu_seconds: int = CPU_SECONDS,
        address_space: int = ADDRESS_SPACE) -> Outcome:
    """Run ``entry`` with the package at ``package`` (default: the imported one) in ``workdir``."""
    workdir.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LEGTWITCH_", "PYTHONIOENCODING"))}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.update(entry.env)
    if package is not None or entry.package is not None:
        root = workdir / "pkg"
        shutil.copytree(package or package_dir(), root / "legtwitch",
                        ignore=shutil.ignore_patterns("__pycache__"))
        if entry.package is not None:
            entry.package(root / "legtwitch")
        env["PYTHONPATH"] = str(root)
    made = entry.make(workdir) if entry.make is not None else None

    def expand(arg: str) -> str | bytes:
        if arg == "{made}":
            return made
        return arg.replace("{in}", str(INPUTS)).replace("{tmp}", str(workdir))

    if entry.api is not None:
        argv = [sys.executable, "-c", API_RUNNER, expand(entry.api)]
    else:
        argv = [sys.executable, "-m", "legtwitch", *(expand(a) for a in entry.args)]

    def limits() -> None:  # runs in the child, before exec
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
        resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # SIGXCPU would otherwise dump core
        if entry.stdin == "closed":
            os.close(0)

    with tempfile.TemporaryFile(dir=workdir) as out, tempfile.TemporaryFile(dir=workdir) as err:
        stdin_file = None
        if entry.stdin in (None, "closed"):
            stdin = subprocess.DEVNULL
        elif entry.stdin.startswith("/dev/"):
            stdin = stdin_file = open(entry.stdin, "rb")
        else:
            stdin = stdin_file = tempfile.TemporaryFile(dir=workdir)
            stdin_file.write(entry.stdin.encode("utf-8"))
            stdin_file.seek(0)
        stdout_file = open(entry.stdout, "wb") if entry.stdout else None
        try:
            start = time.perf_counter()
            proc = subprocess.Popen(argv, stdin=stdin, stdout=stdout_file or out, stderr=err, cwd=workdir,
                                    env=env, preexec_fn=limits)
            status, usage = _wait(proc.pid)
            wall = time.perf_counter() - start
            proc.returncode = os.waitstatus_to_exitcode(status)
        finally:
            for f in (stdin_file, stdout_file):
                if f is not None:
                    f.close()
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "backslashreplace")
        stderr = err.read().decode("utf-8", "backslashreplace")
    code = proc.returncode
    sig = signal.Signals(-code).name if code < 0 else None
    return Outcome(None if sig else code, sig, stdout, stderr, usage.ru_utime + usage.ru_stime,
                   usage.ru_maxrss / 1024, wall)


def _wait(pid: int):
    deadline = time.monotonic() + WALL_GUARD_SECONDS
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            return status, usage
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            _, status, usage = os.wait4(pid, 0)
            return status, usage
        time.sleep(0.005)
