# The two commands of the README: `make demo` (main job, embedded store) and `make test` (everything, real Neo4j).
#
# Both install into a virtual environment: the active one ($VIRTUAL_ENV), else ./.venv, made with $(PYTHON) on
# first use (a system Python such as Debian's or Ubuntu's refuses `pip install`: PEP 668). Every step runs that
# environment's python and kg, never whichever kg is first on PATH.
PYTHON ?= python3
VENV_FLAGS ?=  # e.g. --system-site-packages: the new .venv also sees what $(PYTHON) has installed (CI uses it)
VENV := $(if $(VIRTUAL_ENV),$(VIRTUAL_ENV),.venv)
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check

.PHONY: venv install install-test neo4j-jars chromium demo test test-fast

venv: $(BIN)/python

$(BIN)/python:
	@$(PYTHON) -m venv $(VENV_FLAGS) $(VENV) || { \
	  $(if $(VIRTUAL_ENV),,rm -rf .venv;) \
	  echo "Error: '$(PYTHON) -m venv $(VENV)' failed. On Debian or Ubuntu: 'sudo apt-get install python3-venv'; or activate a virtual environment of your own and run make again." >&2; \
	  exit 1; }

# An install is redone when pyproject.toml changes (a stamp file in the environment says when it was last done).
$(VENV)/.oncokg-install: pyproject.toml | $(BIN)/python
	$(PIP) install -q -e .
	@touch $@

# The test dependencies are pinned to versions known to work (tests/constraints.txt): kgx's are hard to resolve.
$(VENV)/.oncokg-install-test: pyproject.toml tests/constraints.txt | $(BIN)/python
	$(PIP) install -q -c tests/constraints.txt -e '.[test]'
	@touch $@ $(VENV)/.oncokg-install

install: $(VENV)/.oncokg-install

install-test: $(VENV)/.oncokg-install-test

neo4j-jars:
	mvn -B -q -f tools/neo4j/pom.xml package

# Headless Chromium for the HTML export's tests (Debian's package; CI runs as root).
chromium:
	command -v chromium >/dev/null 2>&1 || { apt-get update -q && apt-get install -y -q chromium; }

demo: install
	$(BIN)/kg validate
	$(BIN)/kg stats
	$(BIN)/kg ask alk-cns-after-crizotinib

# Tests run on every core (pytest-xdist; a test file stays on one worker). Each worker starts one Neo4j for its
# share of the tests that need it (files named *_neo4j.py, marker neo4j), on first use. TEST_WORKERS=0: one process.
TEST_WORKERS ?= auto

test: install-test neo4j-jars chromium
	$(BIN)/python -m pytest -q -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder

# The fast tier: everything that needs no server.
test-fast: install-test
	$(BIN)/python -m pytest -q -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder -m "not neo4j"
