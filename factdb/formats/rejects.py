"""What every importer shares: counting records and keeping the ones it rejects.

An import never drops a record silently: each one read is imported, merged into an
existing claim (a duplicate), or written to the rejects file with its line number and
the reason, so that the counts always add up and a user can fix and re-run the rejects.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

Progress = Callable[[int], None]
"""Called with how many more records (or bytes) have been processed."""


def no_progress(_: int) -> None:
    """The progress callback of a run with no terminal to draw on."""


class Rejected(Exception):
    """One record cannot be imported; the message says why, the import goes on."""


@dataclass
class Rejects:
    """The rejects file: one JSON line per record, opened only when the first one comes."""

    path: Path
    _file: TextIO | None = field(default=None, init=False, repr=False)

    def write(self, line: int, reason: str, record: Any) -> None:
        if self._file is None:
            self._file = self.path.open("w", encoding="utf-8")
        entry = {"line": line, "reason": reason, "record": record}
        try:
            text = json.dumps(entry, ensure_ascii=False, default=str)
        except RecursionError:
            entry["record"] = "(nested too deeply to write back)"
            text = json.dumps(entry, ensure_ascii=False, default=str)
        self._file.write(text + "\n")

    @property
    def written(self) -> bool:
        """Whether this run has created the file."""
        return self._file is not None

    def close(self) -> None:
        if self._file is not None:
            self._file.close()


@dataclass
class ImportStats:
    """Counts that always add up: read = imported + merged + rejected."""

    read: int = 0
    imported: int = 0
    merged: int = 0
    rejected: int = 0
    rejects: Rejects | None = None

    def reject(self, line: int, reason: str, record: Any) -> None:
        self.rejected += 1
        if self.rejects is not None:
            self.rejects.write(line, reason, record)

    def summary(self) -> str:
        text = (
            f"read {self.read}, imported {self.imported}, "
            f"merged {self.merged} as duplicates, rejected {self.rejected}"
        )
        if self.rejected and self.rejects is not None:
            text += f" (see {self.rejects.path})"
        return text

    def as_dict(self) -> dict[str, int]:
        return {
            "read": self.read,
            "imported": self.imported,
            "merged": self.merged,
            "rejected": self.rejected,
        }
