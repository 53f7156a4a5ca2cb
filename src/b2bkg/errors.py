"""One rooted exception tree. Each error carries the HTTP status it maps to and a message a
person can act on; the CLI maps them to exit codes (1 = domain failure, 2 = usage/input error)."""

from __future__ import annotations

__all__ = [
    "B2BKGError",
    "SourceError",
    "BuildError",
    "ValidationError",
    "BadRequest",
    "NotFound",
    "NotAcceptable",
    "UnsupportedMediaType",
    "PayloadTooLarge",
    "QueryTimeout",
    "Forbidden",
    "ResultTooLarge",
    "AnswerCut",
    "ServiceBusy",
    "BadGateway",
    "retry_after",
]


class B2BKGError(Exception):
    """Base class: ``status`` is the HTTP status, ``exit_code`` the CLI exit code."""

    status = 500
    exit_code = 2

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class SourceError(B2BKGError):
    """A source file (paper text, statements, ontology) cannot be read or parsed."""

    status = 500
    exit_code = 2


class BuildError(B2BKGError):
    """Compiling the sources failed; ``problems`` lists every 'file:line: problem'."""

    status = 500
    exit_code = 1

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.problems = problems or []


class ValidationError(B2BKGError):
    status = 500
    exit_code = 1


class BadRequest(B2BKGError):
    status = 400


class Forbidden(B2BKGError):
    status = 403


class NotFound(B2BKGError):
    status = 404


class NotAcceptable(B2BKGError):
    status = 406


class PayloadTooLarge(B2BKGError):
    status = 413


class UnsupportedMediaType(B2BKGError):
    status = 415


class QueryTimeout(B2BKGError):
    status = 503
    retry_after = 1


class ServiceBusy(B2BKGError):
    """The service cannot take this query now (its queue is full, its slot for long queries is
    taken, or this very query just ran out of time): a fast 503 with ``Retry-After``."""

    status = 503

    def __init__(self, message: str, retry_after: int = 1):
        super().__init__(message)
        self.retry_after = max(1, int(retry_after))


class BadGateway(B2BKGError):
    """The remote store failed (unreachable, refused our credentials, sent nonsense)."""

    status = 502


def retry_after(exc: BaseException) -> int | None:
    """Seconds a client should wait before retrying after ``exc`` (None: not worth retrying)."""
    value = getattr(exc, "retry_after", None)
    return int(value) if value else None


class ResultTooLarge(B2BKGError):
    """A query's answer has more rows than the service's cap (a query that is fine, but whose
    result the server will not produce: narrow it or add LIMIT)."""

    status = 422


class AnswerCut(ResultTooLarge):
    """The remote store sent the first N rows of a longer answer: Virtuoso answers
    ``X-SPARQL-MaxRows: N`` when an answer reached its limit of N rows (its ``ResultSetMaxRows``,
    and at most 1,048,576 rows over HTTP whatever that says) and sends them as if they were all.
    Refused, never served or counted as the whole answer. (It says so too when a query's own
    LIMIT is N: the answer may then be whole, but cannot be told from a cut one.) ``rows``: the
    limit. The corpus's own queries ask again in parts (``b2bkg.corpus.sparql.select``); a
    client's query gets the 422."""

    def __init__(self, rows: int):
        super().__init__(
            f"the remote store stopped its answer at its limit of {rows} rows (X-SPARQL-MaxRows), so it may be "
            f"incomplete; ask for fewer than {rows} rows with LIMIT or narrow the query (the operator can raise "
            "ResultSetMaxRows in the [SPARQL] section of virtuoso.ini; over HTTP Virtuoso never sends more "
            "than 1,048,576 rows)"
        )
        self.rows = rows
