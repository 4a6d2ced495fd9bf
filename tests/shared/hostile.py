"""Hostile strings: what a careless or malicious user might type as a question parameter, a `kg cypher -p`
value or a field of a seed file. Each one names what it attacks. Shared by tests/questions/test_injection.py
(memory store) and tests/questions/test_injection_neo4j.py (Neo4j).

None of them names anything in the seed or the mini fixture: as a name they must be refused (unknown), as
free text they match nothing (an empty answer) or only what literally contains them.
"""

from __future__ import annotations

# (string, what it attacks)
HOSTILE: list[tuple[str, str]] = [
    # --- quote, brace and bracket breakouts (a value spliced into Cypher text would end its literal)
    ("'", "a lone single quote: ends a '...' string literal"),
    ('"', "a lone double quote: ends a \"...\" string literal"),
    ("\\", "a lone backslash: escapes the closing quote of a literal"),
    ("`", "a backtick: ends a `quoted identifier`"),
    ("x' OR '1'='1", "classic tautology inside single quotes"),
    ('x" OR "1"="1', "classic tautology inside double quotes"),
    ("x' OR true OR '", "tautology that keeps the surrounding quotes balanced"),
    ("'}) DETACH DELETE n //", "closes a map and a pattern, deletes, comments out the rest"),
    ('"}) MATCH (n) DETACH DELETE n //', "the same breakout with double quotes and a fresh MATCH"),
    ("alectinib'}) MATCH (m) DETACH DELETE m RETURN 1 //", "a real name followed by a breakout"),
    ("`) DETACH DELETE n //", "backtick breakout from a quoted identifier"),
    ("\\'}) DETACH DELETE n //", "escaped quote: breaks out where a naive escaper doubles quotes"),
    ("'') CALL db.createLabel('Pwned') //", "breakout into a write procedure"),
    ("x'}] ) WITH 1 AS x CREATE (:Pwned) //", "breakout out of a list and a pattern into CREATE"),
    ("]) RETURN 1 UNION MATCH (n) DETACH DELETE n //", "breakout into a UNION with a write"),
    ("{id: 'DRUGBANK:DB00001'}", "a map literal where a string is expected"),
    ("$target", "a parameter reference as text (must stay text)"),
    ("${jndi:ldap://127.0.0.1:1/x}", "log4j lookup (Neo4j is a Java server that logs queries)"),
    ("{{7*7}}", "template injection (Jinja-style)"),
    ("{0.__class__.__mro__}", "Python str.format injection"),
    ("%s%s%s%n%x", "printf format string"),
    # --- comment and statement tricks
    ("alectinib // trailing comment", "a line comment after a real name"),
    ("alectinib /* hidden */", "a block comment after a real name"),
    ("*/ MATCH (n) DETACH DELETE n /*", "closes an open block comment, writes, reopens one"),
    ("/* */ DETACH DELETE n", "a block comment hiding in front of a write"),
    ("alectinib -- sql comment", "SQL comment syntax"),
    ("; MATCH (n) DETACH DELETE n", "a second statement after a semicolon"),
    ("alectinib; DROP CONSTRAINT drug_id", "a real name, then a schema change as a second statement"),
    # --- Cypher keywords and commands as values
    ("MATCH (n) DETACH DELETE n", "a whole delete statement"),
    ("CREATE (n:Pwned {x: 1})", "a whole create statement"),
    ("MERGE (n:Drug {id: 'x'}) SET n.name = 'pwned'", "a merge that overwrites a property"),
    ("CALL dbms.components() YIELD name RETURN name", "an administration procedure"),
    ("LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line", "reading a server-side file"),
    ("USE system SHOW USERS", "switching to the system database"),
    ("CALL { MATCH (n) DETACH DELETE n } IN TRANSACTIONS", "a batched delete in its own transactions"),
    ("null", "the word null (must not become a null)"),
    ("true", "the word true (must not become a boolean)"),
    ("*", "a wildcard"),
    (".*", "a regex that matches everything, if the value reached =~"),
    ("(?i).*", "a regex with a flag, if the value reached =~"),
    ("%", "a SQL LIKE wildcard"),
    ("1 OR 1=1", "SQL tautology without quotes"),
    ("-1", "a negative number as text"),
    ("1e309", "a float that overflows to infinity"),
    ("99999999999999999999999", "an integer wider than 64 bits"),
    ("NaN", "not-a-number as text"),
    ("[1, 2, 3]", "a list literal as text"),
    # --- unicode look-alikes and invisible characters
    ("аlectinib", "Cyrillic 'а' (U+0430) in place of Latin 'a'"),
    ("АLK", "Cyrillic 'А' (U+0410) in place of Latin 'A'"),
    ("Ρ-gp", "Greek 'Ρ' (U+03A1) in place of Latin 'P'"),
    ("ＭＡＴＣＨ (n) ＤＥＴＡＣＨ ＤＥＬＥＴＥ n", "fullwidth Cypher keywords"),
    ("alec\u200btinib", "a zero-width space inside a name"),
    ("\u202eBNIT", "right-to-left override (reverses what a terminal shows)"),
    ("\ufeffALK", "a byte-order mark in front of a name"),
    ("ALK\u00a0G1202R", "a no-break space where a name has a space"),
    ("İstanbul", "dotted capital I: lower() changes the length"),
    ("ﬁ ligature", "a ligature that case folding expands"),
    ("a\u0301\u0301\u0301\u0301", "stacked combining accents"),
    ("💊🧠", "astral-plane emoji (surrogate pairs in UTF-16, as Java stores strings)"),
    ("\udcff", "a lone surrogate: an invalid UTF-8 byte from the shell (surrogateescape)"),
    ("x\u2028y", "a Unicode line separator (splits lines for str.splitlines)"),
    # --- control characters
    ("\x00", "a lone NUL byte"),
    ("alectinib\x00", "a NUL byte after a real name (C-string truncation)"),
    ("\x00'}) DETACH DELETE n //", "a NUL byte in front of a breakout"),
    ("ALK\nMATCH (n) DETACH DELETE n", "a newline starting a second line of Cypher"),
    ("ALK\r\nError: forged", "CRLF: forges an extra 'Error:' line in the output"),
    ("\t", "a lone tab"),
    ("\x1b[31mred\x1b[0m\x1b]0;title\x07", "ANSI escapes: colours and a terminal title"),
    ("abc\x08\x08\x08xyz\x7f", "backspaces and DEL: rewrite what a terminal shows"),
    # --- empty, blank and long
    ("", "the empty string"),
    (" ", "a single space"),
    ("\u3000", "an ideographic space (blank, but not ASCII whitespace)"),
    ("a" * 200, "exactly the 200-character limit (accepted as a value, names nothing)"),
    ("a" * 201, "one character over the 200-character limit"),
    ("x" * 100_000, "a very long string (100k characters)"),
    ("'}) DETACH DELETE n //" * 4_000, "a very long repeated breakout (88k characters)"),
    # --- paths and URLs
    ("../../../../etc/passwd", "path traversal"),
    ("file:///etc/passwd", "a file URL"),
    ("oncokg:case-x/../../y", "path traversal inside a CURIE"),
    ("<script>alert(1)</script>", "HTML/JS injection (for any HTML export)"),
]

STRINGS: list[str] = [s for s, _ in HOSTILE]

# Longer than Param.parse accepts (1 to 200 characters): must be refused by length, whatever the parameter.
TOO_LONG: list[str] = [s for s in STRINGS if len(s) > 200]
EMPTY: list[str] = [s for s in STRINGS if s == ""]


def ident(s: str) -> str:
    """A short, printable test id for a hostile string."""
    text = ascii(s[:24])[1:-1]
    return f"{text}...({len(s)})" if len(s) > 24 else text


assert len(STRINGS) >= 50
assert len(set(STRINGS)) == len(STRINGS), "duplicate hostile strings"
