"""The project as a newcomer meets it: README, CI script, packaging."""
import fnmatch
import re
import tomllib
from pathlib import Path

from legtwitch.scenario import vocabulary_markdown

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_scenario_table_is_the_vocabulary():
    assert vocabulary_markdown() in README


def test_readme_has_two_setup_commands_and_ci_runs_the_test_command():
    quick = README.split("## Quick start", 1)[1].split("##", 1)[0]
    commands = re.findall(r"^make (\w+)", quick, flags=re.M)
    assert commands == ["lab", "test"]
    ci = (ROOT / ".ci" / "run").read_text()
    assert re.search(r"^make test$", ci, flags=re.M)
    makefile = (ROOT / "Makefile").read_text()
    assert "notebooks/00_start_here.ipynb" in makefile.split("\nlab:", 1)[1].split("\n\n", 1)[0]


def test_readme_says_not_a_medical_device_once():
    assert README.count("Not a medical device") == 1


def test_every_packaged_data_file_is_declared_as_package_data():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    patterns = config["tool"]["setuptools"]["package-data"]["legtwitch"]
    package = ROOT / "legtwitch"
    data_files = [p.relative_to(package).as_posix() for p in (package / "data").rglob("*") if p.is_file()]
    assert data_files
    for name in data_files:
        assert any(fnmatch.fnmatch(name, pat) for pat in patterns), name


def test_core_modules_import_only_stdlib_and_yaml():
    allowed_third_party = {"yaml"}
    for module in (ROOT / "legtwitch").glob("*.py"):
        if module.stem in ("widgets",):
            continue
        for line in module.read_text().splitlines():
            m = re.match(r"\s*(?:import|from)\s+([\w\.]+)", line)
            if not m or m.group(1).startswith("."):
                continue
            top = m.group(1).split(".")[0]
            assert top in allowed_third_party or top in __import__("sys").stdlib_module_names or top == "legtwitch", (module.name, line)


def test_no_eval_or_exec_in_the_package():
    for module in (ROOT / "legtwitch").rglob("*.py"):
        text = module.read_text()
        assert not re.search(r"\b(eval|exec)\(", text), module
        assert "yaml.load(" not in text and "yaml.unsafe_load" not in text, module
