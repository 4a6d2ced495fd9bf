"""The Neo4j Browser style sheet (GraSS): the label colours and captions of the other views."""

from __future__ import annotations

from kg.export.common import LABEL_CAPTIONS, LABEL_COLOURS, rgb


def grass() -> str:
    """A Neo4j Browser style sheet (GraSS) with the label colours of the other views (docs/oncokg.grass)."""
    lines = [
        "node {", "  diameter: 50px;", "  color: #A5ABB6;", "  border-color: #9AA1AC;", "  border-width: 2px;",
        "  text-color-internal: #FFFFFF;", "  font-size: 10px;", "}", "",
        "relationship {", "  color: #A5ABB6;", "  shaft-width: 1px;", "  font-size: 8px;", "  padding: 3px;",
        "  text-color-external: #000000;", "  text-color-internal: #FFFFFF;", '  caption: "<type>";', "}",
    ]
    for label, colour in LABEL_COLOURS.items():
        r, gr, b = rgb(colour)
        border = "#{:02X}{:02X}{:02X}".format(*(int(c * 0.8) for c in (r, gr, b)))
        text = "#2A2C34" if (0.299 * r + 0.587 * gr + 0.114 * b) > 150 else "#FFFFFF"
        prop = LABEL_CAPTIONS.get(label, "name")
        lines += ["", f"node.{label.value} {{", f"  color: {colour};", f"  border-color: {border};",
                  f"  text-color-internal: {text};", f'  caption: "{{{prop}}}";', "}"]
    return "\n".join(lines) + "\n"

