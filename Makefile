# b2bkg — two commands: `make run` (serve on the embedded in-memory store) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
NPM_STAMP := node_modules/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: setup setup-run system-deps test test-fast run lint build validate clean bench-scale fuzz

# Everything `make test` needs: the Debian parts the tests use (chromium, chromium-driver, a CJK
# font, virtuoso-opensource, Java; installed with apt-get when missing, see tools/system-deps.sh),
# the venv and the explorer's npm packages.
setup: system-deps $(STAMP) $(NPM_STAMP)

# What `make run` needs: no browser, no Virtuoso (it serves the embedded in-memory store).
setup-run:
	tools/system-deps.sh run
	$(MAKE) --no-print-directory $(STAMP) $(NPM_STAMP)

system-deps:
	tools/system-deps.sh test

# Re-install only when the dependency declarations change.
# npm first: building the (non-editable) wheel copies the browser libraries out of node_modules.
$(STAMP): pyproject.toml $(NPM_STAMP)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The browser libraries of the explorer (served by the app from node_modules; no CDN).
$(NPM_STAMP): package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $(NPM_STAMP)

build: setup-run
	$(BIN)/b2bkg build

validate: setup-run
	$(BIN)/b2bkg validate

run: setup-run
	$(BIN)/b2bkg serve --host $(HOST) --port $(PORT)

lint: setup
	$(BIN)/ruff check src tests benchmarks

test: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python -m pytest

# The fast core: no browser, no Virtuoso, no reasoner, nothing marked slow (seconds, not minutes).
test-fast: setup-run
	$(BIN)/python -m pytest -m "not browser and not virtuoso and not reasoner and not slow"

# The fuzz tests with many more examples than `make test` runs (schemathesis + mutated SPARQL, against
# the service and the cost estimate).
fuzz: setup
	B2BKG_FUZZ_EXAMPLES=$${B2BKG_FUZZ_EXAMPLES:-200} $(BIN)/python -m pytest -q -s tests/hardening/test_fuzz.py \
		tests/hardening/test_cost.py::test_the_estimate_never_fails_on_mutated_queries

clean:
	rm -rf build .pytest_cache

# The scale benchmark (memory, oxigraph, remote at 10k/100k/1M triples); printed, not a test.
bench-scale: setup
	$(BIN)/python benchmarks/scale_bench.py
