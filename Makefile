# `make` sets up what is missing, then builds every spec that changed; `make test` tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready
SYSTEM := $(VENV)/.system-deps
SPECS := $(wildcard specs/*.yaml)
CODE := $(wildcard handouts/*.py)

.PHONY: all test lint golden clean setup release

all: build/manifest.json

setup: $(READY) $(SYSTEM)

$(READY): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

$(SYSTEM): scripts/system-deps.sh | $(READY)
	sh scripts/system-deps.sh
	touch $@

build/manifest.json: $(SPECS) $(CODE) | setup
	$(BIN)/handouts build -o build

# A release build: fails on any handout past its review date.
release: setup
	$(BIN)/handouts check --strict
	$(BIN)/handouts build -o build

test: setup
	$(BIN)/python -m pytest

golden: setup
	UPDATE_GOLDEN=1 $(BIN)/python -m pytest tests/test_dot.py tests/test_build.py

clean:
	rm -rf build
