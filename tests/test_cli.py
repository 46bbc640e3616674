"""The command line as a user runs it: real subprocesses, exit codes, stdout and stderr."""
import json
import subprocess
import sys

import pytest

from legtwitch.cases import cases_dir, load_cases


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "legtwitch", *args], input=stdin, capture_output=True,
                          text=True, timeout=60)


def test_triage_every_library_case_prints_its_expected_level():
    files = sorted(str(p) for p in cases_dir().glob("*.yaml"))
    proc = run("triage", "--brief", *files)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    expected = {c.id: c for c in load_cases()}
    assert len(lines) == len(files) == len(expected)
    for line in lines:
        path, rest = line.split(": ", 1)
        case = expected[path.rsplit("/", 1)[-1][:-5]]
        assert rest.split(",")[0] == case.expected_level.value
        if case.expected_wells is not None:
            assert f"Wells {case.expected_wells} (" in rest


def test_triage_text_and_json(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("calf_pain: true\nchest_pain: true\n")
    text = run("triage", str(path))
    assert text.returncode == 0 and text.stdout.startswith("‼ EMERGENCY: Call emergency services now.")
    assert "suspected_dvt" not in text.stdout
    author = run("triage", "--author", str(path))
    assert author.stdout.startswith("‼ EMERGENCY (emergency):") and "[suspected_dvt -> urgent; calf_pain]" in author.stdout
    data = json.loads(run("triage", "--json", str(path)).stdout)
    assert data["file"] == str(path) and data["level"] == "emergency" and data["wells"]["total"] == 0
    assert data["pe_wells"]["total"] == 0 and data["recommended_tests"][0]["id"] == "d_dimer"


def test_stdin_dash():
    proc = run("triage", "--json", "-", stdin='{"duration_days": 30}')
    assert proc.returncode == 0 and json.loads(proc.stdout)["level"] == "see_doctor"


def test_wells_command(tmp_path):
    path = tmp_path / "s.json"
    path.write_text('{"leg_swollen": true, "previous_dvt": true}')
    proc = run("wells", str(path))
    assert proc.returncode == 0 and proc.stdout.startswith("DVT Wells score: 2 -> DVT likely")
    path.write_text('{"leg_swollen": true, "vein_tenderness": true, "chest_pain": true, "age_years": 50}')
    proc = run("wells", str(path))
    assert "DVT Wells score: 2 -> DVT likely" in proc.stdout and "PE Wells score: 3 -> PE unlikely" in proc.stdout
    path.write_text('{"active_cancer": true}')
    proc = run("wells", str(path))
    assert proc.returncode == 0 and proc.stdout.startswith("No Wells score: there is no leg sign")
    path.write_text('{"leg_swollen": true, "age_years": 12}')
    assert "Note: Under 18" in run("wells", str(path)).stdout


def test_cases_list_and_show():
    listing = run("cases")
    assert listing.returncode == 0 and "classic_calf_dvt" in listing.stdout
    shown = run("cases", "--show", "classic_calf_dvt")
    assert shown.returncode == 0 and "Expected: urgent, Wells 3, PE Wells none, first test compression_ultrasound" in shown.stdout
    bad = run("cases", "--show", "classic_calf")
    assert bad.returncode == 2 and "did you mean classic_calf_dvt" in bad.stderr


@pytest.mark.parametrize("content, name, needle", [
    ("calf_pian: true\n", "a.yaml", "a.yaml:1: unknown field 'calf_pian'; did you mean calf_pain?"),
    ("age_years: 300\n", "b.yaml", "b.yaml:1: field 'age_years': got 300"),
    ("leg_warm: [true\n", "c.yaml", "c.yaml:2: invalid YAML"),
    ('{"seizure": "yes"}', "d.json", "d.json:1: field 'seizure': got 'yes', allowed: true or false"),
])
def test_bad_input_exit_2_one_line_no_traceback(tmp_path, content, name, needle):
    path = tmp_path / name
    path.write_text(content)
    for command in ("triage", "wells"):
        proc = run(command, str(path))
        assert proc.returncode == 2
        assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
        assert needle in proc.stderr and proc.stdout == ""


def test_missing_file_and_bad_stdin():
    proc = run("triage", "/no/such/file.yaml")
    assert proc.returncode == 2 and "file.yaml: cannot read file" in proc.stderr
    proc = run("triage", "-", stdin="frequency: often\n")
    assert proc.returncode == 2 and "<stdin>:1: field 'frequency'" in proc.stderr


def test_bad_command_line_is_exit_2_and_one_line():
    for args, needle in ((("triage",), "the following arguments are required: FILE"),
                         (("frobnicate",), "invalid choice: 'frobnicate'"),
                         (("triage", "--brief", "--json", "x"), "not allowed with argument")):
        proc = run(*args)
        assert proc.returncode == 2 and proc.stdout == ""
        assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("legtwitch: error: ") and needle in proc.stderr


def test_help_still_shows_usage():
    proc = run("triage", "--help")
    assert proc.returncode == 0 and proc.stdout.startswith("usage: legtwitch triage")


def test_several_files_one_bad_the_others_still_triaged(tmp_path):
    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    good.write_text("calf_pain: true\n")
    bad.write_text("calf_pain: true\ncalf_pain: false\n")
    proc = run("triage", "--brief", str(good), str(bad), str(good))
    assert proc.returncode == 2
    assert proc.stdout.count(": urgent") == 2 and proc.stderr.count("\n") == 1 and "duplicate key" in proc.stderr


def test_output_piped_into_a_program_that_stops_reading_ends_quietly():
    import subprocess, sys
    files = sorted(str(p) for p in cases_dir().glob("*.yaml"))  # ~100 KB of JSON: more than a pipe holds
    proc = subprocess.Popen([sys.executable, "-m", "legtwitch", "triage", "--json", *files],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.read(10)
    proc.stdout.close()  # like `| head -c 10`
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0 and err == b""
