"""Shared fixtures of the trawl Python tests."""

from __future__ import annotations

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
