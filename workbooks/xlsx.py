"""The cell values of an .xlsx workbook, read as a stream, sheet by sheet.

openpyxl's read-only mode reads each sheet twice when the file states no dimension (files written
in openpyxl's write-only mode, such as the register's own exports, do not), and
builds a dict and a rich-text object for every cell. The import needs only the values, so the
workbook's parts (shared strings, date styles, sheet list) are read by openpyxl and each sheet's rows
here, once, with the values openpyxl's `iter_rows(values_only=True)` gives for a workbook opened
with `data_only=True` (tests/workbooks/test_reading.py compares the two). One difference:
the sheet's stated dimension is not read, so a file whose dimension is too small is still read whole
(openpyxl would stop at it).

openpyxl has no public API for the parts read here; the names it uses that are not public are listed in
`OPENPYXL_PRIVATE` and tested against the pinned openpyxl version (tests/workbooks/test_reading.py).
A cell the file does not hold as Excel would write it (a reference such as ZZZZ3, a row numbered "x3",
a number that is not one, a date 2020-13-45, a boolean "yes", a shared string that is not there, text
longer than Excel's 32,767 characters) raises `BadCell` with the reason.
"""

from django.conf import settings
from django.utils.translation import gettext as _
from lxml import etree
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.utils.cell import column_index_from_string
from openpyxl.utils.datetime import from_excel, from_ISO8601
from openpyxl.xml.constants import SHEET_MAIN_NS

ROW = f"{{{SHEET_MAIN_NS}}}row"
VALUE = f"{{{SHEET_MAIN_NS}}}v"
INLINE = f"{{{SHEET_MAIN_NS}}}is"
TEXT = f"{{{SHEET_MAIN_NS}}}t"
RUN = f"{{{SHEET_MAIN_NS}}}r"
DIGITS = "0123456789"
# The names this module uses that openpyxl does not document (openpyxl is pinned in pyproject.toml).
OPENPYXL_PRIVATE = (
    ("openpyxl.reader.excel.ExcelReader", "read_manifest"), ("openpyxl.reader.excel.ExcelReader", "read_strings"),
    ("openpyxl.reader.excel.ExcelReader", "read_workbook"), ("openpyxl.reader.workbook.WorkbookParser", "find_sheets"),
    ("openpyxl.workbook.workbook.Workbook", "_date_formats"),
    ("openpyxl.workbook.workbook.Workbook", "_timedelta_formats"),
    ("openpyxl.styles.stylesheet", "apply_stylesheet"),
)


class BadCell(ValueError):
    """A cell or row the file does not hold as Excel writes it: its row and the reason."""

    def __init__(self, row, reason):
        super().__init__(reason)
        self.row = row
        self.reason = reason


class XlsxWorkbook:
    """An open workbook: `sheets` is [(title, part name)], `rows(part)` yields (row number, values)."""

    def __init__(self, source, *, max_chars=None):
        reader = ExcelReader(source, read_only=True, data_only=True)
        self.archive = reader.archive
        try:
            reader.read_manifest()
            reader.read_strings()
            reader.read_workbook()
            workbook = reader.parser.wb
            apply_stylesheet(reader.archive, workbook)
            self.sheets = [
                (sheet.name, rel.target) for sheet, rel in reader.parser.find_sheets()
                if rel.target in reader.valid_files and "chartsheet" not in rel.Type
            ]
        except BaseException:
            self.archive.close()
            raise
        self.strings = reader.shared_strings
        self.max_chars = settings.WORKBOOK_LIMITS["cell_chars"] if max_chars is None else max_chars
        if any(len(text) > self.max_chars for text in self.strings):
            self.archive.close()
            raise ValueError("a shared string longer than the cell limit")
        self.epoch = workbook.epoch
        self.date_styles = workbook._date_formats
        self.timedelta_styles = workbook._timedelta_formats

    def close(self):
        self.archive.close()

    def part_size(self, part):
        """The unpacked size in bytes of a sheet's part."""
        return self.archive.getinfo(part).file_size

    def rows(self, part):
        """(row number, [values]) for every row the sheet holds, cells missing in a row as None.

        lxml hands over the <row> elements only (no entity is expanded, nothing fetched); each row read is
        removed from the parsed tree, so memory stays flat in the sheet's length.
        """
        with self.archive.open(part) as source:
            number = 0
            for _event, element in etree.iterparse(source, events=("end",), tag=ROW, resolve_entities=False,
                                                   no_network=True, huge_tree=False, remove_comments=True):
                number = _row_number(element.get("r"), number)
                try:
                    values = self._values(element)
                except BadCell as error:
                    error.row = number
                    raise
                element.clear()
                parent = element.getparent()
                while parent is not None and element.getprevious() is not None:
                    del parent[0]  # the rows read so far: they would still be kept in the tree
                yield number, values

    def _values(self, row):
        values, column, limit = [], 0, self.max_chars
        for cell in row:
            reference = cell.get("r")
            column = _column(reference) if reference else column + 1
            kind, value = cell.get("t"), None
            try:
                if len(cell) == 1:  # the usual cells, read here: <is><t>…</t></is>, <v>…</v> of a number or string
                    child = cell[0]
                    if kind == "inlineStr":
                        if child.tag == INLINE and len(child) == 1:
                            first = child[0]
                            if first.tag == TEXT:
                                value = first.text or ""
                    elif child.tag == VALUE:
                        raw = child.text
                        if raw and (kind is None or kind == "n"):
                            value = self._number(raw, cell)
                        elif raw and kind == "s":
                            value = self.strings[int(raw)]
                if value is None:
                    value = self._value(cell)
            except (ValueError, IndexError, TypeError, OverflowError) as error:
                raise BadCell(None, _cell_reason(cell, reference)) from error
            if value is None:
                continue
            if value.__class__ is str and len(value) > limit:
                raise BadCell(None, _("cell %(cell)s holds more than %(limit)s characters.")
                              % {"cell": reference or column, "limit": f"{limit:,}"})
            width = len(values)
            if column > width:
                if column - 1 > width:
                    values.extend([None] * (column - 1 - width))
                values.append(value)
            else:
                values[column - 1] = value
        return values

    def _number(self, raw, cell):
        """A number cell's value: int or float, or a date or time when its style is one."""
        value = float(raw) if "." in raw or "E" in raw or "e" in raw else int(raw)
        style = int(cell.get("s") or 0)
        if style in self.date_styles:
            try:
                return from_excel(value, self.epoch, timedelta=style in self.timedelta_styles)
            except (OverflowError, ValueError):
                return "#VALUE!"  # as openpyxl: a date serial out of range
        return value

    def _value(self, cell):
        kind = cell.get("t", "n")
        if kind == "inlineStr":
            inline = cell.find(INLINE)
            if inline is None:
                return None
            if len(inline) == 1 and inline[0].tag == TEXT:
                return inline[0].text or ""  # the usual <is><t>…</t></is>
            return _inline_text(inline)
        value = cell.findtext(VALUE) or None
        if value is None:
            return None
        if kind == "n":
            return self._number(value, cell)
        if kind == "s":
            return self.strings[int(value)]
        if kind == "b":
            if value not in ("0", "1"):
                raise ValueError(value)
            return value == "1"
        if kind == "d":
            return from_ISO8601(value)
        return value  # "str" (a formula's text) and "e" (an error such as #N/A)


_COLUMNS = {}  # column letters -> index, as met


def _column(reference):
    letters = reference.rstrip(DIGITS)
    found = _COLUMNS.get(letters)
    if found is not None and letters != reference:
        return found
    try:
        if not letters or letters == reference:
            raise ValueError(reference)
        found = _COLUMNS[letters] = column_index_from_string(letters)
        return found
    except ValueError:
        raise BadCell(None, _("the cell reference “%(cell)s” is not valid.") % {"cell": reference[:20]}) from None


def _row_number(attribute, previous):
    if not attribute:
        return previous + 1
    try:
        number = int(attribute) if attribute.isdigit() else int(float(attribute))
    except (ValueError, OverflowError):
        number = 0
    if number < 1 or number <= previous:
        raise BadCell(previous + 1, _("the row number “%(row)s” is not valid.") % {"row": attribute[:20]})
    return number


def _cell_reason(cell, reference):
    """Why a cell's value cannot be read, by its type."""
    kind = cell.get("t", "n")
    raw = (cell.findtext(VALUE) or "")[:20]
    where = {"cell": reference or "?", "value": raw}
    if kind == "s":
        return _("cell %(cell)s refers to a text the file does not hold.") % where
    if kind == "b":
        return _("cell %(cell)s: “%(value)s” is not TRUE or FALSE.") % where
    if kind == "d":
        return _("cell %(cell)s: “%(value)s” is not a date.") % where
    return _("cell %(cell)s: “%(value)s” is not a number.") % where


def _inline_text(inline):
    """The text of an inline string without its formatting or phonetic runs (openpyxl's Text.content)."""
    parts = []
    for child in inline:
        if child.tag == TEXT:
            if child.text is not None:
                parts.append(child.text)
        elif child.tag == RUN:
            text = child.findtext(TEXT)
            if text is not None:
                parts.append(text)
    return "".join(parts)
