"""Cells as every export writes them: text never runs as a formula, and no stored text can break a file.

OWASP's rule for spreadsheet exports: a text that starts with = + - @, a tab or a carriage return may be
read as a formula. In an .xlsx file such a text is written as a text cell (never as a formula, whatever
it starts with); in a CSV file, which has no cell types, it is prefixed with an apostrophe. Characters
no XML file may hold (NUL, BEL … , which an old import may have stored) are written as U+FFFD instead of
making the export fail.
"""

import datetime

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
REPLACEMENT = "\ufffd"


def clean_text(value):
    """The text with the characters an .xlsx file cannot hold replaced."""
    return ILLEGAL_CHARACTERS_RE.sub(REPLACEMENT, value)


def xlsx_cell(worksheet, value, *, date_format="yyyy-mm-dd"):
    """A write-only cell (or the plain value) for `value`: dates formatted, text always as text."""
    if isinstance(value, str):
        value = clean_text(value)
        if value.startswith(FORMULA_START):
            cell = WriteOnlyCell(worksheet, value=value)
            cell.data_type = "s"
            return cell
        return value
    if isinstance(value, datetime.date):
        cell = WriteOnlyCell(worksheet, value=value)
        cell.number_format = date_format
        return cell
    return value


def xlsx_row(worksheet, values):
    """A row of cells for `worksheet.append` in a write-only workbook."""
    return [xlsx_cell(worksheet, value) for value in values]


def set_text(cell, value):
    """Put `value` in a cell of an ordinary (not write-only) workbook, text always as text."""
    if isinstance(value, str):
        cell.value = clean_text(value)
        cell.data_type = "s"
    else:
        cell.value = value


def csv_value(value):
    """A value for a CSV file: a text that could run as a formula starts with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
