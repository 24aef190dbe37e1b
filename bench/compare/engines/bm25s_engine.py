"""bm25s (PyPI) as a compare.py driver; see common.py.

bm25s precomputes every BM25 score at indexing time into a sparse matrix and
only ranks bags of words: it has no boolean, phrase or count queries, so only
the `term`, `or` and `natural` families in the top-k modes is timed (the rest is reported as
unsupported). method="lucene" with k1 1.2, b 0.75 is Lucene's formula without
its one-byte length quantization. Tokens are given pre-split, so bm25s's own
tokenizer (which drops one-letter words) is not used.
"""

import bm25s

import common


def build_index(work, index_dir):
    ids, corpus = [], []
    for doc_id, text in common.read_docs(work):
        ids.append(doc_id)
        corpus.append(text.split())
    retriever = bm25s.BM25(k1=1.2, b=0.75, method="lucene")
    retriever.index(corpus, show_progress=False)
    retriever.save(index_dir, corpus=None)
    with open(f"{index_dir}/ids.txt", "w", encoding="utf-8") as f:
        f.write("\n".join(ids))
    return {}


def query_index(work, index_dir):
    retriever = bm25s.BM25.load(index_dir)
    with open(f"{index_dir}/ids.txt", encoding="utf-8") as f:
        ids = f.read().split("\n")
    vocab = retriever.vocab_dict

    def top(toks, k):
        known = [t for t in toks if t in vocab]
        if not known:
            return [], []
        k = min(k, len(ids))
        docs, scores = retriever.retrieve([known], k=k, show_progress=False, n_threads=1)
        return docs[0], scores[0]

    def run_one(family, mode, toks):
        return top(toks, 10 if mode == "top10" else 100)

    result = common.time_queries(
        work, run_one, lambda family, mode: family in ("term", "or", "natural") and mode != "count")
    result["counts"] = {}  # top100_count has no count here

    def search(toks, depth):
        docs, scores = top(toks, depth)
        return [(ids[d], float(s)) for d, s in zip(docs, scores) if s > 0]

    result["run"] = common.rank_all(work, "bm25s", search)
    result["notes"] = "bag-of-words only: term / or / natural top-k timed; top100_count gives no count"
    return result


if __name__ == "__main__":
    common.main("bm25s", build_index, query_index)
