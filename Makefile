# Two commands set everything up on a fresh machine (see README):
#   make run    installs into .venv and extracts the sample corpus into out/records.jsonl
#   make test   installs into .venv (with test extras and system packages) and runs the tests
PY      ?= python3
VENV    ?= .venv
BIN      = $(VENV)/bin
PIP      = $(BIN)/pip

.PHONY: install install-dev pkuseg system run test bench

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
