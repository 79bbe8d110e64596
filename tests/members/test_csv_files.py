"""The admin's CSV format (members/csv_files.py): formulae escaped on the way out and
restored on the way in, files that are not readable CSV refused with the line at fault, and
an upload taken out of the cache once."""

import pytest
import tablib

from members.csv_files import (
    UPLOAD_NAME,
    CsvReadError,
    SafeCSV,
    UploadStorage,
    cell_escape,
    cell_unescape,
)

CELLS = [
    "",
    "plain",
    "=1+1",
    "==1+1",
    "+31 20 123",
    "-2",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
    "'",
    "'quoted",
    "'=1+1",
    "''=1+1",
    "a=b",
    "O'Brien",
]


def test_cell_escape_leaves_no_formula_start_and_unescape_restores_every_cell():
    escaped = [cell_escape(cell) for cell in CELLS]

    assert [cell for cell in escaped if cell[:1] in {"=", "+", "-", "@", "\t", "\r"}] == []
    assert [cell_unescape(cell) for cell in escaped] == CELLS


def test_cell_escape_leaves_values_that_are_not_text():
    assert [cell_escape(value) for value in (None, 3, True)] == [None, 3, True]


def test_export_then_read_gives_the_same_rows():
    dataset = tablib.Dataset(*[(cell, "x") for cell in CELLS], headers=["value", "other"])

    text = SafeCSV(encoding="utf-8-sig").export_data(dataset)
    again = SafeCSV(encoding="utf-8-sig").create_dataset(text.encode())

    assert (again.headers, [row[0] for row in again]) == (["value", "other"], CELLS)


def test_read_line_with_too_many_values_names_the_line():
    content = b"slug,name\nacme,Acme\nfoo,Foo, Inc.\n"

    with pytest.raises(CsvReadError, match=r"^Line 3 has 3 values but the first line names 2"):
        SafeCSV(encoding="utf-8-sig").create_dataset(content)


def test_read_nul_byte_names_the_line():
    content = b"slug,name\nacme,Acme\nfoo,F\x00oo\n"

    with pytest.raises(CsvReadError, match=r"^Line 3 holds a NUL byte"):
        SafeCSV(encoding="utf-8-sig").create_dataset(content)


def test_read_field_beyond_the_csv_limit_names_the_line():
    content = b'slug,name\nacme,Acme\nfoo,"' + b"x" * 200_000 + b'"\n'

    with pytest.raises(CsvReadError, match=r"^Line 3 is not valid CSV: field larger than"):
        SafeCSV(encoding="utf-8-sig").create_dataset(content)


def test_read_short_line_is_padded_and_blank_lines_skipped():
    dataset = SafeCSV(encoding="utf-8-sig").create_dataset(b"\xef\xbb\xbfslug,name\n\nacme\n")

    assert (dataset.headers, list(dataset)) == (["slug", "name"], [("acme", "")])


def test_upload_claimed_once_then_gone():
    storage = UploadStorage(encoding="utf-8-sig")
    storage.save(b"slug,name\nacme,Acme\n")
    named = UploadStorage(name=storage.name, encoding="utf-8-sig")

    assert (
        UPLOAD_NAME.fullmatch(storage.name or "") is not None,
        named.claim(),
        named.claim(),
    ) == (
        True,
        b"slug,name\nacme,Acme\n",
        None,
    )
