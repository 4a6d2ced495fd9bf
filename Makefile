# The two commands of the README: `make demo` (main job, embedded store) and `make test` (everything, real Neo4j).
PYTHON ?= python3
PIP ?= $(PYTHON) -m pip

.PHONY: install install-test neo4j-jars chromium demo test

install:
	$(PIP) install -q -e .

install-test:
	$(PIP) install -q -e '.[test]'

neo4j-jars:
	mvn -B -q -f tools/neo4j/pom.xml package

# Headless Chromium for the HTML export's tests (Debian's package; CI runs as root).
chromium:
	command -v chromium >/dev/null 2>&1 || { apt-get update -q && apt-get install -y -q chromium; }

demo: install
	kg validate
	kg stats
	kg ask alk-cns-after-crizotinib

test: install-test neo4j-jars chromium
	$(PYTHON) -m pytest -q
