"""environment.yml (conda and Binder) agrees with pyproject.toml (pip, the tested path).

Binder builds from the root ``environment.yml``; pip users get ``pyproject.toml``. If the two
drift, a Binder student runs different versions from the ones the tests passed with. So: every
requirement of the package and of its ``notebooks`` and ``test`` extras appears in
environment.yml (as a conda-forge package or a pip line) with the same version bounds, and
nothing else is added; Python is pinned to one minor version that ``requires-python`` allows;
the package itself is installed with ``pip: ["-e ."]``; and there is no ``binder/`` folder.
"""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
ENV = yaml.safe_load((ROOT / "environment.yml").read_text())
EXTRAS = ("notebooks", "test")
CONDA_ONLY = {"python", "pip"}


def pyproject_requirements() -> dict[str, SpecifierSet]:
    """name -> version bounds over the core dependencies and the extras Binder users need."""
    lines = list(PYPROJECT["project"]["dependencies"])
    for extra in EXTRAS:
        lines += PYPROJECT["project"]["optional-dependencies"][extra]
    out: dict[str, SpecifierSet] = {}
    for line in lines:
        req = Requirement(line)
        name = canonicalize_name(req.name)
        assert out.get(name, req.specifier) == req.specifier, f"{name} has two different bounds in pyproject.toml"
        out[name] = req.specifier
    return out


def _conda_spec(line: str) -> tuple[str, str]:
    match = re.fullmatch(r"([A-Za-z0-9_.-]+)\s*(.*)", line.strip())
    assert match, f"environment.yml: cannot read {line!r}"
    return canonicalize_name(match.group(1)), match.group(2).replace(" ", "")


def environment_requirements() -> dict[str, SpecifierSet]:
    out: dict[str, SpecifierSet] = {}
    for entry in ENV["dependencies"]:
        if isinstance(entry, dict):
            for line in entry["pip"]:
                if line.strip() != "-e .":
                    req = Requirement(line)
                    out[canonicalize_name(req.name)] = req.specifier
            continue
        name, spec = _conda_spec(entry)
        if name not in CONDA_ONLY:
            assert not re.search(r"(?<![<>=!])=(?!=)", spec), f"environment.yml: use pip-style bounds for {name}: {spec}"
            out[name] = SpecifierSet(spec)
    return out


def test_same_packages_in_both_files():
    assert sorted(environment_requirements()) == sorted(pyproject_requirements())


@pytest.mark.parametrize("name", sorted(pyproject_requirements()))
def test_same_version_bounds(name):
    assert environment_requirements()[name] == pyproject_requirements()[name], name


def test_conda_forge_only_and_python_pinned_to_an_allowed_minor():
    assert ENV["channels"] == ["conda-forge"]
    pins = [e for e in ENV["dependencies"] if isinstance(e, str) and _conda_spec(e)[0] == "python"]
    assert len(pins) == 1 and re.fullmatch(r"python=3\.\d+", pins[0].replace(" ", "")), pins
    minor = Version(pins[0].split("=")[1] + ".0")
    assert minor in SpecifierSet(PYPROJECT["project"]["requires-python"])


def test_the_package_is_installed_editable_by_pip():
    pip_sections = [e["pip"] for e in ENV["dependencies"] if isinstance(e, dict)]
    assert len(pip_sections) == 1 and "-e ." in pip_sections[0]
    assert "pip" in ENV["dependencies"]


def test_no_binder_folder_so_binder_reads_the_root_file():
    assert not (ROOT / "binder").exists() and not (ROOT / ".binder").exists()


def test_readme_binder_badge_opens_the_start_notebook_of_this_repository():
    readme = (ROOT / "README.md").read_text()
    repo = PYPROJECT["project"]["urls"]["Repository"].removeprefix("https://github.com/")
    badges = re.findall(r"\[!\[Binder\]\(https://mybinder\.org/badge_logo\.svg\)\]\(([^)]+)\)", readme)
    assert badges == [f"https://mybinder.org/v2/gh/{repo}/HEAD?labpath=notebooks%2F00_start_here.ipynb"]
    assert (ROOT / "notebooks" / "00_start_here.ipynb").exists()
    assert "first\nlaunch" in readme or "first launch" in readme
