"""Regular-expression queries (trawl.Regex, `/regex/` in query text) and the
legacy fuzzy similarity syntax `word~0.8`."""

import pytest

import trawl
from conftest import ids


def test_regex_matches_whole_terms(small_index):
    s = small_index.searcher()
    assert sorted(ids(s.search(trawl.Regex("body", "dav[aeiou]s")))) == ["a", "b", "d"]
    assert ids(s.search(trawl.Regex("body", "dav"))) == []        # anchored: no partial match
    assert sorted(ids(s.search(trawl.Regex("body", "s(now|tocks)")))) == ["c", "d"]
    assert ids(s.search(trawl.Regex("source", "re.*"))) == []     # keyword: case-sensitive
    assert sorted(ids(s.search(trawl.Regex("source", "(?i)re.*")))) == ["a", "c"]
    q = trawl.Regex("body", "dav.s")
    assert q.kind == "regex"
    assert str(q) == "body:/dav.s/"
    assert all(hit.score == 1.0 for hit in s.search(q))           # constant score


def test_regex_in_query_text(small_index):
    s = small_index.searcher()
    assert sorted(ids(s.search("body:/Dav.s/"))) == ["a", "b", "d"]  # either case on text
    assert sorted(ids(s.search("source:/A.*/"))) == ["b", "d"]
    assert ids(s.search("+/dav.s/ -body:/(snow|leaders)/")) == ["b"]
    q = trawl.parse_query("body:/Dav.s/", small_index.schema)
    assert str(q) == "body:/(?i)Dav.s/"


def test_bad_regex_is_a_syntax_error_with_its_position(small_index):
    with pytest.raises(trawl.QuerySyntaxError, match="missing \\)") as error:
        small_index.searcher().search("davos body:/a(b/")
    assert error.value.position == 11
    with pytest.raises(trawl.QuerySyntaxError, match="never closed") as error:
        small_index.searcher().search("x /abc")
    assert error.value.position == 2


def test_bad_regex_object_fails_at_search(small_index):
    q = trawl.Regex("body", "a(b")
    with pytest.raises(trawl.InvalidArgumentError, match="invalid regular expression /a\\(b/"):
        small_index.searcher().search(q)


def test_fuzzy_similarity_becomes_edits(small_index):
    schema = small_index.schema
    # Lucene's FuzzyQuery.floatToEdits: floor((1 - s) * length), at most 2.
    assert str(trawl.parse_query("body:davos~0.8", schema)) == "body:davos~0"
    assert str(trawl.parse_query("body:davoss~0.8", schema)) == "body:davoss~1"
    assert str(trawl.parse_query("body:zelensky~0.5", schema)) == "body:zelensky~2"
    s = small_index.searcher()
    assert s.count("body:dbos~0.5") == 3   # 2 edits: davos
    assert s.count("body:dbos~0.7") == 0   # 1 edit
    for bad in ("body:davos~1.5", "body:davos~3"):
        with pytest.raises(trawl.QuerySyntaxError, match="similarity between 0 and 1") as error:
            trawl.parse_query(bad, schema)
        assert error.value.position == 11
