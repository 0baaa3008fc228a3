"""Streaming reading of a workbook (.xlsx, through openpyxl's read-only mode) or of a one-sheet CSV file."""

import csv
import io
import zipfile
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from .values import is_blank, text


class UnreadableFile(Exception):
    """The file cannot be read at all; the message says why, in the user's language."""


@dataclass
class Sheet:
    """One sheet: its name, its header row, and an iterator of (row number, cells) after the header."""

    name: str
    headers: list
    rows: Any
    total: int | None = None


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
            self._workbook = load_workbook(self.source, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
            raise UnreadableFile(_("The file is not an .xlsx workbook or a .csv file.")) from error
        for worksheet in self._workbook.worksheets:
            rows = worksheet.iter_rows(values_only=True)
            header = next(rows, None) or ()
            total = worksheet.max_row - 1 if worksheet.max_row else None
            yield Sheet(text(worksheet.title), header_names(header), _numbered(rows), total)

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
        return Sheet(self.sheet, header_names(header), _numbered(_decoded(reader)))


def _decoded(reader):
    try:
        yield from reader
    except UnicodeDecodeError as error:
        raise UnreadableFile(_("The file is not UTF-8 text: save it again as “CSV UTF-8”.")) from error


def _numbered(rows):
    """(row number, cells) for every row after the header that is not blank."""
    for number, cells in enumerate(rows, start=2):
        if cells and not all(is_blank(cell) for cell in cells):
            yield number, cells

