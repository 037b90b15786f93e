# cocci-series: the single entry point, locally and in CI.
#   make run     install into .venv and generate the demo series into out/
#   make test    unit tests, rule golden tests, end-to-end on the demo tree
#   make lint    ruff (format + lint) and mypy --strict
#   make bench   timings (see bench/); KERNEL_TREE=... adds the 3.18 runs
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SERIES ?= msghdr-iov-iter
OUT ?= out/$(SERIES)
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

run: $(STAMP)
	rm -rf $(OUT)
	mkdir -p $(dir $(OUT))
	$(BIN)/cocci-series generate $(SERIES) --out $(OUT) --author 'cocci-series demo <demo@localhost>'

test: $(STAMP)
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff format --check generator tests bench
	$(BIN)/ruff check generator tests bench
	$(BIN)/mypy
	$(BIN)/mypy bench

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf out build .pytest_cache .mypy_cache .ruff_cache
