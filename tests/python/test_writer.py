"""IndexWriter: add, add_many, add_files, update, delete, commit, rollback."""

import datetime
import gzip

import pytest

import trawl
from conftest import SEED_ID


def doc_by_id(index, doc_id):
    hits = index.searcher().search(trawl.Term("id", doc_id)).hits
    assert len(hits) == 1, f"expected one document {doc_id!r}"
    return hits[0].doc


def test_context_manager_commits_on_normal_exit():
    index = trawl.Index.in_memory()
    with index.writer() as w:
        w.add({"id": "a", "body": "alpha"})
        assert w.pending == 1
        assert index.searcher().num_docs == 0     # not visible before the commit
    assert w.closed
    assert index.searcher().num_docs == 1


def test_exception_inside_with_commits_nothing():
    index = trawl.Index.in_memory()
    with pytest.raises(RuntimeError):
        with index.writer() as w:
            w.add({"id": "a", "body": "alpha"})
            w.add_many({"id": str(i), "body": "beta"} for i in range(10))
            raise RuntimeError("stop")
    assert index.searcher().num_docs == 0
    assert index.searcher().count(trawl.All()) == 0
    with index.writer() as w:                     # the lock was released
        assert w.pending == 0


def test_commit_and_rollback():
    index = trawl.Index.in_memory()
    w = index.writer()
    w.add({"id": "a", "body": "alpha"})
    w.commit()
    assert w.pending == 0
    w.add({"id": "b", "body": "beta"})
    w.rollback()
    assert w.pending == 0
    w.commit()
    assert index.searcher().num_docs == 1
    assert "pending=0" in repr(w)
    w.close()
    w.close()                                     # idempotent
    assert repr(w) == "<IndexWriter closed>"
    with pytest.raises(trawl.FailedPreconditionError, match="closed"):
        w.add({"id": "c"})


def test_values_are_converted():
    schema = (trawl.Schema().add_keyword("id").add_text("body", default_search=True)
              .add_date("day").add_date("at").add_date("local").add_i64("n").add_f64("x")
              .add_keyword("flag").add_keyword("tags").set_id_field("id"))
    index = trawl.Index.in_memory(schema)
    utc_plus_2 = datetime.timezone(datetime.timedelta(hours=2))
    with index.writer() as w:
        w.add({
            "id": "a",
            "body": "text",
            "day": datetime.date(2026, 1, 16),
            "at": datetime.datetime(2026, 1, 16, 12, 30, 5, tzinfo=utc_plus_2),
            "local": datetime.datetime(2026, 1, 16, 8, 0, 0),
            "n": -42,
            "x": 0.25,
            "flag": True,
            "tags": ["red", "green", None],
            "skipped": None,
            "unknown-field": "ignored",
        })
    doc = doc_by_id(index, "a")
    assert doc["day"] == "2026-01-16"
    assert doc["at"].startswith("2026-01-16T10:30:05")
    assert doc["local"].startswith("2026-01-16T08:00:00")
    assert doc["n"] == "-42"
    assert float(doc["x"]) == 0.25
    assert doc["flag"] == "true"
    assert doc["tags"] == ["red", "green"]
    assert "skipped" not in doc
    searcher = index.searcher()
    assert searcher.count(trawl.Term("tags", "green")) == 1
    assert searcher.count(trawl.Term("flag", "true")) == 1


def test_bad_values():
    index = trawl.Index.in_memory()
    with index.writer() as w:
        with pytest.raises(TypeError, match="body"):
            w.add({"id": "a", "body": object()})
        with pytest.raises(TypeError):
            w.add({1: "x"})
        with pytest.raises(TypeError):
            w.add(["not", "a", "dict"])
        with pytest.raises(TypeError):
            w.add({"body": [["nested"]]})
        with pytest.raises(trawl.InvalidArgumentError, match="date"):
            w.add({"id": "a", "date": "16 January"})
        assert w.pending == 0


def test_add_many_counts_and_reports_the_bad_document():
    index = trawl.Index.in_memory()
    with index.writer() as w:
        assert w.add_many(({"id": str(i), "body": f"doc {i}"} for i in range(2500)),
                          batch_size=1000) == 2500
        assert w.add_many([]) == 0
    assert index.searcher().num_docs == 2500
    with pytest.raises(trawl.InvalidArgumentError, match="document 3"):
        with index.writer() as w:
            w.add_many([{"id": "x", "body": "b"}] * 3 + [{"id": "y", "date": "nope"}])
    assert index.searcher().num_docs == 2500


def test_add_files_seed_and_formats(tmp_path, seeds):
    jsonl = tmp_path / "docs.jsonl"
    jsonl.write_text('{"id": "j1", "title": "One", "body": "first"}\n'
                     '{"id": "j2", "title": "Two", "body": "second"}\n')
    packed = tmp_path / "more.jsonl.gz"
    with gzip.open(packed, "wt") as f:
        f.write('{"id": "g1", "body": "zipped"}\n')
    index = trawl.Index.in_memory()
    with index.writer() as w:
        assert w.add_files(seeds) == 1
        assert w.add_files([jsonl, str(packed)], format="jsonl") == 3
    assert index.searcher().num_docs == 4
    assert doc_by_id(index, SEED_ID)["source"] == "REUTERS"
    assert doc_by_id(index, "g1")["body"] == "zipped"


def test_add_files_malformed_jsonl_raises_parse_error_with_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "1", "body": "ok"}\n{"id": "2", "body": "ok"}\n[1, 2]\n')
    index = trawl.Index.in_memory()
    with pytest.raises(trawl.ParseError) as info:
        with index.writer() as w:
            w.add_files(bad)
    assert info.value.line == 3
    assert "bad.jsonl" in str(info.value)
    assert index.searcher().num_docs == 0
    with index.writer() as w:                     # lenient skips the line
        assert w.add_files(bad, lenient=True) == 2


def test_add_files_errors(tmp_path):
    with trawl.Index.in_memory().writer() as w:
        with pytest.raises(trawl.NotFoundError):
            w.add_files(tmp_path / "missing")
        with pytest.raises(trawl.InvalidArgumentError):
            w.add_files(tmp_path, format="docx")


def test_update_replaces_by_id():
    index = trawl.Index.in_memory()
    with index.writer() as w:
        w.add({"id": "a", "body": "old text"})
    with index.writer() as w:
        w.update({"id": "a", "body": "new text"})
    searcher = index.searcher()
    assert searcher.num_docs == 1
    assert searcher.count("old") == 0
    assert searcher.search("new").hits[0].doc["body"] == "new text"


def test_update_and_delete_need_an_id_field():
    index = trawl.Index.in_memory(trawl.Schema().add_text("body"))
    with index.writer() as w:
        with pytest.raises(trawl.FailedPreconditionError):
            w.update({"body": "x"})
        with pytest.raises(trawl.FailedPreconditionError):
            w.delete("x")


def test_delete_by_id_and_term(small_index):
    with small_index.writer() as w:
        w.delete(id="a")
        w.delete_term("source", "AP")
    searcher = small_index.searcher()
    assert searcher.num_docs == 2
    assert sorted(hit.id for hit in searcher.search(trawl.All())) == ["b", "c"]


def test_delete_query_by_text_and_by_object(small_index):
    with small_index.writer() as w:
        w.delete_query("davos -zelensky")                 # a and d
        w.add({"id": "e", "body": "Davos again"})       # newer than the delete: kept
    searcher = small_index.searcher()
    assert sorted(hit.id for hit in searcher.search(trawl.All())) == ["b", "c", "e"]
    with small_index.writer() as w:
        w.delete_query(trawl.Range("date", "2026-01-17", "2026-01-18"))
    assert sorted(hit.id for hit in small_index.searcher().search(trawl.All())) == ["e"]


def test_delete_query_refuses_broken_queries(small_index):
    with small_index.writer() as w:
        with pytest.raises(trawl.QuerySyntaxError):
            w.delete_query("(davos")
        with pytest.raises(trawl.InvalidArgumentError):
            w.delete_query(trawl.Term("nosuchfield", "x"))
    assert small_index.searcher().num_docs == 4


def test_background_merges_can_be_awaited():
    index = trawl.Index.in_memory()
    with index.writer(threads=1, memory_mb=0.02) as w:
        for batch in range(4):
            w.add_many({"id": f"{batch}-{i}", "body": f"word{i % 50} shared"} for i in range(500))
            w.commit()
        w.wait_for_merges()
        merged = len(index.stats().segments)
    unmerged = trawl.Index.in_memory()
    with unmerged.writer(threads=1, memory_mb=0.02, merge_factor=0) as w:
        w.add_many({"id": str(i), "body": f"word{i % 50} shared"} for i in range(2000))
    assert index.searcher().num_docs == 2000
    assert merged < 10 < len(unmerged.stats().segments)
    assert index.searcher().count("shared") == unmerged.searcher().count("shared") == 2000


def test_threads_may_share_a_writer():
    import threading

    index = trawl.Index.in_memory()
    with index.writer() as w:
        def work(t):
            for i in range(200):
                w.add({"id": f"{t}-{i}", "body": "shared writer"})
        threads = [threading.Thread(target=work, args=(t,)) for t in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert w.pending == 800
    assert index.searcher().num_docs == 800


# --- add_many's converter ---------------------------------------------------

NON_ASCII = ["café crème", "東京の天気", "rocket 🚀", "Ελληνικά", "a\u0301 combining"]


def test_add_many_keeps_non_ascii_text():
    index = trawl.Index.in_memory()
    with index.writer(threads=2) as w:
        assert w.add_many({"id": str(i), "body": text, "title": [text, "plain"]}
                          for i, text in enumerate(NON_ASCII)) == len(NON_ASCII)
    s = index.searcher()
    for i, text in enumerate(NON_ASCII):
        doc = s.doc(str(i))
        assert doc["body"] == text
        assert doc["title"] == [text, "plain"]
    assert s.search("café").hits[0].id == "0"
    assert s.search("東京の天気").total >= 1


@pytest.mark.parametrize("bad, what", [
    ({"id": "bad", "body": "lone \ud800 surrogate"}, 'field "body"'),
    ({"id": "bad", "title": ["fine", "\udfff"]}, 'field "title"'),
    ({"id": "bad", "\ud800": "value"}, "field name"),
])
def test_add_many_rejects_text_without_utf8_form(bad, what):
    index = trawl.Index.in_memory()
    w = index.writer()
    good = [{"id": str(i), "body": "fine é"} for i in range(5)]
    with pytest.raises(trawl.InvalidArgumentError, match="document 5: ") as info:
        w.add_many(good + [bad] + good, batch_size=3)
    assert isinstance(info.value, trawl.Error)
    assert what in str(info.value) and "not valid Unicode" in str(info.value)
    assert w.pending == 5  # the documents before the bad one are added
    with pytest.raises(trawl.InvalidArgumentError, match="not valid Unicode"):
        w.add(bad)
    w.commit()
    assert index.searcher().num_docs == 5


def test_add_many_names_the_document_of_a_type_error():
    w = trawl.Index.in_memory().writer()
    with pytest.raises(TypeError, match=r'^document 2: field "body": cannot index'):
        w.add_many([{"body": "a"}, {"body": "b"}, {"body": object()}])
    with pytest.raises(TypeError, match="^document 1: field names must be str"):
        w.add_many([{"body": "a"}, {1: "b"}])
    with pytest.raises(TypeError, match="^document 0: expected a dict"):
        w.add_many([5])
    assert w.pending == 3


class Index64:
    """An int-like object (numpy integers look like this to the converter)."""

    def __index__(self):
        return 64


def test_add_many_converts_every_value_type():
    import collections
    import datetime

    schema = trawl.Schema().add_keyword("id").add_text("body").set_id_field("id")
    for name in ("big", "neg", "small", "flag", "ratio", "idx", "day", "when", "tuple", "none"):
        schema.add_stored(name)
    index = trawl.Index.in_memory(schema)
    values = {"id": "v", "body": "x", "big": 2**70, "neg": -(2**63), "small": -7,
              "flag": False, "ratio": 1e-7, "idx": Index64(),
              "day": datetime.date(2026, 2, 3),
              "when": datetime.datetime(2026, 2, 3, 4, 5, 6,
                                        tzinfo=datetime.timezone(datetime.timedelta(hours=1))),
              "tuple": ("p", 1, None, True), "none": None}
    mapping = collections.OrderedDict(values)
    with index.writer() as w:
        w.add_many([values])
        w.add_many([dict(mapping, id="w")], batch_size=1)
    for key in ("v", "w"):
        doc = index.searcher().doc(key)
        assert doc["big"] == str(2**70) and doc["neg"] == str(-(2**63))
        assert doc["small"] == "-7" and doc["flag"] == "false"
        assert doc["ratio"] == "1e-07" and doc["idx"] == "64"
        assert doc["day"] == "2026-02-03" and doc["when"] == "2026-02-03T03:05:06Z"
        assert doc["tuple"] == ["p", "1", "true"] and "none" not in doc


def test_add_many_accepts_any_mapping():
    import types

    index = trawl.Index.in_memory()
    with index.writer() as w:
        w.add_many([types.MappingProxyType({"id": "m", "body": "proxied é"})])
    assert index.searcher().doc("m")["body"] == "proxied é"
