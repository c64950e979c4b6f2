"""Reading a user's file: the one place that opens it and says, in one line, why not.

Every format reads its files through here, so that the same problem gets the same
message whatever the command: ``cannot read PATH: reason`` when the file cannot be
opened, ``not UTF-8 (byte N, 0xXX): save the file as UTF-8`` when a byte is not text
(N counts from 1 within what was decoded: the file, or the line the caller names).
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from factdb.errors import InvalidInput


def open_file(path: Path) -> BinaryIO:
    """``path`` opened for reading bytes."""
    try:
        return path.open("rb")
    except OSError as error:
        raise InvalidInput(f"cannot read {path}: {error.strerror or error}") from None


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """The whole file; over ``limit`` bytes is refused before it is read."""
    with open_file(path) as file:
        data = file.read(limit + 1) if limit is not None else file.read()
    if limit is not None and len(data) > limit:
        raise InvalidInput(f"{path}: over the limit of {limit} bytes: split the file")
    return data


def decode(data: bytes, *, bom: bool = False) -> str:
    """``data`` as UTF-8 text (a leading byte-order mark dropped when ``bom``)."""
    try:
        return data.decode("utf-8-sig" if bom else "utf-8")
    except UnicodeDecodeError as error:
        raise InvalidInput(
            f"not UTF-8 (byte {error.start + 1}, {data[error.start]:#04x}): save the file as UTF-8"
        ) from None
