"""The verification workflow: which status may follow which.

    logged ──► in_review ──► true | mostly_true | misleading | false | unverifiable
      ▲            │  ▲                         │
      └────────────┘  └──────── reopen ─────────┘
    any status ──► retracted ──► logged (reinstated, with a reason)

A verdict is reached only from ``in_review`` and needs a rationale and at least one
evidence item; a verdict is reopened by moving it back to ``in_review``.
Retraction replaces deletion: the claim and its history stay, hidden from lists
unless ``--include-retracted`` is given.
"""

from factdb.errors import WorkflowError
from factdb.vocab import STATUSES, VERDICTS

TRANSITIONS: dict[str, tuple[str, ...]] = {
    "logged": ("in_review", "retracted"),
    "in_review": ("logged", *VERDICTS, "retracted"),
    **{verdict: ("in_review", "retracted") for verdict in VERDICTS},
    "retracted": ("logged",),
}


def check_transition(current: str, new: str) -> None:
    """Raise WorkflowError unless ``current`` may move to ``new``."""
    if new not in STATUSES:
        raise WorkflowError(f"unknown status {new!r}: use one of {', '.join(STATUSES)}")
    if new == current:
        raise WorkflowError(f"the claim is already {current}")
    allowed = TRANSITIONS[current]
    if new not in allowed:
        raise WorkflowError(
            f"cannot move a claim from {current} to {new}: from {current} it can go to "
            f"{', '.join(allowed)}"
        )


def is_verdict(status: str) -> bool:
    return status in VERDICTS
