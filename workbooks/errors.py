"""The errors workbook of a partial import: the rows left out, exactly as the file gave them, with 错误原因.

The clerk corrects the rows in it and imports it again: its sheets keep the file's sheet names and
header rows (title rows are not copied), so it is read as the file was.
"""

from openpyxl import Workbook

from .cells import xlsx_row
from .reader import WorkbookReader

REASON_HEADER = "错误原因"  # a column of the file format, not interface text


def write_errors_workbook(target, *, source, filename, result, sheet=None):
    """Write the rows `result.rejected` lists, read again from `source`; return the number of rows written."""
    headers = {name: row for name, _label, _register, row in result.layouts}
    workbook = Workbook(write_only=True)
    written = 0
    if hasattr(source, "seek"):
        source.seek(0)
    with WorkbookReader(source, filename=filename, sheet=sheet) as reader:
        for found in reader.sheets():
            if not found.name and len(headers) == 1:
                found.name = next(iter(headers))  # a CSV file, named when it was read
            rejected = result.rejected.get(found.name)
            if not rejected or found.name not in headers:
                continue
            worksheet = workbook.create_sheet(found.name[:31])
            width = 0
            for number, cells in found.rows:
                if number == headers[found.name]:
                    width = len(cells)
                    worksheet.append(xlsx_row(worksheet, [*cells, REASON_HEADER]))
                elif number in rejected:
                    cells = list(cells) + [None] * (width - len(cells))
                    worksheet.append(xlsx_row(worksheet, [*cells, "；".join(rejected[number])]))
                    written += 1
    if not workbook.worksheets:
        workbook.create_sheet(REASON_HEADER)
    workbook.save(target)
    return written
