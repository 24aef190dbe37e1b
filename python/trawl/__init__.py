"""trawl: an embeddable full-text search library.

    import trawl

    index = trawl.Index.create("news-index")          # Schema.default()
    with index.writer() as w:                         # commits at the end
        w.add({"id": "a1", "title": "Davos", "body": "Leaders meet in Davos.",
               "date": datetime.date(2026, 1, 16), "source": "REUTERS"})
    searcher = index.searcher()
    for hit in searcher.search("davos", snippets=["body"]):
        print(hit.score, hit.id, hit.snippets[0].marked())

    q = trawl.Term("body", "davos") & ~trawl.Term("body", "trump")
    searcher.count(q)

    page = searcher.search("davos", filter=trawl.Range("date", "2026-01-01"),
                           sort="date", descending=True, facets=["source"])
    page.facets["source"].buckets         # [("REUTERS", 12), ("AFP", 7), ...]
    more = searcher.search("davos", filter=trawl.Range("date", "2026-01-01"),
                           sort="date", descending=True, search_after=page[-1])

Errors are trawl.Error subclasses (see trawl.errors).
"""

from trawl._trawl import (
    All,
    Analyzer,
    Bool,
    ConstantScore,
    Explanation,
    Facet,
    FacetResult,
    Field,
    Fuzzy,
    Hit,
    Index,
    IndexStats,
    IndexWriter,
    MatchNone,
    Phrase,
    Prefix,
    Query,
    Range,
    Regex,
    Results,
    Schema,
    Searcher,
    SegmentStats,
    Snippet,
    Term,
    Wildcard,
    analyzer_names,
    parse_query,
)
from trawl.errors import (
    AlreadyExistsError,
    CorruptIndexError,
    Error,
    FailedPreconditionError,
    InvalidArgumentError,
    LockError,
    NotFoundError,
    ParseError,
    QuerySyntaxError,
)

# Elasticsearch's name for All(), beside MatchNone().
MatchAll = All

__version__ = "0.1.0"

__all__ = [
    "All",
    "AlreadyExistsError",
    "Analyzer",
    "Bool",
    "ConstantScore",
    "CorruptIndexError",
    "Error",
    "Explanation",
    "Facet",
    "FacetResult",
    "FailedPreconditionError",
    "Field",
    "Fuzzy",
    "Hit",
    "Index",
    "IndexStats",
    "IndexWriter",
    "InvalidArgumentError",
    "LockError",
    "MatchAll",
    "MatchNone",
    "NotFoundError",
    "ParseError",
    "Phrase",
    "Prefix",
    "Query",
    "QuerySyntaxError",
    "Range",
    "Regex",
    "Results",
    "Schema",
    "Searcher",
    "SegmentStats",
    "Snippet",
    "Term",
    "Wildcard",
    "analyzer_names",
    "parse_query",
]
