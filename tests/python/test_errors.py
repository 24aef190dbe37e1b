"""The one status -> exception mapping, class by class."""

import pytest

import trawl
from trawl.errors import error_from_status


@pytest.mark.parametrize(
    "code, message, context, cls",
    [
        ("INVALID_ARGUMENT", "field \"date\": bad date", "", trawl.InvalidArgumentError),
        ("OUT_OF_RANGE", "no segment 9", "", trawl.InvalidArgumentError),
        ("INVALID_ARGUMENT", "query syntax error at position 7: expected ')'", "",
         trawl.QuerySyntaxError),
        ("INVALID_ARGUMENT", "a.jsonl, line 3: not a JSON object", "parse", trawl.ParseError),
        ("DATA_LOSS", "truncated gzip data", "parse", trawl.ParseError),
        ("NOT_FOUND", "no such file or folder: x", "parse", trawl.NotFoundError),
        ("NOT_FOUND", "no index in /x", "", trawl.NotFoundError),
        ("ALREADY_EXISTS", "index exists", "", trawl.AlreadyExistsError),
        ("FAILED_PRECONDITION", "index /x is locked by another writer", "", trawl.LockError),
        ("FAILED_PRECONDITION", "the writer is closed", "", trawl.FailedPreconditionError),
        ("DATA_LOSS", "corruption in seg_1.seg: bad checksum", "", trawl.CorruptIndexError),
        ("INTERNAL", "boom", "", trawl.Error),
        ("UNAVAILABLE", "cannot read", "", trawl.Error),
    ],
)
def test_error_from_status_picks_the_class(code, message, context, cls):
    error = error_from_status(code, message, context)
    assert type(error) is cls
    assert isinstance(error, trawl.Error)
    assert error.code == code
    assert error.message == message
    assert str(error) == message


def test_query_syntax_error_position():
    error = error_from_status("INVALID_ARGUMENT", "query syntax error at position 12: x")
    assert error.position == 12
    assert error_from_status("INVALID_ARGUMENT", "query syntax error: x").position is None


def test_parse_error_line():
    assert error_from_status("INVALID_ARGUMENT", "f.jsonl, line 41: bad", "parse").line == 41
    assert error_from_status("DATA_LOSS", "truncated gzip data", "parse").line is None


def test_hierarchy():
    assert issubclass(trawl.QuerySyntaxError, trawl.InvalidArgumentError)
    assert issubclass(trawl.ParseError, trawl.InvalidArgumentError)
    assert issubclass(trawl.LockError, trawl.FailedPreconditionError)
    assert issubclass(trawl.InvalidArgumentError, ValueError)
    assert issubclass(trawl.NotFoundError, LookupError)
    for cls in (trawl.CorruptIndexError, trawl.AlreadyExistsError, trawl.NotFoundError):
        assert issubclass(cls, trawl.Error)
