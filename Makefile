# Two promises: `make serve` and `make test` do all the set-up on a fresh machine with python3.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CLI := $(BIN)/python -m belarus_russia_defence
DB := build/belarus_russia_defence.db
BASE ?= origin/main

.PHONY: install validate validate-full build metadata serve test fuzz docs dist diff benchmark benchmark-full loadtest clean

$(STAMP): requirements.txt pyproject.toml
	bash scripts/system-packages.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

# The contributor's quick check: the generated rules run directly (no Pandera import), no frictionless.
# Our checks alone report every case frictionless reports, with a more precise line (the bad-input
# catalogue proves it case by case, and a parity test that both engines agree). `make validate-full`
# runs the rules through Pandera and adds frictionless as a second opinion, as CI's tests do.
validate: $(STAMP)
	$(CLI) validate --no-frictionless --engine direct

validate-full: $(STAMP)
	$(CLI) validate --engine pandera

$(DB) build: $(STAMP)
	$(CLI) build
	$(CLI) metadata

metadata: $(STAMP)
	$(CLI) metadata

serve: build dist
	$(CLI) serve --host 127.0.0.1 --port 8001

# One worker per core; a test file's tests stay on one worker, so a module's server or database is built once.
test: $(STAMP)
	bash scripts/system-packages.sh --browser
	$(BIN)/python -m pytest -n auto --dist loadfile

# The property tests with fresh random examples, 25 times as many as `make test` draws (which always draws the same).
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=explore FUZZ_SCALE=$${FUZZ_SCALE:-25} $(BIN)/python -m pytest tests/test_fuzz.py -p no:randomly

docs: $(STAMP)
	$(CLI) docs

dist: $(STAMP)
	$(CLI) dist

diff: $(STAMP)
	$(CLI) diff --base $(BASE)

benchmark: $(STAMP)
	$(BIN)/python scripts/benchmark.py --sizes 10000,100000 --runs 3

benchmark-full: $(STAMP)
	$(BIN)/python scripts/benchmark.py --sizes 10000,100000,1000000 --runs 3

loadtest: $(STAMP)
	$(BIN)/python scripts/loadtest.py --clients 16 --duration 30

clean:
	rm -rf build dist .pytest_cache
