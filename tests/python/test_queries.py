"""Query constructors beyond Term/Phrase/Bool: Prefix, Wildcard, Fuzzy, Range,
ConstantScore, MatchNone."""

import datetime

import pytest

import trawl
from conftest import NUMBERS_DOCS, ids, numbers_doc

UTC = datetime.timezone.utc


def test_prefix_expands_to_matching_terms(small_index):
    s = small_index.searcher()
    assert sorted(ids(s.search(trawl.Prefix("body", "dav")))) == ["a", "b", "d"]
    assert sorted(ids(s.search(trawl.Prefix("body", "st")))) == ["c"]       # stocks
    assert ids(s.search(trawl.Prefix("body", "DAV"))) == []     # bytes, not analyzed
    assert sorted(ids(s.search(trawl.Prefix("source", "REU")))) == ["a", "c"]
    # Constant score, however many terms a document has.
    assert {h.score for h in s.search(trawl.Prefix("body", "")).hits} == {1.0}
    q = trawl.Prefix("body", "dav")
    assert q.kind == "prefix"
    assert str(q) == "body:dav*"


def test_wildcard(small_index):
    s = small_index.searcher()
    assert sorted(ids(s.search(trawl.Wildcard("body", "d?vos")))) == ["a", "b", "d"]
    assert sorted(ids(s.search(trawl.Wildcard("body", "*os")))) == ["a", "b", "d"]
    assert sorted(ids(s.search(trawl.Wildcard("body", "s*w")))) == ["d"]     # snow
    assert ids(s.search(trawl.Wildcard("body", "d\\?vos"))) == []            # a literal ?
    assert sorted(ids(s.search(trawl.Wildcard("source", "A*")))) == ["b", "d"]
    assert trawl.Wildcard("body", "d?vos").kind == "wildcard"


def test_fuzzy_edits_prefix_and_transpositions(small_index):
    s = small_index.searcher()
    assert sorted(ids(s.search(trawl.Fuzzy("body", "dabos", max_edits=1)))) == ["a", "b", "d"]
    assert ids(s.search(trawl.Fuzzy("body", "dabos", max_edits=0))) == []
    assert ids(s.search(trawl.Fuzzy("body", "xyzvos"))) == []                # 3 edits
    # A swap is one edit with transpositions, two without.
    assert s.count(trawl.Fuzzy("body", "advos", max_edits=1)) == 3
    assert s.count(trawl.Fuzzy("body", "advos", max_edits=1, transpositions=False)) == 0
    # The first prefix_length characters must match.
    assert s.count(trawl.Fuzzy("body", "xavos", max_edits=1)) == 3
    assert s.count(trawl.Fuzzy("body", "xavos", max_edits=1, prefix_length=1)) == 0
    # An exact match scores above a one-edit one.
    exact = s.search(trawl.Fuzzy("body", "davos")).hits[0].score
    fuzzy = s.search(trawl.Fuzzy("body", "dabos")).hits[0].score
    assert exact > fuzzy > 0
    q = trawl.Fuzzy("body", "dabos", 1)
    assert q.kind == "fuzzy"
    assert str(q) == "body:dabos~1"


def test_fuzzy_with_too_many_edits_fails_at_search(small_index):
    q = trawl.Fuzzy("body", "davos", max_edits=3)
    with pytest.raises(trawl.InvalidArgumentError):
        small_index.searcher().search(q)
    with pytest.raises(TypeError):
        trawl.Fuzzy("body", "davos", max_edits=-1)


def test_expansion_limit():
    index = trawl.Index.in_memory()
    with index.writer() as w:
        w.add({"id": "x", "body": " ".join(f"w{i:04d}" for i in range(1100))})
    s = index.searcher()
    with pytest.raises(trawl.InvalidArgumentError, match="expands to more than"):
        s.search(trawl.Prefix("body", "w"))
    with pytest.raises(trawl.InvalidArgumentError):
        s.search(trawl.Wildcard("body", "w*"))
    with pytest.raises(trawl.InvalidArgumentError, match="expands to more than 1024 terms"):
        s.search(trawl.Regex("body", "w.*"))
    assert s.count(trawl.Prefix("body", "w00")) == 1       # 100 terms is fine
    assert s.count(trawl.Regex("body", "w00[0-9][0-9]")) == 1


def test_range_on_dates(small_index):
    # a..d are dated 2026-01-16..19.
    s = small_index.searcher()

    def match(q):
        return sorted(ids(s.search(q)))

    assert match(trawl.Range("date", "2026-01-17", "2026-01-18")) == ["b", "c"]
    assert match(trawl.Range("date", datetime.date(2026, 1, 17),
                             datetime.date(2026, 1, 18))) == ["b", "c"]
    assert match(trawl.Range("date", "2026-01-17", "2026-01-18", include_lower=False)) == ["c"]
    assert match(trawl.Range("date", "2026-01-17", "2026-01-18", include_upper=False)) == ["b"]
    assert match(trawl.Range("date", None, datetime.date(2026, 1, 17))) == ["a", "b"]
    assert match(trawl.Range("date", upper="2026-01-17", include_upper=False)) == ["a"]
    assert match(trawl.Range("date")) == ["a", "b", "c", "d"]
    # A datetime is exact to the second; an aware one is converted to UTC.
    assert match(trawl.Range("date", datetime.datetime(2026, 1, 17, 12, 0))) == ["c", "d"]
    plus_one = datetime.timezone(datetime.timedelta(hours=1))
    # 00:30 at UTC+1 is 23:30 the day before in UTC: b (the 17th, 00:00) is in.
    assert match(trawl.Range("date", datetime.datetime(2026, 1, 17, 0, 30, tzinfo=plus_one),
                             datetime.datetime(2026, 1, 18, 0, 0, tzinfo=UTC))) == ["b", "c"]
    q = trawl.Range("date", datetime.date(2026, 1, 1), None, include_upper=False)
    assert q.kind == "range"
    assert str(q) == "date:[2026-01-01 TO *}"


def test_range_scores_a_constant_one(small_index):
    hits = small_index.searcher().search(trawl.Range("date", "2026-01-01")).hits
    assert len(hits) == 4
    assert {h.score for h in hits} == {1.0}


def test_range_on_numbers_and_keywords(numbers_index):
    docs = [numbers_doc(i) for i in range(NUMBERS_DOCS)]
    s = numbers_index.searcher()
    in_n = sorted(d["id"] for d in docs if d["n"] is not None and 10 <= d["n"] <= 20)
    assert sorted(ids(s.search(trawl.Range("n", 10, 20), k=100))) == in_n
    assert sorted(ids(s.search(trawl.Range("n", "10", "20"), k=100))) == in_n
    in_x = sorted(d["id"] for d in docs if -3.0 < d["x"] < 2.5)
    assert sorted(ids(s.search(trawl.Range("x", -3.0, 2.5, False, False), k=100))) == in_x
    in_source = sorted(d["id"] for d in docs if d["source"] in ("AFP", "AP"))
    assert sorted(ids(s.search(trawl.Range("source", "A", "B"), k=100))) == in_source


def test_range_bad_endpoints(small_index):
    s = small_index.searcher()
    with pytest.raises(trawl.InvalidArgumentError, match="not a date"):
        s.search(trawl.Range("date", "2026-13-01"))
    with pytest.raises(TypeError, match="date"):
        trawl.Range("date", object())


def test_constant_score(small_index):
    s = small_index.searcher()
    davos = trawl.Term("body", "davos")
    hits = s.search(trawl.ConstantScore(davos, 2.5)).hits
    assert sorted(h.id for h in hits) == ["a", "b", "d"]
    assert {h.score for h in hits} == {2.5}
    assert {h.score for h in s.search(trawl.ConstantScore(davos)).hits} == {1.0}
    boosted = s.search(trawl.ConstantScore(davos, 2.0).boost(3)).hits
    assert {h.score for h in boosted} == {6.0}
    assert trawl.ConstantScore(davos).kind == "constant_score"
    for bad in (-1.0, float("nan"), float("inf")):
        with pytest.raises(trawl.InvalidArgumentError):
            trawl.ConstantScore(davos, bad)


def test_match_none_and_match_all(small_index):
    s = small_index.searcher()
    assert trawl.MatchNone().kind == "none"
    assert s.count(trawl.MatchNone()) == 0
    assert s.count(trawl.MatchNone() | trawl.Term("body", "snow")) == 1
    assert trawl.MatchAll is trawl.All
    assert s.count(trawl.MatchAll()) == 4


def test_new_queries_combine(small_index):
    s = small_index.searcher()
    q = (trawl.Prefix("body", "dav") & trawl.Range("date", "2026-01-17")
         & ~trawl.Fuzzy("body", "snov"))
    assert ids(s.search(q)) == ["b"]
