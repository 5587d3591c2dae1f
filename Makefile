# spinemodel: one command to set up and open the project, one to set up and test it.
#   make lab                   set up, then open JupyterLab on notebooks/
#   make app                   set up, then serve the explorer as a web app (Voilà)
#       both take PORT=N (lab: 8888, app: 8866) and HOST=ADDR (default 127.0.0.1, this machine
#       only; HOST=0.0.0.0 to reach it from other machines); they print the URL, pass --allow-root
#       only when run as root, and open a browser only where there is a screen (OPEN_BROWSER=no: never)
#   make test                  set up, then lint and run the whole test suite (notebooks and browser test included)
#   make test-oldest           the test suite on the oldest Python that requires-python admits (CI runs it too)

PYTHON ?= python3
# Set on make's command line only (`make lab PORT=8890`): an environment's HOST, PORT or VENV
# (tcsh exports HOST; `make test-oldest` exports VENV to its recipes) does not change them.
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
HOST   := 127.0.0.1
PORT   :=
# Where the oldest supported Python is (found by scripts/find-python unless given).
OLDEST_PYTHON ?=
OLDEST_VENV   ?= .venv-oldest

.PHONY: setup lab app pose test test-oldest pytest lint format baselines bench figures browser clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[notebooks,test]'
	touch $(STAMP)

setup: $(STAMP)

lab: setup
	@bash scripts/serve lab --bin '$(BIN)' --host '$(HOST)' --port '$(PORT)'

app: setup
	@bash scripts/serve app --bin '$(BIN)' --host '$(HOST)' --port '$(PORT)'

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

# The suite without lint, in $(VENV) (test-oldest runs it in its own environment).
pytest: setup browser
	MPLBACKEND=Agg $(BIN)/python -m pytest -n 2 -q

test-oldest:
	@py='$(OLDEST_PYTHON)'; [ -n "$$py" ] || py=$$(bash scripts/find-python) || exit 1; \
	echo "test-oldest: $$py ($$("$$py" --version)) in $(OLDEST_VENV)"; \
	$(MAKE) --no-print-directory pytest PYTHON="$$py" VENV='$(OLDEST_VENV)'

# Regenerate the figure regression baselines in tests/baseline/ after an intended change of a
# figure or of the model's numbers (see tests/test_plotting.py); look at them before committing.
baselines: setup
	SPINEMODEL_UPDATE_BASELINES=1 MPLBACKEND=Agg $(BIN)/python -m pytest -q -p no:xdist tests/test_plotting.py -k test_baseline
	@git status --short tests/baseline

bench: setup
	$(BIN)/python benchmarks/bench_model.py
	MPLBACKEND=Agg $(BIN)/python benchmarks/bench_widgets.py

clean:
	rm -rf $(VENV) $(OLDEST_VENV) .pytest_cache .ruff_cache .hypothesis
