"""Streaming reading of a workbook (.xlsx, see xlsx.py; legacy .xls) or of a CSV file, within the upload limits.

Every sheet comes out as (Excel row number, cells) for its non-blank rows, title rows included: which
row is the header is decided by the layouts (layouts.py). A file that cannot be read, or that is over
a limit of `settings.WORKBOOK_LIMITS`, raises `UnreadableFile` with the reason in the user's language.
"""

import codecs
import csv
import io
import os
import queue
import threading
import zipfile
import zlib
from dataclasses import dataclass
from typing import Any
from xml.etree.ElementTree import ParseError

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from . import reading_process
from .values import is_blank
from .xlsx import BadCell, XlsxWorkbook

SNIFF = 64 * 1024  # bytes read to tell UTF-8 from GB18030
BIG_PART = 2**20  # parts of an .xlsx smaller than this are not held to the compression ratio
CSV_FIELD_LIMIT = 131_072  # the csv module's default limit, kept explicit


class UnreadableFile(Exception):
    """The file cannot be read at all; the message says why, in the user's language."""


def unreadable(reason):
    """The error for a file that cannot be read, with the reason."""
    return UnreadableFile(_("The file cannot be read: %(reason)s") % {"reason": reason})


def limits():
    return settings.WORKBOOK_LIMITS


@dataclass
class Sheet:
    """One sheet as read: its name and an iterator of (row number, cells) of its non-blank rows."""

    name: str
    rows: Any


def kind_of(filename):
    """"xlsx", "xls" or "csv" from the file name."""
    lower = (filename or "").lower()
    if lower.endswith((".xlsx", ".xlsm")):
        return "xlsx"
    if lower.endswith(".xls"):
        return "xls"
    if lower.endswith(".csv"):
        return "csv"
    raise UnreadableFile(_("The file is not an .xlsx or .xls workbook or a .csv file."))


def size_of(source):
    """The size in bytes of a path or a seekable binary file."""
    if hasattr(source, "seek"):
        position = source.seek(0, os.SEEK_END)
        source.seek(0)
        return position
    return os.path.getsize(source)


def check_upload_size(size):
    """Refuse a file larger than the upload limit."""
    limit = limits()["upload_bytes"]
    if size > limit:
        raise UnreadableFile(_("The file is larger than %(limit)s MB.") % {"limit": limit // 2**20})


def check_zip(source):
    """Refuse an .xlsx whose parts unpack to more than the limit, or compress more than the ratio allows.

    Read from the zip directory alone, before any part is unpacked.
    """
    try:
        with zipfile.ZipFile(source) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise UnreadableFile(_("The file is not an .xlsx or .xls workbook or a .csv file.")) from error
    finally:
        if hasattr(source, "seek"):
            source.seek(0)
    unpacked = sum(part.file_size for part in parts)
    if unpacked > limits()["unpacked_bytes"]:
        raise UnreadableFile(_("The workbook unpacks to more than %(limit)s MB.")
                             % {"limit": limits()["unpacked_bytes"] // 2**20})
    for part in parts:
        if part.file_size > BIG_PART and part.file_size > limits()["ratio"] * max(part.compress_size, 1):
            raise UnreadableFile(_("The workbook is compressed more than %(ratio)s times: it is not a register "
                                   "workbook.") % {"ratio": limits()["ratio"]})


class WorkbookReader:
    """Open `source` (a path or a binary file object) and yield its sheets one at a time.

    Use as a context manager; a CSV file's one sheet is named `sheet` (or the file's name).
    """

    def __init__(self, source, *, filename, sheet=None):
        self.source = source
        self.filename = filename
        self.sheet = sheet
        self.kind = kind_of(filename)
        self._workbook = None
        self._text = None
        self._opened = None
        self._ahead = []

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        for rows in self._ahead:
            rows.close()  # its thread ends before the file closes
        if self._workbook is not None:
            self._workbook.close()
        if self._text is not None:
            self._text.detach()
        if self._opened is not None:
            self._opened.close()

    def sheets(self):
        check_upload_size(size_of(self.source))
        if self.kind == "xlsx":
            check_zip(self.source)
            yield from self._xlsx_sheets()
        elif self.kind == "xls":
            yield from self._xls_sheets()
        else:
            yield self._csv_sheet()

    # .xlsx ------------------------------------------------------------------------------------

    def _xlsx_sheets(self):
        try:
            self._workbook = XlsxWorkbook(self.source)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, ParseError, zlib.error,
                EOFError) as error:
            raise UnreadableFile(_("The file is not an .xlsx or .xls workbook or a .csv file.")) from error
        for title, part in self._workbook.sheets:
            read = reading_process.sheet_rows(self.source, title, part, self._workbook)
            rows = _checked(title, read, cells=False)
            self._ahead += [rows, read]  # closed in __exit__: the thread or the process ends
            yield Sheet(str(title).strip(), rows)

    # .xls -------------------------------------------------------------------------------------

    def _xls_sheets(self):
        from python_calamine import CalamineWorkbook

        try:
            if hasattr(self.source, "read"):
                self.source.seek(0)
                workbook = CalamineWorkbook.from_filelike(self.source)
            else:
                workbook = CalamineWorkbook.from_path(str(self.source))
        except Exception as error:  # calamine raises its own error types for every kind of damage
            raise UnreadableFile(_("The file is not an .xlsx or .xls workbook or a .csv file.")) from error
        for name in workbook.sheet_names:
            yield Sheet(str(name).strip(), _checked(name, _xls_rows(workbook, name)))

    # CSV --------------------------------------------------------------------------------------

    def _csv_sheet(self):
        if hasattr(self.source, "read"):
            stream = self.source
        else:
            stream = self._opened = open(self.source, "rb")  # noqa: SIM115  (closed in __exit__)
        encoding = _encoding(stream)
        self._text = io.TextIOWrapper(stream, encoding=encoding, errors="strict", newline="")
        name = self.sheet or ""  # found from its columns: named after the register sheet it is read as
        return Sheet(name, _checked(name or self.filename, self._csv_rows(csv.reader(self._text))))

    def _csv_rows(self, reader):
        csv.field_size_limit(CSV_FIELD_LIMIT)
        try:
            yield from enumerate(reader, start=1)
        except UnicodeDecodeError as error:
            raise unreadable(_("the text is neither UTF-8 nor GB18030: save it again as “CSV UTF-8”.")) from error
        except csv.Error as error:
            raise unreadable(_("row %(row)s: a field is longer than %(limit)s characters or not closed.")
                             % {"row": reader.line_num, "limit": CSV_FIELD_LIMIT}) from error


def xlsx_rows(workbook, title, part):
    """(row number, cells) of one sheet of an open `XlsxWorkbook`; what cannot be read raises `UnreadableFile`."""
    try:
        yield from workbook.rows(part)
    except BadCell as error:
        raise unreadable(_("sheet %(sheet)s, row %(row)s: %(reason)s")
                         % {"sheet": title, "row": error.row, "reason": error.reason}) from error
    except (ParseError, SyntaxError) as error:
        raise unreadable(_("the sheet %(sheet)s is damaged or cut off.") % {"sheet": title}) from error
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, KeyError) as error:
        raise unreadable(_("the file is damaged or cut off.")) from error


READ_AHEAD = (200, 4)  # rows a chunk, chunks waiting: what a sheet's thread reads ahead of the import


def read_ahead(rows):
    """The items of the iterator `rows`, read by a thread of their own up to 800 ahead, and whatever it raises.

    An .xlsx sheet's rows are parsed while the import checks and writes the rows before them, which waits for
    the database for about a third of its time: the same rows in the same order, the same errors at the
    same row (raised here, in the caller's thread, with messages in the caller's language). Memory stays
    bounded (at most 800 rows held). Closing the generator (or reaching the end) ends the thread.
    """
    size, depth = READ_AHEAD
    chunks, stop = queue.Queue(maxsize=depth), threading.Event()
    language = translation.get_language()

    def put(item):
        while not stop.is_set():
            try:
                chunks.put(item, timeout=0.05)
                return True
            except queue.Full:
                continue
        return False

    def produce():
        chunk = []
        try:
            with translation.override(language):
                for item in rows:
                    chunk.append(item)
                    if len(chunk) == size:
                        if not put(chunk):
                            return
                        chunk = []
            put(chunk) and put(_END)
        except BaseException as error:  # handed to the caller, raised there
            put(chunk) and put(_Raised(error))
        finally:
            if hasattr(rows, "close"):
                rows.close()

    thread = None
    try:
        thread = threading.Thread(target=produce, name="workbook-read-ahead", daemon=True)
        thread.start()
        while True:
            item = chunks.get()
            if item is _END:
                return
            if isinstance(item, _Raised):
                raise item.error
            yield from item
    finally:
        stop.set()
        if thread is not None:
            thread.join()


_END = object()


@dataclass
class _Raised:
    error: BaseException


def _xls_rows(workbook, name):
    """(row number, cells) of one .xls sheet, read by calamine (a sheet is at most 65,536 rows)."""
    try:
        sheet = workbook.get_sheet_by_name(name)
        first = sheet.start[0] if sheet.start else 0
        for number, row in enumerate(sheet.iter_rows(), start=first + 1):
            yield number, list(row)
    except Exception as error:  # calamine raises its own error types for every kind of damage
        raise unreadable(_("the sheet %(sheet)s is damaged or cut off.") % {"sheet": name}) from error


def _encoding(stream):
    """"utf-8-sig" when the start of the file is UTF-8 (with or without BOM), else "gb18030" (Chinese Excel)."""
    stream.seek(0)
    head = stream.read(SNIFF)
    stream.seek(0)
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=len(head) < SNIFF)
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8-sig"


def _checked(title, rows, cells=True):
    """The non-blank rows, refusing a sheet over the row limit or (`cells`) a cell over Excel's length limit.

    An .xlsx file's cells are measured as they are read (xlsx.py).
    """
    max_rows, max_chars = limits()["rows"], limits()["cell_chars"]
    for number, values in rows:
        if number > max_rows:
            raise UnreadableFile(_("The sheet %(sheet)s has more than %(limit)s rows.")
                                 % {"sheet": title, "limit": f"{max_rows:,}"})
        if not values or all(is_blank(cell) for cell in values):
            continue
        if cells and any(isinstance(cell, str) and len(cell) > max_chars for cell in values):
            raise UnreadableFile(too_long(title, number, max_chars))
        yield number, values


def too_long(title, number, limit):
    return _("Sheet %(sheet)s, row %(row)s: a cell holds more than %(limit)s characters.") % {
        "sheet": title, "row": number, "limit": f"{limit:,}"}
