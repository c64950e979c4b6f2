"""Reading a user's file: text, or one line saying why not, the same for every format."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factdb.errors import InvalidInput
from factdb.formats.reading import decode, read_bytes


@given(st.binary(max_size=200))
def test_any_bytes_are_text_or_one_clean_line(data):
    try:
        text = decode(data)
    except InvalidInput as error:
        message = str(error)
        assert "\n" not in message and message.endswith("save the file as UTF-8")
    else:
        assert text.encode("utf-8") == data


def test_the_message_names_the_byte_and_its_place():
    with pytest.raises(InvalidInput, match=r"^not UTF-8 \(byte 3, 0xe9\): save the file as UTF-8$"):
        decode(b"ab\xe9")


def test_a_byte_order_mark_is_dropped_when_asked():
    assert decode(b"\xef\xbb\xbfok", bom=True) == "ok"


def test_missing_and_oversized_files(tmp_path):
    with pytest.raises(InvalidInput, match=r"^cannot read .*nope: No such file or directory$"):
        read_bytes(tmp_path / "nope")
    big = tmp_path / "big"
    big.write_bytes(b"x" * 11)
    with pytest.raises(InvalidInput, match=r"over the limit of 10 bytes: split the file$"):
        read_bytes(big, 10)
    assert read_bytes(big, 11) == b"x" * 11
