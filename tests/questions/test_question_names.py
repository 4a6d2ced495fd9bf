"""A question is named alike everywhere: its id (`kg ask <id>`, `kg.ask("<id>")`) with underscores names its module
kg/questions/<name>.py, its in-memory function and its Cypher file cypher/questions/<name>.cypher."""

from __future__ import annotations

from kg import resources
from kg.questions import REGISTRY


def test_each_question_is_named_alike_in_python_and_cypher():
    for q in REGISTRY.values():
        name = q.id.replace("-", "_")
        assert (q.memory.__module__, q.memory.__name__, q.cypher_name) == (f"kg.questions.{name}", name,
                                                                           f"questions/{name}")


def test_the_question_cypher_files_are_the_catalogue_and_the_neighbourhood_graph():
    files = sorted(p.stem for p in (resources.path("cypher") / "questions").glob("*.cypher"))
    assert files == sorted([q.id.replace("-", "_") for q in REGISTRY.values()] + ["neighbourhood_graph"])
