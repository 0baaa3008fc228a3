"""Writing register workbooks: the same sheets and columns the import reads, so export → import round-trips."""

import tempfile

from django.http import FileResponse
from openpyxl import Workbook

from households.audit import audit
from households.masking import can_see_identifiers, mask_id_number, mask_phone

from .cells import xlsx_row
from .registry import handler, handlers

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHUNK = 2000


def register_sheets(user, area=None):
    """{sheet name: queryset} of every sheet, for the user's area (None: the whole district), within `area`."""
    return {h.name: h.queryset(user, area) for h in handlers()}


def _identifiers(full):
    if full:
        return lambda value, kind: value
    return lambda value, kind: mask_id_number(value) if kind == "id" else mask_phone(value)


def write_workbook(target, sheets, *, user=None, full_identifiers=None):
    """Write `sheets` ({sheet name: queryset}) to `target` (a path or binary file); return rows per sheet.

    With a `user`, rows are limited to the user's area and ID and phone numbers are masked unless the
    user may see them; without one (the command line) everything is written whole.
    """
    if full_identifiers is None:
        full_identifiers = user is None or can_see_identifiers(user)
    identifiers = _identifiers(full_identifiers)
    known = {name: handler(name) for name in sheets}
    unknown = [name for name, h in known.items() if h is None]
    if unknown:
        raise ValueError(f"Unknown sheet names: {unknown}")
    workbook = Workbook(write_only=True)
    counts = {}
    for sheet_handler in handlers():
        if sheet_handler.name not in sheets:
            continue
        queryset = sheet_handler.coerce(sheets[sheet_handler.name])
        if user is not None:
            queryset = queryset & sheet_handler.queryset(user)
        worksheet = workbook.create_sheet(sheet_handler.name)
        worksheet.append(sheet_handler.headers)
        count = 0
        for obj in sheet_handler.prepare(queryset).iterator(chunk_size=CHUNK):
            worksheet.append(xlsx_row(worksheet, sheet_handler.export_row(obj, identifiers)))
            count += 1
        counts[sheet_handler.name] = count
    workbook.save(target)
    return counts


def xlsx_response(user, sheets, filename):
    """A download of `sheets` ({sheet name from IMPORT_FORMAT.md: queryset of its rows}) as `filename`.

    For the "export" buttons of the staff lists: the same sheets and columns as the import reads.
    Rows are limited to the user's area; ID and phone numbers are masked unless the user holds
    `households.view_full_identifiers`. The export is recorded in the "shuangta.audit" log.
    """
    spool = tempfile.TemporaryFile()  # noqa: SIM115  (closed by FileResponse)
    counts = write_workbook(spool, sheets, user=user)
    spool.seek(0)
    log_export(user, filename, counts)
    return FileResponse(spool, as_attachment=True, filename=filename, content_type=XLSX)


def log_export(user, filename, counts):
    """Record an export (who, which file, rows per sheet) in the audit log, with no personal data."""
    audit(
        "workbook_export", user=user, username=None if user else "manage.py", file=filename,
        rows=",".join(f"{name}:{count}" for name, count in counts.items()) or "0",
    )


def columns_xlsx(user, rows, headers, cells, filename, sheet_name):
    """A download of `rows` (a queryset) as a sheet of `headers` and `cells(row)`, written as they come."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(str(sheet_name)[:31])
    sheet.append(xlsx_row(sheet, [str(header) for header in headers]))
    count = 0
    for row in rows.iterator(chunk_size=CHUNK):
        sheet.append(xlsx_row(sheet, cells(row)))
        count += 1
    spool = tempfile.TemporaryFile()  # noqa: SIM115  (closed by FileResponse)
    workbook.save(spool)
    spool.seek(0)
    log_export(user, filename, {str(sheet_name): count})
    return FileResponse(spool, as_attachment=True, filename=filename, content_type=XLSX)
