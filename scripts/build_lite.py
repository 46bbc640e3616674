#!/usr/bin/env python
"""Build the zero-install JupyterLite site of this module in ``_site/`` (issue 5, part 2).

A student needs a browser and nothing else: the site holds JupyterLab (JupyterLite 0.8.6), the
Pyodide 314.0.6 kernel (Python 3.14 in WebAssembly), ipywidgets, the legtwitch package with its
data, the teaching notebooks and the exercises (student and solution versions). At run time the
site fetches nothing from outside itself, so any static host (or ``make lite-serve``) will do.

    python scripts/build_lite.py                 # build _site/ unless it is up to date, then verify
    python scripts/build_lite.py --force         # rebuild even if up to date
    python scripts/build_lite.py --check         # only verify an existing _site/
    python scripts/build_lite.py --serve [PORT]  # serve _site/ on 127.0.0.1 (build it first)
    python scripts/build_lite.py --output DIR    # build into DIR instead of _site/ (tests)
    python scripts/build_lite.py --update-pins   # recompile lite/requirements-lite.txt (network)

Steps that download, each only when ``.cache/lite/`` lacks the file, and each checked against a
hash pinned here or in ``lite/requirements-lite.txt`` (so a second build needs no network at all):

0. the build tools, pyproject's ``lite`` extra (exact pins), from PyPI into their own
   environment ``.cache/lite/venv`` (installed into ``.venv``, the Pyodide kernel's JupyterLab
   extension would break JupyterLab, Notebook 7 and Voila there);
1. the Pyodide core, the npm registry's tarball ``pyodide-314.0.6.tgz`` (sha512 pinned below);
2. the PyYAML 6.0.4 source distribution from PyPI (sha256 pinned below);
3. the pure-Python wheels of ``lite/requirements-lite.txt`` from PyPI (``pip download
   --require-hashes``).

Everything else is local and offline: the legtwitch wheel is built from this checkout, a
``py3-none-any`` PyYAML wheel is written from the sdist (PyPI has no pure-Python PyYAML wheel and
the npm Pyodide package ships only the core), ``uv`` solves the Pyodide lock with ``--offline
--no-index`` against those wheels only, and ``jupyter lite build`` assembles the site.

Why each non-default setting (each one fixes a failure seen without it):
- Pyodide is copied into the site (``static/pyodide``): by default the kernel loads it from a CDN
  and, offline, stays "Unknown" without any visible error.
- Its ``pyodide-lock.json`` has an emptied ``packages`` object: every package entry would point
  at the CDN (the npm package holds no package files). ``PyodideLockAddon`` then writes a new
  lock, ``static/pyodide-lock/pyodide-lock.json``, whose every file lies in the site.
- ``disablePyPIFallback``: a missing package fails loudly (``PiplitePyPIDisabled``) instead of
  silently reaching for PyPI.
- Only two federated extensions are shipped, the Pyodide kernel and the ipywidgets manager,
  named explicitly: nothing else that happens to be installed (Voila's, Notebook 7's extension
  expect a Jupyter server) can slip into the site.
- ``widgetsnbextension`` and ``jupyterlab-widgets`` are left out of the Pyodide lock: they only
  carry the JavaScript of the classic and Lab front ends (the site has it as an extension),
  and Pyodide would otherwise download and unpack 3 MB more when ipywidgets is imported.

After a build the site is verified (and the script exits 1 if not): the lock exists, lists
legtwitch, pyyaml, ipywidgets and comm with files inside the site; ``jupyter-lite.json`` points
at the site's Pyodide; no configuration, lock or index file names a URL outside the site. The
remaining external URLs in JavaScript bundles (defaults that the configuration overrides) are
reported; ``tests/browser/test_jupyterlite_site.py`` proves that none is requested.
"""
from __future__ import annotations

import argparse
import base64
import contextlib
import csv
import functools
import hashlib
import http.server
import importlib.metadata
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
import tomllib
import urllib.request
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "_site"
CACHE = ROOT / ".cache" / "lite"
LITE = ROOT / "lite"
PINS_IN = LITE / "requirements-lite.in"
PINS = LITE / "requirements-lite.txt"
STAMP = CACHE / "site.fingerprint"  # the stamp of the default site, _site/ (see stamp_path)
# Held while a site is checked or built: parallel test workers (pytest-xdist) and a developer's
# `make lite` share .cache/lite/ (the staging folder, the tools' caches); one builds, the others
# wait and then find the site up to date.
BUILD_LOCK = CACHE / "build.lock"
# The build tools (pyproject's `lite` extra) get their own environment: installed into .venv,
# the Pyodide kernel's JupyterLab extension breaks JupyterLab, Notebook 7 and Voila there.
BUILD_ENV = CACHE / "venv"

PYODIDE_VERSION = "314.0.6"  # what jupyterlite-pyodide-kernel 0.8.6 expects (Python 3.14)
PYODIDE_PYTHON = "3.14"
PYODIDE_TGZ_URL = f"https://registry.npmjs.org/pyodide/-/pyodide-{PYODIDE_VERSION}.tgz"
# The npm registry's own integrity string for this tarball (``npm view pyodide@314.0.6 dist``).
PYODIDE_TGZ_SHA512 = "BKDTJyIqFxC4BExLqeRS3f5xvXZIjOt8C3zGLN/Cc7tFxSwvKVhVkchQQ2AGLOtR4YrVOIFxbV8poyDOOmWwxQ=="
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")

PYYAML_VERSION = "6.0.4"  # the version in the project's .venv
# The file's address in PyPI's simple index (https://pypi.org/simple/pyyaml/).
PYYAML_SDIST_URL = ("https://files.pythonhosted.org/packages/76/b8/"
                    "c0b780928e2fb1c87e9e375818c6f121da2398b071012d1747be300b83f4/"
                    f"pyyaml-{PYYAML_VERSION}.tar.gz")
PYYAML_SDIST_SHA256 = "e24bf71af8a432d7808fabff134d38dfe16d3cbb41f2873bb4b1e42422de0a1a"

# Kept out of the Pyodide lock (see the docstring); also excluded when the pins are compiled.
LOCK_EXCLUDES = ("widgetsnbextension", "jupyterlab-widgets")
# Loaded with the kernel, before the first cell (see lite_build_config). legtwitch and ipywidgets:
# the first cell of every notebook imports them. The others are what the Pyodide kernel itself
# installs one after the other once Pyodide is up (micropip, then piplite through micropip, then
# jedi through piplite): listed here, they are fetched and unpacked in the same parallel batch as
# the kernel's other packages while Pyodide starts, and those sequential steps are skipped
# (jupyterlite-pyodide-kernel 0.8.6, worker.js: initPackageManager and initKernel).
PREFETCH = ("legtwitch", "ipywidgets", "micropip", "piplite", "jedi")
# The federated extensions the site ships, by npm name, taken from this environment.
EXTENSIONS = ("@jupyterlite/pyodide-kernel-extension", "@jupyter-widgets/jupyterlab-manager")
# Packages the lock must list, each with its wheel inside the site.
REQUIRED_IN_LOCK = ("legtwitch", "pyyaml", "ipywidgets", "comm", "ipython", "micropip",
                    "pyodide-kernel", "ipykernel")
# Hosts that Pyodide, piplite or JupyterLab would fetch from by default.
EXTERNAL_HOSTS = ("cdn.jsdelivr.net", "pypi.org", "files.pythonhosted.org", "fonts.googleapis.com",
                  "fonts.gstatic.com", "unpkg.com", "cdnjs.cloudflare.com")
# Files the browser reads as configuration or index: an external URL in one of these would be
# fetched, so the build fails on it. URLs inside JavaScript are only reported.
CONFIG_FILE_NAMES = ("jupyter-lite.json", "jupyter-lite.ipynb", "pyodide-lock.json", "all.json",
                     "overrides.json", "package.json")
TEXT_SUFFIXES = {".js", ".mjs", ".json", ".css", ".html", ".ipynb", ".txt", ".svg", ".py"}

# The site's contents: (source in the repository, path in the site, files to leave out).
CONTENTS = (
    ("notebooks", "notebooks", ()),
    ("exercises", "exercises", ("source",)),  # source/: the exercise specs, for authors only
)

# The site's runtime configuration (jupyter-lite.json in the site root).
JUPYTER_LITE_JSON = {
    "jupyter-lite-schema-version": 0,
    "jupyter-config-data": {
        "appName": "legtwitch",
        "litePluginSettings": {
            "@jupyterlite/pyodide-kernel-extension:kernel": {
                # A package missing from the site must fail, not silently come from PyPI.
                "disablePyPIFallback": True,
            },
        },
    },
}


class SiteError(RuntimeError):
    """The site could not be built, or a built site fails verification."""


@dataclass
class BuildReport:
    site: Path
    seconds: float
    built: bool  # False when the site was already up to date
    size_mb: float = 0.0
    files: int = 0
    external_urls: dict[str, list[str]] = field(default_factory=dict)  # host -> files (reported)

    def summary(self) -> str:
        what = "built" if self.built else "up to date"
        return (f"JupyterLite site {what}: {self.site} ({self.size_mb:.1f} MB, {self.files} files) "
                f"in {self.seconds:.1f} s")


# --------------------------------------------------------------------------- build environment

def lite_requirements() -> list[str]:
    """The build tools: the ``lite`` extra of pyproject.toml (exact pins)."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return list(pyproject["project"]["optional-dependencies"]["lite"])


def build_python() -> Path:
    return BUILD_ENV / "bin" / "python"


def ensure_build_env() -> Path:
    """Create or update .cache/lite/venv with the ``lite`` extra (needs PyPI when it changes).

    ``--ignore-requires-python``: pyodide-lock 0.2.1 declares Python >=3.12 and works on 3.11.
    """
    wanted = "\n".join(lite_requirements()) + "\n"
    stamp = BUILD_ENV / ".lite-requirements"
    if build_python().exists() and stamp.exists() and stamp.read_text() == wanted:
        return build_python()
    print(f"  installing the build tools into {BUILD_ENV.relative_to(ROOT)} (pip)", flush=True)
    shutil.rmtree(BUILD_ENV, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", str(BUILD_ENV)], check=True)
    subprocess.run([str(build_python()), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    "--ignore-requires-python", *lite_requirements()], check=True)
    stamp.write_text(wanted)
    return build_python()


def build_env_version(dist: str) -> str:
    """The version of ``dist`` installed in the build environment."""
    found = [d.version for d in importlib.metadata.distributions(
        name=dist, path=[str(p) for p in BUILD_ENV.glob("lib/python*/site-packages")])]
    if not found:
        raise SiteError(f"{dist} is not installed in {BUILD_ENV}")
    return found[0]


# --------------------------------------------------------------------------- downloads (cached)

def _download(url: str, dest: Path) -> Path:
    """Fetch ``url`` to ``dest`` (atomically: a failed download leaves nothing behind)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    print(f"  downloading {url}", flush=True)
    tmp = dest.with_suffix(dest.suffix + ".part")
    with urllib.request.urlopen(url, timeout=120) as answer, tmp.open("wb") as out:
        shutil.copyfileobj(answer, out)
    tmp.replace(dest)
    return dest


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fetch_pyodide(cache: Path = CACHE) -> Path:
    """The folder of the Pyodide core (npm tarball, sha512 checked), downloaded once into the cache."""
    tgz = cache / f"pyodide-{PYODIDE_VERSION}.tgz"
    if not tgz.exists():
        _download(PYODIDE_TGZ_URL, tgz)
    digest = base64.b64encode(hashlib.sha512(tgz.read_bytes()).digest()).decode()
    if digest != PYODIDE_TGZ_SHA512:
        tgz.unlink()
        raise SiteError(f"{tgz.name}: sha512 {digest} is not the pinned {PYODIDE_TGZ_SHA512}")
    folder = cache / f"pyodide-{PYODIDE_VERSION}"
    if not all((folder / name).exists() for name in (*PYODIDE_FILES, "pyodide-lock.json")):
        shutil.rmtree(folder, ignore_errors=True)
        with tarfile.open(tgz) as tar:
            for member in tar.getmembers():
                name = member.name.removeprefix("package/")
                if member.isfile() and name in (*PYODIDE_FILES, "pyodide-lock.json"):
                    target = folder / name
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(tar.extractfile(member).read())
    return folder


def fetch_pyyaml_sdist(cache: Path = CACHE) -> Path:
    """The PyYAML source distribution (sha256 checked), downloaded once into the cache."""
    sdist = cache / f"pyyaml-{PYYAML_VERSION}.tar.gz"
    if not sdist.exists():
        _download(PYYAML_SDIST_URL, sdist)
    if _sha256(sdist) != PYYAML_SDIST_SHA256:
        sdist.unlink()
        raise SiteError(f"{sdist.name}: sha256 is not the pinned {PYYAML_SDIST_SHA256}")
    return sdist


@dataclass(frozen=True)
class Pin:
    """One ``name==version`` line of requirements-lite.txt with its allowed sha256 hashes."""

    name: str
    version: str
    hashes: frozenset[str]


def read_pins(path: Path = PINS) -> list[Pin]:
    """Parse a ``uv pip compile --generate-hashes`` file (continuation lines, comments)."""
    pins = []
    for line in path.read_text(encoding="utf-8").replace("\\\n", " ").splitlines():
        tokens = line.split("#", 1)[0].split()
        if not tokens or tokens[0].startswith("-"):
            continue
        name, sep, version = tokens[0].partition("==")
        hashes = frozenset(t.removeprefix("--hash=sha256:") for t in tokens[1:] if t.startswith("--hash=sha256:"))
        if not sep or not hashes:
            raise SiteError(f"{path.name}: every line must be name==version with --hash: {line.strip()}")
        pins.append(Pin(name, version, hashes))
    return pins


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _wheel_name_version(wheel: Path) -> tuple[str, str]:
    name, version = wheel.name.split("-")[:2]
    return _canonical(name), version


def _cached_wheel(pin: Pin, folder: Path) -> Path | None:
    for wheel in folder.glob("*.whl"):
        if _wheel_name_version(wheel) == (_canonical(pin.name), pin.version) and _sha256(wheel) in pin.hashes:
            return wheel
    return None


def download_pinned_wheels(pins: list[Pin], cache: Path = CACHE) -> list[Path]:
    """The wheel of every pin, from the cache or else from PyPI (pip, ``--require-hashes``)."""
    folder = cache / "wheels"
    folder.mkdir(parents=True, exist_ok=True)
    if any(_cached_wheel(pin, folder) is None for pin in pins):
        print(f"  downloading the wheels of {PINS.relative_to(ROOT)} (pip download)", flush=True)
        subprocess.run([str(build_python()), "-m", "pip", "download", "--quiet", "--no-deps",
                        "--only-binary=:all:", "--require-hashes", "--implementation", "py",
                        "--python-version", PYODIDE_PYTHON, "--abi", "none", "--platform", "any",
                        "--dest", str(folder), "-r", str(PINS)], check=True)
    wheels = []
    for pin in pins:
        wheel = _cached_wheel(pin, folder)
        if wheel is None:
            raise SiteError(f"no wheel with a pinned hash for {pin.name}=={pin.version} in {folder}")
        if not wheel.name.endswith("-none-any.whl"):
            raise SiteError(f"{wheel.name} is not pure Python: Pyodide cannot install it")
        wheels.append(wheel)
    return wheels


def check_widget_pin(pins: list[Pin]) -> None:
    """The site's Python ipywidgets must be the one whose JavaScript it ships.

    The widget manager (JavaScript) comes from the build environment's jupyterlab_widgets,
    released together with the ipywidgets pinned beside it in the ``lite`` extra; a Python ipywidgets of another release inside
    Pyodide is how sites broke before (ipywidgets#3826, #3925).
    """
    pinned = {_canonical(pin.name): pin.version for pin in pins}.get("ipywidgets")
    installed = build_env_version("ipywidgets")
    if pinned != installed:
        raise SiteError(f"{PINS.relative_to(ROOT)} pins ipywidgets=={pinned}, but the build environment "
                        f"(whose jupyterlab_widgets the site ships) has {installed}: update "
                        f"{PINS_IN.relative_to(ROOT)}, run --update-pins and the browser test")


# --------------------------------------------------------------------------- local wheels

def _record_hash(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def write_wheel(dest_dir: Path, name: str, version: str, files: dict[str, bytes], metadata: str) -> Path:
    """Write a ``py3-none-any`` wheel (sorted entries, fixed timestamps: same input, same bytes)."""
    dist = f"{_canonical(name).replace('-', '_')}-{version}"
    info = f"{dist}.dist-info"
    files = dict(files)
    files[f"{info}/METADATA"] = metadata.encode()
    files[f"{info}/WHEEL"] = (b"Wheel-Version: 1.0\nGenerator: legtwitch scripts/build_lite.py\n"
                              b"Root-Is-Purelib: true\nTag: py3-none-any\n")
    dest_dir.mkdir(parents=True, exist_ok=True)
    return _zip_wheel(dest_dir / f"{dist}-py3-none-any.whl", files, info)


def _zip_wheel(wheel: Path, files: dict[str, bytes], info: str) -> Path:
    """Write ``files`` plus a fresh ``<info>/RECORD`` as the wheel ``wheel`` (deterministic bytes)."""
    files = {path: data for path, data in files.items() if path != f"{info}/RECORD"}
    rows = io.StringIO()
    writer = csv.writer(rows, lineterminator="\n")
    for path in sorted(files):
        writer.writerow([path, _record_hash(files[path]), len(files[path])])
    writer.writerow([f"{info}/RECORD", "", ""])
    files[f"{info}/RECORD"] = rows.getvalue().encode()
    tmp = wheel.with_name(wheel.name + ".part")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(files):
            entry = zipfile.ZipInfo(path, date_time=(1980, 1, 1, 0, 0, 0))
            entry.external_attr = 0o644 << 16
            entry.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(entry, files[path])
    tmp.replace(wheel)
    return wheel


def build_pure_pyyaml_wheel(sdist: Path, dest_dir: Path) -> Path:
    """A ``py3-none-any`` PyYAML wheel made of the sdist's pure-Python ``lib/yaml/*.py``.

    PyPI has only compiled PyYAML wheels (none for WebAssembly) and the npm Pyodide package
    holds no packages, yet legtwitch reads its knowledge base and cases with PyYAML. Without
    its C extension ``yaml/__init__.py`` falls back to the pure-Python loader by itself
    (``__with_libyaml__ = False``); legtwitch uses ``yaml.safe_load``, which needs nothing else.
    The metadata is the sdist's PKG-INFO (without ``Dynamic:``, which a wheel must not carry).
    """
    top = f"pyyaml-{PYYAML_VERSION}/"
    files: dict[str, bytes] = {}
    with tarfile.open(sdist) as tar:
        for member in tar.getmembers():
            if member.isfile() and re.fullmatch(re.escape(top) + r"lib/yaml/[^/]+\.py", member.name):
                files[member.name.removeprefix(top + "lib/")] = tar.extractfile(member).read()
        pkg_info = tar.extractfile(top + "PKG-INFO").read().decode()
        license_text = tar.extractfile(top + "LICENSE").read()
    if "yaml/__init__.py" not in files:
        raise SiteError(f"{sdist.name}: no lib/yaml/__init__.py")
    head, _, body = pkg_info.partition("\n\n")
    head = "\n".join(line for line in head.splitlines() if not line.startswith("Dynamic:"))
    info = f"pyyaml-{PYYAML_VERSION}.dist-info"
    files[f"{info}/licenses/LICENSE"] = license_text
    files[f"{info}/top_level.txt"] = b"yaml\n"
    return write_wheel(dest_dir, "pyyaml", PYYAML_VERSION, files, f"{head}\n\n{body}")


def build_legtwitch_wheel(dest_dir: Path) -> Path:
    """The legtwitch wheel, built by setuptools from a copy of this checkout (offline).

    A copy, so that setuptools' ``build/`` folder can never carry a deleted module into the
    wheel; ``--no-build-isolation`` (setuptools comes with the ``lite`` extra), so that no
    build dependency is downloaded. Checks that the package data (YAML) is inside.
    """
    with tempfile.TemporaryDirectory(prefix="legtwitch-wheel-") as tmp:
        src = Path(tmp) / "src"
        src.mkdir()
        for name in ("pyproject.toml", "README.md", *[p.name for p in ROOT.glob("LICEN[CS]E*")]):
            shutil.copy2(ROOT / name, src / name)
        shutil.copytree(ROOT / "legtwitch", src / "legtwitch",
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info"))
        out = Path(tmp) / "out"
        subprocess.run([str(build_python()), "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-index",
                        "--no-build-isolation", "--wheel-dir", str(out), str(src)], check=True)
        (wheel,) = out.glob("legtwitch-*-py3-none-any.whl")
        dest_dir.mkdir(parents=True, exist_ok=True)
        target = dest_dir / wheel.name
        shutil.copy2(wheel, target)
    wanted = {p.relative_to(ROOT).as_posix() for p in (ROOT / "legtwitch" / "data").rglob("*.yaml")}
    with zipfile.ZipFile(target) as zf:
        missing = wanted - set(zf.namelist())
    if missing:
        raise SiteError(f"{target.name} lacks package data: {sorted(missing)[:5]}")
    return target


# --------------------------------------------------------------------------- bytecode

# Bump when the compile step changes: the cache of compiled wheels is keyed by it.
PYC_FORMAT = "1"
# Run by Node.js: starts the site's own Pyodide (the same CPython 3.14 build the browser runs, so
# the bytecode's magic number is the one the kernel expects), mounts the host folder of extracted
# sources at /src and compiles every .py there next to its source, into __pycache__/.
_PYC_NODE_SCRIPT = r"""
import { pathToFileURL } from "node:url";
const [pyodideDir, srcDir] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(pyodideDir + "/pyodide.mjs").href);
const py = await loadPyodide({ indexURL: pyodideDir + "/", stdout: () => {}, stderr: (t) => console.error(t) });
py.FS.mkdirTree("/src");
py.FS.mount(py.FS.filesystems.NODEFS, { root: srcDir }, "/src");
console.log(py.runPython(`
import importlib.util, os, py_compile, sys, warnings
warnings.simplefilter("ignore")  # SyntaxWarnings of third-party test files
site_packages = f"/lib/python{sys.version_info[0]}.{sys.version_info[1]}/site-packages"
done = failed = 0
for wheel in sorted(os.listdir("/src")):
    root = os.path.join("/src", wheel)
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
        for name in sorted(names):
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                try:
                    py_compile.compile(path, cfile=importlib.util.cache_from_source(path),
                                       dfile=site_packages + "/" + os.path.relpath(path, root), doraise=True,
                                       invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
                    done += 1
                except py_compile.PyCompileError:
                    failed += 1  # left to the importer, which compiles it if it is ever imported
f"{sys.implementation.cache_tag} {done} {failed}"
`));
"""


def _wheel_content_key(wheel: Path) -> str:
    """A hash of a wheel's file names and contents (not of its zip timestamps: the legtwitch
    wheel is rebuilt on every build), of the Pyodide version and of the compile step."""
    h = hashlib.sha256(f"{wheel.name} {PYODIDE_VERSION} {PYC_FORMAT}".encode())
    with zipfile.ZipFile(wheel) as zf:
        for entry in sorted(zf.infolist(), key=lambda e: e.filename):
            h.update(entry.filename.encode() + b"\0" + zf.read(entry) + b"\0")
    return h.hexdigest()[:24]


def precompile_wheels(wheels: list[Path], cache: Path = CACHE) -> str:
    """Add compiled bytecode (``__pycache__/*.cpython-314.pyc``) to each wheel, in place.

    Why: the kernel imports IPython, prompt_toolkit, jedi, traitlets, ipywidgets and legtwitch
    at start-up and in the first cell, and PyPI wheels hold only sources, so Pyodide compiled
    about 600 modules to bytecode in WebAssembly on every first load. The bytecode is
    *unchecked-hash* (PEP 552): valid whatever the files' times after unpacking, used without
    re-reading the source, which stays in the wheel for tracebacks. The compiler is the site's
    own Pyodide under Node.js. Without ``node`` the wheels keep their sources only: the site
    works the same, it starts slower (the build says so).

    Compiled wheels are cached by the input wheel's hash (``.cache/lite/pyc/``). Returns a
    one-line summary for the build report.
    """
    node = shutil.which("node")
    if node is None:
        return "bytecode: not compiled (no `node` on PATH; the site works, its kernel starts slower)"
    store = cache / "pyc"
    store.mkdir(parents=True, exist_ok=True)
    todo: list[tuple[Path, Path]] = []
    for wheel in wheels:
        key = _wheel_content_key(wheel)
        cached = store / f"{key}-{wheel.name}"
        if cached.exists():
            shutil.copy2(cached, wheel)
        else:
            todo.append((wheel, cached))
    summary = f"bytecode: {len(wheels)} wheels precompiled ({len(wheels) - len(todo)} from the cache)"
    if not todo:
        return summary
    pyodide = fetch_pyodide(cache)
    with tempfile.TemporaryDirectory(prefix="legtwitch-pyc-") as tmp:
        src = Path(tmp) / "src"
        for index, (wheel, _) in enumerate(todo):
            with zipfile.ZipFile(wheel) as zf:
                for entry in zf.infolist():
                    if entry.filename.endswith(".py") and ".dist-info/" not in entry.filename:
                        target = src / str(index) / entry.filename
                        target.parent.mkdir(parents=True, exist_ok=True)
                        target.write_bytes(zf.read(entry))
        script = Path(tmp) / "compile.mjs"
        script.write_text(_PYC_NODE_SCRIPT, encoding="utf-8")
        done = subprocess.run([node, str(script), str(pyodide.resolve()), str(src)],
                              capture_output=True, text=True, timeout=600)
        if done.returncode:
            raise SiteError(f"compiling the wheels' bytecode in Pyodide (node) failed:\n{done.stderr[-3000:]}")
        tag, compiled, failed = done.stdout.split()[-3:]
        if tag != "cpython-" + PYODIDE_PYTHON.replace(".", ""):
            raise SiteError(f"Pyodide compiled bytecode for {tag}, not Python {PYODIDE_PYTHON}")
        for index, (wheel, cached) in enumerate(todo):
            with zipfile.ZipFile(wheel) as zf:
                files = {e.filename: zf.read(e) for e in zf.infolist() if not e.is_dir()}
            info = next(name.split("/")[0] for name in files if name.endswith(".dist-info/METADATA"))
            root = src / str(index)
            if root.exists():
                for pyc in sorted(root.rglob("__pycache__/*.pyc")):
                    files[pyc.relative_to(root).as_posix()] = pyc.read_bytes()
            _zip_wheel(wheel, files, info)
            shutil.copy2(wheel, cached)
        summary += f"; compiled now: {compiled} modules ({failed} left as source)"
    return summary


# --------------------------------------------------------------------------- staging and build

def _extension_dirs() -> list[Path]:
    """The shipped federated extensions, from the build environment's share/jupyter/labextensions."""
    base = BUILD_ENV / "share" / "jupyter" / "labextensions"
    dirs = [base / name for name in EXTENSIONS]
    missing = [str(d) for d in dirs if not (d / "package.json").exists()]
    if missing:
        raise SiteError(f"missing labextensions (remove {BUILD_ENV} and build again): {missing}")
    return dirs


def lite_build_config(extensions: list[Path], cache: Path) -> dict:
    """``jupyter_lite_config.json`` for the staged lite folder (paths relative to it)."""
    return {
        "LiteBuildConfig": {
            "cache_dir": str(cache / "jupyterlite"),
            "contents": ["content"],
            "no_sourcemaps": True,
            # Only the extensions listed below, whatever else is installed.
            "ignore_sys_prefix": ["federated_extensions"],
            "federated_extensions": [str(d) for d in extensions],
        },
        "PipliteAddon": {"piplite_urls": ["wheels"]},  # `%pip install legtwitch` works offline too
        "PyodideLockAddon": {
            "enabled": True,
            "wheels": ["wheels", "pinned-wheels"],
            "excludes_extra": list(LOCK_EXCLUDES),
            # Loaded while the kernel starts. Pyodide loads a package when a cell imports it,
            # but legtwitch.widgets imports ipywidgets itself (an optional dependency), which
            # Pyodide cannot see in the cell: without this, `from legtwitch import widgets`
            # fails with "No module named 'ipywidgets'".
            "prefetch_extra": list(PREFETCH),
            # Solve against the wheels above only: no index, no network, same result every time.
            "pyodide_lock_uv_options": {"extra_uv_args": ["--offline", "--no-index"]},
        },
    }


def _copy_contents(dest: Path) -> None:
    for source, target, skip in CONTENTS:
        src = ROOT / source
        if src.is_dir():
            shutil.copytree(src, dest / target, ignore=shutil.ignore_patterns(
                ".ipynb_checkpoints", "__pycache__", *skip))
        else:
            (dest / target).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / target)


def stage(work: Path, cache: Path = CACHE) -> Path:
    """Assemble the lite folder that ``jupyter lite build`` reads (downloads what is missing)."""
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    pyodide = fetch_pyodide(cache)
    static = work / "static" / "pyodide"
    static.mkdir(parents=True)
    for name in PYODIDE_FILES:
        shutil.copy2(pyodide / name, static / name)
    lock = json.loads((pyodide / "pyodide-lock.json").read_text(encoding="utf-8"))
    lock["packages"] = {}  # each entry points at a file the npm package lacks (i.e. the CDN)
    (static / "pyodide-lock.json").write_text(json.dumps(lock, indent=2), encoding="utf-8")

    build_legtwitch_wheel(work / "wheels")
    build_pure_pyyaml_wheel(fetch_pyyaml_sdist(cache), work / "wheels")
    pins = read_pins()
    check_widget_pin(pins)
    for wheel in download_pinned_wheels(pins, cache):
        (work / "pinned-wheels").mkdir(exist_ok=True)
        shutil.copy2(wheel, work / "pinned-wheels" / wheel.name)
    print("  " + precompile_wheels(sorted([*(work / "wheels").glob("*.whl"), *(work / "pinned-wheels").glob("*.whl")]),
                                   cache), flush=True)

    _copy_contents(work / "content")
    (work / "jupyter_lite_config.json").write_text(
        json.dumps(lite_build_config(_extension_dirs(), cache), indent=2), encoding="utf-8")
    (work / "jupyter-lite.json").write_text(json.dumps(JUPYTER_LITE_JSON, indent=2), encoding="utf-8")
    # The same JupyterLab settings as `make lab` (no news pop-up; keys typed into a widget reach it).
    shutil.copy2(ROOT / "jupyter" / "overrides.json", work / "overrides.json")
    return work


def _lite_env(cache: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(UV_PYTHON_DOWNLOADS="never", UV_OFFLINE="1", UV_NO_CONFIG="1",
               UV_CACHE_DIR=str(cache / "uv"), PYTHONDONTWRITEBYTECODE="1")
    return env


def fingerprint(solutions: bool = True) -> str:
    """A hash of everything the site is made of: a changed input means a stale site."""
    h = hashlib.sha256()
    # pyproject.toml: the package's metadata and the build tools' pins (the `lite` extra).
    inputs = [Path(__file__).resolve(), PINS, ROOT / "pyproject.toml", ROOT / "README.md",
              ROOT / "jupyter" / "overrides.json"]
    inputs += sorted(p for p in (ROOT / "legtwitch").rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for source, _target, skip in CONTENTS:
        src = ROOT / source
        if src.is_file():
            inputs.append(src)
        else:
            inputs += sorted(p for p in src.rglob("*") if p.is_file() and not (set(skip) | {".ipynb_checkpoints"}) & set(p.relative_to(src).parts))
    for path in inputs:
        h.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    h.update(f"solutions={solutions}".encode())
    return h.hexdigest()


def stamp_path(site: Path) -> Path:
    """Where the fingerprint of ``site``'s last build is kept: one stamp per site folder, so a
    test that builds a second site elsewhere does not make _site/ look stale."""
    if site.resolve() == SITE.resolve():
        return STAMP
    return CACHE / "stamps" / (hashlib.sha256(str(site.resolve()).encode()).hexdigest()[:16] + ".fingerprint")


def is_up_to_date(site: Path = SITE, solutions: bool = True) -> bool:
    stamp = stamp_path(site)
    return ((site / "index.html").exists() and (site / "jupyter-lite.json").exists() and stamp.exists()
            and stamp.read_text().strip() == f"{site.resolve()} {fingerprint(solutions)}")


@contextlib.contextmanager
def build_lock(cache: Path = CACHE) -> Iterator[None]:
    """One build at a time per cache folder, across processes (see BUILD_LOCK)."""
    import fcntl
    cache.mkdir(parents=True, exist_ok=True)
    with (cache / BUILD_LOCK.name).open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def build_site(site: Path = SITE, *, force: bool = False, solutions: bool = True,
               cache: Path = CACHE) -> BuildReport:
    """Build (or keep, when up to date) the site, verify it, and report time and size.

    Builds into a temporary folder next to the cache and swaps it in only when it verifies, so a
    failed build never leaves a half site behind. Holds ``build_lock`` throughout: a second
    process waits for the first one's build and then finds the site up to date.
    """
    with build_lock(cache):
        return _build_site(site, force=force, solutions=solutions, cache=cache)


def _build_site(site: Path, *, force: bool, solutions: bool, cache: Path) -> BuildReport:
    t0 = time.monotonic()
    if not force and is_up_to_date(site, solutions):
        try:
            report = BuildReport(site, time.monotonic() - t0, built=False, external_urls=verify_site(site))
            _measure(report)
            return report
        except SiteError as err:  # changed by hand since its build: build it again
            print(f"  rebuilding: {err}", flush=True)
    ensure_build_env()
    work = stage(cache / "stage", cache)
    if not solutions:
        shutil.rmtree(work / "content" / "exercises" / "solutions")
    # Next to the site (the same file system, so the final swap is a rename).
    site.parent.mkdir(parents=True, exist_ok=True)
    partial = site.parent / f".{site.name}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    cmd = [str(build_python()), "-m", "jupyterlite_core", "build", "--lite-dir", str(work),
           "--output-dir", str(partial)]
    done = subprocess.run(cmd, cwd=work, env=_lite_env(cache), stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True)
    (cache / "jupyter-lite-build.log").write_text(done.stdout, encoding="utf-8")
    if done.returncode:
        raise SiteError(f"jupyter lite build failed (exit {done.returncode}):\n{done.stdout[-4000:]}")
    external = verify_site(partial)
    for leftover in (".jupyterlite.doit.db",):
        with contextlib.suppress(FileNotFoundError):
            (partial / leftover).unlink()
    shutil.rmtree(site, ignore_errors=True)
    partial.replace(site)
    stamp = stamp_path(site)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(f"{site.resolve()} {fingerprint(solutions)}\n")
    report = BuildReport(site, time.monotonic() - t0, built=True, external_urls=external)
    _measure(report)
    return report


def _measure(report: BuildReport) -> None:
    files = [p for p in report.site.rglob("*") if p.is_file()]
    report.files = len(files)
    report.size_mb = sum(p.stat().st_size for p in files) / 1e6


# --------------------------------------------------------------------------- verification

def verify_site(site: Path = SITE) -> dict[str, list[str]]:
    """Fail (SiteError) unless the site is self-contained; return the reported external URLs.

    Checks: the Pyodide lock exists and lists REQUIRED_IN_LOCK; every file it names lies in the
    site; jupyter-lite.json loads Pyodide and the lock from the site with the PyPI fallback off;
    no configuration, lock or index file names an external host. External hosts found in other
    text files (JavaScript defaults overridden by the configuration) are returned, not fatal.
    """
    problems: list[str] = []
    lock_path = site / "static" / "pyodide-lock" / "pyodide-lock.json"
    if not lock_path.exists():
        raise SiteError(f"no Pyodide lock at {lock_path}: PyodideLockAddon did not run (see "
                        f"{CACHE / 'jupyter-lite-build.log'})")
    lock = json.loads(lock_path.read_text(encoding="utf-8"))
    packages = {_canonical(name): pkg for name, pkg in lock["packages"].items()}
    for name in REQUIRED_IN_LOCK:
        if name not in packages:
            problems.append(f"the lock does not list {name}")
    for name in LOCK_EXCLUDES:
        if name in packages:
            problems.append(f"the lock lists {name}, which should be excluded")
    for name, pkg in packages.items():
        target = (lock_path.parent / pkg["file_name"]).resolve()
        if "://" in pkg["file_name"] or site.resolve() not in target.parents or not target.is_file():
            problems.append(f"lock entry {name} is not a file in the site: {pkg['file_name']}")
    config = json.loads((site / "jupyter-lite.json").read_text(encoding="utf-8"))
    kernel = config["jupyter-config-data"]["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    if kernel.get("pyodideUrl") != "./static/pyodide/pyodide.mjs":
        problems.append(f"pyodideUrl is {kernel.get('pyodideUrl')!r}, not the site's Pyodide")
    if kernel.get("disablePyPIFallback") is not True:
        problems.append("disablePyPIFallback is not true")
    options = kernel.get("loadPyodideOptions", {})
    if options.get("lockFileURL") != "./static/pyodide-lock/pyodide-lock.json":
        problems.append("loadPyodideOptions.lockFileURL is not the site's lock")
    missing = set(PREFETCH) - set(options.get("packages", []))
    if missing:
        problems.append(f"loadPyodideOptions.packages lacks {sorted(missing)}")
    for stem in ("notebooks/05_triage_cases.ipynb", "exercises/01_thrombosis_warning_signs.ipynb"):
        if not (site / "files" / stem).exists():
            problems.append(f"missing content: files/{stem}")

    found = scan_external_urls(site)
    reported: dict[str, list[str]] = {}
    for host, paths in found.items():
        for rel in paths:
            if Path(rel).name in CONFIG_FILE_NAMES:
                problems.append(f"{rel} names {host}")
            else:
                reported.setdefault(host, []).append(rel)
    if problems:
        raise SiteError("the site is not self-contained:\n  " + "\n  ".join(problems))
    return reported


def scan_external_urls(site: Path = SITE) -> dict[str, list[str]]:
    """Which text files of the site name which EXTERNAL_HOSTS in a URL (host -> site paths)."""
    pattern = re.compile(r"(?:https?:)?//(" + "|".join(map(re.escape, EXTERNAL_HOSTS)) + r")[/\"'`]")
    found: dict[str, list[str]] = {}
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.suffix in TEXT_SUFFIXES:
            text = path.read_text(encoding="utf-8", errors="replace")
            for host in sorted(set(m.group(1) for m in pattern.finditer(text))):
                found.setdefault(host, []).append(path.relative_to(site).as_posix())
    return found


# --------------------------------------------------------------------------- serving

class _Handler(http.server.SimpleHTTPRequestHandler):
    # Module scripts and WebAssembly need these exact types; don't rely on /etc/mime.types.
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm",
                      ".json": "application/json", ".ipynb": "application/json"}

    def log_message(self, format, *args):  # noqa: A002 (the base class's name)
        pass


@contextlib.contextmanager
def serve(site: Path = SITE, port: int = 0) -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1 (``port`` 0: a free one) in a thread; yield its URL."""
    if not (site / "index.html").exists():
        raise SiteError(f"no site at {site}: run `make lite` first")
    handler = functools.partial(_Handler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="lite-site", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


# --------------------------------------------------------------------------- pins

PYODIDE_CONSTRAINTS = f"(the versions Pyodide {PYODIDE_VERSION} distributes)"


def update_pins(cache: Path = CACHE) -> None:
    """Recompile lite/requirements-lite.txt from lite/requirements-lite.in (needs PyPI).

    Constrained to the versions that Pyodide 314.0.6 itself distributes, for the packages it
    has; ``LOCK_EXCLUDES`` left out. Run the browser test after any change of pins.
    """
    ensure_build_env()
    lock = json.loads((fetch_pyodide(cache) / "pyodide-lock.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        constraints = Path(tmp) / "pyodide-constraints.txt"
        constraints.write_text("".join(f"{p['name']}=={p['version']}\n" for p in lock["packages"].values()
                                       if p["file_name"].endswith("-none-any.whl")))
        excludes = Path(tmp) / "excludes.txt"
        excludes.write_text("".join(f"{name}\n" for name in LOCK_EXCLUDES))
        env = dict(os.environ, UV_PYTHON_DOWNLOADS="never", UV_CACHE_DIR=str(cache / "uv"),
                   UV_CUSTOM_COMPILE_COMMAND="python scripts/build_lite.py --update-pins")
        subprocess.run([str(build_python()), "-m", "uv", "pip", "compile", "--quiet", "--no-build",
                        "--generate-hashes", "--python-platform", "wasm32-pyodide2024",
                        "--python-version", PYODIDE_PYTHON, "--index-url", "https://pypi.org/simple",
                        f"--constraints={constraints}", f"--excludes={excludes}",
                        "--output-file", str(PINS), str(PINS_IN)], check=True, env=env, cwd=LITE)
        # uv names the constraints file by its temporary path: keep the committed file stable.
        PINS.write_text(PINS.read_text(encoding="utf-8").replace(str(constraints), PYODIDE_CONSTRAINTS),
                        encoding="utf-8")


# --------------------------------------------------------------------------- command line

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--force", action="store_true", help="rebuild even if _site/ is up to date")
    parser.add_argument("--check", action="store_true", help="only verify an existing _site/")
    parser.add_argument("--serve", nargs="?", const=8000, type=int, metavar="PORT",
                        help="serve _site/ on http://127.0.0.1:PORT/ (default 8000) until Ctrl-C")
    parser.add_argument("--update-pins", action="store_true", help="recompile lite/requirements-lite.txt")
    parser.add_argument("--no-solutions", action="store_true", help="leave exercises/solutions/ out of the site")
    parser.add_argument("--output", type=Path, default=SITE, metavar="DIR",
                        help="the site folder (default _site/); a test builds elsewhere while _site/ is being served")
    args = parser.parse_args(argv)
    site = args.output.resolve()
    try:
        if args.update_pins:
            update_pins()
            print(f"wrote {PINS.relative_to(ROOT)}: now run `make lite` and the browser test")
            return 0
        if args.serve is not None:
            with serve(site, args.serve) as url:
                print(f"Serving {site}/ at {url}lab/index.html (Ctrl-C stops)", flush=True)
                with contextlib.suppress(KeyboardInterrupt):
                    threading.Event().wait()
            return 0
        if args.check:
            t0 = time.monotonic()
            report = BuildReport(site, 0.0, built=False, external_urls=verify_site(site))
            report.seconds = time.monotonic() - t0
            _measure(report)
        else:
            report = build_site(site, force=args.force, solutions=not args.no_solutions)
    except (SiteError, subprocess.CalledProcessError, OSError) as err:
        print(f"ERROR: {err}", file=sys.stderr)
        return 1
    print("Verified: Pyodide, its lock and every wheel are inside the site; PyPI fallback off.")
    for host, paths in sorted(report.external_urls.items()):
        print(f"  note: {host} named in {len(paths)} bundled file(s), e.g. {paths[0]} "
              "(defaults overridden by jupyter-lite.json; the browser test blocks and counts requests)")
    print(report.summary())
    return 0


if __name__ == "__main__":
    sys.exit(main())
