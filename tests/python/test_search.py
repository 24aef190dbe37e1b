"""Searcher: text and Query objects, results, snippets, count, doc."""

import inspect

import pytest

import trawl
from conftest import SEED_ID, ids


def test_seed_golden(seed_index):
    results = seed_index.searcher().search("Davos")
    assert results.total == 1
    hit = results.hits[0]
    assert hit.id == SEED_ID
    assert hit.doc["id"] == SEED_ID
    assert hit.doc["date"] == "2026-01-16"
    assert hit.doc["title"].startswith("Ukrainian President")
    assert hit.doc["source"] == "REUTERS"
    assert hit.score > 0


def test_seed_snippets_are_marked(seed_index):
    hit = seed_index.searcher().search("davos", snippets=["body"]).hits[0]
    assert len(hit.snippets) >= 1
    snippet = hit.snippets[0]
    assert snippet.field == "body"
    assert "[Davos]" in snippet.marked()
    assert "<b>Davos</b>" in snippet.marked("<b>", "</b>")
    assert snippet.highlights
    for begin, end in snippet.highlights:           # str indices
        assert snippet.text[begin:end].lower() == "davos"
    body = hit.doc["body"]
    assert body[snippet.start:snippet.start + len(snippet.text)] == snippet.text
    assert "Snippet(field='body'" in repr(snippet)


def test_results_behave_like_a_sequence(small_index):
    results = small_index.searcher().search("davos")
    assert results.total == 3
    assert len(results) == 3
    assert [hit.id for hit in results] == [h.id for h in results.hits]
    assert results[0].id == results.hits[0].id
    assert results[-1].id == results.hits[-1].id
    with pytest.raises(IndexError):
        results[3]
    scores = [hit.score for hit in results]
    assert scores == sorted(scores, reverse=True)
    assert repr(results) == "<Results total=3 hits=3>"
    assert repr(results[0]).startswith("Hit(score=")


def test_k_limits_hits_not_total(small_index):
    results = small_index.searcher().search("davos", k=1)
    assert len(results) == 1
    assert results.total == 3
    assert len(small_index.searcher().search("davos", k=0)) == 0


def test_title_boost_ranks_title_match_first(small_index):
    assert ids(small_index.searcher().search("davos"))[0] == "a"


def test_query_objects(small_index):
    s = small_index.searcher()
    davos = trawl.Term("body", "davos")
    trump = trawl.Term("body", "trump")
    assert sorted(ids(s.search(davos))) == ["a", "b", "d"]
    assert ids(s.search(davos & trump)) == ["b"]
    assert sorted(ids(s.search(davos & ~trump))) == ["a", "d"]
    assert sorted(ids(s.search(trump | trawl.Term("body", "stocks")))) == ["b", "c"]
    assert sorted(ids(s.search(~davos))) == ["c"]
    assert sorted(ids(s.search(trawl.Phrase("body", ["in", "davos"])))) == ["a", "b"]
    assert ids(s.search(trawl.Phrase("body", ["meet", "davos"]))) == []
    assert ids(s.search(trawl.Phrase("body", ["meet", "davos"], slop=1))) == ["a"]
    assert s.count(trawl.All()) == 4
    assert s.count(trawl.Query()) == 0


def test_bool_and_boost(small_index):
    s = small_index.searcher()
    davos = trawl.Term("body", "davos")
    q = trawl.Bool(must=[davos], must_not=[trawl.Term("source", "AP")],
                   filter=[trawl.Term("source", "REUTERS")])
    assert ids(s.search(q)) == ["a"]
    should = [trawl.Term("body", w) for w in ("leaders", "snow", "stocks")]
    assert s.count(trawl.Bool(should=should)) == 3
    assert s.count(trawl.Bool(should=should, minimum_should_match=2)) == 0
    plain = s.search(davos)
    boosted = s.search(davos.boost(3.0))
    assert boosted.hits[0].score == pytest.approx(3 * plain.hits[0].score, rel=1e-5)
    # Boosting one side changes the order.
    leaders = trawl.Term("body", "leaders")
    snow = trawl.Term("body", "snow")
    assert ids(s.search(leaders | snow.boost(10)))[0] == "d"
    with pytest.raises(trawl.InvalidArgumentError):
        davos.boost(-1)


def test_query_str_and_flattening():
    a, b, c = (trawl.Term("body", w) for w in "abc")
    assert str(a) == "body:a"
    assert str(a & b & c) == "+body:a +body:b +body:c"
    assert str(a | b | c) == "body:a body:b body:c"
    assert str(a & ~b) == "+body:a -body:b"
    assert (a & b).kind == "bool"
    assert trawl.All().kind == "all"
    assert trawl.Query().kind == "none"
    assert a.boost(2).kind == "boost"
    assert trawl.Phrase("body", ["x", "y"]).kind == "phrase"
    assert repr(a) == "<Query body:a>"
    with pytest.raises(TypeError):
        a & "b"


def test_phrase_positions_are_checked():
    with pytest.raises(trawl.InvalidArgumentError):
        trawl.Phrase("body", ["a", "b"], positions=[0])
    with pytest.raises(trawl.InvalidArgumentError):
        trawl.Phrase("body", ["a", "b"], positions=[1, 2])
    with pytest.raises(trawl.InvalidArgumentError):
        trawl.Phrase("body", ["a", "b", "c"], positions=[0, 2, 1])
    assert trawl.Phrase("body", ["a", "b"], positions=[0, 2]).kind == "phrase"


def test_parse_query(small_index):
    schema = small_index.schema
    q = trawl.parse_query("+davos -trump", schema)
    assert isinstance(q, trawl.Query)
    assert "davos" in str(q) and "trump" in str(q)
    s = small_index.searcher()
    assert sorted(ids(s.search(q))) == ["a", "d"]
    assert s.count(trawl.parse_query("davos snow", schema, default_operator="and")) == 1
    assert s.count(trawl.parse_query("REUTERS", schema, default_fields=["source"])) == 2
    with pytest.raises(trawl.InvalidArgumentError):
        trawl.parse_query("davos", schema, default_operator="xor")


def test_query_syntax_error_has_position(small_index):
    with pytest.raises(trawl.QuerySyntaxError) as info:
        small_index.searcher().search("(davos")
    assert isinstance(info.value.position, int)
    assert info.value.position >= 0
    assert str(info.value).startswith("query syntax error")
    with pytest.raises(trawl.QuerySyntaxError):
        small_index.searcher().count("davos AND (")
    with pytest.raises(trawl.QuerySyntaxError):
        trawl.parse_query('"unclosed', small_index.schema)


@pytest.mark.parametrize("text", ["", ")", "((((", "AND", "-", "\"", "a:" * 500, "(" * 5000,
                                  "\udcff", "\x00\xff", "+-+-+-"])
def test_hostile_query_text_never_crashes(small_index, text):
    try:
        small_index.searcher().search(text)
    except (trawl.Error, UnicodeError, ValueError, TypeError):
        pass


def test_count_and_doc(small_index):
    s = small_index.searcher()
    assert s.count("davos") == 3
    assert s.count(trawl.Term("source", "REUTERS")) == 2
    assert s.num_docs == 4
    hit = s.search("stocks").hits[0]
    assert s.doc(hit.address) == hit.doc
    assert hit.doc["title"] == "Markets"
    with pytest.raises(trawl.Error):
        s.doc((99, 0))
    assert repr(s) == "<Searcher num_docs=4>"
    assert s.schema == small_index.schema


def test_bm25_parameters(small_index):
    s = small_index.searcher()
    default = s.search("davos").hits[0].score
    assert s.search("davos", k1=2.0, b=0.1).hits[0].score != pytest.approx(default)
    with pytest.raises(trawl.InvalidArgumentError):
        s.search("davos", b=2.0)
    with pytest.raises(trawl.InvalidArgumentError):
        s.search("davos", k1=-1.0)


def test_snippets_need_a_text_field(small_index):
    s = small_index.searcher()
    with pytest.raises(trawl.InvalidArgumentError):
        s.search("davos", snippets=["source"])
    hits = s.search("davos", snippets="body").hits     # one name is fine
    assert all(h.snippets and h.snippets[0].field == "body" for h in hits)
    assert s.search("davos").hits[0].snippets == []


def test_multi_valued_fields_come_back_as_lists():
    schema = trawl.Schema().add_keyword("id").add_text("tag", default_search=True)
    index = trawl.Index.in_memory(schema)
    with index.writer() as w:
        w.add({"id": "a", "tag": ["red", "green"]})
    hit = index.searcher().search("green").hits[0]
    assert hit.doc == {"id": "a", "tag": ["red", "green"]}
    assert hit.id is None                      # the schema has no id field


def test_searcher_is_a_point_in_time_view(small_index):
    before = small_index.searcher()
    with small_index.writer() as w:
        w.add({"id": "e", "body": "more davos news"})
    assert before.count("davos") == 3
    assert small_index.searcher().count("davos") == 4


def test_query_trees_are_bounded(small_index):
    q = trawl.Term("body", "davos")
    with pytest.raises(trawl.InvalidArgumentError, match="too large"):
        for _ in range(5000):                 # would overflow the C++ stack
            q = trawl.Bool(must=[q], should=[trawl.Term("body", "x")])
    shared = trawl.Term("body", "davos")
    with pytest.raises(trawl.InvalidArgumentError, match="too large"):
        for _ in range(64):                   # expands to 2**64 nodes
            shared = trawl.Bool(should=[shared, shared])
    assert small_index.searcher().count(q) == 3   # the last accepted tree still works


def test_search_arguments_are_checked(small_index):
    s = small_index.searcher()
    for bad in ({"k": -1}, {"k": 1.5}, {"sort": 3}, {"filter": 5}, {"k1": "x"},
                {"total_hits_threshold": -2}, {"kk": 1}):
        with pytest.raises(TypeError):
            s.search("davos", **bad)
    with pytest.raises(TypeError, match="missing 1 required argument: 'query'"):
        s.search()
    with pytest.raises(TypeError, match="takes 1 positional argument"):
        s.search("davos", 5)
    with pytest.raises(TypeError, match="multiple values for argument 'query'"):
        s.search("davos", query="davos")
    with pytest.raises(trawl.InvalidArgumentError, match="not valid Unicode"):
        s.search("\udcff")
    by_keyword = s.search(query=trawl.Term("body", "davos"), k=2, filter="davos",
                          descending=False, load_docs=0, total_hits_threshold=None, k1=1, b=0)
    assert len(by_keyword) == 2 and by_keyword[0].doc == {}
    assert list(inspect.signature(trawl.Searcher.search).parameters)[:3] == ["self", "query", "k"]
