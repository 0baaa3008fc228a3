"""Register workbooks (IMPORT_FORMAT.md): column specs, a streaming reader, the import and the export.

- `workbooks.service.register_import(*, source, user, dry_run, ...)` imports a workbook or CSV.
- `workbooks.export.xlsx_response(user, sheets, filename)` answers a download of any list.
- `workbooks.registry` holds the sheet handlers; a new sheet is one new handler.
"""
