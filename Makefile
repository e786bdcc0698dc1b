# TrialGuide: `make run` opens the app, `make test` runs every check.
# Both create .venv on first use and reinstall when pyproject.toml changes.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python

.PHONY: run test lint typecheck imports i18n-check pytest i18n clean help

help:
	@echo "make run    open TrialGuide on the embedded default record"
	@echo "make test   lint, type-check, import contracts, catalogs, then the test suite"
	@echo "make i18n   re-extract interface messages and update the Persian catalog"

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed-run: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed-run

run: $(VENV)/.installed-run
	$(BIN)/trialguide

lint: $(VENV)/.installed-test
	$(BIN)/ruff check app tests tools
	$(BIN)/ruff format --check app tests tools

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy app/record app/selfcheck

imports: $(VENV)/.installed-test
	$(BIN)/lint-imports

i18n-check: $(VENV)/.installed-test
	$(PY) tools/i18n.py check

# pytest exits 5 when it collected no test: that is a broken suite, not a pass.
pytest: $(VENV)/.installed-test
	@$(BIN)/pytest $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests" >&2; exit 1; fi; exit $$rc

test: lint typecheck imports i18n-check pytest

i18n: $(VENV)/.installed-test
	$(PY) tools/i18n.py update
	$(PY) tools/i18n.py compile

clean:
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache
