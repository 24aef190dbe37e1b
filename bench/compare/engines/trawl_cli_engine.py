"""trawl's CLI ($TRAWL_CLI) as a compare.py driver; see common.py.

`index` runs `trawl index` on WORK/docs.jsonl (the same text as docs.tsv, in
the `body` field): the time is the whole CLI run, parsing JSON included, with
--threads $COMPARE_THREADS.
`query` is the last resort when the Python module is not installed: one
`trawl search` process per query, so the latency includes starting a process
and opening the index; run.py labels it so.
"""

import json
import os
import subprocess

import common

CLI = os.environ.get("TRAWL_CLI", "trawl")


def build_index(work, index_dir):
    subprocess.run([CLI, "index", "--quiet", "--index", index_dir, "--format", "jsonl",
                    "--threads", str(common.threads()), os.path.join(work, "docs.jsonl")],
                   check=True)
    return {}


def query_text(family, toks):
    """The query syntax of each family (tokens are plain words)."""
    if family == "phrase":
        return '"' + " ".join(toks) + '"'
    if family == "prefix":
        return toks[0] + "*"
    if family == "fuzzy":
        return f"{toks[0]}~{common.FUZZY_EDITS}"
    if family == "and":
        return " ".join("+" + t for t in toks)
    if family == "must_should":
        return f"+{toks[0]} {toks[1]}"
    if family == "must_not":
        return f"+{toks[0]} -{toks[1]}"
    return " ".join(toks)


def query_index(work, index_dir):
    def run_one(family, mode, toks):
        k = {"top10": 10, "top100_count": 100, "count": 1}[mode]
        out = subprocess.run([CLI, "search", "--json", "-k", str(k), "--index", index_dir,
                              query_text(family, toks)],
                             check=True, capture_output=True, text=True).stdout
        return json.loads(out)["total_hits"]

    result = common.time_queries(work, run_one, lambda family, mode: True)
    return result


if __name__ == "__main__":
    common.main("trawl", build_index, query_index)
