"""Paged answers: `kg ask --limit N --offset K` gives rows K..K+N-1 of the whole answer, on any page boundary."""

from __future__ import annotations

from click.testing import CliRunner

import kg
from kg import questions
from kg.cli import main
from kg.questions import run
from kg.questions.run import order_columns, page_end
from kg.stores import MemoryStore
from kg.stores import cypher


def test_pages_put_together_are_the_whole_answer():
    store = MemoryStore()
    for q in sorted(questions.REGISTRY.values(), key=lambda q: q.id):
        if any(p.default is None for p in q.params):
            continue  # needs a parameter (case-timeline): covered by the CLI test below
        whole = kg.ask(q.id, store)
        assert not whole.truncated, q.id
        for size in (1, 2, 5):
            pages, offset = [], 0
            while True:
                page = kg.ask(q.id, store, limit=size, offset=offset)
                assert page.offset == offset and len(page.rows) <= size, q.id
                pages += page.rows
                offset += size
                if not page.truncated:
                    break
            assert pages == whole.rows, (q.id, size)


def test_the_cli_pages_and_says_where_the_next_page_starts():
    total = len(kg.ask("drugs-for-target").rows)
    assert total > 4
    runner = CliRunner()
    first = runner.invoke(main, ["ask", "drugs-for-target", "--limit", "2"])
    assert first.exit_code == 0 and first.stderr == "Warning: more rows follow these 2 (--offset 2 shows the next page, --limit 0 every row).\n"
    second = runner.invoke(main, ["ask", "drugs-for-target", "--limit", "2", "--offset", "2"])
    assert second.exit_code == 0
    assert second.stderr == "Warning: more rows follow these 2 (--offset 4 shows the next page, --limit 0 every row).\n"
    last = runner.invoke(main, ["ask", "drugs-for-target", "--limit", "2", "--offset", str(total - 2)])
    assert last.exit_code == 0 and last.stderr == "" and "2 row(s) from the memory store" in last.stdout
    past = runner.invoke(main, ["ask", "drugs-for-target", "--offset", str(total)])
    assert past.exit_code == 0 and past.stderr == "" and "0 row(s) from the memory store" in past.stdout


def test_neo4j_fetches_to_the_end_of_the_boundary_group():
    rows = [{"a": i // 3, "b": i} for i in range(10)]
    assert [r["b"] for r in page_end(iter(rows), 4, ("a",))] == [0, 1, 2, 3, 4, 5, 6]
    assert [r["b"] for r in page_end(iter(rows), 3, ("a",))] == [0, 1, 2, 3]
    assert [r["b"] for r in page_end(iter(rows), 9, ("a",))] == list(range(10))
    assert len(page_end(iter(rows), 3, None)) == 10  # an order that says nothing: every row


def test_order_columns_are_read_from_the_final_order_by_only_when_they_begin_the_sort_key():
    assert order_columns("MATCH (n) RETURN n.a AS a, n.b AS b\nORDER BY a, b\n", ("a", "b", "c")) == ("a", "b")
    assert order_columns("MATCH (n) RETURN n.a AS a\nORDER BY a DESC", ("a",)) is None
    assert order_columns("MATCH (n) RETURN n.a AS a, n.b AS b ORDER BY b", ("a", "b")) is None
    assert order_columns("CALL { MATCH (n) RETURN n ORDER BY n.x } RETURN n.a AS a", ("a",)) is None
    q = questions.get("neighbourhood")
    assert order_columns(cypher.load(q.cypher_name).text, q.sort_key) == ("start", "type", "end")


PAGED = ("after-failure", "cases-with-site", "cns-penetration", "conflicting-evidence", "knowledge-gaps",
         "transporter-profile")


def test_paged_questions_take_the_page_in_their_cypher_and_others_do_not():
    assert sorted(q.id for q in questions.REGISTRY.values() if q.paged) == list(PAGED)
    for q in questions.REGISTRY.values():
        query = cypher.load(q.cypher_name)
        assert (("offset" in query.parameters and "limit" in query.parameters) == q.paged), q.id
        assert not q.paged or "SKIP $offset LIMIT $limit" in query.text, q.id
    text, params = run.statement(questions.get("knowledge-gaps"), {"drug_class": "any"}, limit=3, offset=6)
    assert params == {"drug_class": "any", "offset": 6, "limit": 3}
    assert run.statement(questions.get("knowledge-gaps"), {}, limit=None)[1] == {"offset": 0, "limit": 2**62}
    assert run.statement(questions.get("evidence-for"), {"drug": "x"}, limit=3, offset=6)[1] == {"drug": "x"}


def test_the_second_page_is_the_whole_answers_second_slice_with_exact_values():
    whole = kg.ask("transporter-profile", limit=0)
    assert len(whole.rows) == 36 and not whole.truncated
    page = kg.ask("transporter-profile", limit=5, offset=5)
    assert page.rows == whole.rows[5:10] and page.truncated
    assert [(r["drug"], r["transporter"], r["state"]) for r in page.rows] == [
        ("brigatinib", "ABCG2", "substrate"), ("carboplatin", "ABCB1", "not assessed"),
        ("carboplatin", "ABCG2", "not assessed"), ("ceritinib", "ABCB1", "substrate"), ("ceritinib", "ABCG2", "substrate")]
    last = kg.ask("transporter-profile", limit=5, offset=35)
    assert last.rows == whole.rows[35:] and len(last.rows) == 1 and not last.truncated
