"""The public names of ``legtwitch`` are what they say, whatever was imported before."""
import importlib
import pkgutil
import subprocess
import sys

import legtwitch


def test_no_public_name_is_shadowed_by_a_submodule():
    submodules = {m.name for m in pkgutil.iter_modules(legtwitch.__path__)}
    assert not submodules & set(legtwitch._PUBLIC), "a submodule named like a public function shadows it"


def test_public_names_resolve_after_every_submodule_is_imported():
    code = ("import importlib, pkgutil, legtwitch\n"
            "for m in pkgutil.iter_modules(legtwitch.__path__):\n"
            "    if m.name not in ('widgets', '__main__'): importlib.import_module('legtwitch.' + m.name)\n"
            "from legtwitch import triage, wells_score, load_cases, render_text\n"
            "assert callable(triage) and callable(wells_score) and callable(load_cases) and callable(render_text)\n"
            "print(triage({'calf_pain': True}).level.value)\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "urgent"


def test_all_public_names_exist():
    for name in legtwitch.__all__:
        assert getattr(legtwitch, name) is not None
    assert importlib.import_module("legtwitch").__version__
