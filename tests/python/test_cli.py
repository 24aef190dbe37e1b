"""Round trips between the CLI's index format and the Python module.

Needs the built CLI in $TRAWL_CLI (the Makefile's test-python target sets it).
"""

import json
import os
import subprocess
from pathlib import Path

import pytest

import trawl
from conftest import SEED_ID


@pytest.fixture
def cli() -> str:
    path = os.environ.get("TRAWL_CLI")
    if not path:
        pytest.skip("TRAWL_CLI is not set (run through `make test-python`)")
    if not (Path(path).is_file() and os.access(path, os.X_OK)):
        pytest.skip(f"TRAWL_CLI={path} is not an executable file")
    return path


def run(cli: str, *args) -> subprocess.CompletedProcess:
    done = subprocess.run([cli, *map(str, args)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done


def test_cli_index_opens_in_python(cli, tmp_path, seeds):
    index_dir = tmp_path / "cli-index"
    run(cli, "index", "--index", index_dir, seeds)
    index = trawl.Index.open(index_dir)
    assert index.schema == trawl.Schema.default()
    results = index.searcher().search("Davos")
    assert results.total == 1
    hit = results.hits[0]
    assert hit.id == SEED_ID
    assert hit.doc["date"] == "2026-01-16"
    assert hit.doc["source"] == "REUTERS"
    cli_hits = json.loads(run(cli, "search", "--index", index_dir, "--json", "Davos").stdout)
    assert cli_hits["hits"][0]["score"] == pytest.approx(hit.score, rel=1e-4)


def test_python_index_searchable_by_cli(cli, tmp_path, seeds):
    index_dir = tmp_path / "py-index"
    with trawl.Index.create(index_dir).writer() as w:
        w.add_files(seeds)
        w.add({"id": "extra", "title": "Alpine weather", "body": "Snow in Davos."})
    out = json.loads(run(cli, "search", "--index", index_dir, "--json", "Davos").stdout)
    assert out["total_hits"] == 2
    assert {h["fields"]["id"] for h in out["hits"]} == {SEED_ID, "extra"}
    # The CLI appends to the same index; Python sees its commit.
    run(cli, "index", "--index", index_dir, seeds)
    assert trawl.Index.open(index_dir).searcher().num_docs == 3
