"""Indexing real collections from ../shared/corpora (skipped when absent)."""

import json

import pytest

import trawl
from conftest import CORPORA


def corpus(name: str):
    folder = CORPORA / name
    if not (folder / "docs.jsonl").is_file():
        pytest.skip(f"corpus {name} not found under {CORPORA}")
    return folder


@pytest.mark.parametrize("name, docs", [("adi", 82), ("cacm", 3204)])
def test_index_corpus_and_find_relevant_documents(name, docs):
    folder = corpus(name)
    index = trawl.Index.in_memory()
    with index.writer() as w:
        assert w.add_files(folder / "docs.jsonl") == docs
    searcher = index.searcher()
    assert searcher.num_docs == docs
    relevant = {}
    for line in (folder / "qrels.txt").read_text().splitlines():
        qid, _, doc_id, rel = line.split()
        if int(rel) > 0:
            relevant.setdefault(qid, set()).add(doc_id)
    queries = [json.loads(line) for line in (folder / "queries.jsonl").read_text().splitlines()]
    judged = [q for q in queries if q["id"] in relevant]
    found = 0
    for q in judged:
        words = " ".join("".join(c if c.isalnum() else " " for c in q["text"].lower()).split())
        hits = searcher.search(words, k=10)
        found += any(hit.id in relevant[q["id"]] for hit in hits)
    # BM25 puts a relevant document in the top 10 for most judged queries.
    assert found / len(judged) > 0.5, f"{found}/{len(judged)} queries found a relevant doc"
