"""Type stubs of the trawl._trawl extension module (see its docstrings)."""

import datetime
import os
from types import TracebackType
from typing import (
    Callable,
    Dict,
    Iterable,
    Iterator,
    List,
    Mapping,
    Optional,
    Sequence,
    Tuple,
    Type,
    Union,
)

_Scalar = Union[str, int, float, bool, datetime.date, datetime.datetime]
_Value = Union[_Scalar, Sequence[_Scalar], None]
_Path = Union[str, bytes, "os.PathLike[str]", "os.PathLike[bytes]"]
_QueryArg = Union["Query", str]
_Endpoint = Union[str, int, float, datetime.date, datetime.datetime, None]

class Field:
    """One field of a Schema (read-only)."""
    @property
    def name(self) -> str: ...
    @property
    def type(self) -> str:
        """'text', 'keyword', 'date', 'i64', 'f64' or 'stored'."""
    @property
    def stored(self) -> bool: ...
    @property
    def analyzer(self) -> str: ...
    @property
    def default_search(self) -> bool: ...
    @property
    def boost(self) -> float: ...

class Schema:
    """Which fields an index has and how each is indexed; a builder whose
    add_* methods return the schema itself. Raises InvalidArgumentError for
    an empty, duplicate or invalid name or an unknown analyzer."""
    def __init__(self) -> None: ...
    @staticmethod
    def default() -> Schema:
        """id (keyword, unique), title and body (text, default search, title
        boosted 2x), date (date), source (keyword)."""
    def add_text(
        self,
        name: str,
        *,
        stored: bool = True,
        analyzer: str = "standard",
        default_search: bool = False,
        boost: float = 1.0,
    ) -> Schema: ...
    def add_keyword(self, name: str, *, stored: bool = True, default_search: bool = False) -> Schema: ...
    def add_date(self, name: str, *, stored: bool = True) -> Schema: ...
    def add_i64(self, name: str, *, stored: bool = True) -> Schema: ...
    def add_f64(self, name: str, *, stored: bool = True) -> Schema: ...
    def add_stored(self, name: str) -> Schema: ...
    def set_id_field(self, name: str) -> Schema:
        """Declares the unique-id field (a keyword field) used by update() and
        delete(id=...)."""
    @property
    def fields(self) -> List[Field]: ...
    @property
    def id_field(self) -> Optional[str]: ...
    def __contains__(self, name: str) -> bool: ...
    def __len__(self) -> int: ...

class Query:
    """An immutable query tree. Combine with `&` (both required), `|`
    (either), `~q` (every document but q's), `.boost(x)`. Query() matches
    nothing; str(q) is a Lucene-like rendering."""
    def __init__(self) -> None: ...
    def boost(self, factor: float) -> Query: ...
    @property
    def kind(self) -> str: ...
    def __and__(self, other: Query) -> Query: ...
    def __or__(self, other: Query) -> Query: ...
    def __invert__(self) -> Query: ...

def Term(field: str, text: str) -> Query:
    """Documents whose `field` holds the exact (already analyzed) term."""

def Phrase(
    field: str, terms: Sequence[str], slop: int = 0, positions: Optional[Sequence[int]] = None
) -> Query:
    """Terms at consecutive positions (or at `positions`), `slop` moves apart."""

def All() -> Query:
    """Every live document, score 1."""

def MatchNone() -> Query:
    """No document (the same as Query())."""

def Prefix(field: str, prefix: str) -> Query:
    """Terms of `field` starting with `prefix` (case-folded for an analyzed
    field). Constant score 1; more than 1024 matching terms raises
    InvalidArgumentError when searched."""

def Wildcard(field: str, pattern: str) -> Query:
    """Terms of `field` matching `pattern` (`?` one character, `*` any run,
    backslash escapes). Constant score 1; more than 1024 matching terms raises
    InvalidArgumentError when searched."""

def Regex(field: str, pattern: str) -> Query:
    """Terms of `field` that `pattern` (RE2 syntax) matches as a whole, as
    Lucene's RegexpQuery. Constant score 1; a bad pattern or more than 1024
    matching terms raises InvalidArgumentError when searched."""

def Fuzzy(
    field: str, term: str, max_edits: int = 2, prefix_length: int = 0, transpositions: bool = True
) -> Query:
    """Terms within `max_edits` (0..2) edits of `term`, sharing its first
    `prefix_length` characters; scored like Lucene's FuzzyQuery."""

def Range(
    field: str,
    lower: _Endpoint = None,
    upper: _Endpoint = None,
    include_lower: bool = True,
    include_upper: bool = True,
) -> Query:
    """Documents whose `field` value lies between `lower` and `upper` (None:
    unbounded). A date without a time stands for its whole day. Constant
    score 1; bad endpoints raise InvalidArgumentError when searched."""

def ConstantScore(query: Query, score: float = 1.0) -> Query:
    """The documents of `query`, each scoring `score` (finite, >= 0)."""

def Bool(
    *,
    must: Sequence[Query] = ...,
    should: Sequence[Query] = ...,
    must_not: Sequence[Query] = ...,
    filter: Sequence[Query] = ...,
    minimum_should_match: int = 0,
) -> Query:
    """A boolean combination of clauses."""

def parse_query(
    text: str,
    schema: Schema,
    *,
    default_fields: Optional[Sequence[str]] = None,
    default_operator: str = "or",
) -> Query:
    """Parses query text; raises QuerySyntaxError (with .position)."""

class Analyzer:
    """Text to terms, as the index sees it. Thread-safe."""
    def __init__(self, name: str) -> None: ...
    def tokens(self, text: str) -> List[Tuple[str, int, int, int]]:
        """(text, position, start, end) per token; text[start:end] is the word."""
    @property
    def name(self) -> str: ...

def analyzer_names() -> List[str]: ...

class Snippet:
    """A fragment of a stored text field around the matched words."""
    @property
    def field(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def start(self) -> int:
        """Where `text` starts in the field's value (a str index)."""
    @property
    def highlights(self) -> List[Tuple[int, int]]:
        """Matched words as [begin, end) str indices of `text`."""
    def marked(self, open: str = "[", close: str = "]") -> str: ...

class Facet:
    """A facet to count over every match of a search; its result is keyed by
    `name` (the field unless name= says otherwise) in Results.facets."""
    @staticmethod
    def terms(field: str, size: int = 10, *, name: Optional[str] = None) -> Facet:
        """The `size` most frequent values of a keyword field."""
    @staticmethod
    def date_histogram(field: str, interval: str = "day", *, name: Optional[str] = None) -> Facet:
        """Matches per 'day', 'month' or 'year' of a date field."""
    @staticmethod
    def ranges(
        field: str,
        ranges: Iterable[
            Union[Tuple[_Endpoint, _Endpoint], Tuple[str, _Endpoint, _Endpoint]]
        ],
        *,
        name: Optional[str] = None,
    ) -> Facet:
        """Matches per (from, to) or (label, from, to) range, from <= v < to."""
    @property
    def name(self) -> str: ...
    @property
    def field(self) -> str: ...
    @property
    def kind(self) -> str:
        """'terms', 'date_histogram' or 'ranges'."""

class FacetResult:
    """The counts of one facet; dict(result.buckets) maps labels to counts."""
    @property
    def field(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def buckets(self) -> List[Tuple[str, int]]: ...
    @property
    def other(self) -> int:
        """terms: the counts of the values beyond `size`, summed."""
    @property
    def missing(self) -> int:
        """Matches without a value of the field."""

class Explanation:
    """Why a document scores what it does; str() renders the tree."""
    @property
    def value(self) -> float: ...
    @property
    def match(self) -> bool: ...
    @property
    def description(self) -> str: ...
    @property
    def details(self) -> List[Explanation]: ...

class Hit:
    """One matching document."""
    @property
    def score(self) -> float: ...
    @property
    def id(self) -> Optional[str]: ...
    @property
    def sort_value(self) -> Union[None, int, float, datetime.datetime]:
        """With search(sort=...): the sort field's value (None when missing)."""
    @property
    def doc(self) -> dict[str, Union[str, List[str]]]:
        """Stored fields: a plain dict, made once when the search returns."""
    @property
    def snippets(self) -> List[Snippet]: ...
    @property
    def address(self) -> Tuple[int, int]: ...

class Results:
    """The best hits of a search, best first."""
    @property
    def hits(self) -> List[Hit]:
        """The hits, best first: a new list of the same Hit objects on each read."""
    @property
    def total(self) -> int: ...
    @property
    def total_is_exact(self) -> bool: ...
    @property
    def facets(self) -> Dict[str, FacetResult]: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[Hit]: ...
    def __getitem__(self, i: int) -> Hit: ...

class Searcher:
    """Ranked search over one commit. Thread-safe; runs without the GIL."""
    def search(
        self,
        query: _QueryArg,
        *,
        k: int = 10,
        filter: Optional[_QueryArg] = None,
        sort: Optional[str] = None,
        descending: bool = False,
        facets: Union[None, str, Facet, Sequence[Union[str, Facet]]] = None,
        snippets: Union[None, str, Sequence[str]] = None,
        search_after: Optional[Hit] = None,
        total_hits_threshold: Optional[int] = 1000,
        load_docs: bool = True,
        k1: float = 1.2,
        b: float = 0.75,
    ) -> Results: ...
    def count(self, query: _QueryArg) -> int: ...
    def explain(
        self,
        query: _QueryArg,
        hit: Union[Hit, Tuple[int, int]],
        *,
        k1: float = 1.2,
        b: float = 0.75,
    ) -> Explanation: ...
    def doc(
        self, key: Union[Hit, Tuple[int, int], _Scalar]
    ) -> dict[str, Union[str, List[str]]]:
        """By address (a tuple or a Hit), else by id-field value."""
    @property
    def num_docs(self) -> int: ...
    @property
    def schema(self) -> Schema: ...

class IndexWriter:
    """The one writer of an index; a context manager that commits on normal
    exit and rolls back on an exception."""
    def add(self, doc: Mapping[str, _Value]) -> None: ...
    def add_many(self, docs: Iterable[Mapping[str, _Value]], *, batch_size: int = 128) -> int:
        """Buffers every dict of `docs`; returns how many were added. Stops at the
        first bad one (TypeError or InvalidArgumentError, "document <index>: ..."),
        after adding those before it."""
    def add_files(
        self, paths: Union[_Path, Iterable[_Path]], *, format: str = "auto", lenient: bool = False
    ) -> int: ...
    def update(self, doc: Mapping[str, _Value]) -> None: ...
    def delete(self, id: _Scalar) -> None: ...
    def delete_term(self, field: str, value: _Scalar) -> None: ...
    def delete_query(self, query: str | Query) -> None: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...
    def wait_for_merges(self) -> None: ...
    def force_merge(
        self, max_segments: int = 1, progress: Optional[Callable[[float], object]] = None
    ) -> None: ...
    def close(self) -> None: ...
    @property
    def pending(self) -> int: ...
    @property
    def closed(self) -> bool: ...
    def __enter__(self) -> IndexWriter: ...
    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> bool: ...

class Index:
    """An index on disk or in memory."""
    @staticmethod
    def create(path: _Path, schema: Optional[Schema] = None) -> Index: ...
    @staticmethod
    def open(path: _Path) -> Index: ...
    @staticmethod
    def in_memory(schema: Optional[Schema] = None) -> Index: ...
    @property
    def schema(self) -> Schema: ...
    @property
    def path(self) -> Optional[str]: ...
    def writer(
        self, *, memory_mb: float = 256.0, threads: int = 0, merge_factor: int = 10
    ) -> IndexWriter: ...
    def searcher(self) -> Searcher: ...
    def stats(self) -> IndexStats: ...
    def check(self) -> None:
        """Verifies the newest commit; raises CorruptIndexError on damage."""

class SegmentStats:
    """What one segment holds."""
    @property
    def name(self) -> str: ...
    @property
    def documents(self) -> int:
        """Including deleted."""
    @property
    def deleted(self) -> int: ...
    @property
    def terms(self) -> int: ...
    @property
    def file_bytes(self) -> int: ...
    @property
    def component_bytes(self) -> Dict[str, int]: ...

class IndexStats:
    """What an index holds, per segment and in total."""
    @property
    def generation(self) -> int: ...
    @property
    def documents(self) -> int:
        """Live documents."""
    @property
    def deleted(self) -> int: ...
    @property
    def segments(self) -> List[SegmentStats]: ...
