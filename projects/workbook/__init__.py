"""Register workbooks (IMPORT_FORMAT.md): column specs, a streaming reader, the import and the export.

- `projects.workbook.service.register_import(*, source, user, dry_run, ...)` imports a workbook or CSV.
- `projects.workbook.export.xlsx_response(user, sheets, filename)` answers a download of any list.
- `projects.workbook.registry` holds the sheet handlers; a new sheet is one new handler.
"""
