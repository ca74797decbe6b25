# Every task a person runs is a target here; `make help` lists them. CI runs `make test` (.ci/run).
#
# The environment: with an active conda environment made from environment.yml
# (`conda activate zaozhuang-hightech`) the targets use it; otherwise they create and use .venv/
# from requirements.txt with the Python found as $(PYTHON) (3.11 or newer).

SHELL := /bin/bash
.DEFAULT_GOAL := help

ENV_NAME := zaozhuang-hightech
PYTHON ?= python3
OUT := build

ifeq ($(CONDA_DEFAULT_ENV),$(ENV_NAME))
  PY := python
  ENV_READY :=
else
  VENV := .venv
  PY := $(VENV)/bin/python
  ENV_READY := $(VENV)/.installed
endif

PYTEST_ARGS ?=
EXPORT_ARGS ?=
DECKS_ARGS ?=
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9]*.ipynb))
# `make run FORCE=1` rebuilds the data and runs every export job, changed or not.
EXPORT_FLAGS := $(if $(FORCE),--force)
# `make run` (helpers.publish.run) redoes each step (the data, the annotated release, the decks,
# the teaching editions, the export) only when a hash of its inputs or of its outputs changed since it
# last succeeded (build/.export/steps.json): never by modification time. `make data` always rebuilds.
TEACHING_STAMP := $(OUT)/.export/teaching.stamp
# The build's commands print one line per error; DEBUG=1 (or ZZ_DEBUG=1) shows the traceback.
DEBUG_FLAG := $(if $(DEBUG),--debug)

.PHONY: help env system data notebooks translations determinism run export decks release teaching grade test test-fast bench lint lab lab-zh clean

help: ## List every target with one line each
	@awk 'BEGIN {FS = ":.*## "} /^[a-z][a-zA-Z_-]*:.*## / {printf "  make %-12s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

env: $(ENV_READY) ## Create the environment if it is missing (.venv/, or the active conda env)

$(VENV)/.installed: requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed, found " + sys.version.split()[0] + "; run make PYTHON=/path/to/python3.11")'
	@echo "Creating $(VENV)/ with $$($(PYTHON) --version) (first time only: about a minute, ~250 MB download)"
	@$(PYTHON) -m venv $(VENV)
	@$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e . 2>/dev/null \
	  || $(VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@
	@echo "Environment ready: $(VENV)/"

system: $(ENV_READY) ## Install Chromium and poppler-utils if missing (Debian/Ubuntu, as root or sudo -n); else say what to install
	@$(PY) -m helpers.publish.system

data: $(ENV_READY) ## Rebuild every derived data file (data/processed/) from data/raw/
	@$(PY) -m helpers.publish.data $(DEBUG_FLAG)

notebooks: $(ENV_READY) ## Re-run every notebook in place so its stored outputs are fresh (after editing one)
	@$(PY) -m helpers.publish.execute $(NB)

translations: $(ENV_READY) ## Refresh the Chinese catalogs after English edits (notebooks/locale/); prints what is left
	@$(PY) -m helpers.publish.translation refresh $(NB)
	@$(PY) -m helpers.tables refresh
	@$(PY) -m helpers.publish.exercise_messages refresh

determinism: $(ENV_READY) ## Run every notebook again and check its stored outputs come back byte for byte
	@$(PY) -m helpers.publish.execute --check $(NB)

run: $(ENV_READY) system ## The main job: the data, the annotated release, the decks, reports, PDFs, figures and the teaching editions in build/ (what changed; FORCE=1: all)
	@$(PY) -m helpers.publish.run --out $(OUT) $(EXPORT_FLAGS) $(DEBUG_FLAG) $(EXPORT_ARGS)

export: $(ENV_READY) ## Export alone; narrow it with EXPORT_ARGS="--only 01 --lang zh --no-pdf" (or ZZ_LANG=zh)
	@$(PY) -m helpers.publish.export --out $(OUT) $(EXPORT_FLAGS) $(DEBUG_FLAG) $(EXPORT_ARGS)

decks: $(ENV_READY) ## The presenters' decks alone, from notebooks/decks/<lang>/*.md (build/<lang>/slides/); DECKS_ARGS="--lang zh --no-pdf"
	@$(PY) -m helpers.publish.decks --out $(OUT) $(DEBUG_FLAG) $(DECKS_ARGS)

release: $(ENV_READY) ## Build build/release.html alone: the release annotated, every figure marked (make run does it too)
	@$(PY) -m helpers.publish.annotate --out $(OUT)/release.html $(DEBUG_FLAG)

teaching: $(ENV_READY) ## The student and teacher editions alone (build/<lang>/teaching/; make run makes them too)
	@$(PY) -m helpers.publish.teaching --out $(OUT)
	@mkdir -p $(dir $(TEACHING_STAMP)) && touch $(TEACHING_STAMP)

grade: $(ENV_READY) ## Grade handed-in notebooks: make grade SUBMISSIONS=<folder of .ipynb> GRADES=<csv> (after make teaching)
	@test -n "$(SUBMISSIONS)" -a -n "$(GRADES)" || { echo "usage: make grade SUBMISSIONS=<folder of notebooks> GRADES=<csv>"; exit 2; }
	@$(PY) -m helpers.publish.grading "$(SUBMISSIONS)" "$(GRADES)" --out $(OUT)

test: $(ENV_READY) system ## Run the whole suite: unit tests and strict nbval over every notebook
	@ZZ_LANG=en ZZ_STRICT_FONTS=1 ZZ_SAVE_FIGURES=0 $(PY) -m pytest -n 2 --dist loadfile -rs --nbval --nbval-current-env \
	  --nbval-sanitize-with tests/nbval_sanitize.cfg tests $(NOTEBOOKS) $(PYTEST_ARGS)

test-fast: $(ENV_READY) ## The unit tests alone: no kernel, Chromium or JupyterLab (the inner loop)
	@ZZ_LANG=en ZZ_STRICT_FONTS=1 $(PY) -m pytest -n 2 -q -m "not slow" tests $(PYTEST_ARGS)

bench: $(ENV_READY) ## Time the test suite against its floor, `import helpers` and the export
	@$(PY) -m helpers.publish.bench --export

lint: $(ENV_READY) ## Check the code with ruff: lint rules, and the format of the code and the notebooks' code cells
	@$(PY) -m ruff check helpers tests notebooks
	@$(PY) -m ruff format --check helpers tests notebooks

lab: $(ENV_READY) ## Open JupyterLab on the notebooks: offline (no news or update checks), Chinese in the bundled font
	@$(PY) -m helpers.publish.lab notebooks/

lab-zh: $(ENV_READY) ## JupyterLab in Chinese on the Chinese edition (build/zh/lab/; outputs of the last make run)
	@$(PY) -m helpers.publish.lab --zh

clean: ## Remove what was built (build/, caches); keeps .venv/, data and notebooks
	rm -rf $(OUT) .pytest_cache .ruff_cache
	find . -name __pycache__ -not -path './.venv/*' -prune -exec rm -rf {} +
