"""Domain errors: each carries a one-line message meant for the user.

The CLI prints ``str(error)`` and exits with ``error.exit_code``; nothing else
is needed to report a problem cleanly, so library code raises these and never
prints.
"""


class FactDBError(Exception):
    """Base class of every error factdb reports to its user."""

    exit_code = 1


class InvalidInput(FactDBError):
    """A value given by the user is malformed or out of range."""


class NotFound(FactDBError):
    """A source, speaker, claim or evidence item does not exist."""


class WorkflowError(FactDBError):
    """A status change the verification workflow does not allow."""


class Conflict(FactDBError):
    """The claim changed since the version the caller expected."""

    exit_code = 3


class SchemaMismatch(FactDBError):
    """The database is missing, behind or ahead of this version of factdb."""

    exit_code = 4


class DatabaseUnavailable(FactDBError):
    """The database server cannot be reached or refused the connection."""

    exit_code = 5


class PermissionDenied(FactDBError):
    """The database role connected may not make this change (a reader writing, say)."""

    exit_code = 6
