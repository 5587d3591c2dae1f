# spinemodel: one command to set up and open the project, one to set up and test it.
#   make lab    set up, then open JupyterLab on notebooks/
#   make test   set up, then lint and run the whole test suite (notebooks and browser test included)

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: setup lab app pose test lint format bench figures browser clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[notebooks,test]'
	touch $(STAMP)

setup: $(STAMP)

lab: setup
	$(BIN)/jupyter lab notebooks/

app: setup
	$(BIN)/voila notebooks/explorer.ipynb --Voila.ip=127.0.0.1 --port=8866

pose: setup
	$(BIN)/python -m spinemodel pose --scenario standing_turn

browser:
	bash scripts/ensure-chromium

lint: setup
	$(BIN)/ruff check spinemodel tests benchmarks
	$(BIN)/ruff format --check spinemodel tests benchmarks

format: setup
	$(BIN)/ruff format spinemodel tests benchmarks
	$(BIN)/ruff check --fix spinemodel tests benchmarks

test: setup browser lint
	MPLBACKEND=Agg $(BIN)/python -m pytest -n 2 -q

bench: setup
	$(BIN)/python benchmarks/bench_model.py
	MPLBACKEND=Agg $(BIN)/python benchmarks/bench_widgets.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
