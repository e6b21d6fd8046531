# Hip Coach: `make run` and `make test` do all set-up themselves.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip
CORE   := --cov=hipcoach.model --cov=hipcoach.plan --cov=hipcoach.routines --cov=hipcoach.paths
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test test-core test-all bench package clean system-run system-test

run: $(VENV)/.run-installed system-run
	$(BIN)/hipcoach

test: $(VENV)/.test-installed system-test test-core test-all

test-core: $(VENV)/.test-installed
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest tests/core -q -p no:cacheprovider $(CORE) \
		--cov-report=term-missing --cov-fail-under=100

test-all: $(VENV)/.test-installed
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -p no:cacheprovider

bench: $(VENV)/.test-installed system-test
	$(BIN)/python tests/benchmarks/run_all.py

package: $(VENV)/.test-installed system-test
	$(BIN)/python -m pip install -q "pyinstaller>=6"
	$(BIN)/pyinstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller \
		packaging/pyinstaller/hipcoach.spec

system-run:
	@packaging/system-packages.sh run

system-test:
	@packaging/system-packages.sh test

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip

$(VENV)/.run-installed: pyproject.toml $(VENV)/bin/python
	$(PIP) install -q -e .
	touch $@

$(VENV)/.test-installed: pyproject.toml $(VENV)/bin/python
	$(PIP) install -q -e ".[test]"
	touch $@ $(VENV)/.run-installed

clean:
	rm -rf $(VENV) build dist .pytest_cache .coverage tests/artifacts
