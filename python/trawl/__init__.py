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

Errors are trawl.Error subclasses (see trawl.errors).
"""

from trawl._trawl import (
    All,
    Analyzer,
    Bool,
    Field,
    Hit,
    Index,
    IndexWriter,
    Phrase,
    Query,
    Results,
    Schema,
    Searcher,
    Snippet,
    Term,
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

__version__ = "0.1.0"

__all__ = [
    "All",
    "AlreadyExistsError",
    "Analyzer",
    "Bool",
    "CorruptIndexError",
    "Error",
    "FailedPreconditionError",
    "Field",
    "Hit",
    "Index",
    "IndexWriter",
    "InvalidArgumentError",
    "LockError",
    "NotFoundError",
    "ParseError",
    "Phrase",
    "Query",
    "QuerySyntaxError",
    "Results",
    "Schema",
    "Searcher",
    "Snippet",
    "Term",
    "analyzer_names",
    "parse_query",
]
