# TrialGuide: `make run` opens the app, `make test` runs every check.
# Both create .venv on first use and reinstall when pyproject.toml changes.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python

.PHONY: run test lint typecheck imports i18n-check pytest i18n clean help \
	bundle package package-check package-check-clean nsis-check bench soak

help:
	@echo "make run    open TrialGuide on the embedded default record (checks Qt's system libraries;"
	@echo "            INSTALL_SYSTEM_DEPS=1 as root installs missing ones with apt-get)"
	@echo "make test   lint, type-check, import contracts, catalogs, then the test suite"
	@echo "make i18n   re-extract interface messages and update the Persian catalog"
	@echo "make bundle        freeze the one-folder PyInstaller bundle into dist/trialguide"
	@echo "make package       the bundle, then dist/trialguide_<version>_amd64.deb and the tar.gz"
	@echo "make package-check install the .deb (root) or unpack it, run its smoke test and a window"
	@echo "make package-check-clean  (root) install the .deb into a clean debootstrap root, run it there"
	@echo "make nsis-check    compile the Windows installer script against a placeholder payload"
	@echo "make bench         every benchmark, as tables with floors and ratios"
	@echo "make soak          the 10,000-visit soak test"

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed-run: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed-run

$(VENV)/.installed-package: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet -e '.[test,package]'
	touch $@ $(VENV)/.installed-test $(VENV)/.installed-run

# Qt's xcb platform needs system libraries a fresh Debian lacks: say which (and the
# apt-get line) before Qt fails with a misleading message; INSTALL_SYSTEM_DEPS=1 (root)
# installs them.
run: $(VENV)/.installed-run
	$(PYTHON) tools/check_system_libs.py $(if $(filter 1 yes true,$(INSTALL_SYSTEM_DEPS)),--install)
	$(BIN)/trialguide

lint: $(VENV)/.installed-test
	$(BIN)/ruff check app tests tools packaging benchmarks
	$(BIN)/ruff format --check app tests tools packaging benchmarks

# Every module below the interface, and the core strictly (pyproject). The interface
# layers still have errors to mend before `mypy app` can run here.
typecheck: $(VENV)/.installed-test
	$(BIN)/mypy app/record app/selfcheck app/present app/signing.py app/files.py \
		app/terminal.py app/digits.py app/pin.py app/config.py app/textdoc.py app/speech

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

VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml)

bundle: $(VENV)/.installed-package
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
		packaging/trialguide.spec

package: bundle
	$(PY) packaging/build_linux.py --bundle dist/trialguide --out dist

# As root (CI), install the .deb for real with its Depends; otherwise unpack it.
package-check:
	@if [ "$$(id -u)" = 0 ]; then \
		apt-get install -y -qq ./dist/trialguide_$(VERSION)_amd64.deb >/dev/null && \
		$(PYTHON) packaging/check_installed.py /usr/bin/trialguide; \
	else \
		rm -rf build/deb-root && dpkg-deb -x dist/trialguide_$(VERSION)_amd64.deb build/deb-root && \
		$(PYTHON) packaging/check_installed.py build/deb-root/opt/trialguide/trialguide; \
	fi

# As root: a minimal Debian (debootstrap, cached in build/clean-root-base), the .deb with
# its Depends only, then the smoke test and a real window inside: a missing Depends fails.
package-check-clean:
	$(PYTHON) packaging/check_clean_root.py dist/trialguide_$(VERSION)_amd64.deb

nsis-check:
	rm -rf build/nsis && mkdir -p build/nsis/payload
	printf 'placeholder\n' > build/nsis/payload/trialguide.exe
	cd packaging/windows && makensis -V2 -DVERSION=$(VERSION) \
		-DBUNDLE=$(CURDIR)/build/nsis/payload -DOUTDIR=$(CURDIR)/build/nsis trialguide.nsi
	@ls -l build/nsis/*.exe

bench: $(VENV)/.installed-package
	$(PY) benchmarks/run_all.py

soak: $(VENV)/.installed-test
	TRIALGUIDE_SOAK_VISITS=10000 $(BIN)/pytest -m soak -q tests/test_soak.py

clean:
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache
