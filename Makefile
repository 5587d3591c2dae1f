# spinemodel: one command to set up and open the project, one to set up and test it.
#   make lab                   set up, then open JupyterLab on notebooks/
#   make app                   set up, then serve the explorer as a web app (Voilà)
#       both take PORT=N (lab: 8888, app: 8866) and HOST=ADDR (default 127.0.0.1, this machine
#       only; HOST=0.0.0.0 to reach it from other machines); they print the URL, pass --allow-root
#       only when run as root, and open a browser only where there is a screen (OPEN_BROWSER=no: never)
#   make test                  set up, then lint and run the whole test suite (notebooks and browser test included)
#   make test-oldest           the test suite on the oldest Python that requires-python admits (CI runs it too)
#   make docs                  set up, then build the course website into docs/_build/html (warnings are errors)

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
# The extras `setup` installs (test-oldest leaves out docs: the website is built by `make test` only).
EXTRAS := notebooks,test,docs
# Extra pytest arguments (test-oldest deselects the website test).
PYTEST_ARGS :=
# MathJax for the website, from npm (docs/package-lock.json), served from the site's own folder.
DOCS_JS := docs/node_modules/.package-lock.json

.PHONY: setup lab app pose test test-oldest pytest lint format baselines images bench figures browser docs docs-js clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[$(EXTRAS)]'
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

$(DOCS_JS): docs/package.json docs/package-lock.json
	bash scripts/ensure-npm
	npm ci --prefix docs --no-audit --no-fund --ignore-scripts
	touch $(DOCS_JS)

docs-js: $(DOCS_JS)

# The course website (docs/conf.py): notebooks executed (cached in docs/_build/.jupyter_cache;
# SPINEMODEL_DOCS_EXECUTE=force runs them all), figure gallery, API reference. The folder
# docs/_build/html works offline; publish it by copying it anywhere (README: "The course website").
docs: setup docs-js
	MPLBACKEND=Agg $(BIN)/python -m sphinx -W --keep-going -b html docs docs/_build/html

lint: setup
	$(BIN)/ruff check spinemodel tests benchmarks docs
	$(BIN)/ruff format --check spinemodel tests benchmarks docs

format: setup
	$(BIN)/ruff format spinemodel tests benchmarks docs
	$(BIN)/ruff check --fix spinemodel tests benchmarks docs

# tests/test_docs.py builds the website once (one test) and opens it offline in Chromium.
test: setup browser docs-js lint
	MPLBACKEND=Agg $(BIN)/python -m pytest -n 2 -q $(PYTEST_ARGS)

# The suite without lint, in $(VENV) (test-oldest runs it in its own environment).
pytest: setup browser
	MPLBACKEND=Agg $(BIN)/python -m pytest -n 2 -q $(PYTEST_ARGS)

test-oldest:
	@py='$(OLDEST_PYTHON)'; [ -n "$$py" ] || py=$$(bash scripts/find-python) || exit 1; \
	echo "test-oldest: $$py ($$("$$py" --version)) in $(OLDEST_VENV)"; \
	$(MAKE) --no-print-directory pytest PYTHON="$$py" VENV='$(OLDEST_VENV)' EXTRAS=notebooks,test \
		PYTEST_ARGS='-m "not docs"'

# Regenerate the figure regression baselines in tests/baseline/ after an intended change of a
# figure or of the model's numbers (see tests/test_plotting.py); look at them before committing.
baselines: setup
	SPINEMODEL_UPDATE_BASELINES=1 MPLBACKEND=Agg $(BIN)/python -m pytest -q -p no:xdist tests/test_plotting.py -k test_baseline
	@git status --short tests/baseline

# Redraw the README's figures (docs/img/) and the notebooks' saved figures (notebooks/img/) after a change
# of the model or a figure.
images: setup
	MPLBACKEND=Agg $(BIN)/python scripts/update-images

bench: setup
	$(BIN)/python benchmarks/bench_model.py
	MPLBACKEND=Agg $(BIN)/python benchmarks/bench_widgets.py

clean:
	rm -rf $(VENV) $(OLDEST_VENV) .pytest_cache .ruff_cache .hypothesis
	rm -rf docs/_build docs/_generated docs/notebooks docs/node_modules
