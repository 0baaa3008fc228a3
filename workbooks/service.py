"""The import: every sheet of a file checked and written in one transaction, or nothing written."""

from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from households.audit import audit
from households.conflicts import record_identifier_conflicts
from households.models import IdentifierConflict

from .context import ImportContext, Issue
from .reader import UnreadableFile, WorkbookReader
from .registry import handler, handlers

PROGRESS_EVERY = 1000


@dataclass
class ImportResult:
    """What an import found and did: counts per sheet, errors and warnings (at most MAX_ISSUES listed)."""

    filename: str
    dry_run: bool
    imported: bool
    counts: dict = field(default_factory=dict)
    issues: list = field(default_factory=list)
    error_count: int = 0
    warning_count: int = 0
    changes: dict = field(default_factory=dict)

    @property
    def errors(self):
        return [i for i in self.issues if i.level == "error"]

    @property
    def warnings(self):
        return [i for i in self.issues if i.level == "warning"]

    @property
    def ok(self):
        return self.error_count == 0

    def sheet_counts(self):
        """[(sheet, rows, created, updated, unchanged)] in import order."""
        return [
            (name, c["rows"], c["created"], c["updated"], c["unchanged"]) for name, c in self.counts.items()
        ]


def register_import(*, source, user, dry_run, filename=None, sheet=None, progress=None):
    """Import a register workbook (.xlsx) or one sheet as CSV (`sheet` names it).

    All or nothing: the file is checked and written inside one transaction, rolled back when any row
    is wrong or when `dry_run`. `user` is recorded in the history and limits the rows to the user's
    area (None: the command line, the whole district). `progress(sheet, rows)` is called as rows are read.
    """
    filename = Path(str(filename or source)).name
    ctx = ImportContext(user=user, filename=filename, dry_run=dry_run, progress=progress)
    try:
        with transaction.atomic():
            ctx.keys.create()  # dropped below, or by the rollback when the import stops on an exception
            with WorkbookReader(source, filename=filename, sheet=sheet) as reader:
                _import_sheets(reader, ctx)
            ctx.keys.drop()
            if ctx.has_errors or dry_run:
                transaction.set_rollback(True)
    except UnreadableFile as error:
        ctx.error("", None, "", str(error))
    record_identifier_conflicts(user=user, source=IdentifierConflict.Source.IMPORT, attempts=ctx.identifier_conflicts)
    result = ImportResult(
        filename=filename, dry_run=dry_run, imported=not dry_run and not ctx.has_errors,
        counts={name: ctx.counts[name] for name in ctx.counts}, issues=ctx.issues,
        error_count=ctx.error_count, warning_count=ctx.warning_count, changes=ctx.changes,
    )
    _audit(result, user)
    return result


def _import_sheets(reader, ctx):
    found = {}
    for sheet in reader.sheets():
        known = handler(sheet.name)
        if known is None:
            ctx.warn(sheet.name, None, "", _("Unknown sheet, ignored."))
        elif sheet.name in found:
            ctx.warn(sheet.name, None, "", _("A second sheet of this name, ignored."))
        else:
            found[sheet.name] = sheet
    if not found:
        names = "、".join(h.name for h in handlers())
        ctx.error("", None, "", _("The file has none of the sheets the register reads: %(names)s.") % {"names": names})
        return
    for sheet_handler in handlers():
        if sheet_handler.name in found:
            rows = _columns(sheet_handler, found[sheet_handler.name], ctx)
            if rows is not None:
                sheet_handler.import_rows(rows, ctx)


def _columns(sheet_handler, sheet, ctx):
    """The sheet's rows as cells in the handler's column order, or None when a required column is missing."""
    wanted = set(sheet_handler.headers)
    index = {}
    for position, name in enumerate(sheet.headers):
        if not name:
            continue
        if name not in wanted:
            ctx.warn(sheet.name, 1, name, _("Unknown column, ignored."))
        elif name in index:
            ctx.warn(sheet.name, 1, name, _("A second column of this name, ignored."))
        else:
            index[name] = position
    missing = [c.header for c in sheet_handler.columns if c.required and c.header not in index]
    for header in missing:
        ctx.error(sheet.name, 1, header, _("This column is missing."))
    if missing:
        return None
    positions = [index.get(header) for header in sheet_handler.headers]
    return _cells(sheet, positions, ctx)


def _cells(sheet, positions, ctx):
    count = 0
    try:
        for number, cells in sheet.rows:
            width = len(cells)
            yield number, tuple(cells[p] if p is not None and p < width else None for p in positions)
            count += 1
            if count % PROGRESS_EVERY == 0:
                ctx.tick(sheet.name, count)
    finally:
        ctx.count(sheet.name, "rows", count)
    ctx.tick(sheet.name, count)


def _audit(result, user):
    audit(
        "workbook_import", user=user, username=None if user else "manage.py",
        outcome="success" if result.ok else "rejected", dry_run=result.dry_run, file=result.filename,
        rows=",".join(f"{name}:{c['rows']}" for name, c in result.counts.items()) or "0",
        errors=result.error_count, warnings=result.warning_count,
    )


__all__ = ["ImportResult", "Issue", "register_import"]
