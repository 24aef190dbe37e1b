#!/usr/bin/env python3
"""trawl side by side with Tantivy, Lucene, Xapian, SQLite FTS5, PISA and bm25s.

    python3 bench/compare/run.py [--quick] [--corpus NAME ...] [--trawl PATH]

Installs the peers (install.py), prepares each corpus with one shared
analysis (corpora.py), runs every engine's driver in its own process
(engines/, lucene/) for indexing and then for queries, scores every engine's
ranking with `trawl eval --score-run` (cross-checked with pytrec_eval when it
installs), and writes bench/results/<quick|full>/<corpus>.md and .json.
Those files are generated: rerun the command rather than edit them.
"""

import argparse
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time

import corpora
import install
import report

QUICK_CORPORA = ["cranfield", "scifact", "reuters21578"]
FULL_CORPORA = ["cranfield", "cisi", "medline", "cacm", "scifact", "reuters21578",
                "python-doc", "linux-doc", "gcide"]


def log(message):
    print(f"[compare {time.strftime('%H:%M:%S')}] {message}", flush=True)


def run_measured(cmd, timeout, env):
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
        start = time.perf_counter()
        try:
            p = subprocess.run(timed, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env=env, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return False, time.perf_counter() - start, None, f"timed out after {timeout} s"
        except OSError as e:
            return False, 0.0, None, str(e)
        wall = time.perf_counter() - start
        rss = None
        if os.path.exists(rss_file):
            with open(rss_file) as f:
                lines = f.read().split()
            rss = int(lines[-1]) / 1024.0 if lines and lines[-1].isdigit() else None
    error = " / ".join(p.stderr.strip().splitlines()[-3:])
    return p.returncode == 0, wall, rss, error


def run_engine(engine, work, facts, args, env):
    """Indexes and queries one corpus with one engine; returns its record."""
    record = {"engine": engine.name, "version": engine.version, "notes": list(engine.notes)}
    if engine.unavailable:
        record["unavailable"] = engine.unavailable
        return record
    index_dir = os.path.join(work, "index", engine.name)
    shutil.rmtree(index_dir, ignore_errors=True)
    os.makedirs(os.path.dirname(index_dir), exist_ok=True)
    out = os.path.join(work, f"{engine.name}.index.json")
    log(f"{facts['name']}: {engine.name} indexing")
    ok, wall, rss, error = run_measured(engine.index_cmd + [work, index_dir, out],
                                        args.timeout, env)
    if not ok:
        record["unavailable"] = f"indexing failed: {error}"
        return record
    with open(out) as f:
        index_facts = json.load(f)
    seconds = index_facts["seconds"]
    record["index"] = {
        "seconds": seconds, "process_seconds": wall, "peak_rss_mb": rss,
        "index_mb": index_facts["index_bytes"] / 1e6,
        "mb_per_s": facts["token_bytes"] / 1e6 / seconds,
        "docs_per_s": facts["documents"] / seconds,
    }
    if index_facts.get("notes"):
        record["notes"].append(index_facts["notes"])
    out = os.path.join(work, f"{engine.name}.query.json")
    log(f"{facts['name']}: {engine.name} querying")
    ok, _, _, error = run_measured(engine.query_cmd + [work, index_dir, out], args.timeout, env)
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
        record["ranking"] = {k: result[k] for k in ("ndcg@10", "map", "recall@100", "p@10",
                                                    "queries")}
        if has_trec_eval:
            record["ranking"]["pytrec_eval"] = cross_check(qrels, record["run"])


def default_schema_ranking(work, facts, cli):
    """trawl as shipped: the raw corpus through `trawl index` (default schema,
    title^2 + body) and the raw queries through `trawl eval`."""
    index_dir = os.path.join(work, "index", "trawl-default")
    shutil.rmtree(index_dir, ignore_errors=True)
    subprocess.run([cli, "index", "--quiet", "--index", index_dir, "--format", "jsonl",
                    os.path.join(work, "raw_docs.jsonl")], check=True)
    result = trawl_eval(cli, ["--index", index_dir, "--queries", facts["queries"],
                              "--qrels", facts["qrels"]])
    return {k: result[k] for k in ("ndcg@10", "map", "recall@100", "p@10", "queries")}


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
    parser.add_argument("--corpus", nargs="+", help="corpora to run (default: all of the mode)")
    parser.add_argument("--engine", nargs="+", help="only these engines (trawl always runs)")
    parser.add_argument("--trawl", default=os.path.join(install.REPO, "build", "trawl"),
                        help="the trawl CLI (default: build/trawl)")
    parser.add_argument("--shared", default=os.environ.get(
        "TRAWL_SHARED_DIR", os.path.join(os.path.dirname(install.REPO), "shared")),
        help="the shared folder holding corpora/")
    parser.add_argument("--no-python-module", action="store_true",
                        help="do not pip-install the trawl module (CLI latency, labelled)")
    parser.add_argument("--timeout", type=int, default=3600, help="seconds per driver run")
    args = parser.parse_args()

    names = args.corpus or (QUICK_CORPORA if args.quick else FULL_CORPORA)
    mode = "quick" if args.quick else "full"
    # Warm-up passes matter most to Lucene's JIT; every engine gets the same.
    per_family, warmup, repeat = (50, 3, 3) if args.quick else (200, 5, 5)
    cli = os.path.abspath(args.trawl)
    engines, has_trec_eval = install.install_all(cli, not args.no_python_module, log)
    if args.engine:
        engines = [e for e in engines if e.name == "trawl" or e.name in args.engine]
    env = dict(os.environ, TRAWL_CLI=cli)
    results_dir = os.path.join(install.REPO, "bench", "results", mode)
    os.makedirs(results_dir, exist_ok=True)
    command = "python3 bench/compare/run.py" + (" --quick" if args.quick else "") + (
        f" --corpus {' '.join(args.corpus)}" if args.corpus else "")
    for name in names:
        work = os.path.join(install.REPO, "build", "compare-work", name)
        shutil.rmtree(work, ignore_errors=True)
        log(f"{name}: preparing")
        facts = corpora.prepare(args.shared, name, work, args.quick, per_family, warmup,
                                repeat, reuters_subset=5000)
        records = [run_engine(e, work, facts, args, env) for e in engines]
        extra = {}
        if facts["qrels"] and not engines[0].unavailable:
            score_rankings(records, work, facts, cli, has_trec_eval)
            extra["trawl_default_schema"] = default_schema_ranking(work, facts, cli)
        doc = {"corpus": facts, "mode": mode, "command": command, "machine": machine(),
               "date": datetime.datetime.now().isoformat(timespec="seconds"),
               "params": {"queries_per_family": per_family, "warmup": warmup,
                          "repeat": repeat, "k1": 1.2, "b": 0.75},
               "engines": records, **extra}
        base = os.path.join(results_dir, name)
        with open(base + ".json", "w") as f:
            json.dump(doc, f, indent=1)
        with open(base + ".md", "w") as f:
            f.write(report.markdown(doc))
        log(f"{name}: wrote {base}.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
