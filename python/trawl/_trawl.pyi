"""Type stubs of the trawl._trawl extension module (see its docstrings)."""

import datetime
import os
from types import TracebackType
from typing import (
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

class Hit:
    """One matching document."""
    @property
    def score(self) -> float: ...
    @property
    def id(self) -> Optional[str]: ...
    @property
    def doc(self) -> dict[str, Union[str, List[str]]]: ...
    @property
    def snippets(self) -> List[Snippet]: ...
    @property
    def address(self) -> Tuple[int, int]: ...

class Results:
    """The best hits of a search, best first."""
    @property
    def hits(self) -> List[Hit]: ...
    @property
    def total(self) -> int: ...
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
        snippets: Union[None, str, Sequence[str]] = None,
        k1: float = 1.2,
        b: float = 0.75,
    ) -> Results: ...
    def count(self, query: _QueryArg) -> int: ...
    def doc(self, address: Tuple[int, int]) -> dict[str, Union[str, List[str]]]: ...
    @property
    def num_docs(self) -> int: ...
    @property
    def schema(self) -> Schema: ...

class IndexWriter:
    """The one writer of an index; a context manager that commits on normal
    exit and rolls back on an exception."""
    def add(self, doc: Mapping[str, _Value]) -> None: ...
    def add_many(self, docs: Iterable[Mapping[str, _Value]], *, batch_size: int = 1000) -> int: ...
    def add_files(
        self, paths: Union[_Path, Iterable[_Path]], *, format: str = "auto", lenient: bool = False
    ) -> int: ...
    def update(self, doc: Mapping[str, _Value]) -> None: ...
    def delete(self, id: _Scalar) -> None: ...
    def delete_term(self, field: str, value: _Scalar) -> None: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...
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
    def writer(self, *, memory_mb: float = 256.0) -> IndexWriter: ...
    def searcher(self) -> Searcher: ...
