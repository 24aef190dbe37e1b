"""Exceptions raised by trawl, and the one mapping from C++ statuses to them.

The C++ library reports failures as ``absl::Status`` values, never as C++
exceptions. The extension module hands every non-OK status to
:func:`error_from_status`, and raises what it returns; nothing else decides
which exception class a failure becomes.
"""

from __future__ import annotations

import re
from typing import Optional

__all__ = [
    "Error",
    "InvalidArgumentError",
    "QuerySyntaxError",
    "ParseError",
    "NotFoundError",
    "AlreadyExistsError",
    "FailedPreconditionError",
    "LockError",
    "CorruptIndexError",
    "error_from_status",
]


class Error(Exception):
    """Base class of every trawl error.

    Attributes:
        code: the ``absl::StatusCode`` name, e.g. ``"INVALID_ARGUMENT"``.
        message: the status message, as the C++ library wrote it.
    """

    def __init__(self, message: str, code: str = "UNKNOWN") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class InvalidArgumentError(Error, ValueError):
    """A value the library cannot accept (a bad date for a date field, an
    unknown analyzer or field name...)."""


class QuerySyntaxError(InvalidArgumentError):
    """Query text that does not parse.

    Attributes:
        position: the byte offset in the query text where parsing failed, or
            None when the message does not give one.
    """

    def __init__(self, message: str, code: str = "INVALID_ARGUMENT") -> None:
        super().__init__(message, code)
        match = re.search(r"position (\d+)", message)
        self.position: Optional[int] = int(match.group(1)) if match else None


class ParseError(InvalidArgumentError):
    """An input file that cannot be turned into documents.

    Attributes:
        line: the 1-based line named by the message, or None.
    """

    def __init__(self, message: str, code: str = "INVALID_ARGUMENT") -> None:
        super().__init__(message, code)
        match = re.search(r"\bline (\d+)", message)
        self.line: Optional[int] = int(match.group(1)) if match else None


class NotFoundError(Error, LookupError):
    """No index (or file, or document) where one was expected."""


class AlreadyExistsError(Error):
    """Index.create over a folder that already holds an index."""


class FailedPreconditionError(Error):
    """The call needs a state the index or writer is not in (e.g. update()
    on a schema without an id field, a closed writer)."""


class LockError(FailedPreconditionError):
    """Another writer, in this or another process, holds the index's lock."""


class CorruptIndexError(Error):
    """A damaged index file (the C++ status is DataLoss)."""


# Status code name -> exception class, for codes that need no look at the
# message.
_BY_CODE = {
    "INVALID_ARGUMENT": InvalidArgumentError,
    "OUT_OF_RANGE": InvalidArgumentError,
    "NOT_FOUND": NotFoundError,
    "ALREADY_EXISTS": AlreadyExistsError,
    "FAILED_PRECONDITION": FailedPreconditionError,
    "DATA_LOSS": CorruptIndexError,
}


def error_from_status(code: str, message: str, context: str = "") -> Error:
    """Returns the exception for a non-OK ``absl::Status``.

    Args:
        code: the status code name (``absl::StatusCodeToString``), e.g.
            ``"DATA_LOSS"``.
        message: the status message.
        context: what the failing call was doing. ``"parse"`` marks errors
            from reading input files, where InvalidArgument and DataLoss
            describe the input, not the index.
    """
    if context == "parse" and code in ("INVALID_ARGUMENT", "DATA_LOSS"):
        return ParseError(message, code)
    if code == "INVALID_ARGUMENT" and message.startswith("query syntax error"):
        return QuerySyntaxError(message, code)
    if code == "FAILED_PRECONDITION" and "locked" in message:
        return LockError(message, code)
    return _BY_CODE.get(code, Error)(message, code)
