# Two commands a newcomer needs: `make lab` (open the module) and `make test` (run every test).
# Both create the virtual environment .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: lab test test-fast venv notebooks exercises slides voila bench clean lite lite-serve bench-browser bench-suite

$(STAMP): pyproject.toml jupyter/overrides.json
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[notebooks,test]"
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	mkdir -p $(VENV)/share/jupyter/lab/settings
	cp jupyter/overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	touch $(STAMP)

venv: $(STAMP)

## Open the module: JupyterLab on the start notebook, with the whole project in its file browser
## (the notebooks link to ../exercises). As root (a container or a cloud shell)
## JupyterLab refuses to start without --allow-root: it is added, with a one-line note.
## LAB_ARGS passes options through, e.g. make lab LAB_ARGS="--no-browser --port=8899".
LAB_ARGS ?=
lab: $(STAMP)
	@if [ "$$(id -u)" = "0" ]; then echo "Note: running as root (a container or cloud shell?): starting JupyterLab with --allow-root."; fi
	$(BIN)/jupyter lab $$( [ "$$(id -u)" = "0" ] && echo --allow-root ) --ServerApp.root_dir="$(CURDIR)" \
		--LabApp.default_url=/lab/tree/notebooks/00_start_here.ipynb $(LAB_ARGS)

## Run all tests: package tests, property tests, widget tests, notebooks and exercises under nbval,
## and the browser tests; in parallel on every core (pytest-xdist, at most $(MAX_WORKERS) workers),
## slowest 15 tests listed at the end. `make test PYTEST_ARGS="-k quiz"` passes options on.
MAX_WORKERS ?= 4
PYTEST_PARALLEL = -n auto --maxprocesses=$(MAX_WORKERS) --dist loadgroup
PYTEST_ARGS ?=
test: $(STAMP)
	$(BIN)/pytest $(PYTEST_PARALLEL) --durations=15 $(PYTEST_ARGS)

## For authors, the quick loop after changing a case, a rule or a question: the package, property,
## case, knowledge-base and question-bank tests; no notebook, no kernel, no browser, no site build.
## Property tests draw at most 200 examples each here (tests/conftest.py); make test draws them all.
## On every core (at most $(MAX_WORKERS)): with 4,400 tests two workers save more than they cost to
## start (docs/performance.md: 23.7 s against 33 s serially on 2 cores); on a machine busy with other
## work `make test-fast FAST_WORKERS=0` runs serially.
FAST_WORKERS ?= auto --maxprocesses=$(MAX_WORKERS)
test-fast: $(STAMP)
	LEGTWITCH_QUICK=1 $(BIN)/pytest -n $(FAST_WORKERS) --durations=5 -m "not browser and not notebook and not slow" tests $(PYTEST_ARGS)

## For authors: rebuild the glossary notebook, link each glossary term where a notebook first uses
## it, then re-execute every teaching notebook in place, top to bottom, in a fresh kernel.
notebooks: $(STAMP)
	$(BIN)/python scripts/build_glossary.py
	$(BIN)/python scripts/run_notebooks.py
	$(BIN)/python scripts/readability.py

## For authors: regenerate student and solution exercise notebooks from their single source.
exercises: $(STAMP)
	$(BIN)/python scripts/build_exercises.py

## A lecturer's slide deck of a notebook: make slides NB=notebooks/05_triage_cases.ipynb
NB ?= notebooks/05_triage_cases.ipynb
slides: $(STAMP)
	$(BIN)/jupyter nbconvert --to slides --output-dir _slides $(NB)

## The scenario explorer as an app (no code shown).
voila: $(STAMP)
	$(BIN)/voila notebooks/05_triage_cases.ipynb

## The zero-install site for students (a browser is all they need): JupyterLite with the
## Pyodide kernel, ipywidgets, legtwitch, the notebooks and the exercises, in _site/. Nothing is
## fetched from outside the site at run time. The build tools (pyproject's `lite` extra) live in
## their own environment, .cache/lite/venv, with the downloads: in .venv the Pyodide kernel's
## JupyterLab extension would break JupyterLab, Notebook 7 and Voila.
lite: $(STAMP)
	$(BIN)/python scripts/build_lite.py

## Serve _site/ on http://127.0.0.1:$(PORT)/ to try it (any static web host serves it as well).
PORT ?= 8000
lite-serve: lite
	$(BIN)/python scripts/build_lite.py --serve $(PORT)

bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py

## Interaction speed in Chromium: JupyterLab load, click-to-result in JupyterLab, Voila and JupyterLite,
## and where the JupyterLite first load goes.
bench-browser: $(STAMP)
	$(BIN)/python benchmarks/browser_bench.py

## The test suite (with and without the browser, and `make test-fast`) and the JupyterLite first
## load of this checkout next to a baseline commit, in one run (about 25 minutes):
## make bench-suite BASELINE=88fcb5f RUNS=2
BASELINE ?= 88fcb5f
RUNS ?= 1
bench-suite: $(STAMP)
	$(BIN)/python benchmarks/suite_bench.py --baseline $(BASELINE) --runs $(RUNS)

clean:
	rm -rf $(VENV) _slides .pytest_cache .hypothesis _site
