"""trawl's Python module as a compare.py query driver; see common.py.

The index itself is built by the CLI (`trawl index`, run by run.py), so this
driver only has the query command. Queries are built as objects (Term, Bool,
Phrase, Prefix, Fuzzy on the `body` field), like the other drivers do, not
parsed. Prefix queries score a constant 1 (Lucene's default rewrite); fuzzy
ones keep the FUZZY_MAX_TERMS (50, fixed in trawl) closest terms scored with
blended BM25, as Lucene's FuzzyQuery does. As the
other drivers, it reads no stored fields in the timed modes (load_docs=False);
top10 prunes from the first hit (total_hits_threshold=0, as Tantivy's
count=False) and top100_count counts every match.
"""

import common
import trawl


def query_index(work, index_dir):
    searcher = trawl.Index.open(index_dir).searcher()

    def term(t):
        return trawl.Term("body", t)

    def build(family, toks):
        if family == "term":
            return term(toks[0])
        if family == "phrase":
            return trawl.Phrase("body", toks)
        if family == "prefix":
            return trawl.Prefix("body", toks[0])
        if family == "fuzzy":
            return trawl.Fuzzy("body", toks[0], max_edits=common.FUZZY_EDITS, prefix_length=0,
                               transpositions=True)
        if family == "and":
            return trawl.Bool(must=[term(t) for t in toks])
        if family in ("or", "natural"):
            return trawl.Bool(should=[term(t) for t in toks])
        if family == "must_should":
            return trawl.Bool(must=[term(toks[0])], should=[term(toks[1])])
        return trawl.Bool(must=[term(toks[0])], must_not=[term(toks[1])])

    cache = {}

    def run_one(family, mode, toks):
        key = (family, tuple(toks))
        query = cache.get(key) or cache.setdefault(key, build(family, toks))
        if mode == "count":
            return searcher.count(query)
        if mode == "top10":
            return searcher.search(query, k=10, total_hits_threshold=0, load_docs=False).total
        return searcher.search(query, k=100, total_hits_threshold=None, load_docs=False).total

    return common.time_queries(work, run_one, lambda family, mode: True)


if __name__ == "__main__":
    common.main("trawl", None, query_index)
