"""The import: every sheet of a file checked and written in one transaction, or nothing written.

A partial import (`skip_invalid`) leaves out the rows that are wrong and the rows that depend on them
(another member of a rejected household, a job of a rejected person …) and writes the rest: the file
is checked once, then imported again without the rows left out, in one transaction, until a pass finds
nothing more to leave out. Every row of the file then ends in the register or in `result.rejected`,
which `errors.write_errors_workbook` writes back out with the reason.
"""

from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from households.audit import audit
from households.conflicts import record_identifier_conflicts
from households.models import IdentifierConflict

from .context import ImportContext, Issue
from .layouts import HEADER_SCAN, normal, recognise
from .reader import UnreadableFile, WorkbookReader
from .registry import handlers
from .values import LIST_SEPARATOR, text

PROGRESS_EVERY = 1000
MAX_PASSES = 5  # a partial import that still finds rows to leave out after this many passes writes nothing


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
    layouts: list = field(default_factory=list)  # [(sheet, layout label, register sheet, header row)]
    rejected: dict = field(default_factory=dict)  # {sheet: {row: [reasons]}}: rows not imported
    skip_invalid: bool = False

    @property
    def errors(self):
        return [i for i in self.issues if i.level == "error"]

    @property
    def warnings(self):
        return [i for i in self.issues if i.level == "warning"]

    @property
    def ok(self):
        return self.error_count == 0

    @property
    def rows(self):
        """Rows read, over every sheet."""
        return sum(c["rows"] for c in self.counts.values())

    @property
    def rejected_count(self):
        return sum(len(rows) for rows in self.rejected.values())

    @property
    def file_level_errors(self):
        """Errors about the file or a whole sheet (no row to leave out): a partial import cannot help."""
        return [i for i in self.errors if i.row is None or _is_header_issue(i, self.layouts)]

    @property
    def importable_rest(self):
        """Rows a partial import would write (0 when it cannot help)."""
        if self.ok or self.file_level_errors:
            return 0
        return max(self.rows - self.rejected_count, 0)

    def sheet_counts(self):
        """[(sheet, rows, created, updated, unchanged)] in import order."""
        return [
            (name, c["rows"], c["created"], c["updated"], c["unchanged"]) for name, c in self.counts.items()
        ]


def _is_header_issue(issue, layouts):
    return any(issue.sheet == sheet and issue.row == header_row for sheet, _label, _name, header_row in layouts)


def register_import(*, source, user, dry_run, filename=None, sheet=None, progress=None, skip_invalid=False):
    """Import a register workbook (.xlsx, .xls) or CSV file, in the register's layout or another's.

    All or nothing: the file is checked and written inside one transaction, rolled back when any row
    is wrong or when `dry_run`. With `skip_invalid`, the wrong rows and those depending on them are left
    out (listed in `result.rejected`) and the rest is written. `user` is recorded in the history and
    limits the rows to the user's area (None: the command line, the whole district). `sheet` names the
    register sheet a CSV file holds (else found from its columns). `progress(sheet, rows)` is called as
    rows are read.
    """
    filename = Path(str(filename or source)).name
    excluded, ctx, conflicts = {}, None, {}
    for _pass in range(MAX_PASSES):
        ctx = _run(source, user=user, filename=filename, sheet=sheet, progress=progress, excluded=excluded,
                   write=not dry_run)
        conflicts.update({attempt: None for attempt in ctx.identifier_conflicts})  # each once, in order
        if not skip_invalid or not ctx.has_errors:
            break
        new = {name: {row: reasons for row, reasons in rows.items() if row not in excluded.get(name, {})}
               for name, rows in ctx.rejected_rows.items()}
        if _file_level(ctx) or not any(new.values()):
            break
        for name, rows in new.items():
            excluded.setdefault(name, {}).update(rows)
        if dry_run:
            break  # the preview: what pass one leaves out
    record_identifier_conflicts(user=user, source=IdentifierConflict.Source.IMPORT, attempts=list(conflicts))
    rejected = {name: dict(sorted(rows.items())) for name, rows in _merged(excluded, ctx).items() if rows}
    imported = not dry_run and not ctx.has_errors
    result = ImportResult(
        filename=filename, dry_run=dry_run, imported=imported, counts=_counts(ctx, excluded),
        issues=ctx.issues, error_count=ctx.error_count, warning_count=ctx.warning_count, changes=ctx.changes,
        layouts=ctx.layouts, rejected=rejected, skip_invalid=skip_invalid,
    )
    if skip_invalid and excluded and (imported or dry_run):
        result.issues = _reasons_as_issues(excluded) + [i for i in ctx.issues if i.level == "warning"]
        result.error_count = sum(len(rows) for rows in excluded.values())
    _audit(result, user)
    return result


def _run(source, *, user, filename, sheet, progress, excluded, write):
    """One pass over the file in one transaction; kept when `write` and no row was wrong."""
    ctx = ImportContext(user=user, filename=filename, dry_run=not write, progress=progress, excluded=excluded)
    if hasattr(source, "seek"):
        source.seek(0)
    try:
        with transaction.atomic():
            ctx.keys.create()  # dropped below, or by the rollback when the import stops on an exception
            with WorkbookReader(source, filename=filename, sheet=sheet) as reader:
                _import_sheets(reader, ctx, forced=sheet)
            ctx.keys.drop()
            if ctx.has_errors or not write:
                transaction.set_rollback(True)
    except UnreadableFile as error:
        ctx.error("", None, "", str(error))
    return ctx


def _file_level(ctx):
    return any(i.level == "error" and (i.row is None or _is_header_issue(i, ctx.layouts)) for i in ctx.issues)


def _merged(excluded, ctx):
    merged = {name: dict(rows) for name, rows in excluded.items()}
    for name, rows in ctx.rejected_rows.items():
        for row, reasons in rows.items():
            merged.setdefault(name, {}).setdefault(row, reasons)
    return merged


def _counts(ctx, excluded):
    counts = {name: ctx.counts[name] for name in ctx.counts}
    sheets = {title: name for name, title in ctx.titles.items()}
    for title, rows in excluded.items():
        name = sheets.get(title, title)
        if name in counts:
            counts[name]["rows"] += len(rows)
            counts[name]["rejected"] = len(rows)
    return counts


def _reasons_as_issues(excluded):
    return [Issue("error", name, row, "", "；".join(reasons))
            for name, rows in excluded.items() for row, reasons in sorted(rows.items())]


def _import_sheets(reader, ctx, forced=None):
    found = {}
    for sheet in reader.sheets():
        head = list(islice(sheet.rows, HEADER_SCAN))
        seen = recognise(sheet.name, head, handlers(), forced=forced)
        if seen is None:
            if head:
                ctx.warn(sheet.name, None, "", _("Unknown sheet, ignored."))
            continue
        if seen.handler.name in found:
            ctx.warn(sheet.name, None, "", _("A second sheet of this kind, ignored."))
            continue
        if not sheet.name:
            sheet.name = seen.handler.name  # a CSV file: its one sheet is called what it is read as
        rest = [item for item in head if item[0] > seen.header_row]
        found[seen.handler.name] = (sheet, seen, rest)
        ctx.titles[seen.handler.name] = sheet.name
        ctx.layouts.append((sheet.name, seen.layout.label, seen.handler.name, seen.header_row))
    if not found:
        names = "、".join(h.name for h in handlers())
        ctx.error("", None, "", _("The file has none of the sheets the register reads: %(names)s.") % {"names": names})
        return
    for sheet_handler in handlers():
        if sheet_handler.name in found:
            sheet, seen, rest = found[sheet_handler.name]
            rows = _columns(sheet_handler, sheet, seen, rest, ctx)
            if rows is not None:
                sheet_handler.import_rows(rows, ctx)


def _columns(sheet_handler, sheet, seen, rest, ctx):
    """The sheet's rows as cells in the handler's column order, or None when a required column is missing."""
    index, layout = {}, seen.layout
    for position, cell in enumerate(seen.headers):
        name = text(cell)
        if not name:
            continue
        header = layout.register_header(name, sheet_handler)
        if header is None:
            if normal(name) not in layout.ignored and not layout.is_combined(name):
                ctx.warn(sheet.name, seen.header_row, name, _("Unknown column, ignored."))
        elif header in index:
            ctx.warn(sheet.name, seen.header_row, name, _("A second column of this name, ignored."))
        else:
            index[header] = position
    combined = {}
    for header, parts in layout.combine.items():
        found = [p for p, cell in enumerate(seen.headers) if normal(text(cell)) in parts]
        if header in sheet_handler.headers and found and header not in index:
            combined[sheet_handler.headers.index(header)] = (found, layout.values.get(header, {}))
    defaults = {sheet_handler.headers.index(h): v for h, v in layout.defaults.items()
                if h in sheet_handler.headers and h not in index}
    given = set(index) | {sheet_handler.headers[i] for i in (*combined, *defaults)}
    missing = [c.header for c in sheet_handler.columns if c.required and c.header not in given]
    for header in missing:
        ctx.error(sheet.name, seen.header_row, header, _("This column is missing."))
    if missing:
        return None
    ctx.absent[sheet_handler.name] = {c.key for c in sheet_handler.columns
                                      if c.kept_when_absent and c.header not in given}
    positions = [index.get(header) for header in sheet_handler.headers]
    maps = [(i, layout.values[header]) for i, header in enumerate(sheet_handler.headers)
            if header in layout.values and index.get(header) is not None]
    return _cells(sheet, sheet_handler, positions, maps, rest, ctx, combined=combined, defaults=defaults)


def _cells(sheet, sheet_handler, positions, maps, rest, ctx, *, combined, defaults):
    count = 0
    excluded = ctx.excluded.get(sheet.name, {})
    try:
        for number, cells in _chain(rest, sheet.rows):
            if number in excluded:
                continue
            width = len(cells)
            values = [cells[p] if p is not None and p < width else None for p in positions]
            for i, mapping in maps:
                value = values[i]
                if isinstance(value, str):
                    values[i] = mapping.get(value.strip(), value)
            for i, (found, mapping) in combined.items():
                parts = [text(cells[p]) for p in found if p < width and text(cells[p])]
                values[i] = LIST_SEPARATOR.join(mapping.get(part, part) for part in parts) or None
            for i, value in defaults.items():
                values[i] = value
            yield number, tuple(values)
            count += 1
            if count % PROGRESS_EVERY == 0:
                ctx.tick(sheet_handler.name, count)
    finally:
        ctx.count(sheet_handler.name, "rows", count)
    ctx.tick(sheet_handler.name, count)


def _chain(first, rest):
    yield from first
    yield from rest


def _audit(result, user):
    audit(
        "workbook_import", user=user, username=None if user else "manage.py",
        outcome="success" if result.ok else ("partial" if result.imported else "rejected"),
        dry_run=result.dry_run, file=result.filename,
        rows=",".join(f"{name}:{c['rows']}" for name, c in result.counts.items()) or "0",
        errors=result.error_count, warnings=result.warning_count,
    )


__all__ = ["ImportResult", "Issue", "register_import"]
