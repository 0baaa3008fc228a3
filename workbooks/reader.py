"""Streaming reading of a workbook (.xlsx, see xlsx.py) or of a one-sheet CSV file."""

import csv
import io
import itertools
import zipfile
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from .values import is_blank, text
from .xlsx import XlsxWorkbook


class UnreadableFile(Exception):
    """The file cannot be read at all; the message says why, in the user's language."""


@dataclass
class Sheet:
    """One sheet: its name, its header row, and an iterator of (row number, cells) after the header."""

    name: str
    headers: list
    rows: Any


def kind_of(filename):
    """"xlsx" or "csv" from the file name."""
    lower = (filename or "").lower()
    if lower.endswith((".xlsx", ".xlsm")):
        return "xlsx"
    if lower.endswith(".csv"):
        return "csv"
    raise UnreadableFile(_("The file is not an .xlsx workbook or a .csv file."))


def header_names(cells):
    """Header names with spaces trimmed."""
    return [text(cell) for cell in cells]


class WorkbookReader:
    """Open `source` (a path or a binary file object) and yield its sheets one at a time.

    Use as a context manager; `sheet` names the sheet a CSV file holds.
    """

    def __init__(self, source, *, filename, sheet=None):
        self.source = source
        self.filename = filename
        self.sheet = sheet
        self.kind = kind_of(filename)
        self._workbook = None
        self._text = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self._workbook is not None:
            self._workbook.close()
        if self._text is not None:
            self._text.detach()

    def sheets(self):
        if self.kind == "xlsx":
            yield from self._xlsx_sheets()
        else:
            yield self._csv_sheet()

    def _xlsx_sheets(self):
        try:
            self._workbook = XlsxWorkbook(self.source)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
            raise UnreadableFile(_("The file is not an .xlsx workbook or a .csv file.")) from error
        for title, part in self._workbook.sheets:
            rows = self._workbook.rows(part)
            first = next(rows, None)
            if first is not None and first[0] != 1:  # no row 1: the header is empty, the row is data
                rows, first = itertools.chain([first], rows), None
            header = first[1] if first else ()
            yield Sheet(text(title), header_names(header), _not_blank(rows))

    def _csv_sheet(self):
        if not self.sheet:
            raise UnreadableFile(_("Choose the sheet the CSV file holds."))
        stream = self.source if hasattr(self.source, "read") else open(self.source, "rb")  # noqa: SIM115
        # utf-8-sig: the BOM Excel writes is dropped, a file without one reads the same.
        self._text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="strict", newline="")
        reader = csv.reader(self._text)
        try:
            header = next(reader, [])
        except UnicodeDecodeError as error:
            raise UnreadableFile(_("The file is not UTF-8 text: save it again as “CSV UTF-8”.")) from error
        return Sheet(self.sheet, header_names(header), _not_blank(enumerate(_decoded(reader), start=2)))


def _decoded(reader):
    try:
        yield from reader
    except UnicodeDecodeError as error:
        raise UnreadableFile(_("The file is not UTF-8 text: save it again as “CSV UTF-8”.")) from error


def _not_blank(rows):
    """The (row number, cells) after the header whose cells are not all blank."""
    for number, cells in rows:
        if cells and not all(is_blank(cell) for cell in cells):
            yield number, cells

