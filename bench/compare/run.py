#!/usr/bin/env python3
"""trawl side by side with Tantivy, Lucene, Xapian, SQLite FTS5, PISA and bm25s.

    python3 bench/compare/run.py [--quick | --full] [--corpus NAME ...] [--trawl PATH]

Installs the peers (install.py), prepares each corpus with one shared
analysis (corpora.py), runs every engine's driver in its own process
(engines/, lucene/) for indexing (at one thread, and in the full mode again
at all threads for the engines that can) and then for queries, scores every
engine's ranking with `trawl eval --score-run` (cross-checked with
pytrec_eval when it installs), adds the stemmed reference rankings (trawl's
and Lucene's English analyzers on the raw text), and writes
bench/results/<quick|full>/<corpus>.md and .json, and ranking.md over every
judged collection of the mode. Those files are generated: rerun the command
rather than edit them.
"""

import argparse
import datetime
import json
import glob
import os
import platform
import resource
import signal
import shutil
import subprocess
import sys
import tempfile
import time

import corpora
import install
import report

JUDGED_CORPORA = ["cranfield", "cisi", "medline", "cacm", "adi", "scifact"]
# reuters21578: its first 5,000 documents in the quick mode; its judgments are
# label-derived, a smoke test. The full mode starts with the big corpus
# (corpora.BIG: the largest shared corpora repeated to 500 MB).
QUICK_CORPORA = JUDGED_CORPORA + ["reuters21578"]
FULL_CORPORA = [corpora.BIG] + JUDGED_CORPORA + ["reuters21578"]
# Address-space caps (GB) of engines that hold the whole corpus in Python
# objects, so that one cannot take the shared machine's memory.
MEMORY_CAP_GB = {"bm25s": 12}
# Seconds one driver run may take on the big corpus; over it the engine is
# reported as capped (the issue's ~20 minutes per engine).
BIG_TIMEOUT = 1200


def log(message):
    print(f"[compare {time.strftime('%H:%M:%S')}] {message}", flush=True)


def run_measured(cmd, timeout, env, memory_gb=None):
    """Runs `cmd` as a child; returns (ok, wall seconds, peak RSS in MB, error).

    Peak RSS comes from GNU time (/usr/bin/time -f %M), whose own small
    process forks the command: a child forked straight from this Python
    process would inherit its RSS high-water mark, which survives exec. The
    figure covers the grandchildren the command waits for (the CLI under its
    driver). Without GNU time it is None."""
    with tempfile.TemporaryDirectory() as tmp:
        rss_file = os.path.join(tmp, "rss")
        timed = (["/usr/bin/time", "-f", "%M", "-o", rss_file] + cmd
                 if os.access("/usr/bin/time", os.X_OK) else cmd)
        limit = None
        if memory_gb:
            cap = memory_gb << 30

            def limit():
                resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
        start = time.perf_counter()
        try:
            # Its own process group, so that a timeout ends the driver under
            # GNU time too.
            p = subprocess.Popen(timed, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                 env=env, text=True, preexec_fn=limit, start_new_session=True)
        except OSError as e:
            return False, 0.0, None, str(e)
        try:
            _, stderr = p.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.communicate()
            return False, time.perf_counter() - start, None, f"timed out after {timeout} s"
        wall = time.perf_counter() - start
        rss = None
        if os.path.exists(rss_file):
            with open(rss_file) as f:
                lines = f.read().split()
            rss = int(lines[-1]) / 1024.0 if lines and lines[-1].isdigit() else None
    error = " / ".join(stderr.strip().splitlines()[-3:])
    return p.returncode == 0, wall, rss, error


def index_once(engine, work, facts, args, env, threads, index_dir, timeout):
    """Indexes with `threads` threads into `index_dir`; returns (facts, error)."""
    shutil.rmtree(index_dir, ignore_errors=True)
    os.makedirs(os.path.dirname(index_dir), exist_ok=True)
    out = os.path.join(work, f"{engine.name}.index.json")
    log(f"{facts['name']}: {engine.name} indexing, {threads} thread(s)")
    memory_gb = MEMORY_CAP_GB.get(engine.name)
    ok, wall, rss, error = run_measured(engine.index_cmd + [work, index_dir, out], timeout,
                                        dict(env, COMPARE_THREADS=str(threads)), memory_gb)
    if not ok:
        if memory_gb and ("MemoryError" in error or "Cannot allocate" in error):
            error = f"over its {memory_gb} GB address-space cap ({error})"
        if "timed out" in error:
            error = f"capped: {error} at this size ({facts['token_bytes'] / 1e6:,.0f} MB)"
        return None, f"indexing at {threads} thread(s) failed: {error}"
    with open(out) as f:
        index_facts = json.load(f)
    seconds = index_facts["seconds"]
    return {
        "threads": threads, "seconds": seconds, "process_seconds": wall, "peak_rss_mb": rss,
        "index_mb": index_facts["index_bytes"] / 1e6,
        "mb_per_s": facts["token_bytes"] / 1e6 / seconds,
        "docs_per_s": facts["documents"] / seconds,
        "notes": index_facts.get("notes", ""),
    }, ""


def trawl_components(cli, index_dir):
    """Bytes per segment component of a trawl index ({} if `trawl stats` fails)."""
    try:
        stats = json.loads(subprocess.run([cli, "stats", "--json", "--index", index_dir],
                                          check=True, capture_output=True, text=True).stdout)
    except (subprocess.CalledProcessError, json.JSONDecodeError, OSError):
        return {}
    total = {}
    for segment in stats.get("segments", []):
        for name, size in segment.get("components", {}).items():
            total[name] = total.get(name, 0) + size
    total["segments"] = len(stats.get("segments", []))
    return total


def run_engine(engine, work, facts, args, env):
    """Indexes and queries one corpus with one engine; returns its record."""
    record = {"engine": engine.name, "version": engine.version, "notes": list(engine.notes)}
    if engine.unavailable:
        record["unavailable"] = engine.unavailable
        return record
    timeout = min(args.timeout, BIG_TIMEOUT) if facts["name"] == corpora.BIG else args.timeout
    index_dir = os.path.join(work, "index", engine.name)
    index, error = index_once(engine, work, facts, args, env, 1, index_dir, timeout)
    if index is None:
        record["unavailable"] = error
        return record
    note = index.pop("notes")
    if note:
        record["notes"].append(note)
    if engine.name == "trawl":
        index["components"] = trawl_components(env["TRAWL_CLI"], index_dir)
    record["index"] = index
    if args.all_threads and (os.cpu_count() or 1) > 1:
        if engine.threaded:
            many = os.path.join(work, "index", engine.name + "-threads")
            index, error = index_once(engine, work, facts, args, env, os.cpu_count(), many,
                                      timeout)
            shutil.rmtree(many, ignore_errors=True)  # queries use the one-thread index
            record["index_all_threads"] = index or {"error": error}
            if index:
                index.pop("notes")
        else:
            record["index_all_threads"] = {"single_threaded": True}
    out = os.path.join(work, f"{engine.name}.query.json")
    log(f"{facts['name']}: {engine.name} querying")
    ok, _, _, error = run_measured(engine.query_cmd + [work, index_dir, out], timeout, env,
                                   MEMORY_CAP_GB.get(engine.name))
    if not ok:
        record["query_error"] = f"queries failed: {error}"
        return record
    with open(out) as f:
        query_facts = json.load(f)
    record["latency"] = query_facts["latency"]
    record["counts"] = query_facts.get("counts", {})
    if query_facts.get("notes"):
        record["notes"].append(query_facts["notes"])
    if query_facts.get("run"):
        record["run"] = query_facts["run"]
    if facts["name"] == corpora.BIG:
        shutil.rmtree(index_dir, ignore_errors=True)  # hundreds of MB each
    return record


def trawl_eval(cli, args_list):
    """`trawl eval ... --json` as a dict (raises on failure)."""
    out = subprocess.run([cli, "eval", "--json", *args_list], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)


def score_rankings(records, work, facts, cli, has_trec_eval):
    """Adds `ranking` to every record with a run, all scored by `trawl eval`;
    trawl itself is run through `trawl eval --index` as a user would."""
    qrels = facts["qrels"]
    for record in records:
        try:
            if record["engine"] == "trawl" and "index" in record:
                run_path = os.path.join(work, "runs", "trawl.run")
                os.makedirs(os.path.dirname(run_path), exist_ok=True)
                result = trawl_eval(cli, ["--index", os.path.join(work, "index", "trawl"),
                                          "--queries", os.path.join(work, "rank_queries.jsonl"),
                                          "--qrels", qrels, "--run", run_path])
                record["run"] = run_path
            elif record.get("run"):
                result = trawl_eval(cli, ["--qrels", qrels, "--score-run", record["run"]])
            else:
                continue
        except (subprocess.CalledProcessError, json.JSONDecodeError) as e:
            record["ranking_error"] = str(getattr(e, "stderr", "") or e)
            continue
        record["ranking"] = metrics(result)
        if has_trec_eval:
            record["ranking"]["pytrec_eval"] = cross_check(qrels, record["run"])


def metrics(result):
    return {k: result[k] for k in ("ndcg@10", "map", "recall@100", "p@10", "queries")}


def default_schema_ranking(work, facts, cli):
    """trawl as shipped: the raw corpus through `trawl index` (default schema,
    title^2 + body) and the raw queries through `trawl eval`."""
    index_dir = os.path.join(work, "index", "trawl-default")
    shutil.rmtree(index_dir, ignore_errors=True)
    subprocess.run([cli, "index", "--quiet", "--index", index_dir, "--format", "jsonl",
                    os.path.join(work, "raw_docs.jsonl")], check=True)
    result = trawl_eval(cli, ["--index", index_dir, "--queries", facts["queries"],
                              "--qrels", facts["qrels"]])
    return metrics(result)


# BM25 parameters of the stemmed references: the harness's, and Anserini's
# BEIR baselines' (k1 0.9, b 0.4), which the published SciFact figures use.
STEMMED_SETTINGS = ((1.2, 0.75, ""), (0.9, 0.4, "-k0.9-b0.4"))


def stemmed_rankings(work, facts, cli, lucene):
    """The stemmed reference rankings on the raw text (title and text in one
    field, as Anserini's "flat" BEIR index): trawl's `english` analyzer
    (Snowball English stemmer, English stop words, possessives) and Lucene's
    EnglishAnalyzer (Porter stemmer, its stop words, possessives), each at
    k1 1.2 b 0.75 and at k1 0.9 b 0.4. Returns {label: metrics or error}."""
    out = {}
    flat = os.path.join(work, "raw_flat.jsonl")
    with open(os.path.join(work, "raw_docs.tsv"), encoding="utf-8") as f, \
            open(flat, "w", encoding="utf-8") as g:
        for line in f:
            doc_id, _, text = line.rstrip("\n").partition("\t")
            g.write(json.dumps({"id": doc_id, "body": text}) + "\n")
    index_dir = os.path.join(work, "index", "trawl-english")
    shutil.rmtree(index_dir, ignore_errors=True)
    try:
        subprocess.run([cli, "index", "--quiet", "--index", index_dir, "--format", "jsonl",
                        "--analyzer", "english", flat], check=True, capture_output=True)
        for k1, b, suffix in STEMMED_SETTINGS:
            out[f"trawl english{suffix}"] = metrics(trawl_eval(
                cli, ["--index", index_dir, "--queries", facts["queries"], "--qrels",
                      facts["qrels"], "--k1", str(k1), "--b", str(b)]))
    except (subprocess.CalledProcessError, json.JSONDecodeError) as e:
        out["trawl english"] = {"error": str(getattr(e, "stderr", "") or e)[-200:]}
    if lucene is None or lucene.unavailable or not lucene.english_cmd:
        return out
    ok, _, _, error = run_measured(
        lucene.english_cmd + [work, os.path.join(work, "index", "lucene-english"),
                              os.path.join(work, "lucene.english.json")], 600, None)
    for _, _, suffix in STEMMED_SETTINGS:
        label = f"lucene english{suffix}"
        if not ok:
            out[label] = {"error": error[-200:]}
            continue
        try:
            out[label] = metrics(trawl_eval(cli, [
                "--qrels", facts["qrels"], "--score-run",
                os.path.join(work, "runs", f"lucene-english{suffix}.run")]))
        except (subprocess.CalledProcessError, json.JSONDecodeError) as e:
            out[label] = {"error": str(getattr(e, "stderr", "") or e)[-200:]}
    return out


def cross_check(qrels, run):
    """nDCG@10 and MAP of `run` by pytrec_eval (trec_eval itself), computed in
    the venv; averaged over the queries with a relevant document, as
    `trawl eval` averages (queries without a ranking count zero)."""
    script = r"""
import json, sys, pytrec_eval
qrels, run = {}, {}
for line in open(sys.argv[1]):
    q, _, d, r = line.split(); qrels.setdefault(q, {})[d] = int(r)
for line in open(sys.argv[2]):
    q, _, d, _, s, _ = line.split(); run.setdefault(q, {})[d] = float(s)
judged = [q for q, j in qrels.items() if any(r >= 1 for r in j.values())]
ev = pytrec_eval.RelevanceEvaluator(qrels, {"ndcg_cut.10", "map"})
res = ev.evaluate(run)
n = len(judged)
print(json.dumps({"ndcg@10": sum(res.get(q, {}).get("ndcg_cut_10", 0) for q in judged) / n,
                  "map": sum(res.get(q, {}).get("map", 0) for q in judged) / n}))
"""
    p = subprocess.run([install.venv_python(), "-c", script, qrels, run],
                       capture_output=True, text=True)
    return json.loads(p.stdout) if p.returncode == 0 else {"error": p.stderr[-300:]}


def machine():
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "load_average": os.getloadavg(),
            "python": platform.python_version(), "system": platform.platform()}


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true",
                        help=f"small corpora ({', '.join(QUICK_CORPORA)} subset), fewer queries")
    parser.add_argument("--full", action="store_true",
                        help="the default: the 500 MB corpus and every judged one, at one "
                             "thread and all threads")
    parser.add_argument("--all-threads", action=argparse.BooleanOptionalAction, default=None,
                        help="also index at all threads (default: in the full mode)")
    parser.add_argument("--corpus", nargs="+", help="corpora to run (default: all of the mode)")
    parser.add_argument("--engine", nargs="+", help="only these engines (trawl always runs)")
    parser.add_argument("--trawl", default=os.path.join(install.REPO, "build", "trawl"),
                        help="the trawl CLI (default: build/trawl)")
    parser.add_argument("--shared", default=os.environ.get(
        "TRAWL_SHARED_DIR", os.path.join(os.path.dirname(install.REPO), "shared")),
        help="the shared folder holding corpora/")
    parser.add_argument("--no-python-module", action="store_true",
                        help="do not pip-install the trawl module (CLI latency, labelled)")
    parser.add_argument("--reuse-module", action="store_true",
                        help="keep the trawl module an earlier run installed (labelled)")
    parser.add_argument("--timeout", type=int, default=3600, help="seconds per driver run")
    args = parser.parse_args()
    if args.quick and args.full:
        parser.error("--quick or --full, not both")

    names = args.corpus or (QUICK_CORPORA if args.quick else FULL_CORPORA)
    mode = "quick" if args.quick else "full"
    if args.all_threads is None:
        args.all_threads = not args.quick
    # Warm-up passes matter most to Lucene's JIT; every engine gets the same.
    per_family, warmup, repeat = (50, 3, 3) if args.quick else (200, 5, 5)
    budget_s = 10 if args.quick else 20
    cli = os.path.abspath(args.trawl)
    engines, has_trec_eval = install.install_all(
        cli, False if args.no_python_module else ("reuse" if args.reuse_module else True), log)
    if args.engine:
        engines = [e for e in engines if e.name == "trawl" or e.name in args.engine]
    env = dict(os.environ, TRAWL_CLI=cli)
    results_dir = os.path.join(install.REPO, "bench", "results", mode)
    os.makedirs(results_dir, exist_ok=True)
    command = "python3 bench/compare/run.py" + (" --quick" if args.quick else " --full") + (
        f" --corpus {' '.join(args.corpus)}" if args.corpus else "")
    lucene = next((e for e in engines if e.name == "lucene"), None)
    for name in names:
        work = os.path.join(install.REPO, "build", "compare-work", name)
        shutil.rmtree(work, ignore_errors=True)
        log(f"{name}: preparing")
        big = name == corpora.BIG
        # The big corpus: fewer queries and passes (one OR query of a slow
        # engine takes a good part of a second there); the budget still caps.
        params = (100, 1, 3) if big else (per_family, warmup, repeat)
        budget = 10 if big else budget_s
        facts = corpora.prepare(args.shared, name, work, args.quick, *params,
                                reuters_subset=5000, budget_s=budget)
        records = [run_engine(e, work, facts, args, env) for e in engines]
        extra = {}
        if facts["qrels"] and not engines[0].unavailable:
            score_rankings(records, work, facts, cli, has_trec_eval)
            extra["trawl_default_schema"] = default_schema_ranking(work, facts, cli)
            extra["stemmed"] = stemmed_rankings(work, facts, cli, lucene)
        doc = {"corpus": facts, "mode": mode, "command": command, "machine": machine(),
               "date": datetime.datetime.now().isoformat(timespec="seconds"),
               "params": {"queries_per_family": params[0], "warmup": params[1],
                          "repeat": params[2], "budget_s": budget, "k1": 1.2, "b": 0.75,
                          "all_threads": os.cpu_count() if args.all_threads else None,
                          "nice": os.nice(0)},
               "engines": records, **extra}
        base = os.path.join(results_dir, name)
        with open(base + ".json", "w") as f:
            json.dump(doc, f, indent=1)
        with open(base + ".md", "w") as f:
            f.write(report.markdown(doc))
        log(f"{name}: wrote {base}.md")
        if facts["qrels"]:
            write_ranking_summary(results_dir)
    return 0


def write_ranking_summary(results_dir):
    """ranking.md over every judged collection whose JSON is in `results_dir`."""
    docs = []
    for path in sorted(glob.glob(os.path.join(results_dir, "*.json"))):
        with open(path) as f:
            doc = json.load(f)
        if doc.get("corpus", {}).get("qrels"):
            docs.append(doc)
    order = {n: i for i, n in enumerate(QUICK_CORPORA)}
    docs.sort(key=lambda d: order.get(d["corpus"]["name"], len(order)))
    with open(os.path.join(results_dir, "ranking.md"), "w") as f:
        f.write(report.ranking_summary(docs))
    log(f"wrote {os.path.join(results_dir, 'ranking.md')}")


if __name__ == "__main__":
    sys.exit(main())
