"""SQLite FTS5 (Python's sqlite3) as a compare.py driver; see common.py.

unicode61 with remove_diacritics 0 splits the space-separated tokens as they
are; detail=full keeps positions. bm25() is FTS5's (k1 1.2, b 0.75, fixed).
FTS5 has no optional clause: `+a b` runs as `a AND (a OR b)`, the same
matches, with a counted twice in the score. Counting is a second statement.
FTS5 has no fuzzy query; its prefix query (`abc*`) is not wired in: both
families are reported as unsupported.
"""

import sqlite3

import common


def connect(path):
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
    return db


def build_index(work, index_dir):
    import os
    os.makedirs(index_dir, exist_ok=True)
    db = connect(os.path.join(index_dir, "fts.db"))
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, body, "
               "tokenize = 'unicode61 remove_diacritics 0', detail = full)")
    with db:
        db.executemany("INSERT INTO docs(id, body) VALUES (?, ?)", common.read_docs(work))
    with db:
        db.execute("INSERT INTO docs(docs) VALUES ('optimize')")
    db.close()
    return {"notes": "FTS5 'optimize' merges the index into one b-tree"}


def match_expression(family, toks):
    quoted = [f'"{t}"' for t in toks]
    if family == "term":
        return quoted[0]
    if family == "phrase":
        return '"' + " ".join(toks) + '"'
    if family == "and":
        return " AND ".join(quoted)
    if family in ("or", "natural"):
        return " OR ".join(quoted)
    if family == "must_should":
        return f"{quoted[0]} AND ({quoted[0]} OR {quoted[1]})"
    return f"{quoted[0]} NOT {quoted[1]}"


def query_index(work, index_dir):
    import os
    db = connect(os.path.join(index_dir, "fts.db"))
    top = "SELECT id, bm25(docs) FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT ?"
    count = "SELECT count(*) FROM docs WHERE docs MATCH ?"

    def run_one(family, mode, toks):
        expr = match_expression(family, toks)
        if mode == "count":
            return db.execute(count, (expr,)).fetchone()[0]
        hits = db.execute(top, (expr, 10 if mode == "top10" else 100)).fetchall()
        if mode == "top100_count":
            return db.execute(count, (expr,)).fetchone()[0]
        return hits

    result = common.time_queries(work, run_one,
                                 lambda family, mode: family not in common.MULTI_TERM)

    def search(toks, depth):
        # bm25() is lower for better matches; a run wants higher is better.
        rows = db.execute(top, (match_expression("or", toks), depth)).fetchall()
        return [(doc_id, -score) for doc_id, score in rows]

    result["run"] = common.rank_all(work, "sqlite-fts5", search)
    result["notes"] = "`+a b` runs as `a AND (a OR b)`; counts are a second statement"
    return result


if __name__ == "__main__":
    common.main("sqlite-fts5", build_index, query_index)
