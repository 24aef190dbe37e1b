"""Tantivy (the `tantivy` PyPI package) as a compare.py driver; see common.py.

Tokens arrive lower-cased and space-separated, so the `whitespace` tokenizer
gives exactly the shared analysis. The writer uses $COMPARE_THREADS threads
(merges run in Tantivy's own background threads). Tantivy cannot count
without collecting a hit (a limit of 0 panics): the count mode asks for the
top 1 and the count.

prefix is a RegexQuery `<prefix>.*` (tantivy-py has no prefix query of its
own; the regex is matched against whole terms, so it is the prefix), fuzzy a
FuzzyTermQuery (transpositions cost one, no prefix). Both are constant-score
in Tantivy (every match scores 1), and a FuzzyTermQuery matches every term
within the distance: it has no maxExpansions as Lucene's and trawl's 50.
"""

import os
import re

import common
import tantivy

HEAP_BYTES = 256 << 20


def build_index(work, index_dir):
    os.makedirs(index_dir, exist_ok=True)
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    builder.add_text_field("body", stored=False, tokenizer_name="whitespace",
                           index_option="position")
    index = tantivy.Index(builder.build(), path=index_dir)
    writer = index.writer(heap_size=HEAP_BYTES, num_threads=common.threads())
    for doc_id, text in common.read_docs(work):
        writer.add_document(tantivy.Document(id=doc_id, body=text))
    writer.commit()
    writer.wait_merging_threads()
    return {}


def query_index(work, index_dir):
    index = tantivy.Index.open(index_dir)
    schema = index.schema
    searcher = index.searcher()
    Query, Occur = tantivy.Query, tantivy.Occur

    def term(t):
        return Query.term_query(schema, "body", t)

    def build(family, toks):
        if family == "term":
            return term(toks[0])
        if family == "phrase":
            return Query.phrase_query(schema, "body", toks)
        if family == "prefix":
            return Query.regex_query(schema, "body", re.escape(toks[0]) + ".*")
        if family == "fuzzy":
            return Query.fuzzy_term_query(schema, "body", toks[0], distance=common.FUZZY_EDITS,
                                          transposition_cost_one=True, prefix=False)
        if family in ("or", "natural"):
            return Query.boolean_query([(Occur.Should, term(t)) for t in toks])
        first, second = {"and": (Occur.Must, Occur.Must),
                         "must_should": (Occur.Must, Occur.Should),
                         "must_not": (Occur.Must, Occur.MustNot)}[family]
        return Query.boolean_query([(first, term(toks[0])), (second, term(toks[1]))])

    cache = {}

    def run_one(family, mode, toks):
        key = (family, tuple(toks))
        query = cache.get(key) or cache.setdefault(key, build(family, toks))
        if mode == "top10":
            return searcher.search(query, 10, count=False)
        return searcher.search(query, 100 if mode == "top100_count" else 1, count=True).count

    result = common.time_queries(work, run_one, lambda family, mode: True)

    def search(toks, depth):
        hits = searcher.search(build("or", toks), depth).hits
        return [(searcher.doc(address)["id"][0], score) for score, address in hits]

    result["run"] = common.rank_all(work, "tantivy", search)
    result["notes"] = ("count mode collects the top 1 as well (limit 0 is refused); prefix "
                       "(a regex) and fuzzy are constant-score, fuzzy over every term within "
                       "the distance (no 50-term limit)")
    return result


if __name__ == "__main__":
    common.main("tantivy", build_index, query_index)
