"""The Markdown page of one corpus, made from the JSON that run.py writes.

Ratios are engine / trawl: above 1 the engine is slower (times) or better
(ranking metrics) than trawl.
"""

from engines.common import FAMILIES, MODES

SCIFACT_ANCHOR = ("Published anchor: BM25 on BEIR SciFact scores nDCG@10 0.665-0.679 "
                  "(BEIR's Elasticsearch BM25, title and text as two fields: 0.665; "
                  "Anserini's Lucene BM25 \"flat\", title+text in one field with Porter "
                  "stemming and stop words, k1 0.9 b 0.4: 0.679). The shared analysis here has "
                  "no stemming; the EnglishAnalyzer rows at k1 0.9 b 0.4 are the setting "
                  "closest to Anserini's.")


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


def _index_row(e, i, base, label):
    return [e["engine"], e["version"], label,
            _fmt(i["seconds"], 3) + _ratio(i["seconds"], base),
            _fmt(i["mb_per_s"], 2), _fmt(i["docs_per_s"]),
            _fmt(i["peak_rss_mb"], 1) if i["peak_rss_mb"] is not None else "n/a",
            _fmt(i["index_mb"], 2)]


def _indexing(engines, trawl):
    base = trawl.get("index", {}).get("seconds") if trawl else None
    many = trawl.get("index_all_threads", {}).get("seconds") if trawl else None
    rows = []
    for e in engines:
        i = e.get("index")
        if not i:
            continue
        rows.append(_index_row(e, i, base, "1"))
        m = e.get("index_all_threads")
        if not m:
            continue
        if m.get("single_threaded"):
            rows.append([e["engine"], "", "all", "single-threaded engine: as above", "", "", "",
                         ""])
        elif m.get("error"):
            rows.append([e["engine"], "", "all", m["error"][:160], "", "", "", ""])
        else:
            rows.append(_index_row(e, m, many, str(m["threads"])))
    table = _table(["engine", "version", "threads", "seconds (×trawl at the same threads)",
                    "MB/s", "docs/s", "peak RSS MB", "index MB"], rows)
    parts = dict((trawl or {}).get("index", {}).get("components") or {})
    if parts:
        segments = parts.pop("segments", None)
        sizes = ", ".join(f"{name} {size / 1e6:.2f}" for name, size in parts.items())
        stored = parts.get("stored", 0)
        table += (f"\ntrawl's index by component (`trawl stats`, MB, {segments} segment(s)): "
                  f"{sizes}; without the stored text the peers do not keep: "
                  f"{(sum(parts.values()) - stored) / 1e6:.2f} MB.\n")
    return table


def _latency_cell(e, family, mode, key):
    stats = e.get("latency", {}).get(family, {}).get(mode)
    if stats is None:
        return None
    if stats.get("unsupported"):
        return "unsupported"
    if key == "capped":
        return stats.get("capped", False)
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


def _capped_mark(e, family, mode):
    return "*" if _latency_cell(e, family, mode, "capped") is True else ""


def _mean_cell(e, family, mode, base):
    v = _latency_cell(e, family, mode, "mean_us")
    if v is None or isinstance(v, str):
        return v or "-"
    return (_fmt(v, 1) + _capped_mark(e, family, mode)
            + (_ratio(v, base) if isinstance(base, float) else ""))


def _p50_p99_cell(e, family, mode, base):
    p50 = _latency_cell(e, family, mode, "p50_us")
    if p50 is None or isinstance(p50, str):
        return p50 or "-"
    return (f"{_fmt(p50, 1)} / {_fmt(_latency_cell(e, family, mode, 'p99_us'), 1)}"
            + _capped_mark(e, family, mode))


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
    extra = [("trawl, default schema (raw text, title^2 + body)", default)] if default else []
    extra += [(STEMMED_LABELS.get(label, label), r)
              for label, r in doc.get("stemmed", {}).items()]
    for label, r in extra:
        if "error" in r:
            rows.append([label, "error: " + r["error"][:80], "", "", "", ""])
        else:
            rows.append([label, f"{r['ndcg@10']:.4f}" + _ratio(r["ndcg@10"], base),
                         f"{r['map']:.4f}", f"{r['recall@100']:.4f}", f"{r['p@10']:.4f}", ""])
    return _table(["engine", "nDCG@10 (×trawl)", "MAP", "Recall@100", "P@10",
                   "pytrec_eval nDCG@10 / MAP"], rows)


STEMMED_LABELS = {
    "trawl english": "trawl `english` analyzer, raw title+text (Snowball stemmer, stop words), "
                     "k1 1.2 b 0.75",
    "trawl english-k0.9-b0.4": "trawl `english` analyzer, raw title+text, k1 0.9 b 0.4",
    "lucene english": "Lucene EnglishAnalyzer, raw title+text (Porter stemmer, stop words), "
                      "k1 1.2 b 0.75",
    "lucene english-k0.9-b0.4": "Lucene EnglishAnalyzer, raw title+text, k1 0.9 b 0.4 "
                                "(Anserini's BEIR setting)",
}
LUCENE_TOLERANCE = 0.005


def lucene_check(engines):
    """(trawl nDCG@10 - Lucene's, within LUCENE_TOLERANCE) or None."""
    by_name = {e["engine"]: e.get("ranking") for e in engines}
    t, l = by_name.get("trawl"), by_name.get("lucene")
    if not t or not l:
        return None
    delta = t["ndcg@10"] - l["ndcg@10"]
    return delta, abs(delta) <= LUCENE_TOLERANCE


def ranking_summary(docs):
    """ranking.md: every judged collection of one mode, engines side by side."""
    names = []
    for doc in docs:
        for e in doc["engines"]:
            if e.get("ranking") and e["engine"] not in names:
                names.append(e["engine"])
    stemmed = []
    for doc in docs:
        for label in doc.get("stemmed", {}):
            if label not in stemmed:
                stemmed.append(label)
    out = ["# Ranking evaluation: every judged collection, trawl beside its peers\n",
           "Generated by `python3 bench/compare/run.py` from the JSON files beside this page "
           f"({', '.join(d['corpus']['name'] + ' ' + d['date'] for d in docs)}); "
           "do not edit by hand.\n",
           "Columns up to `trawl − lucene` share one analysis: title + body in one field, "
           "case-folded runs of letters and digits, no stemming, no stop words; every engine's "
           "own BM25 at k1 1.2, b 0.75 where it can be set (bm25s `lucene` method; PISA and "
           "Xapian use idf without Lucene's +1; SQLite FTS5's bm25() is fixed at 1.2 / 0.75). "
           "The last columns are references on the raw text with stemming and stop words "
           "(see each collection's page). Each run is the top 1000 of every judged query (its "
           "words OR-ed), scored by `trawl eval` (trec_eval's conventions, means over queries "
           "with a relevant document). reuters21578's judgments are derived from its TOPICS "
           "labels: a smoke test, not a ranking result.\n"]
    for metric, title in (("ndcg@10", "nDCG@10"), ("map", "MAP"),
                          ("recall@100", "Recall@100"), ("p@10", "P@10")):
        header = ["collection"] + names + ["trawl − lucene"]
        if metric == "ndcg@10":
            header += [STEMMED_SHORT.get(s, s) for s in stemmed]
        rows = []
        for doc in docs:
            ranking = {e["engine"]: e.get("ranking") for e in doc["engines"]}
            name = doc["corpus"]["name"] + (" (smoke test)" if doc["corpus"].get("smoke_only")
                                             else "")
            row = [name] + [f"{ranking[n][metric]:.4f}" if ranking.get(n) else "-"
                            for n in names]
            t, l = ranking.get("trawl"), ranking.get("lucene")
            if t and l:
                d = t[metric] - l[metric]
                ok = abs(d) <= LUCENE_TOLERANCE
                row.append(f"{d:+.4f}" + ("" if metric != "ndcg@10" else
                                          (" ✓" if ok else " ✗ over 0.005")))
            else:
                row.append("-")
            if metric == "ndcg@10":
                for label in stemmed:
                    r = doc.get("stemmed", {}).get(label)
                    row.append(f"{r['ndcg@10']:.4f}" if r and "ndcg@10" in r else "-")
            rows.append(row)
        out += [f"## {title}\n", _table(header, rows)]
    out.append("Stemmed references: " + "; ".join(
        f"`{STEMMED_SHORT.get(s, s)}` = {STEMMED_LABELS.get(s, s)}" for s in stemmed) + ".\n")
    out.append(SCIFACT_ANCHOR + "\n")
    return "\n".join(out)


STEMMED_SHORT = {
    "trawl english": "trawl english",
    "trawl english-k0.9-b0.4": "trawl english k1 0.9 b 0.4",
    "lucene english": "Lucene English",
    "lucene english-k0.9-b0.4": "Lucene English k1 0.9 b 0.4",
}


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
           "engine lets it be set; one query thread; indexing at one thread"
           + (f" and at all {p['all_threads']} threads (the queries use the one-thread index)"
              if p.get("all_threads") else "") + "."
           + (f" Run under `nice -n {p['nice']}`." if p.get("nice") else ""),
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
        check = lucene_check(engines)
        if check:
            out.append(f"trawl − Lucene nDCG@10 on the same analysis: {check[0]:+.4f} "
                       f"({'within' if check[1] else 'NOT within'} {LUCENE_TOLERANCE}).\n")
        if c.get("smoke_only"):
            out.append("These judgments are derived from Reuters' TOPICS labels (a story is "
                       "relevant to the topics it is labelled with; the query is the topic's "
                       "name): a smoke test of the pipeline, not a ranking result.\n")
        if c.get("qrels_dropped"):
            out.append(f"{c['qrels_dropped']:,} judged pairs name documents outside the indexed "
                       f"subset and are left out ({c['qrels_pairs']:,} kept).\n")
        if c["name"] == "scifact":
            out.append(SCIFACT_ANCHOR + "\n")
    if any(_capped_mark(e, f, m) for e in engines for f in FAMILIES for m in MODES):
        out.append(f"\\* capped: this family / mode took over its budget of "
                   f"{p.get('budget_s')} s (warm-up stops at a third of it), so fewer passes "
                   "were timed than the others had (the JSON has each `n`).\n")
    notes = [f"- {e['engine']}: {'; '.join(e['notes'])}" for e in engines if e.get("notes")]
    errors = [f"- {e['engine']}: {e['query_error']}" for e in engines if e.get("query_error")]
    if notes or errors:
        out += ["## Notes\n"] + notes + errors + [""]
    return "\n".join(out)
