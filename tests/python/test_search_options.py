"""Searcher.search options (filter, sort, facets, search_after,
total_hits_threshold), Searcher.explain and Searcher.doc by id."""

import datetime
from collections import Counter

import pytest

import trawl
from conftest import NUMBERS_DOCS, ids, numbers_doc

UTC = datetime.timezone.utc
DOCS = {d["id"]: d for d in (numbers_doc(i) for i in range(NUMBERS_DOCS))}


# --- filter -----------------------------------------------------------------

def test_filter_restricts_without_changing_scores(numbers_index):
    s = numbers_index.searcher()
    plain = {h.id: h.score for h in s.search("alpha beta", k=100)}
    since = trawl.Range("date", "2026-02-01")
    filtered = s.search("alpha beta", k=100, filter=since)
    expected = {i for i in plain if DOCS[i]["date"] >= datetime.date(2026, 2, 1)}
    assert set(ids(filtered)) == expected
    assert filtered.total == len(expected)
    for hit in filtered:
        assert hit.score == pytest.approx(plain[hit.id], rel=1e-6)
    # A scored clause instead adds the range's constant 1 to every score.
    scored = {h.id: h.score for h in s.search(trawl.parse_query("alpha beta", s.schema) & since,
                                                k=100)}
    assert all(scored[i] == pytest.approx(plain[i] + 1, rel=1e-5) for i in expected)


def test_filter_as_text_and_with_query_objects(small_index):
    s = small_index.searcher()
    davos = trawl.Term("body", "davos")
    assert ids(s.search(davos, filter="source:AP")) == ["d"]
    assert sorted(ids(s.search("davos", filter=trawl.Term("source", "REUTERS")))) == ["a"]
    assert ids(s.search(davos, filter=trawl.MatchNone())) == []
    assert s.search(trawl.All(), filter=davos).total == 3
    with pytest.raises(trawl.QuerySyntaxError):
        s.search(davos, filter="source:(")


# --- sort -------------------------------------------------------------------

def check_sorted(results, descending):
    values = [h.sort_value for h in results]
    present = [v for v in values if v is not None]
    # Documents without a value come last, whichever the direction.
    assert values == present + [None] * (len(values) - len(present))
    assert present == sorted(present, reverse=descending)
    # Ties in document order.
    for a, b in zip(results.hits, results.hits[1:]):
        if a.sort_value == b.sort_value:
            assert a.address < b.address


@pytest.mark.parametrize("descending", [False, True])
def test_sort_by_i64(numbers_index, descending):
    results = numbers_index.searcher().search(trawl.All(), k=100, sort="n", descending=descending)
    assert len(results) == NUMBERS_DOCS
    check_sorted(results, descending)
    for hit in results:
        assert hit.sort_value == DOCS[hit.id]["n"]
        assert hit.sort_value is None or type(hit.sort_value) is int
    assert sum(h.sort_value is None for h in results) == sum(d["n"] is None for d in DOCS.values())


@pytest.mark.parametrize("descending", [False, True])
def test_sort_by_f64_keeps_negative_numbers(numbers_index, descending):
    results = numbers_index.searcher().search("alpha", k=100, sort="x", descending=descending)
    check_sorted(results, descending)
    assert all(type(h.sort_value) is float and h.sort_value == DOCS[h.id]["x"] for h in results)
    assert min(h.sort_value for h in results) == -15.0


def test_sort_by_date_gives_utc_datetimes(numbers_index):
    results = numbers_index.searcher().search("beta", k=5, sort="date", descending=True)
    check_sorted(results, True)
    assert results[0].sort_value == datetime.datetime(2026, 3, 1, tzinfo=UTC)    # doc 59
    for hit in results:
        day = DOCS[hit.id]["date"]
        assert hit.sort_value == datetime.datetime(day.year, day.month, day.day, tzinfo=UTC)
    assert "sort_value=datetime.datetime(2026, 3, 1" in repr(results[0])


def test_sort_errors_and_default(small_index):
    s = small_index.searcher()
    for field in ("body", "source", "nope"):
        with pytest.raises(trawl.InvalidArgumentError, match="sort_by"):
            s.search("davos", sort=field)
    with pytest.raises(trawl.InvalidArgumentError, match="descending"):
        s.search("davos", descending=True)
    assert all(h.sort_value is None for h in s.search("davos"))


# --- facets -----------------------------------------------------------------

def terms_buckets(docs):
    counts = Counter(d["source"] for d in docs if d["source"] is not None)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def test_terms_facet_counts_every_match(numbers_index):
    s = numbers_index.searcher()
    results = s.search("beta", k=1, facets=["source"])
    odd = [d for d in DOCS.values() if int(d["id"][1:]) % 2]
    assert results.total == len(odd)
    assert len(results) == 1
    facet = results.facets["source"]
    assert facet.field == "source" and facet.kind == "terms"
    assert facet.buckets == terms_buckets(odd)
    assert facet.missing == sum(d["source"] is None for d in odd)
    assert facet.other == 0
    for label, count in facet.buckets:
        assert s.count(trawl.Term("body", "beta") & trawl.Term("source", label)) == count
    assert "FacetResult(field='source', kind='terms', buckets=[(" in repr(facet)


def test_terms_facet_size_and_other(numbers_index):
    s = numbers_index.searcher()
    facet = s.search(trawl.All(), facets=[trawl.Facet.terms("source", size=1)]).facets["source"]
    everything = terms_buckets(DOCS.values())
    assert facet.buckets == everything[:1]
    assert facet.other == sum(count for _, count in everything[1:])
    # One facet alone needs no list.
    assert s.search(trawl.All(), facets="source").facets["source"].buckets == everything
    assert list(s.search(trawl.All(), facets=trawl.Facet.terms("source")).facets) == ["source"]


def test_date_histogram(numbers_index):
    s = numbers_index.searcher()
    months = s.search(trawl.All(), facets=[trawl.Facet.date_histogram("date", "month")])
    assert months.facets["date"].kind == "date_histogram"
    assert months.facets["date"].buckets == [("2026-01", 31), ("2026-02", 28), ("2026-03", 1)]
    years = s.search(trawl.All(), facets=[trawl.Facet.date_histogram("date", "year")])
    assert years.facets["date"].buckets == [("2026", NUMBERS_DOCS)]
    days = s.search("gamma", facets=[trawl.Facet.date_histogram("date")]).facets["date"].buckets
    expected = sorted(d["date"].isoformat() for d in DOCS.values() if "gamma" in d["body"])
    assert days == [(day, 1) for day in expected]


def test_range_facets(numbers_index):
    s = numbers_index.searcher()
    feb, mar = datetime.date(2026, 2, 1), datetime.date(2026, 3, 1)
    periods = trawl.Facet.ranges("date", [("jan", None, "2026-02-01"), ("feb", feb, mar),
                                          (mar, None)], name="period")
    numbers = trawl.Facet.ranges("n", [(0, 10), ("big", 10, None)], name="n")
    results = s.search(trawl.All(), facets=[periods, numbers, trawl.Facet.date_histogram("date")])
    assert list(results.facets) == ["period", "n", "date"]       # request order
    assert results.facets["period"].kind == "ranges"
    assert results.facets["period"].buckets == [("jan", 31), ("feb", 28), ("2026-03-01..*", 1)]
    values = [d["n"] for d in DOCS.values()]
    assert dict(results.facets["n"].buckets) == {
        "0..10": sum(v is not None and v < 10 for v in values),
        "big": sum(v is not None and v >= 10 for v in values),
    }
    assert results.facets["n"].missing == values.count(None)
    assert repr(periods) == "<Facet ranges 'date' (3 ranges) name='period'>"
    assert (periods.name, periods.field, periods.kind) == ("period", "date", "ranges")


def test_facet_errors(numbers_index):
    s = numbers_index.searcher()
    bad_requests = [
        ["body"],                                        # a text field
        ["nope"],                                        # no such field
        [trawl.Facet.terms("date")],                     # terms need a keyword field
        [trawl.Facet.date_histogram("source")],          # not a date
        [trawl.Facet.ranges("n", [])],                   # no ranges
        [trawl.Facet.ranges("date", [("x", "soon")])],   # not a date
        ["source", trawl.Facet.terms("source", size=3)],  # same name twice
    ]
    for facets in bad_requests:
        with pytest.raises(trawl.InvalidArgumentError):
            s.search(trawl.All(), facets=facets)
    with pytest.raises(trawl.InvalidArgumentError, match="interval"):
        trawl.Facet.date_histogram("date", "week")
    with pytest.raises(trawl.InvalidArgumentError):
        trawl.Facet.ranges("date", [("a", "b", "c", "d")])
    with pytest.raises(TypeError):
        trawl.Facet.ranges("date", [(object(), None)])
    with pytest.raises(TypeError):
        trawl.Facet.ranges("date", [(1, "2026-01-01", None)])    # a label is a str
    with pytest.raises(TypeError):
        s.search(trawl.All(), facets=[42])


# --- search_after -----------------------------------------------------------

@pytest.mark.parametrize("query", ["alpha beta", "alpha", trawl.All()])
@pytest.mark.parametrize("options", [
    {},
    {"sort": "n"},
    {"sort": "n", "descending": True},
    {"sort": "x", "descending": True},
    {"filter": trawl.Term("source", "AP")},
])
def test_search_after_pages_through_one_big_search(numbers_index, query, options):
    s = numbers_index.searcher()
    everything = [h.address for h in s.search(query, k=1000, **options)]
    assert len(everything) > 7
    pages, after = [], None
    while True:
        page = s.search(query, k=7, search_after=after, **options)
        if not page.hits:
            break
        pages.append([h.address for h in page])
        after = page[-1]
    assert all(len(p) == 7 for p in pages[:-1])
    flat = [address for p in pages for address in p]
    assert len(set(flat)) == len(flat)            # pages are disjoint
    assert flat == everything


def test_search_after_needs_a_hit(small_index):
    with pytest.raises(TypeError):
        small_index.searcher().search("davos", search_after=(0, 0))


# --- total_hits_threshold ---------------------------------------------------

@pytest.fixture(scope="module")
def broad_searcher():
    """3,000 documents all holding "common", with varied frequencies."""
    index = trawl.Index.in_memory()
    with index.writer() as w:
        w.add_many({"id": str(i), "body": "common " * (1 + i % 7) + f"w{i % 13} " + "x " * (i % 5)}
                   for i in range(3000))
    return index.searcher()


def test_total_is_exact_for_small_result_sets(small_index):
    results = small_index.searcher().search("davos")
    assert results.total_is_exact
    assert results.total == 3


@pytest.mark.parametrize("query", ["w3 x", "w3 w4 x"])
def test_threshold_zero_prunes_but_keeps_the_top_k(broad_searcher, query):
    exact = broad_searcher.search(query, total_hits_threshold=None)
    assert exact.total_is_exact
    assert exact.total == broad_searcher.count(query) > 2400
    pruned = broad_searcher.search(query, total_hits_threshold=0)
    assert not pruned.total_is_exact
    assert pruned.total <= exact.total
    assert [(h.id, h.score) for h in pruned] == [(h.id, h.score) for h in exact]
    assert repr(pruned).startswith("<Results total>=")


@pytest.mark.parametrize("query", ["common", "+w3 common"])
def test_known_counts_stay_exact_while_pruning(broad_searcher, query):
    # Without deletions a term's count is its document frequency, and
    # `+a b` matches what `a` matches: known without counting (Lucene's
    # Weight.count), so pruning keeps the total exact.
    exact = broad_searcher.search(query, total_hits_threshold=None)
    pruned = broad_searcher.search(query, total_hits_threshold=0)
    assert pruned.total_is_exact
    assert pruned.total == exact.total == broad_searcher.count(query)
    assert [(h.id, h.score) for h in pruned] == [(h.id, h.score) for h in exact]


def test_threshold_counts_exactly_up_to_it(broad_searcher):
    # "x" is in 2,400 docs, "w3" in 231 (of which 46 lack "x").
    some = broad_searcher.search("w3 x", total_hits_threshold=100)
    assert not some.total_is_exact
    assert 100 <= some.total <= 2446
    enough = broad_searcher.search("w3 x", total_hits_threshold=5000)
    assert enough.total_is_exact
    assert enough.total == 2446


def test_sort_facets_and_k0_count_everything(broad_searcher):
    for options in ({"sort": "date"}, {"facets": ["source"]}, {"k": 0}):
        results = broad_searcher.search("common", total_hits_threshold=0, **options)
        assert results.total_is_exact
        assert results.total == 3000


def test_threshold_must_be_a_count(small_index):
    with pytest.raises(TypeError):
        small_index.searcher().search("davos", total_hits_threshold=-1)


# --- explain ----------------------------------------------------------------

def nodes(explanation):
    return 1 + sum(nodes(d) for d in explanation.details)


@pytest.mark.parametrize("query", [
    "alpha beta",
    "alpha AND gamma",
    '"alpha beta"',
    trawl.Fuzzy("body", "alpah"),
    trawl.Term("body", "pad") | trawl.Term("body", "gamma").boost(2),
    trawl.Bool(must=[trawl.Term("body", "beta")], filter=[trawl.Range("n", 10)]),
    trawl.ConstantScore(trawl.Prefix("body", "al"), 3.0),
])
def test_explain_value_is_the_score(numbers_index, query):
    s = numbers_index.searcher()
    hits = s.search(query, k=100).hits
    assert hits
    for hit in hits:
        explanation = s.explain(query, hit)
        assert explanation.match
        assert explanation.value == pytest.approx(hit.score, abs=1e-5)
        text = str(explanation)
        assert len(text.splitlines()) == nodes(explanation)
        assert text.splitlines()[0].endswith(explanation.description)


def test_explain_follows_bm25_parameters(numbers_index):
    s = numbers_index.searcher()
    hit = s.search("alpha", k1=2.0, b=0.3)[0]
    assert s.explain("alpha", hit, k1=2.0, b=0.3).value == pytest.approx(hit.score, abs=1e-5)
    assert s.explain("alpha", hit).value != pytest.approx(hit.score, abs=1e-5)
    assert "BM25" in str(s.explain("alpha", hit))
    with pytest.raises(trawl.InvalidArgumentError):
        s.explain("alpha", hit, b=2.0)


def test_explain_by_address_and_no_match(small_index):
    s = small_index.searcher()
    hit = s.search("stocks")[0]
    by_address = s.explain("stocks", hit.address)
    assert by_address.value == pytest.approx(hit.score, abs=1e-5)
    assert isinstance(by_address.details[0], trawl.Explanation)
    miss = s.explain("davos", hit)
    assert not miss.match
    assert miss.value == 0
    assert repr(miss).startswith("Explanation(value=0, match=False")
    with pytest.raises(trawl.InvalidArgumentError):
        s.explain("davos", (99, 0))
    with pytest.raises(TypeError):
        s.explain("davos", "a")
    with pytest.raises(TypeError):
        s.explain("davos", (0, "x"))
    with pytest.raises(trawl.QuerySyntaxError):
        s.explain("(davos", hit)


# --- doc by id --------------------------------------------------------------

def test_doc_by_id(small_index):
    s = small_index.searcher()
    assert s.doc("c")["title"] == "Markets"
    hit = s.search("stocks")[0]
    assert s.doc("c") == s.doc(hit.address) == s.doc(hit) == hit.doc
    with pytest.raises(trawl.NotFoundError, match="zzz"):
        s.doc("zzz")
    with pytest.raises(TypeError):
        s.doc((1, 2, 3))


def test_doc_by_id_sees_updates_and_deletes_and_ints():
    index = trawl.Index.in_memory()
    with index.writer() as w:
        w.add({"id": 7, "body": "first"})
        w.add({"id": "x", "body": "gone soon"})
    with index.writer() as w:
        w.update({"id": 7, "body": "second"})
        w.delete("x")
    s = index.searcher()
    assert s.doc(7) == {"id": "7", "body": "second"}
    assert s.doc("7") == s.doc(7)
    with pytest.raises(trawl.NotFoundError):
        s.doc("x")


def test_doc_by_id_needs_an_id_field():
    index = trawl.Index.in_memory(trawl.Schema().add_keyword("key"))
    with pytest.raises(trawl.FailedPreconditionError):
        index.searcher().doc("a")


# --- load_docs ----------------------------------------------------------------

def test_load_docs_false_ranks_the_same_without_stored_fields(numbers_index):
    s = numbers_index.searcher()
    loaded = s.search("alpha beta", k=20)
    bare = s.search("alpha beta", k=20, load_docs=False)
    assert [h.address for h in bare] == [h.address for h in loaded]
    assert [h.score for h in bare] == [h.score for h in loaded]
    assert bare.total == loaded.total
    assert all(h.doc == {} and h.id is None for h in bare)
    # The documents are still there for whoever asks.
    assert [s.doc(h)["id"] for h in bare] == [h.id for h in loaded]
