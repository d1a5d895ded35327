# The course's commands. `make lab` opens the course; `make test` runs every test.
# Each creates (or refreshes, when pyproject.toml or requirements.lock changed) the virtual environment .venv.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
START  ?= notebooks/00-start-here.ipynb
# JupyterLab refuses to run as root without this flag (containers, CI machines).
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
# The course's server settings (jupyter-config/: kernel messages sent without a 40 ms stall, see helpers/server.py;
# pre-started Voila kernels and culling), and its data folder (the app view's template, which needs no CDN).
export JUPYTER_CONFIG_PATH := $(CURDIR)/jupyter-config$(if $(JUPYTER_CONFIG_PATH),:$(JUPYTER_CONFIG_PATH),)
export JUPYTER_PATH := $(CURDIR)/jupyter-config/data$(if $(JUPYTER_PATH),:$(JUPYTER_PATH),)

.PHONY: lab app patients test lint preview site site-zip bench load readability notebooks data-dictionary lock clean help instructors quiz slides handouts
.DEFAULT_GOAL := help

help:  ## list the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + "); set PYTHON=python3.11")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

lab: $(STAMP)  ## install what is needed and open the course in JupyterLab
	$(BIN)/jupyter lab $(ROOT_FLAG) --ServerApp.root_dir=. $(START)

app: $(STAMP)  ## install what is needed and open the course as an app (Voila: charts and controls, no code)
	$(BIN)/voila --Voila.ip=127.0.0.1 --VoilaConfiguration.show_tracebacks=False notebooks

patients: $(STAMP)  ## open the patient-education pages in the app view (Voila), for patient educators
	$(BIN)/voila --Voila.ip=127.0.0.1 --VoilaConfiguration.show_tracebacks=False notebooks/patients

test: lint  ## install what is needed, check lint and types, run every test (unit tests, nbval, browser tests)
	$(BIN)/python -m pytest

lint: $(STAMP)  ## ruff (lint and format check) and mypy (strict) on the course's code
	$(BIN)/ruff check helpers tools tests
	$(BIN)/ruff format --check helpers tools tests
	$(BIN)/mypy helpers

preview: $(STAMP)  ## export every notebook to standalone HTML in build/preview/ (charts work offline, no kernel)
	$(BIN)/python tools/export_preview.py --out build/preview

site: $(STAMP)  ## build the course website in build/site/ (static pages, every control live, no server, works from file://)
	$(BIN)/python tools/build_site.py --out build/site

site-zip: $(STAMP)  ## build the website and zip it (build/course-site.zip): for an LMS, a USB stick or any static host
	$(BIN)/python tools/build_site.py --out build/site --zip

instructors: $(STAMP)  ## regenerate the instructor guide in instructors/ (session plans, notes, answer key)
	$(BIN)/python tools/instructor_kit.py guide

quiz: $(STAMP)  ## the question bank in build/quiz/: Moodle XML, GIFT, QTI for Canvas, printable quiz and answer key
	$(BIN)/python tools/instructor_kit.py quiz

slides: $(STAMP)  ## one reveal.js deck per lesson in build/slides/ (reveal.js installed locally from npm, works offline)
	@test -f tools/slides/node_modules/reveal.js/dist/reveal.js || npm ci --prefix tools/slides --no-audit --no-fund
	$(BIN)/python tools/instructor_kit.py slides

handouts: $(STAMP)  ## one PDF per lesson and the urgency scale in build/handouts/ (printed by Chromium)
	$(BIN)/python tools/instructor_kit.py handouts

bench: $(STAMP)  ## measure speed and size against targets (prints a table, writes bench/results/bench.json)
	$(BIN)/python tools/bench.py --browser --install

readability: $(STAMP)  ## readability of every page (textstat: grade, sentence length, long words; bench/results/readability.json)
	$(BIN)/python tools/readability.py

load: $(STAMP)  ## N = 1, 10, 30 learners at once in the app view (bounded, localhost; writes bench/results/load.json)
	$(BIN)/python tools/load.py

notebooks: $(STAMP)  ## re-execute every notebook in place (outputs kept, widget state not stored)
	$(BIN)/python tools/execute_notebooks.py notebooks/*.ipynb notebooks/patients/*.ipynb

data-dictionary: $(STAMP)  ## regenerate data/README.md from the schemas in helpers/schemas.py
	$(BIN)/python tools/data_dictionary.py

lock:  ## refresh requirements.lock and the pins of environment.yml together
	$(PYTHON) tools/lock.py

clean:  ## remove the virtual environment and caches
	rm -rf $(VENV) build *.egg-info .pytest_cache
