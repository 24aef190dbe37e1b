#!/usr/bin/env python3
"""What `import trawl` costs over the C++ library (issue 6's budget).

Two figures, each against its C++ counterpart measured in the same run on
the same index and input:
  * indexing: `IndexWriter.add_many` of already-parsed dicts plus the commit,
    against `trawl index` (which parses the JSON itself) on the same file,
    same threads; budget: Python >= 90% of the CLI's MB/s;
  * top-10 searches of single words: `Searcher.search` against the C++
    `Searcher::Search` (trawl_search_timer), with and without loading the
    hits' stored fields, and with them loaded and every `hit.doc` read (what
    a caller does with the C++ side's Documents); budget: Python <= C++ +
    20 us per query.
Medians of several runs (the machine is shared and noisy). Writes
bench/results/overhead.md and .json.

    python bench/overhead/overhead.py --build build [--corpus reuters21578]
"""

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import trawl

ROOT = Path(__file__).resolve().parents[2]
CORPORA = ROOT.parent / "shared" / "corpora"


# Search measurements: key in the JSON -> row label.
MODES = {
    "docs_loaded": "top-10 search, stored fields loaded",
    "docs_read": "top-10 search, stored fields loaded, every hit.doc read",
    "no_docs": "top-10 search, no stored fields",
}


def corpus_file(name):
    folder = CORPORA / name
    for candidate in ("docs.jsonl", "docs.jsonl.gz"):
        if (folder / candidate).exists():
            return folder / candidate
    return None


def read_docs(path):
    """The documents and the input's decompressed size in MB (what `trawl index` counts)."""
    import gzip

    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as f:
        raw = f.read()
    return [json.loads(line) for line in raw.splitlines() if line.strip()], len(raw) / 1e6


def time_add_many(docs, threads, folder):
    shutil.rmtree(folder, ignore_errors=True)
    index = trawl.Index.create(str(folder))
    start = time.perf_counter()
    with index.writer(threads=threads) as w:
        w.add_many(docs)
    return time.perf_counter() - start


def time_cli(cli, path, threads, folder):
    shutil.rmtree(folder, ignore_errors=True)
    start = time.perf_counter()
    subprocess.run([cli, "index", "-q", "--threads", str(threads), "--index", str(folder), str(path)],
                   check=True)
    return time.perf_counter() - start


def draw_words(docs, count, seed):
    """Words of 3+ letters from the bodies, drawn with a fixed seed."""
    rng = random.Random(seed)
    vocabulary = set()
    for doc in docs:
        vocabulary.update(re.findall(r"[a-z]{3,}", str(doc.get("body", "")).lower()))
    return rng.sample(sorted(vocabulary), count)


def python_us_per_query(searcher, words, passes, load_docs, read_docs=False):
    def one_pass():
        for w in words:
            results = searcher.search(w, k=10, load_docs=load_docs)
            if read_docs:
                for hit in results:
                    hit.doc.get("body")

    one_pass()  # warm-up, as the C++ timer does
    means = []
    for _ in range(passes):
        start = time.perf_counter()
        one_pass()
        means.append((time.perf_counter() - start) * 1e6 / len(words))
    return means


def cpp_us_per_query(timer, index_dir, queries_file, passes, load_docs):
    out = subprocess.run([timer, str(index_dir), str(queries_file), "10", str(passes),
                          "1" if load_docs else "0"], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)["us_per_query"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default=str(ROOT / "build"), help="CMake build folder (trawl, bench/trawl_search_timer)")
    parser.add_argument("--corpus", default="reuters21578")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3, help="indexing runs per side")
    parser.add_argument("--rounds", type=int, default=3, help="alternations of C++ and Python searching")
    parser.add_argument("--passes", type=int, default=3, help="search passes per side and round")
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "overhead"))
    args = parser.parse_args()

    path = corpus_file(args.corpus)
    if path is None:
        print(f"skipped: corpus {args.corpus} is not in {CORPORA}", file=sys.stderr)
        return 0
    cli = Path(args.build) / "trawl"
    timer = Path(args.build) / "bench" / "trawl_search_timer"
    for tool in (cli, timer):
        if not tool.exists():
            sys.exit(f"{tool} is missing: build with `make build` first")

    docs, megabytes = read_docs(path)
    work = Path(tempfile.mkdtemp(prefix="trawl-overhead-"))
    try:
        py_seconds, cli_seconds = [], []
        for _ in range(args.runs):  # interleaved, so drift hits both sides
            py_seconds.append(time_add_many(docs, args.threads, work / "py"))
            cli_seconds.append(time_cli(cli, path, args.threads, work / "cli"))
        words = draw_words(docs, args.queries, seed=7)
        queries_file = work / "queries.txt"
        queries_file.write_text("\n".join(words) + "\n")
        searcher = trawl.Index.open(str(work / "py")).searcher()
        search = {}
        for mode in MODES:
            load_docs = mode != "no_docs"
            cpp, py = [], []
            for _ in range(args.rounds):  # alternating, so drift in load hits both sides
                cpp += cpp_us_per_query(timer, work / "py", queries_file, args.passes, load_docs)
                py += python_us_per_query(searcher, words, args.passes, load_docs,
                                          read_docs=mode == "docs_read")
            search[mode] = (statistics.median(cpp), statistics.median(py))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    py_mbs = megabytes / statistics.median(py_seconds)
    cli_mbs = megabytes / statistics.median(cli_seconds)
    result = {
        "corpus": args.corpus, "megabytes": megabytes, "threads": args.threads,
        "indexing": {"python_add_many_s": py_seconds, "cli_s": cli_seconds,
                     "python_mb_s": py_mbs, "cli_mb_s": cli_mbs, "ratio": py_mbs / cli_mbs},
        "search_top10_us": {mode: {"cpp": c, "python": p, "extra": p - c}
                            for mode, (c, p) in search.items()},
        "queries": args.queries, "rounds": args.rounds, "passes": args.passes,
    }
    lines = [
        f"# Python over C++ ({args.corpus}, {megabytes:.1f} MB, {args.threads} threads)",
        "",
        "Written by `python bench/overhead/overhead.py` (`make overhead`); medians of "
        f"{args.runs} indexing runs and of {args.rounds} x {args.passes} search passes of "
        f"{args.queries} one-word queries per side, the sides alternating.",
        "",
        "| measure | C++ | Python | Python vs C++ | budget |",
        "| --- | --- | --- | --- | --- |",
        f"| indexing MB/s (`trawl index` / `add_many` of parsed dicts) | {cli_mbs:.1f} | {py_mbs:.1f} | "
        f"{100 * py_mbs / cli_mbs:.0f}% | >= 90% |",
    ]
    for mode, label in MODES.items():
        c, p = search[mode]
        lines.append(f"| {label} (us/query) | {c:.1f} | {p:.1f} | +{p - c:.1f} us | <= +20 us |")
    report = "\n".join(lines) + "\n"
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.with_suffix(".md").write_text(report)
    out.with_suffix(".json").write_text(json.dumps(result, indent=2) + "\n")
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
