# Two commands set everything up on a fresh machine (see README):
#   make run    installs into .venv and extracts the sample corpus into out/records.jsonl
#   make test   installs into .venv (with test extras and system packages) and runs the tests
#   make floor  the oldest supported Python (3.10) with a plain `pip install -e .` (no pkuseg):
#               the rules-only tool and the command line, as a user without the Makefile gets them
PY      ?= python3
VENV    ?= .venv
BIN      = $(VENV)/bin
PIP      = $(BIN)/pip

# the first python3.10 that runs: on the PATH, else pyenv's (whose shim refuses it unless selected)
FLOOR_PY   ?= $(shell for p in python3.10 $$HOME/.pyenv/versions/3.10*/bin/python3.10 /usr/bin/python3.10; do \
                $$p -c '' >/dev/null 2>&1 && { echo $$p; break; }; done)
FLOOR_VENV ?= .venv-floor

.PHONY: install install-dev pkuseg system run test floor bench

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(PIP) install -q --upgrade pip wheel setuptools

install: $(BIN)/python pkuseg
	$(PIP) install -q -e .

install-dev: $(BIN)/python pkuseg
	$(PIP) install -q -e '.[dev]'

# pkuseg ships the Chinese segmentation model the spaCy pipeline uses (models/ holds no
# segmentation weights); its build imports numpy and Cython, so no build isolation.
pkuseg: $(BIN)/python
	@$(BIN)/python -c "import pkuseg" 2>/dev/null || { $(PIP) install -q numpy cython && \
	  $(PIP) install -q --no-build-isolation pkuseg; }

system:
	bash scripts/install-system.sh

run: install
	mkdir -p out
	$(BIN)/jixiao extract corpus/seeds -o out/records.jsonl
	@if [ -d ../shared/corpus/gold ]; then $(BIN)/jixiao evaluate ../shared/corpus/gold out/records.jsonl; fi

test: system install-dev
	$(BIN)/python -m pytest -q

floor:
	@[ -n "$(FLOOR_PY)" ] || { echo "make floor needs python3.10, the oldest Python jixiao supports: install it or pass FLOOR_PY=/path/to/python3.10"; exit 1; }
	$(FLOOR_PY) -m venv $(FLOOR_VENV)
	$(FLOOR_VENV)/bin/pip install -q --upgrade pip wheel setuptools
	$(FLOOR_VENV)/bin/pip install -q -e '.[dev]'
	$(FLOOR_VENV)/bin/python -m pytest -q tests/cli/test_cli.py tests/cli/test_cli_mistakes.py tests/test_plain_install.py \
	  tests/slots/test_normalize.py tests/read/test_layout.py tests/quality/test_checks.py tests/test_accuracy.py tests/learn/nlp/test_entry_points.py
