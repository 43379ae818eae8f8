# `make` sets up what is missing, then builds what changed; `make test` runs the tests.
#
# Each handout is its own target: `handouts build --depfile` writes, as compilers do with
# -MMD, the files a build read (spec, bibliography, release record, package code, fonts),
# so make rebuilds only the handouts whose inputs changed, then the pack. A build with
# nothing to do starts no Python at all.
PYTHON ?= python3
SPECS ?= specs
BUILD ?= build
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready
SYSTEM := $(VENV)/.system-deps
CODE := $(wildcard handouts/*.py)
DEPS := $(BUILD)/.deps
HANDOUT_SPECS := $(filter-out $(SPECS)/references.yaml $(SPECS)/pack.yaml,\
                   $(wildcard $(SPECS)/*.yaml))
STAMPS := $(patsubst $(SPECS)/%.yaml,$(DEPS)/%.stamp,$(HANDOUT_SPECS))
PACK := $(if $(wildcard $(SPECS)/pack.yaml),$(DEPS)/pack.stamp)
CHECKED := $(DEPS)/checked.stamp

.PHONY: all test lint golden clean setup release bench

all: $(STAMPS) $(PACK)

setup: $(READY) $(SYSTEM)

$(READY): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

$(SYSTEM): scripts/system-deps.sh | $(READY)
	sh scripts/system-deps.sh
	touch $@

# Checks across specs (every drug on a chart has a side-effect entry, released content is
# unchanged) run once, before any handout is built; warnings are printed here only.
$(CHECKED): $(wildcard $(SPECS)/*.yaml $(SPECS)/releases.lock) $(CODE) | setup
	$(BIN)/handouts check $(SPECS)
	@mkdir -p $(@D) && touch $@

$(DEPS)/%.stamp: $(SPECS)/%.yaml | setup $(CHECKED)
	$(BIN)/handouts build --quiet $< -o $(BUILD) --depfile $(DEPS)/$*.d
	@touch $@

$(DEPS)/pack.stamp: $(SPECS)/pack.yaml $(STAMPS) | setup $(CHECKED)
	$(BIN)/handouts pack --quiet $(SPECS) -o $(BUILD) --depfile $(DEPS)/pack.d
	@touch $@

-include $(wildcard $(DEPS)/*.d)

# A release build: fails on any handout past its review date.
release: setup
	$(BIN)/handouts check --strict $(SPECS)
	$(MAKE) all

test: setup
	$(BIN)/python -m pytest

golden: setup
	UPDATE_GOLDEN=1 $(BIN)/python -m pytest tests/test_dot.py tests/test_build.py \
	  tests/test_error_corpus.py

bench: setup
	$(BIN)/python bench/bench.py

clean:
	rm -rf $(BUILD)
