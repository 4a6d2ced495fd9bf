"""A Neo4j Browser guide of the question catalogue, and the files `kg server start --browser` serves with it.

Neo4j Browser (5.x) plays a remote guide with `:guide <url>`: an HTML page whose `<slide>` elements are its
pages (its `<title>` is the guide's title); a click on a `<pre class="runnable">` block puts its text in the
editor. The guide has one slide per question of the catalogue (kg.questions.REGISTRY): its title and description,
then one block that sets the example parameters (`:params {...}`, taken from the `:param` line in the comments of
`cypher/questions/<id>.cypher`) and runs the query, as it stands in that file.
"""

from __future__ import annotations

import re
from html import escape

from kg.errors import KGError
from kg.stores import cypher

# The comment line of each question file that shows its parameters for Neo4j Browser: `//   :param {...}`.
_PARAM_LINE = re.compile(r"^//\s*:params?\s+(\{.*\})\s*$")

GUIDE_TITLE = "OncoKG: the question catalogue"


def question_parameters(cypher_name: str) -> str:
    """The example parameters of a question file, as the map text of its `:param {...}` comment line."""
    query = cypher.load(cypher_name)
    for number, line in enumerate(query.text.splitlines(), start=1):
        if not line.startswith("//"):
            break
        match = _PARAM_LINE.match(line)
        if match:
            return match.group(1)
    raise KGError(f"{query.file}: no '//   :param {{...}}' comment line with the example parameters")


def runnable(cypher_name: str) -> str:
    """What a guide block puts in the editor: the parameters, then the query (its comment lines left out)."""
    text = cypher.load(cypher_name).text
    body = "\n".join(line for line in text.splitlines() if not line.startswith("//")).strip()
    return f":params {question_parameters(cypher_name)};\n{body.rstrip(';')};"


def guide_html() -> str:
    """The guide page: an introduction slide, then one slide per question of the catalogue."""
    from kg import questions

    slides = ['<slide class="row-fluid">\n<h3>OncoKG questions</h3>\n'
              "<p>One page per question of <code>kg questions</code>. Click a block to put it in the editor, then run "
              "it: it sets the example parameters (<code>:params</code>) and runs the question's Cypher, the same "
              "query <code>kg ask</code> runs on this database. Change an id in the <code>:params</code> line to "
              "ask about something else (<code>kg ask ID --explain</code> prints the ids a name resolves to).</p>\n"
              "<ol>" + "".join(f"<li>{escape(q.id)}: {escape(q.title)}</li>" for q in questions.REGISTRY.values())
              + "</ol>\n</slide>"]
    for q in questions.REGISTRY.values():
        slides.append(f'<slide class="row-fluid" id="{escape(q.id)}">\n<h3>{escape(q.title)}</h3>\n'
                      f"<p><code>{escape(q.id)}</code>: {escape(q.description)}</p>\n"
                      f'<pre class="runnable">{escape(runnable(q.cypher_name))}</pre>\n</slide>')
    return ("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{escape(GUIDE_TITLE)}</title>\n</head>\n<body>\n<article class=\"guide\">\n"
            + "\n".join(slides) + "\n</article>\n</body>\n</html>\n")
