# b2bkg — two commands: `make run` (serve on the embedded in-memory store) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
NPM_STAMP := node_modules/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: setup run test lint build validate clean

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
