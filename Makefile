# `make` sets up what is missing, then builds what changed; `make test` runs the tests.
#
# Settings (publishing address, editions, publisher) live in handouts.yaml, which make and
# `handouts` both read, so `handouts build` by hand gives the same bytes as make.
#
# Each handout and pack has a stamp: `handouts build --depfiles` writes, as compilers do
# with -MMD, the files each build read (spec, bibliography, settings, release record,
# package code, fonts) and its review date, so make knows which are out of date. Those
# are then built by one `handouts` process (in one worker per CPU, or make's -jN), which also
# rebuilds the packs that hold them and the download page. A make with nothing to do
# starts no Python at all.
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
DEPS := $(BUILD)/.deps
HANDOUT_SPECS := $(filter-out $(SPECS)/references.yaml,$(wildcard $(SPECS)/*.yaml))
PACK_SPECS := $(wildcard $(SPECS)/packs/*.yaml)
STAMPS := $(patsubst $(SPECS)/%.yaml,$(DEPS)/%.stamp,$(HANDOUT_SPECS)) \
          $(patsubst $(SPECS)/packs/%.yaml,$(DEPS)/pack-%.stamp,$(PACK_SPECS))
# Worker processes for typesetting: make's own -j (e.g. `make -j2`), else 0: one per CPU.
JOBS ?= $(or $(patsubst -j%,%,$(filter -j%,$(MAKEFLAGS))),0)

.PHONY: all test lint golden clean setup release bench preview FORCE

# An out-of-date handout or pack is listed in $(DEPS)/todo; all of them are then built in
# one process, which touches the stamp of each one it built. What failed keeps its old
# stamp, so the next make takes it up again. It prints every problem and warning, as
# `handouts build` does.
all: $(STAMPS) | setup
	@if [ -s $(DEPS)/todo ]; then \
	  specs=$$(sort -u $(DEPS)/todo | tr '\n' ' ' | sed 's/ $$//'); rm -f $(DEPS)/todo; \
	  echo "$(BIN)/handouts build --jobs $(JOBS) -o $(BUILD) $$specs"; \
	  $(BIN)/handouts build --jobs $(JOBS) --depfiles $(DEPS) -o $(BUILD) $$specs; \
	fi

setup: $(READY) $(SYSTEM)

$(READY): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

$(SYSTEM): scripts/system-deps.sh | $(READY)
	sh scripts/system-deps.sh
	touch $@

$(DEPS)/%.stamp: $(SPECS)/%.yaml | setup
	@mkdir -p $(@D) && echo $< >> $(DEPS)/todo

$(DEPS)/pack-%.stamp: $(SPECS)/packs/%.yaml | setup
	@mkdir -p $(@D) && echo $< >> $(DEPS)/todo

# A handout depends on the clock once its review date passes (it then prints REVIEW
# OVERDUE): $(DEPS)/due/DATE says whether DATE has passed, and is rewritten only when
# that changes, so make rebuilds exactly the handouts that have just become overdue.
# Like handouts, it judges by SOURCE_DATE_EPOCH's day when that is set.
$(DEPS)/due/%: FORCE
	@mkdir -p $(@D); \
	if [ -n "$${SOURCE_DATE_EPOCH:-}" ]; then today=$$(date -u -d @$$SOURCE_DATE_EPOCH +%F); \
	else today=$$(date +%F); fi; \
	if expr "$$today" \> "$*" >/dev/null; then state=overdue; else state=current; fi; \
	[ "$$(cat $@ 2>/dev/null)" = "$$state" ] || echo $$state > $@

FORCE:

-include $(wildcard $(DEPS)/*.d)

# A release build: fails on any handout past its review date, or a placeholder address.
release: setup
	$(BIN)/handouts check --strict --jobs $(JOBS) $(SPECS)
	$(MAKE) all

# Tools only the tests use: a headless browser, pdftoppm and zbarimg (QR codes), Node.js,
# and (from npm, pinned in tests/browser/package-lock.json) axe-core and playwright-core,
# which check the HTML editions in that browser.
TESTDEPS := $(VENV)/.test-deps
BROWSER_DEPS := tests/browser/node_modules/.package-lock.json
$(TESTDEPS): scripts/system-deps.sh | $(READY)
	sh scripts/system-deps.sh --tests
	touch $@

$(BROWSER_DEPS): tests/browser/package-lock.json | $(TESTDEPS)
	npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error

test: setup $(TESTDEPS) $(BROWSER_DEPS)
	$(BIN)/python -m pytest

# ruff, mypy, and import-linter, which keeps the pipeline's layers (see pyproject.toml).
lint: setup
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,lint]'
	$(BIN)/ruff check handouts tests bench
	$(BIN)/mypy handouts
	$(BIN)/lint-imports

golden: setup
	UPDATE_GOLDEN=1 $(BIN)/python -m pytest tests/test_dot.py tests/test_build.py \
	  tests/test_error_corpus.py

# Serve the handouts at http://127.0.0.1:8000/, each rebuilt (A4 and HTML) when its spec is
# saved; PORT=0 picks a free port.
PORT ?= 8000
preview: setup
	$(BIN)/handouts preview --port $(PORT) $(SPECS)

bench: setup
	$(BIN)/python bench/bench.py

clean:
	rm -rf $(BUILD)
