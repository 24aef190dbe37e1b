"""Hit and Results as the user sees them: hit.doc is a plain dict of str (or
lists of str) for every field type, hits are made once per search, and the
converters keep non-ASCII text intact."""

import datetime
import gc

import pytest

import trawl

TEXTS = {
    "ascii": "plain words only",
    "latin": "café crème brûlée",
    "cjk": "東京の天気 tokyo",
    "emoji": "rocket 🚀 launch",
}


@pytest.fixture(scope="module")
def typed_index():
    schema = (trawl.Schema()
              .add_keyword("id")
              .add_text("title", default_search=True)
              .add_text("body", default_search=True)
              .add_keyword("tag")
              .add_date("date")
              .add_i64("count")
              .add_f64("ratio")
              .add_stored("note")
              .set_id_field("id"))
    index = trawl.Index.in_memory(schema)
    with index.writer() as w:
        w.add({"id": "a", "title": "every type", "body": "alpha " + TEXTS["latin"],
               "tag": ["x", "é", "y"], "date": datetime.date(2026, 1, 31), "count": -42,
               "ratio": 0.25, "note": TEXTS["emoji"]})
        for name, text in TEXTS.items():
            w.add({"id": name, "body": "beta " + text, "note": text})
    return index


def test_doc_holds_str_for_every_field_type(typed_index):
    s = typed_index.searcher()
    hit = s.search("alpha").hits[0]
    assert type(hit.doc) is dict
    assert hit.doc == {"id": "a", "title": "every type", "body": "alpha " + TEXTS["latin"],
                       "tag": ["x", "é", "y"], "date": "2026-01-31", "count": "-42",
                       "ratio": "0.25", "note": TEXTS["emoji"]}
    for key, value in hit.doc.items():
        assert type(key) is str
        values = value if isinstance(value, list) else [value]
        assert type(value) in (str, list) and all(type(v) is str for v in values)
    assert s.doc(hit) == s.doc(hit.address) == s.doc("a") == hit.doc
    assert hit.id == "a" and type(hit.id) is str


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_non_ascii_values_round_trip(typed_index, name):
    s = typed_index.searcher()
    hit = s.search(f"+beta +id:{name}").hits[0]
    assert hit.doc["note"] == TEXTS[name]
    assert hit.doc["body"] == "beta " + TEXTS[name]
    assert hit.id == name


def test_doc_is_an_ordinary_mutable_dict(typed_index):
    s = typed_index.searcher()
    first = s.search("alpha").hits[0]
    first.doc["extra"] = 1
    first.doc["tag"].append("z")
    again = s.search("alpha").hits[0]
    assert "extra" not in again.doc and again.doc["tag"] == ["x", "é", "y"]
    assert first.doc is first.doc  # made once, not per read


def test_hit_attributes(typed_index):
    results = typed_index.searcher().search("beta", snippets="body")
    hit = results[0]
    assert isinstance(hit, trawl.Hit)
    assert type(hit.score) is float and hit.score > 0
    segment, doc = hit.address
    assert type(segment) is int and type(doc) is int
    assert hit.sort_value is None
    assert isinstance(hit.snippets, list) and hit.snippets[0].field == "body"
    bare = typed_index.searcher().search("beta").hits[0]
    assert bare.snippets == []
    assert repr(hit).startswith(f"Hit(score={hit.score:.6g}"[:12])
    assert f"id='{hit.id}'" in repr(hit)
    with pytest.raises(AttributeError):
        hit.score = 1.0
    with pytest.raises(TypeError):
        trawl.Hit()


def test_load_docs_false_gives_empty_doc_and_no_id(typed_index):
    hit = typed_index.searcher().search("alpha", load_docs=False).hits[0]
    assert hit.doc == {} and hit.id is None


def test_sorted_hits_keep_their_sort_value(typed_index):
    hits = typed_index.searcher().search("alpha", sort="count").hits
    assert hits[0].sort_value == -42
    assert "sort_value=-42" in repr(hits[0])


def test_results_hits_is_a_new_list_each_time(typed_index):
    results = typed_index.searcher().search("beta")
    hits = results.hits
    hits.clear()
    assert len(results.hits) == len(results) == 4
    assert [h.id for h in results] == [h.id for h in results.hits]
    assert results.hits[0] is results[0]  # the same Hit objects


def test_hits_take_part_in_garbage_collection(typed_index):
    hit = typed_index.searcher().search("alpha").hits[0]
    assert gc.is_tracked(hit)
    hit.doc["self"] = hit  # a cycle through the dict
    del hit
    gc.collect()


def test_search_after_rejects_other_objects(typed_index):
    s = typed_index.searcher()
    with pytest.raises(TypeError, match="search_after must be a Hit"):
        s.search("beta", search_after={"id": "a"})
