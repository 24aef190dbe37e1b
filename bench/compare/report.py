"""The Markdown page of one corpus, made from the JSON that run.py writes.

Ratios are engine / trawl: above 1 the engine is slower (times) or better
(ranking metrics) than trawl.
"""

from engines.common import FAMILIES, MODES

SCIFACT_ANCHOR = ("Published anchor: BM25 on BEIR SciFact scores nDCG@10 0.665-0.679 "
                  "(Anserini/Lucene, title+text with Porter stemming; BEIR's Elasticsearch "
                  "BM25 0.665). The runs here use no stemming, so expect somewhat lower.")


def _fmt(value, digits=0):
    return "-" if value is None else f"{value:,.{digits}f}"


def _ratio(value, base):
    if value is None or not base:
        return ""
    return f" (×{value / base:.2f})"


def _table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _indexing(engines, trawl):
    base = trawl.get("index", {}).get("seconds") if trawl else None
    rows = []
    for e in engines:
        i = e.get("index")
        if not i:
            continue
        rows.append([e["engine"], e["version"], _fmt(i["seconds"], 3) + _ratio(i["seconds"], base),
                     _fmt(i["mb_per_s"], 2), _fmt(i["docs_per_s"]), _fmt(i["peak_rss_mb"], 1) if i["peak_rss_mb"] is not None else "n/a",
                     _fmt(i["index_mb"], 2)])
    return _table(["engine", "version", "seconds (×trawl)", "MB/s", "docs/s", "peak RSS MB",
                   "index MB"], rows)


def _latency_cell(e, family, mode, key):
    stats = e.get("latency", {}).get(family, {}).get(mode)
    if stats is None:
        return None
    if stats.get("unsupported"):
        return "unsupported"
    return stats[key]


def _latency(engines, trawl, key_fn, header_note):
    live = [e for e in engines if e.get("latency")]
    rows = []
    for family in FAMILIES:
        for mode in MODES:
            row = [f"{family} / {mode}"]
            base = _latency_cell(trawl, family, mode, "mean_us") if trawl else None
            if base is None:
                continue
            for e in live:
                row.append(key_fn(e, family, mode, base))
            if any(cell not in ("unsupported", "-") for cell in row[1:]):
                rows.append(row)  # else no engine ran it: no queries of the family
    return header_note + "\n\n" + _table(["family / mode"] + [e["engine"] for e in live], rows)


def _mean_cell(e, family, mode, base):
    v = _latency_cell(e, family, mode, "mean_us")
    if v is None or isinstance(v, str):
        return v or "-"
    return _fmt(v, 1) + (_ratio(v, base) if isinstance(base, float) else "")


def _p50_p99_cell(e, family, mode, base):
    p50 = _latency_cell(e, family, mode, "p50_us")
    if p50 is None or isinstance(p50, str):
        return p50 or "-"
    return f"{_fmt(p50, 1)} / {_fmt(_latency_cell(e, family, mode, 'p99_us'), 1)}"


def _count_agreement(engines, trawl):
    if not trawl or not trawl.get("counts"):
        return ""
    lines = []
    for e in engines:
        if e is trawl or not e.get("counts"):
            continue
        same = total = 0
        differ = set()
        for family, counts in e["counts"].items():
            for qid, n in counts.items():
                ref = trawl["counts"].get(family, {}).get(qid)
                if ref is None or n is None:
                    continue
                total += 1
                if ref == n:
                    same += 1
                else:
                    differ.add(family)
        if total:
            note = f" (differs in: {', '.join(sorted(differ))})" if differ else ""
            lines.append(f"- {e['engine']}: {same} / {total} exact counts equal to trawl's{note}")
    return "\n".join(lines) + "\n" if lines else ""


def _ranking(doc, engines, trawl):
    base = trawl.get("ranking", {}).get("ndcg@10") if trawl else None
    rows = []
    for e in engines:
        r = e.get("ranking")
        if not r:
            if e.get("ranking_error"):
                rows.append([e["engine"], "error: " + e["ranking_error"][:80], "", "", "", ""])
            continue
        check = r.get("pytrec_eval", {})
        check_text = (f"{check['ndcg@10']:.4f} / {check['map']:.4f}" if "map" in check
                      else "-")
        rows.append([e["engine"], f"{r['ndcg@10']:.4f}" + _ratio(r["ndcg@10"], base),
                     f"{r['map']:.4f}", f"{r['recall@100']:.4f}", f"{r['p@10']:.4f}", check_text])
    default = doc.get("trawl_default_schema")
    if default:
        rows.append(["trawl, default schema (raw text, title^2 + body)",
                     f"{default['ndcg@10']:.4f}" + _ratio(default["ndcg@10"], base),
                     f"{default['map']:.4f}", f"{default['recall@100']:.4f}",
                     f"{default['p@10']:.4f}", ""])
    return _table(["engine", "nDCG@10 (×trawl)", "MAP", "Recall@100", "P@10",
                   "pytrec_eval nDCG@10 / MAP"], rows)


def markdown(doc):
    """The whole page for one corpus."""
    c, m, p = doc["corpus"], doc["machine"], doc["params"]
    engines = doc["engines"]
    trawl = next((e for e in engines if e["engine"] == "trawl" and "unavailable" not in e), None)
    out = [f"# {c['name']}: trawl side by side with its peers ({doc['mode']})\n",
           f"Generated by `{doc['command']}` on {doc['date']}; do not edit by hand.\n",
           f"- Machine: {m['cpu']}, {m['cores']} cores (shared; load average at the end "
           f"{', '.join(f'{x:.2f}' for x in m['load_average'])}), {m['system']}.",
           f"- Corpus: {c['documents']:,} documents{' (' + c['subset'] + ')' if c['subset'] else ''},"
           f" {c['text_bytes'] / 1e6:.1f} MB of title+body text, {c['token_bytes'] / 1e6:.1f} MB "
           "after the shared analysis (what every engine indexes; MB/s is over this).",
           "- One analysis for all: case-folded runs of letters and digits, no stemming, no stop "
           "words, positions kept; one field (title + body); BM25 k1 1.2, b 0.75 where the "
           "engine lets it be set; one indexing thread and one query thread.",
           f"- Queries: {p['queries_per_family']} per family drawn with a fixed seed from the "
           "corpus (plus the corpus's own queries as `natural`), "
           f"{p['warmup']} untimed warm-up pass(es), then {p['repeat']} timed pass(es); "
           "latency in µs per query, in-process (see notes). top10 may skip non-competitive "
           "hits; top100_count must count every match; count only counts.\n"]
    missing = [e for e in engines if e.get("unavailable")]
    if missing:
        out.append("Not available:\n")
        out += [f"- {e['engine']}: not available: {e['unavailable']}" for e in missing]
        out.append("")
    out += ["## Indexing\n", _indexing(engines, trawl)]
    if trawl and trawl.get("latency"):
        out += ["## Query latency\n",
                _latency(engines, trawl, _mean_cell, "Mean µs (× trawl's mean; above 1 is "
                         "slower than trawl)."),
                _latency(engines, trawl, _p50_p99_cell, "p50 / p99 µs."),
                "Exact match counts (top100_count and count modes) compared with trawl's:\n",
                _count_agreement(engines, trawl)]
    elif trawl and trawl.get("query_error"):
        out.append(f"trawl's queries failed: {trawl['query_error']}\n")
    if any(e.get("ranking") for e in engines):
        out += ["## Ranking\n",
                "Every run is the top 1000 of each judged query (its words OR-ed), scored by "
                "`trawl eval` (trec_eval's conventions; means over queries with a relevant "
                "document) and, where it installed, by pytrec_eval (trec_eval itself).\n",
                _ranking(doc, engines, trawl)]
        if c["name"] == "scifact":
            out.append(SCIFACT_ANCHOR + "\n")
    notes = [f"- {e['engine']}: {'; '.join(e['notes'])}" for e in engines if e.get("notes")]
    errors = [f"- {e['engine']}: {e['query_error']}" for e in engines if e.get("query_error")]
    if notes or errors:
        out += ["## Notes\n"] + notes + errors + [""]
    return "\n".join(out)
