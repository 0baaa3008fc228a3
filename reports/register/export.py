"""A list downloaded as it is on screen: its columns, one row per row of the list (all pages)."""

import tempfile

from django.http import FileResponse
from openpyxl import Workbook

from projects.workbook.export import CHUNK, XLSX, log_export


def columns_xlsx(user, rows, headers, cells, filename, sheet_name):
    """A download of `rows` (a queryset) as a sheet of `headers` and `cells(row)`, written as they come."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(str(sheet_name)[:31])
    sheet.append([str(header) for header in headers])
    count = 0
    for row in rows.iterator(chunk_size=CHUNK):
        sheet.append(cells(row))
        count += 1
    spool = tempfile.TemporaryFile()  # noqa: SIM115  (closed by FileResponse)
    workbook.save(spool)
    spool.seek(0)
    log_export(user, filename, {str(sheet_name): count})
    return FileResponse(spool, as_attachment=True, filename=filename, content_type=XLSX)
