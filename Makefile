# Two commands set everything up on a fresh machine (see README):
#   make run    installs into .venv and extracts the sample corpus into out/records.jsonl
#   make test   installs into .venv (with test extras and system packages) and runs the tests
PY      ?= python3
VENV    ?= .venv
BIN      = $(VENV)/bin
PIP      = $(BIN)/pip

.PHONY: install install-dev system run test bench

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(PIP) install -q --upgrade pip wheel setuptools

install: $(BIN)/python
	$(PIP) install -q -e .

install-dev: $(BIN)/python
	$(PIP) install -q -e '.[dev]'

system:
	bash scripts/install-system.sh

run: install
	mkdir -p out
	$(BIN)/jixiao extract corpus/seeds -o out/records.jsonl
	@if [ -d ../shared/corpus/gold ]; then $(BIN)/jixiao evaluate ../shared/corpus/gold out/records.jsonl; fi

test: system install-dev
	$(BIN)/python -m pytest -q
