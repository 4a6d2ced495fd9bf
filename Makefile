# The two commands of the README: `make demo` (main job, embedded store) and `make test` (everything, real Neo4j).
PYTHON ?= python3
PIP ?= $(PYTHON) -m pip

.PHONY: install neo4j-jars demo test

install:
	$(PIP) install -q -e '.[test]'

neo4j-jars:
	mvn -B -q -f tools/neo4j/pom.xml package

demo: install
	kg validate
	kg stats
	kg ask alk-cns-after-crizotinib

test: install neo4j-jars
	$(PYTHON) -m pytest -q
