"""Shared fixtures of the trawl Python tests."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

import trawl

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
SEED_ID = "000_34f2c2ac72de5d4c.txt"
# ../shared/corpora next to the repository; may be absent.
CORPORA = REPO.parent / "shared" / "corpora"


@pytest.fixture
def seeds() -> Path:
    assert SEEDS.is_dir(), f"missing seed folder {SEEDS}"
    return SEEDS


@pytest.fixture
def seed_index(seeds: Path) -> trawl.Index:
    """An in-memory index (default schema) holding the seed article."""
    index = trawl.Index.in_memory()
    with index.writer() as w:
        assert w.add_files(seeds) == 1
    return index


@pytest.fixture
def small_index() -> trawl.Index:
    """An in-memory index of four hand-written documents, committed."""
    index = trawl.Index.in_memory()
    with index.writer() as w:
        w.add_many(
            [
                {"id": "a", "title": "Davos summit", "body": "Leaders meet in Davos this week.",
                 "date": "2026-01-16", "source": "REUTERS"},
                {"id": "b", "title": "Kyiv talks", "body": "Zelensky and Trump talk in Davos.",
                 "date": "2026-01-17", "source": "AFP"},
                {"id": "c", "title": "Markets", "body": "Stocks rose on Friday.",
                 "date": "2026-01-18", "source": "REUTERS"},
                {"id": "d", "title": "Weather", "body": "Snow fell in the Alps near Davos.",
                 "date": "2026-01-19", "source": "AP"},
            ]
        )
    return index


def ids(results: trawl.Results) -> list:
    return [hit.id for hit in results]


NUMBERS_DOCS = 60


def numbers_doc(i: int) -> dict:
    """Document i of numbers_index: scores, values and gaps that vary with i."""
    start = datetime.date(2026, 1, 1)
    return {
        "id": f"n{i:02d}",
        "body": ("common " + "alpha " * (i % 5 + 1) + ("beta " if i % 2 else "gamma ")
                 + "pad " * (i % 3)),
        "n": None if i % 7 == 0 else (i * 37) % 50,    # ties, and some missing
        "x": (i - 30) * 0.5,                             # negatives too
        "date": start + datetime.timedelta(days=i),      # January to March
        "source": None if i % 11 == 0 else ["REUTERS", "AFP", "AP"][i % 3],
    }


@pytest.fixture
def numbers_index() -> trawl.Index:
    """An in-memory index of NUMBERS_DOCS documents in three commits (so
    several segments), with i64, f64, date and keyword fields."""
    schema = (trawl.Schema().add_keyword("id").add_text("body", default_search=True)
              .add_i64("n").add_f64("x").add_date("date").add_keyword("source")
              .set_id_field("id"))
    index = trawl.Index.in_memory(schema)
    with index.writer() as w:
        for i in range(NUMBERS_DOCS):
            w.add(numbers_doc(i))
            if i % 20 == 19:
                w.commit()
    return index
