# `make` sets up what is missing, then builds what changed; `make test` runs the tests.
#
# Each handout has a stamp: `handouts build --depfiles` writes, as compilers do with -MMD,
# the files each build read (spec, bibliography, release record, package code, fonts), so
# make knows which handouts are out of date. Those are then built by one `handouts`
# process (in as many workers as make's -j), not one interpreter per spec; then the pack.
# A make with nothing to do starts no Python at all.
PYTHON ?= python3
# Let Python cache the package's compiled modules (__pycache__ is git-ignored): some
# environments set PYTHONDONTWRITEBYTECODE, which makes every build compile them again.
export PYTHONDONTWRITEBYTECODE :=
SPECS ?= specs
BUILD ?= build
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready
SYSTEM := $(VENV)/.system-deps
CODE := $(wildcard handouts/*.py handouts/*/*.py)
DEPS := $(BUILD)/.deps
HANDOUT_SPECS := $(filter-out $(SPECS)/references.yaml $(SPECS)/pack.yaml,\
                   $(wildcard $(SPECS)/*.yaml))
STAMPS := $(patsubst $(SPECS)/%.yaml,$(DEPS)/%.stamp,$(HANDOUT_SPECS))
PACK := $(if $(wildcard $(SPECS)/pack.yaml),$(DEPS)/pack.stamp)
CHECKED := $(DEPS)/checked.stamp
# Print profiles to build, and where build/ is published: every handout links to its entry
# there, in words and as a QR code. Set BASE_URL to the real address before printing.
PROFILES ?= a4 a5 letter large-print
BASE_URL ?= https://handouts.example.org/alk
PUBLISH := $(foreach p,$(PROFILES),--profile $(p)) --base-url $(BASE_URL)
# Workers for rendering: make's own -j (e.g. `make -j2`), else one.
JOBS ?= $(or $(patsubst -j%,%,$(filter -j%,$(MAKEFLAGS))),1)

.PHONY: all built test lint golden clean setup release bench

all: built $(PACK) $(BUILD)/index.html

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

# An out-of-date handout is listed in $(DEPS)/todo; `built` then builds everything listed
# in one process and empties the list only when that succeeds, so a failed or interrupted
# build is taken up again by the next make.
$(DEPS)/%.stamp: $(SPECS)/%.yaml $(DEPS)/options | setup $(CHECKED)
	@mkdir -p $(@D) && echo $< >> $(DEPS)/todo && touch $@

built: $(STAMPS) | setup $(CHECKED)
	@if [ -s $(DEPS)/todo ]; then \
	  specs=$$(sort -u $(DEPS)/todo | tr '\n' ' ' | sed 's/ $$//'); \
	  echo "$(BIN)/handouts build --jobs $(JOBS) -o $(BUILD) $$specs"; \
	  $(BIN)/handouts build --quiet --jobs $(JOBS) $(PUBLISH) --depfiles $(DEPS) \
	    -o $(BUILD) $$specs \
	    && rm -f $(DEPS)/todo; \
	fi

# The build options are a file that changes only when they do, so changing PROFILES or
# BASE_URL rebuilds what they affect.
$(DEPS)/options: FORCE
	@mkdir -p $(@D) && echo '$(PUBLISH)' | cmp -s - $@ || echo '$(PUBLISH)' > $@

FORCE:

$(DEPS)/pack.stamp: $(SPECS)/pack.yaml $(STAMPS) $(DEPS)/options | built
	$(BIN)/handouts pack --quiet $(PUBLISH) $(SPECS) -o $(BUILD) \
	  --depfile $(DEPS)/pack.d
	@touch $@

# The download page lists every file of the manifest, with a thumbnail of each handout.
$(BUILD)/index.html: $(STAMPS) $(PACK) handouts/publish/site.py | built
	$(BIN)/handouts site -o $(BUILD)

-include $(wildcard $(DEPS)/*.d)

# A release build: fails on any handout past its review date.
release: setup
	$(BIN)/handouts check --strict $(SPECS)
	$(MAKE) all

# Tools only the tests use: a headless browser, pdftoppm and zbarimg (QR codes).
TESTDEPS := $(VENV)/.test-deps
$(TESTDEPS): scripts/system-deps.sh | $(READY)
	sh scripts/system-deps.sh --tests
	touch $@

test: setup $(TESTDEPS)
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,lint]'
	$(BIN)/ruff check handouts tests bench
	$(BIN)/mypy handouts

golden: setup
	UPDATE_GOLDEN=1 $(BIN)/python -m pytest tests/test_dot.py tests/test_build.py \
	  tests/test_error_corpus.py

bench: setup
	$(BIN)/python bench/bench.py

clean:
	rm -rf $(BUILD)
