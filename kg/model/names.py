"""Resolve ids, names, synonyms and brands to node ids, per label, suggesting close matches for a name not known."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from kg.model.vocab import Label


class Vocabulary:
    """Resolves ids, names, synonyms and brands to node ids, per label, with suggestions."""

    def __init__(self) -> None:
        self.ids: dict[str, Label] = {}
        self.names: dict[Label, dict[str, str]] = {label: {} for label in Label}

    def add(self, label: Label, node_id: str, names: Iterable[str]) -> None:
        self.ids[node_id] = label
        table = self.names[label]
        table.setdefault(node_id.lower(), node_id)
        for name in names:
            table.setdefault(name.lower(), node_id)

    def resolve(self, text: str, labels: tuple[Label, ...]) -> str:
        """Return the id `text` names among `labels`, or raise ValueError with close matches."""
        if text in self.ids and self.ids[text] in labels:
            return text
        for label in labels:
            hit = self.names[label].get(text.lower())
            if hit:
                return hit
        what = " or ".join(label_word(label) for label in labels)
        known = [k for label in labels for k in self.names[label] if ":" not in k]
        close = difflib.get_close_matches(text.lower(), known, n=3, cutoff=0.75)
        hint = f" — did you mean {', '.join(close)}?" if close else ""
        raise ValueError(f"unknown {what} {text!r}{hint}")


def label_word(label: Label) -> str:
    """A label as a message names it: 'drug', 'treatment line'."""
    words = {
        Label.TREATMENT_LINE: "treatment line",
        Label.PUBLICATION: "publication",
    }
    return words.get(label, label.value.lower())
