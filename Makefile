# b2bkg — two commands: `make run` (serve on the embedded in-memory store) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
NPM_STAMP := node_modules/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: setup run test lint build validate clean virtuoso bench-scale

setup: $(STAMP) $(NPM_STAMP)

# Re-install only when the dependency declarations change.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The browser libraries of the explorer (served by the app from node_modules; no CDN).
$(NPM_STAMP): package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $(NPM_STAMP)

build: setup
	$(BIN)/b2bkg build

validate: setup
	$(BIN)/b2bkg validate

run: setup
	$(BIN)/b2bkg serve --host $(HOST) --port $(PORT)

lint: setup
	$(BIN)/ruff check src tests benchmarks

test: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python -m pytest

clean:
	rm -rf build .pytest_cache

# Debian's Virtuoso 7 for the remote store (tests start their own on loopback); needs root.
virtuoso:
	command -v virtuoso-t >/dev/null || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y virtuoso-opensource)
	# the package's own system service is not used (and must not listen beyond loopback)
	-systemctl disable --now virtuoso-opensource-7 2>/dev/null || service virtuoso-opensource-7 stop 2>/dev/null || true

# The scale benchmark (memory, oxigraph, remote at 10k/100k/1M triples); printed, not a test.
bench-scale: setup
	$(BIN)/python benchmarks/scale_bench.py
