"""The CSV files organizers download from and upload to the admin (django-import-export).

Exported cells that a spreadsheet would run as a formula are escaped, and an upload that is
not a readable CSV file is refused with a sentence that names the line at fault.

A cell that starts with =, +, -, @, a tab or a carriage return is a formula to Excel,
LibreOffice and Google Sheets (a job title "=HYPERLINK(...)" becomes a link that leaks the
sheet, "=cmd|..." can start a program), so such a cell goes out with a leading apostrophe,
which a spreadsheet shows as text. So that a file exported and imported again changes
nothing, a cell that starts with an apostrophe gets one more, and an import takes one
leading apostrophe off a cell that starts with an apostrophe and one of those characters.

django-import-export's own IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT is left off: in the
installed 4.4 it only deletes a first "=" (so "==1+1" still runs and "+", "-" and "@" pass
untouched) and changes the data for good.
"""

import csv
import io
import re
from typing import overload

import tablib
from django.core.cache import cache
from import_export.formats import base_formats
from import_export.tmp_storages import CacheStorage

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


@overload
def cell_escape(value: str) -> str: ...
@overload
def cell_escape(value: object) -> object: ...
def cell_escape(value: object) -> object:
    """The cell as it goes into the file: text a spreadsheet would run gets an apostrophe."""
    if isinstance(value, str) and value.startswith((*FORMULA_STARTS, QUOTE)):
        return QUOTE + value
    return value


def cell_unescape(value: str) -> str:
    """The cell as a file's reader meant it: the inverse of cell_escape."""
    if value.startswith(QUOTE) and value[1:].startswith((*FORMULA_STARTS, QUOTE)):
        return value[1:]
    return value


class CsvReadError(ValueError):
    """An upload that is not a CSV file this site can read; the message says why and where."""


class SafeCSV(base_formats.CSV):
    """CSV with formulae escaped on the way out, and unreadable files refused by line."""

    def export_data(self, dataset: tablib.Dataset, **kwargs) -> str:
        escaped = tablib.Dataset(headers=dataset.headers)
        for row in dataset:
            escaped.append([cell_escape(cell) for cell in row])
        return escaped.export("csv", **kwargs)

    def create_dataset(self, in_stream, **kwargs) -> tablib.Dataset:
        # A UnicodeDecodeError goes up as it is: the admin explains it with the byte.
        text = (
            in_stream.decode(self.encoding or "utf-8-sig")
            if isinstance(in_stream, bytes)
            else in_stream
        )
        if "\x00" in text:
            line = text.count("\n", 0, text.index("\x00")) + 1
            raise CsvReadError(
                f"Line {line} holds a NUL byte: this is not a text file. Save it as "
                "“CSV UTF-8” and import it again."
            )
        reader = csv.reader(io.StringIO(text))
        dataset = tablib.Dataset()
        try:
            for row in reader:
                if dataset.headers is None:
                    dataset.headers = [cell.strip() for cell in row]
                    continue
                if not row:
                    continue
                width = len(dataset.headers)
                if len(row) > width:
                    raise CsvReadError(
                        f"Line {reader.line_num} has {len(row)} values but the first line "
                        f"names {width} columns. Put values that hold a comma in double "
                        "quotes."
                    )
                dataset.append([cell_unescape(cell) for cell in row + [""] * (width - len(row))])
        except csv.Error as error:
            raise CsvReadError(f"Line {reader.line_num} is not valid CSV: {error}.") from error
        return dataset


# The names CacheStorage gives uploads (uuid4().hex): a confirmation naming anything else
# was not made by the preview.
UPLOAD_NAME = re.compile(r"[0-9a-f]{32}")


class UploadStorage(CacheStorage):
    """An upload between its preview and its confirmation, in the cache all app servers
    share (CacheStorage), for a day at most."""

    def claim(self) -> str | bytes | None:
        """Take the upload out: its data the first time, None when it is gone (imported,
        expired, or never there), so a confirmation posted twice imports once even when the
        two arrive together."""
        key = f"{self.CACHE_PREFIX}{self.name}"
        data = cache.get(key)
        if data is None or not cache.delete(key):
            return None
        return data
