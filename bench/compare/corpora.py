"""Turns a shared corpus into the files every driver reads (see
engines/common.py): one analysis for all engines, and queries drawn with a
fixed seed.

The shared analysis is done here, once: title and body joined, case-folded,
split into runs of letters and digits (no stemming, no stop words). Every
engine then indexes the same space-separated tokens, so its own tokenizer
(UAX#29 for trawl and Lucene, alphanumeric runs for Tantivy, FTS5, PISA)
finds exactly these tokens, and differences in the results come from the
engines, not from their analyzers. (One exception: a token mixing Latin
letters and CJK characters, as in linux-doc's translations, is split again by
the UAX#29 tokenizers of trawl and Lucene and not by the others.)

The `big` corpus (the full size) is BIG_SOURCES concatenated and repeated
under fresh ids until BIG_BYTES of text; the judged collections also get
raw_docs.tsv / raw_rank_queries.tsv (the untouched text) for the stemmed
reference rankings, and the judgments of the indexed documents in
WORK/qrels.txt.
"""

import bisect
import gzip
import json
import os
import random
import re

SEED = 20240611
WORD = re.compile(r"[^\W_]+")
# Corpora with judgments: name -> (queries, qrels) in its folder.
JUDGED = {name: ("queries.jsonl", "qrels.txt")
          for name in ("cranfield", "cisi", "medline", "cacm", "adi", "scifact")}
# Reuters' judgments are derived from its TOPICS labels (a story is relevant
# to a topic it is labelled with): a smoke test, not a relevance judgment.
JUDGED["reuters21578"] = ("topic_queries.jsonl", "topic_qrels.txt")
SMOKE_ONLY = ("reuters21578",)
# The full-size corpus: the largest shared corpora, concatenated, repeated
# under fresh ids until the text reaches BIG_BYTES.
BIG = "big"
BIG_SOURCES = ("gcide", "linux-doc", "python-doc", "reuters21578")
BIG_BYTES = 500_000_000
# prefix queries: a word's first PREFIX_CHARS[0]..[1] characters (uniformly),
# the word longer than that; a prefix matching more than MAX_EXPANSIONS terms
# of the corpus is lengthened a character at a time (trawl refuses to expand
# past SearchOptions::max_expansions, 1024 by default; the peers have no
# such limit, so every engine gets the same question).
PREFIX_CHARS = (3, 5)
MAX_EXPANSIONS = 1024
# fuzzy queries: a word of at least FUZZY_MIN_LETTERS letters (the edits are
# engines/common.py's FUZZY_EDITS).
FUZZY_MIN_LETTERS = 5


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


def _one_line(text):
    return " ".join(text.split())


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


def _sample_multi_term_queries(docs, per_family, rng):
    """[(family, qid, [text])] of the prefix and fuzzy families: words of
    letters only, from random documents. The prefix of `prefix` queries, the
    word itself for `fuzzy` ones (the drivers add `*` / `~N`). `docs` must
    hold every distinct document (prepare() keeps the first 200,000, more
    than any corpus or the big corpus's sources have), since a prefix's
    expansions are counted over their vocabulary."""
    vocabulary = sorted({t for d in docs for t in d})

    def expansions(prefix):
        # Terms starting with `prefix` sort between it and prefix + U+10FFFF.
        return (bisect.bisect_right(vocabulary, prefix + "\U0010ffff")
                - bisect.bisect_left(vocabulary, prefix))

    usable = [d for d in docs if d]
    out = []
    for family in ("prefix", "fuzzy"):
        drawn = 0
        for _ in range(1000 * per_family):
            if drawn == per_family:
                break
            word = rng.choice(rng.choice(usable))
            if not word.isalpha():
                continue
            if family == "fuzzy":
                if len(word) < FUZZY_MIN_LETTERS:
                    continue
                text = word
            else:
                n = rng.randint(*PREFIX_CHARS)
                if len(word) <= n:
                    continue
                while n < len(word) and expansions(word[:n]) > MAX_EXPANSIONS:
                    n += 1
                if expansions(word[:n]) > MAX_EXPANSIONS:
                    continue
                text = word[:n]
            out.append((family, f"{family}-{drawn}", [text]))
            drawn += 1
    return out


def _source_docs(shared, name, limit):
    """Yields (id, raw text) of corpus `name`, or of the big corpus: the
    BIG_SOURCES read once and repeated, copy k under ids "k:<corpus>:<id>",
    until BIG_BYTES of text are out (the last copy stops part way)."""
    if name != BIG:
        for doc in _read_jsonl(_docs_path(os.path.join(shared, "corpora", name)), limit):
            yield doc["id"], f"{doc.get('title', '')}\n{doc.get('body', '')}"
        return
    source = []
    for corpus in BIG_SOURCES:
        for doc_id, text in _source_docs(shared, corpus, None):
            source.append((f"{corpus}:{doc_id}", text, len(text.encode("utf-8"))))
    total, copy = 0, 0
    while total < BIG_BYTES:
        for doc_id, text, size in source:
            if total >= BIG_BYTES:
                return
            total += size
            yield f"{copy}:{doc_id}", text
        copy += 1


def prepare(shared, name, work, quick, per_family, warmup, repeat, reuters_subset,
            budget_s=0):
    """Writes WORK for corpus `name`; returns facts about it for the report."""
    folder = os.path.join(shared, "corpora", name)
    limit = reuters_subset if (quick and name == "reuters21578") else None
    judged = name in JUDGED and all(os.path.exists(os.path.join(folder, f))
                                    for f in JUDGED[name])
    os.makedirs(work, exist_ok=True)
    docs, raw_bytes, ids = [], 0, set()
    cache = {}  # the big corpus repeats its texts: analyse each once
    with open(os.path.join(work, "docs.tsv"), "w", encoding="utf-8") as tsv, \
            open(os.path.join(work, "docs.jsonl"), "w", encoding="utf-8") as jsonl, \
            open(os.path.join(work, "raw_docs.jsonl") if judged else os.devnull, "w",
                 encoding="utf-8") as raw, \
            open(os.path.join(work, "raw_docs.tsv") if judged else os.devnull, "w",
                 encoding="utf-8") as raw_tsv:
        for doc_id, text in _source_docs(shared, name, limit):
            raw_bytes += len(text.encode("utf-8"))
            key = doc_id.split(":", 1)[1] if name == BIG else doc_id
            joined = cache.get(key)
            if joined is None:
                toks = tokens(text)
                joined = " ".join(toks)
                if name == BIG:
                    cache[key] = joined
                if len(docs) < 200_000:  # enough to draw the bench queries from
                    docs.append(toks)
            tsv.write(f"{doc_id}\t{joined}\n")
            jsonl.write(json.dumps({"id": doc_id, "body": joined}) + "\n")
            if judged:
                ids.add(doc_id)
                title, _, body = text.partition("\n")
                raw.write(json.dumps({"id": doc_id, "title": title, "body": body}) + "\n")
                raw_tsv.write(f"{doc_id}\t{_one_line(text)}\n")
    rng = random.Random(f"{SEED}-{name}")
    bench = _sample_bench_queries(docs, per_family, rng)
    # Their own generator, so that the other families' queries stay those
    # drawn before these families existed.
    bench += _sample_multi_term_queries(docs, per_family,
                                        random.Random(f"{SEED}-{name}-multi-term"))
    qrels = queries_path = ""
    qrels_pairs = qrels_dropped = 0
    if judged:
        queries_path = os.path.join(folder, JUDGED[name][0])
        # The judgments of the indexed documents only (all of them, unless
        # a subset is indexed).
        qrels = os.path.join(work, "qrels.txt")
        with open(os.path.join(folder, JUDGED[name][1]), encoding="utf-8") as f, \
                open(qrels, "w", encoding="utf-8") as g:
            for line in f:
                parts = line.split()
                if len(parts) == 4 and parts[2] in ids:
                    g.write(line)
                    qrels_pairs += 1
                elif parts:
                    qrels_dropped += 1
        raw_queries = [(str(q["id"]), q["text"]) for q in _read_jsonl(queries_path)]
        rank_queries = [(qid, tokens(text)) for qid, text in raw_queries]
        with open(os.path.join(work, "rank_queries.tsv"), "w", encoding="utf-8") as f, \
                open(os.path.join(work, "rank_queries.jsonl"), "w", encoding="utf-8") as g:
            for qid, toks in rank_queries:
                f.write(f"{qid}\t{' '.join(toks)}\n")
                g.write(json.dumps({"id": qid, "text": " ".join(toks)}) + "\n")
        # The raw text, for the stemmed reference rankings (run.py).
        with open(os.path.join(work, "raw_rank_queries.tsv"), "w", encoding="utf-8") as f:
            for qid, text in raw_queries:
                f.write(f"{qid}\t{_one_line(text)}\n")
        natural = [q for q in rank_queries if q[1]]
        bench += [("natural", f"natural-{qid}", toks)
                  for qid, toks in rng.sample(natural, min(per_family, len(natural)))]
    with open(os.path.join(work, "bench_queries.tsv"), "w", encoding="utf-8") as f:
        for family, qid, toks in bench:
            f.write(f"{family}\t{qid}\t{' '.join(toks)}\n")
    with open(os.path.join(work, "params.json"), "w") as f:
        json.dump({"warmup": warmup, "repeat": repeat, "depth": 1000, "budget_s": budget_s}, f)
    subset = f"first {limit} documents" if limit else ""
    if name == BIG:
        subset = (f"{' + '.join(BIG_SOURCES)}, repeated under fresh ids up to "
                  f"{BIG_BYTES / 1e6:.0f} MB of text")
    return {
        "name": name,
        "documents": len(ids) if judged else sum(1 for _ in open(os.path.join(work, "docs.tsv"),
                                                                  "rb")),
        "subset": subset,
        "text_bytes": raw_bytes,
        "token_bytes": os.path.getsize(os.path.join(work, "docs.tsv")),
        "qrels": qrels,
        "qrels_pairs": qrels_pairs,
        "qrels_dropped": qrels_dropped,
        "smoke_only": name in SMOKE_ONLY,
        "queries": queries_path,
        "bench_queries": len(bench),
    }
