"""What every engine driver shares: the file formats and the timing loop.

A driver is a small script run in its own process (so its peak memory is its
own) with one of two commands:

    driver.py index WORK INDEX_DIR OUT.json
    driver.py query WORK INDEX_DIR OUT.json

WORK is the folder run.py prepared for one corpus:

    docs.tsv           id <TAB> text   (text already lower-cased, tokens
                                        separated by single spaces)
    bench_queries.tsv  family <TAB> query id <TAB> tokens
    rank_queries.tsv   query id <TAB> tokens (the corpus's own queries)
    params.json        {"warmup": N, "repeat": N, "depth": 1000, "budget_s": S}

The indexing threads are in $COMPARE_THREADS (1 unless run.py says
otherwise; a single-threaded engine ignores it and run.py does not ask it).
budget_s (0: none) caps the seconds one family / mode may take: warm-up
stops after a third of it, timing at the whole; the result then says
`"capped": true`, and its `n` is the number of timed samples.

Families: term (one token), and, or, phrase, must_should (`+a b`),
must_not (`+a -b`), prefix (the token is a prefix: every term starting with
it, as each engine scores a prefix query by default), fuzzy (the token is a
word: terms within FUZZY_EDITS edits, transpositions counting one, no exact
prefix, at most FUZZY_MAX_TERMS terms where the engine has such a limit),
natural (the corpus's own queries, their words OR-ed: drivers build it as
`or`); modes: top10, top100_count (top 100 and the exact number
of matches), count. A driver writes OUT.json with what it measured and, in
the query command, WORK/runs/<engine>.run (TREC format, the top 1000 of each
ranking query OR-ing its tokens).

Only the standard library: Debian's /usr/bin/python3 runs the Xapian driver.
"""

import json
import os
import statistics
import sys
import time

FAMILIES = ("term", "and", "or", "phrase", "must_should", "must_not", "prefix", "fuzzy",
            "natural")
# The families that expand into the index's terms (a driver whose engine has
# no such query reports them as unsupported).
MULTI_TERM = ("prefix", "fuzzy")
# fuzzy: the edit distance, and the closest terms kept where the engine keeps
# a number of them (Lucene's FuzzyQuery default maxExpansions; trawl's is
# fixed at the same 50; Tantivy keeps every term within the distance).
FUZZY_EDITS = 1
FUZZY_MAX_TERMS = 50
MODES = ("top10", "top100_count", "count")


def read_docs(work):
    """Yields (id, text) from docs.tsv."""
    with open(os.path.join(work, "docs.tsv"), encoding="utf-8") as f:
        for line in f:
            doc_id, _, text = line.rstrip("\n").partition("\t")
            yield doc_id, text


def read_bench_queries(work):
    """[(family, query id, [tokens])] from bench_queries.tsv."""
    out = []
    with open(os.path.join(work, "bench_queries.tsv"), encoding="utf-8") as f:
        for line in f:
            family, qid, text = line.rstrip("\n").split("\t")
            out.append((family, qid, text.split()))
    return out


def read_rank_queries(work):
    """[(query id, [tokens])] from rank_queries.tsv (may be absent)."""
    path = os.path.join(work, "rank_queries.tsv")
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [(qid, text.split()) for qid, _, text in
                (line.rstrip("\n").partition("\t") for line in f)]


def params(work):
    with open(os.path.join(work, "params.json"), encoding="utf-8") as f:
        return json.load(f)


def threads():
    """The indexing threads run.py asks for."""
    return max(1, int(os.environ.get("COMPARE_THREADS", "1")))


def percentile(sorted_values, p):
    """The p-th percentile (nearest rank) of an ascending list."""
    if not sorted_values:
        return None
    rank = max(1, min(len(sorted_values), round(p / 100 * len(sorted_values) + 0.5)))
    return sorted_values[rank - 1]


def time_queries(work, run_one, supports):
    """Times `run_one(family, mode, tokens)` over the bench queries.

    `run_one` returns the number of matches for top100_count and count (None
    when the engine cannot tell), anything for top10. `supports(family, mode)`
    says which combinations the engine has; the others are reported as
    unsupported rather than left out. After `warmup` untimed passes, every
    query is timed `repeat` times, single-threaded.

    Returns {"latency": {family: {mode: {...}}}, "counts": {family: {qid: n}}}.
    """
    p = params(work)
    budget_ns = p.get("budget_s", 0) * 1e9 or float("inf")
    queries = read_bench_queries(work)
    latency, counts = {}, {}
    for family in FAMILIES:
        group = [(qid, toks) for fam, qid, toks in queries if fam == family]
        latency[family] = {}
        for mode in MODES:
            if not group or not supports(family, mode):
                latency[family][mode] = {"unsupported": True}
                continue
            began = time.perf_counter_ns()
            capped = False
            for _ in range(p["warmup"]):
                for _, toks in group:
                    run_one(family, mode, toks)
                    if time.perf_counter_ns() - began > budget_ns / 3:
                        capped = True
                        break
                if capped:
                    break
            samples = []
            for _ in range(p["repeat"]):
                for qid, toks in group:
                    start = time.perf_counter_ns()
                    n = run_one(family, mode, toks)
                    end = time.perf_counter_ns()
                    samples.append((end - start) / 1000.0)
                    if mode == "count" or (mode == "top100_count" and n is not None):
                        counts.setdefault(family, {})[qid] = n
                    if end - began > budget_ns and samples:
                        capped = True
                        break
                if capped:
                    break
            samples.sort()
            latency[family][mode] = {
                "n": len(samples),
                "mean_us": statistics.fmean(samples),
                "p50_us": percentile(samples, 50),
                "p99_us": percentile(samples, 99),
            }
            if capped:
                latency[family][mode]["capped"] = True
    return {"latency": latency, "counts": counts}


def write_run(work, engine, rankings):
    """Writes WORK/runs/<engine>.run from {qid: [(doc id, score)]} (best first)."""
    os.makedirs(os.path.join(work, "runs"), exist_ok=True)
    path = os.path.join(work, "runs", engine + ".run")
    with open(path, "w", encoding="utf-8") as f:
        for qid, ranking in rankings.items():
            for rank, (doc_id, score) in enumerate(ranking, 1):
                f.write(f"{qid} Q0 {doc_id} {rank} {score:.9g} {engine}\n")
    return path


def rank_all(work, engine, search):
    """Runs every ranking query through `search(tokens, depth)` -> [(id, score)],
    writes the run file and returns its path."""
    depth = params(work)["depth"]
    return write_run(work, engine, {qid: search(toks, depth) if toks else []
                                    for qid, toks in read_rank_queries(work)})


def directory_bytes(path):
    """Bytes of every file under `path` (or of the file `path`)."""
    if os.path.isfile(path):
        return os.path.getsize(path)
    total = 0
    for root, _, files in os.walk(path):
        total += sum(os.path.getsize(os.path.join(root, f)) for f in files)
    return total


def main(engine, build_index, query_index):
    """The command line of a driver: dispatches to `build_index(work, index_dir)`
    (returns a dict of extra facts) or `query_index(work, index_dir)` (returns
    the dict to report), and writes OUT.json with the measured seconds."""
    command, work, index_dir, out = sys.argv[1:5]
    start = time.perf_counter()
    if command == "index":
        result = build_index(work, index_dir) or {}
        result["seconds"] = time.perf_counter() - start
        result["index_bytes"] = directory_bytes(index_dir)
    else:
        result = query_index(work, index_dir)
    result["engine"] = engine
    with open(out, "w", encoding="utf-8") as f:
        json.dump(result, f)
