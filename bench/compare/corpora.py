"""Turns a shared corpus into the files every driver reads (see
engines/common.py): one analysis for all engines, and queries drawn with a
fixed seed.

The shared analysis is done here, once: title and body joined, case-folded,
split into runs of letters and digits (no stemming, no stop words). Every
engine then indexes the same space-separated tokens, so its own tokenizer
(UAX#29 for trawl and Lucene, alphanumeric runs for Tantivy, FTS5, PISA)
finds exactly these tokens, and differences in the results come from the
engines, not from their analyzers.
"""

import gzip
import json
import os
import random
import re

SEED = 20240611
WORD = re.compile(r"[^\W_]+")
# Corpora with judgments; reuters21578's are label-derived, so not used for ranking.
JUDGED = ("cranfield", "cisi", "medline", "cacm", "scifact")


def tokens(text):
    """The shared analysis: case-folded runs of letters and digits."""
    return WORD.findall(text.casefold())


def _docs_path(folder):
    for name in ("docs.jsonl", "docs.jsonl.gz"):
        path = os.path.join(folder, name)
        if os.path.exists(path):
            return path
    raise FileNotFoundError(f"no docs.jsonl[.gz] in {folder}")


def _read_jsonl(path, limit=None):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if limit is not None and i >= limit:
                return
            if line.strip():
                yield json.loads(line)


def _sample_bench_queries(docs, per_family, rng):
    """[(family, qid, tokens)]: words taken from random documents, so that
    the conjunctive families usually match something."""
    usable = [d for d in docs if len(d) >= 2]
    out = []
    for family in ("term", "and", "or", "phrase", "must_should", "must_not"):
        for i in range(per_family):
            doc = rng.choice(usable)
            if family == "term":
                toks = [rng.choice(doc)]
            elif family == "phrase":
                at = rng.randrange(len(doc) - 1)
                toks = doc[at:at + 2]
            elif family in ("or", "must_not"):
                # The second word from another document: an exclusion that
                # sometimes removes something, a disjunction of unrelated words.
                toks = [rng.choice(doc), rng.choice(rng.choice(usable))]
            else:
                toks = rng.sample(doc, 2)
            out.append((family, f"{family}-{i}", toks))
    return out


def prepare(shared, name, work, quick, per_family, warmup, repeat, reuters_subset):
    """Writes WORK for corpus `name`; returns facts about it for the report."""
    folder = os.path.join(shared, "corpora", name)
    limit = reuters_subset if (quick and name == "reuters21578") else None
    os.makedirs(work, exist_ok=True)
    docs, raw_bytes = [], 0
    with open(os.path.join(work, "docs.tsv"), "w", encoding="utf-8") as tsv, \
            open(os.path.join(work, "docs.jsonl"), "w", encoding="utf-8") as jsonl, \
            open(os.path.join(work, "raw_docs.jsonl"), "w", encoding="utf-8") as raw:
        for doc in _read_jsonl(_docs_path(folder), limit):
            text = f"{doc.get('title', '')}\n{doc.get('body', '')}"
            raw_bytes += len(text.encode("utf-8"))
            toks = tokens(text)
            docs.append(toks)
            joined = " ".join(toks)
            tsv.write(f"{doc['id']}\t{joined}\n")
            jsonl.write(json.dumps({"id": doc["id"], "body": joined}) + "\n")
            raw.write(json.dumps({"id": doc["id"], "title": doc.get("title", ""),
                                  "body": doc.get("body", "")}) + "\n")
    rng = random.Random(f"{SEED}-{name}")
    bench = _sample_bench_queries(docs, per_family, rng)
    qrels = os.path.join(folder, "qrels.txt")
    queries_path = os.path.join(folder, "queries.jsonl")
    judged = name in JUDGED and os.path.exists(qrels) and os.path.exists(queries_path)
    if judged:
        rank_queries = [(str(q["id"]), tokens(q["text"])) for q in _read_jsonl(queries_path)]
        with open(os.path.join(work, "rank_queries.tsv"), "w", encoding="utf-8") as f, \
                open(os.path.join(work, "rank_queries.jsonl"), "w", encoding="utf-8") as g:
            for qid, toks in rank_queries:
                f.write(f"{qid}\t{' '.join(toks)}\n")
                g.write(json.dumps({"id": qid, "text": " ".join(toks)}) + "\n")
        natural = [q for q in rank_queries if q[1]]
        bench += [("natural", f"natural-{qid}", toks)
                  for qid, toks in rng.sample(natural, min(per_family, len(natural)))]
    with open(os.path.join(work, "bench_queries.tsv"), "w", encoding="utf-8") as f:
        for family, qid, toks in bench:
            f.write(f"{family}\t{qid}\t{' '.join(toks)}\n")
    with open(os.path.join(work, "params.json"), "w") as f:
        json.dump({"warmup": warmup, "repeat": repeat, "depth": 1000}, f)
    return {
        "name": name,
        "documents": len(docs),
        "subset": f"first {limit} documents" if limit else "",
        "text_bytes": raw_bytes,
        "token_bytes": os.path.getsize(os.path.join(work, "docs.tsv")),
        "qrels": qrels if judged else "",
        "queries": queries_path if judged else "",
        "bench_queries": len(bench),
    }
