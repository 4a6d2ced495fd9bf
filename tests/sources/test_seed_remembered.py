"""A small file read again in one process is parsed and validated once; a changed or big file is read anew."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.sources import seed

PUBLICATION = """publications:
  - id: oncokg:src-fictional-remembered
    name: "Fictional publication of a caching test"
    kind: cohort
    evidence: primary
    year: {year}
"""


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of documents parsed so far, counted while the test runs, with nothing remembered before it."""
    monkeypatch.setattr(seed, "_remembered", type(seed._remembered)())
    count: list[int] = []
    real = seed.parse_document

    def counting(text: str) -> object:
        count.append(len(text))
        return real(text)

    monkeypatch.setattr(seed, "parse_document", counting)
    return count


def test_a_file_read_again_is_parsed_once(tmp_path: Path, parses: list[int]):
    f = tmp_path / "pubs.yaml"
    f.write_text(PUBLICATION.format(year=2001))
    first = seed.read_file(f)
    first[0].clear()  # a caller changing the lists it was given changes nothing remembered
    again = seed.read_file(f)
    assert len(parses) == 1
    assert [r.record.year for r in again[0]] == [2001] and again[1] == [] and again[2] == first[2]
    # the same bytes under another name are another file (the records say where they were read)
    other = seed.read_file(f, "shown-as.yaml")
    assert len(parses) == 2 and other[0][0].origin.file == "shown-as.yaml"


def test_a_changed_file_is_read_anew(tmp_path: Path, parses: list[int]):
    f = tmp_path / "pubs.yaml"
    f.write_text(PUBLICATION.format(year=2001))
    seed.read_file(f)
    f.write_text(PUBLICATION.format(year=2002))
    assert [r.record.year for r in seed.read_file(f)[0]] == [2002]
    assert len(parses) == 2


def test_a_big_file_is_never_kept(tmp_path: Path, parses: list[int], monkeypatch: pytest.MonkeyPatch):
    f = tmp_path / "pubs.yaml"
    f.write_text(PUBLICATION.format(year=2001))
    monkeypatch.setattr(seed, "REMEMBER_FILE_BYTES", f.stat().st_size - 1)
    seed.read_file(f)
    seed.read_file(f)
    assert len(parses) == 2 and not seed._remembered


def test_the_least_recently_read_go_first(tmp_path: Path, parses: list[int], monkeypatch: pytest.MonkeyPatch):
    files = []
    for year in (2001, 2002, 2003):
        files.append(tmp_path / f"pubs-{year}.yaml")
        files[-1].write_text(PUBLICATION.format(year=year))
    monkeypatch.setattr(seed, "REMEMBER_BYTES", 2 * files[0].stat().st_size)  # room for two
    seed.read_file(files[0])
    seed.read_file(files[1])
    seed.read_file(files[0])  # now the most recent
    seed.read_file(files[2])  # drops files[1]
    assert sorted(Path(name).name for _, name, _ in seed._remembered) == ["pubs-2001.yaml", "pubs-2003.yaml"]
    assert len(parses) == 3
