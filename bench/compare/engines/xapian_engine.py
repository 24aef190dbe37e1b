"""Xapian (Debian's python3-xapian, run with /usr/bin/python3) as a
compare.py driver; see common.py.

The TermGenerator without a stemmer indexes the lower-cased tokens with
positions. BM25Weight(k1=1.2, k2=0, k3=1, b=0.75, min_normlen=0) is the
closest Xapian has to Lucene's BM25 (its idf has no "+1" and it weighs
repeated query words with k3). Exact counts ask get_mset to check every
document (checkatleast = the document count). The prefix and fuzzy families
are not run (Xapian 1.4 has no fuzzy query; its OP_WILDCARD would do
prefixes but is not wired in) and are reported as unsupported.
"""

import common
import xapian


def build_index(work, index_dir):
    db = xapian.WritableDatabase(index_dir, xapian.DB_CREATE_OR_OVERWRITE)
    generator = xapian.TermGenerator()
    for doc_id, text in common.read_docs(work):
        doc = xapian.Document()
        generator.set_document(doc)
        generator.index_text(text)
        doc.set_data(doc_id)
        db.add_document(doc)
    db.commit()
    db.close()
    return {}


def query_index(work, index_dir):
    db = xapian.Database(index_dir)
    enquire = xapian.Enquire(db)
    enquire.set_weighting_scheme(xapian.BM25Weight(1.2, 0, 1, 0.75, 0))
    all_docs = db.get_doccount()
    Q = xapian.Query

    def build(family, toks):
        if family == "term":
            return Q(toks[0])
        if family == "phrase":
            return Q(Q.OP_PHRASE, toks, len(toks))
        op = {"and": Q.OP_AND, "or": Q.OP_OR, "natural": Q.OP_OR, "must_should": Q.OP_AND_MAYBE,
              "must_not": Q.OP_AND_NOT}[family]
        return Q(op, [Q(t) for t in toks])

    cache = {}

    def run_one(family, mode, toks):
        key = (family, tuple(toks))
        query = cache.get(key) or cache.setdefault(key, build(family, toks))
        enquire.set_query(query)
        if mode == "top10":
            return enquire.get_mset(0, 10)
        mset = enquire.get_mset(0, 100 if mode == "top100_count" else 0, all_docs)
        return mset.get_matches_estimated()

    result = common.time_queries(work, run_one,
                                 lambda family, mode: family not in common.MULTI_TERM)

    def search(toks, depth):
        enquire.set_query(build("or", toks))
        return [(m.document.get_data().decode(), m.weight) for m in enquire.get_mset(0, depth)]

    result["run"] = common.rank_all(work, "xapian", search)
    return result


if __name__ == "__main__":
    common.main("xapian", build_index, query_index)
