# The two commands a newcomer needs: `make run` and `make test`.
# Both create .venv on first use, so a fresh machine needs only python3 (>= 3.11) and make.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: run test clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

run: $(STAMP)
	$(BIN)/doelgraaf serve --demo

test: $(STAMP)
	$(BIN)/python -m pytest -q -n auto --dist loadgroup

clean:
	rm -rf $(VENV) doelgraaf-data .pytest_cache
