"""PISA through pyterrier-pisa (PyPI) as a compare.py driver; see common.py.

PISA indexes without positions and ranks bags of words: `term`, `or` and
`natural` run block-max WAND and `and` block-max ranked AND, top-k only (no
phrase, no exclusion, no exact count). Its BM25 uses the classic idf (no "+1", so very
common words score near zero). The BM25 block-max data are built at indexing
time (they depend on k1 and b), so they count there.

Per-query latency calls the extension that pyterrier-pisa's own transform()
calls (`_pisathon.retrieve`) with one query at a time: going through
pyterrier's DataFrames would time pandas, not PISA.
"""

import numpy as np
from pyterrier_pisa import PisaIndex, _pisathon

import common

K1, B = 1.2, 0.75


def open_index(index_dir, threads=1):
    return PisaIndex(index_dir, stemmer="none", stops="none", threads=threads)


def build_index(work, index_dir):
    index = open_index(index_dir, common.threads())
    index.index({"docno": doc_id, "text": text} for doc_id, text in common.read_docs(work))
    # Builds the BM25 block-max index for (K1, B).
    index.bm25(k1=K1, b=B, num_results=10).search("warm")
    return {}


class Retriever:
    """One retrieval context per query algorithm, with reusable result arrays."""

    def __init__(self, index, algorithm, depth):
        self.transformer = index.bm25(k1=K1, b=B, num_results=depth, query_algorithm=algorithm,
                                      threads=1)
        self.transformer.reset_retrieval_context()
        self.algorithm = algorithm
        self.qidxs = np.empty(depth, dtype=np.int32)
        self.docnos = np.empty(depth, dtype=object)
        self.ranks = np.empty(depth, dtype=np.int32)
        self.scores = np.empty(depth, dtype=np.float32)

    def top(self, toks, k):
        n = _pisathon.retrieve(
            self.transformer._ctxt, self.algorithm, [(0, " ".join(toks))], k=k, threads=1,
            query_weighted=0, pretokenised=False, result_qidxs=self.qidxs,
            result_docnos=self.docnos, result_ranks=self.ranks, result_scores=self.scores)
        return list(zip(self.docnos[:n], self.scores[:n].tolist()))


def query_index(work, index_dir):
    index = open_index(index_dir)
    depth = common.params(work)["depth"]
    wand = Retriever(index, "block_max_wand", depth)
    retrievers = {"term": wand, "or": wand, "natural": wand,
                  "and": Retriever(index, "block_max_ranked_and", depth)}

    def run_one(family, mode, toks):
        return retrievers[family].top(toks, 10 if mode == "top10" else 100)

    result = common.time_queries(
        work, run_one, lambda family, mode: family in retrievers and mode != "count")
    result["counts"] = {}
    result["run"] = common.rank_all(work, "pisa", lambda toks, k: retrievers["or"].top(toks, k))
    result["notes"] = "bag-of-words only: term / or / natural (block-max WAND) and `and` top-k timed"
    return result


if __name__ == "__main__":
    common.main("pisa", build_index, query_index)
