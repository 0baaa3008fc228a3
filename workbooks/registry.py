"""Sheet handlers: one per sheet of IMPORT_FORMAT.md, registered here, run in dependency order.

A handler names its sheet and columns, parses and imports rows batch by batch, and writes its rows
back out. A new sheet (such as 监测对象) is one new handler: subclass `SheetHandler` (or
`RecordSheet`), decorate it with `@register`, and put it in a module named `workbook_sheets` inside
any installed app (found automatically) or in `workbooks/sheets/`.
"""

import datetime
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext as _

from households.db_errors import db_error_message

from .values import control_character, is_blank, messages_of

_handlers = {}
_discovered = False


def register(cls):
    """Class decorator: make a sheet handler known by its sheet name."""
    _handlers[cls.name] = cls()
    return cls


def _discover():
    global _discovered
    if not _discovered:
        _discovered = True
        from . import sheets  # noqa: F401  (registers the built-in sheets)

        autodiscover_modules("workbook_sheets")


def handlers():
    """Every registered handler, in import order (sheets that others refer to come first)."""
    _discover()
    return sorted(_handlers.values(), key=lambda h: h.order)


def handler(name):
    """The handler of a sheet name, or None."""
    _discover()
    return _handlers.get(name)


@dataclass(frozen=True)
class Column:
    """One column of a sheet: its Chinese header, the record key it fills, and how to parse it."""

    header: str
    key: str
    parse: Any = None
    required: bool = False
    default: Any = None
    # A file without this column leaves the field of existing records as it is (instead of the default).
    kept_when_absent: bool = False


class Record(dict):
    """The parsed values of one row, with its row number in the sheet."""

    __slots__ = ("row",)

    def __init__(self, row, values):
        super().__init__(values)
        self.row = row


# Values that cannot be changed in place: one may be handed to several rows (`SheetHandler._parse_clean`).
UNCHANGING = frozenset({str, int, float, bool, type(None), datetime.date, Decimal})


class NoState:
    """The state of a handler that keeps none across batches."""


class SheetHandler:
    """The import and export of one sheet."""

    name = ""
    order = 100
    columns = ()
    batch_size = 1000
    State = NoState  # what the handler keeps across the batches of one import (`ctx.state(self)`)

    @property
    def headers(self):
        return [column.header for column in self.columns]

    def column(self, key):
        return next(c for c in self.columns if c.key == key)

    def header(self, key):
        """The Chinese header of a record key."""
        return self.column(key).header

    # Import -------------------------------------------------------------------------------------

    def parse(self, row, cells, ctx):
        """A Record from one row's cells (in column order), or None when a cell is wrong."""
        if not control_character("".join([cell for cell in cells if isinstance(cell, str)])):
            return self._parse_clean(row, cells, ctx)  # the usual row: no cell holds a control character
        values, ok = {}, True
        for column, cell in zip(self.columns, cells, strict=True):
            position = control_character(cell)
            if position is not None:
                ctx.error(self.name, row, column.header, _(
                    "The text holds an invisible control character (at character %(position)s): type it again."
                ) % {"position": position}, value=cell)
                ok = False
                continue
            if is_blank(cell):
                if column.required:
                    ctx.error(self.name, row, column.header, _("This column is required."))
                    ok = False
                values[column.key] = column.default
                continue
            try:
                values[column.key] = column.parse(cell) if column.parse else cell
            except ValidationError as error:
                ctx.error(self.name, row, column.header, messages_of(error), value=cell)
                ok = False
        return Record(row, values) if ok else None

    def _parse_clean(self, row, cells, ctx):
        """`parse` of a row none of whose cells holds a control character (the same checks, in the same order)."""
        values, ok = {}, True
        parsers = self._parsers()
        # The cell each column parsed last and its value: a household's rows repeat its cells, and a parser
        # gives the same value for the same cell (of the same type), so it runs once for a run of equal cells.
        last = ctx.last_parsed.get(self.name)
        if last is None:
            last = ctx.last_parsed[self.name] = [None] * len(parsers)
        for index, ((key, parse, required, default, column), cell) in enumerate(zip(parsers, cells, strict=True)):
            if cell is None or (isinstance(cell, str) and not cell.strip()):
                if required:
                    ctx.error(self.name, row, column.header, _("This column is required."))
                    ok = False
                values[key] = default
                continue
            if parse is None:
                values[key] = cell
                continue
            seen = last[index]
            if seen is not None and seen[0] == cell and seen[0].__class__ is cell.__class__:
                values[key] = seen[1]
                continue
            try:
                value = values[key] = parse(cell)
            except ValidationError as error:
                ctx.error(self.name, row, column.header, messages_of(error), value=cell)
                ok = False
            else:
                if value.__class__ in UNCHANGING:
                    last[index] = (cell, value)
        return Record(row, values) if ok else None

    def _parsers(self):
        """(key, parse, required, default, column) of each column, read once (a row reads them all)."""
        found = self.__dict__.get("_parser_list")
        if found is None or found[0] is not self.columns:
            parsers = [(c.key, c.parse, c.required, c.default, c) for c in self.columns]
            found = self._parser_list = (self.columns, parsers)
        return found[1]

    def batches(self, rows, ctx):
        """Lists of parsed records, `batch_size` rows at a time."""
        batch = []
        for row, cells in rows:
            record = self.parse(row, cells, ctx)
            if record is not None:
                batch.append(record)
            if len(batch) >= self.batch_size:
                yield batch
                batch = []
        if batch:
            yield batch

    def import_rows(self, rows, ctx):
        """Import the rows of this sheet: `rows` yields (row number, cells in column order)."""
        for batch in self.batches(rows, ctx):
            counts = dict(ctx.counts.get(self.name, {}))
            try:
                with transaction.atomic():
                    self.import_batch(batch, ctx)
            except IntegrityError as error:
                # A rule the checks above missed: the database's constraint is the last word.
                ctx.counts[self.name] = Counter(counts)
                ctx.error(self.name, batch[0].row, "", _("The register refused rows %(first)s–%(last)s: %(reason)s")
                          % {"first": batch[0].row, "last": batch[-1].row, "reason": db_error_message(error)})
                for record in batch[1:]:
                    ctx.skip(self.name, record.row, _("The register refused rows %(first)s–%(last)s.")
                             % {"first": batch[0].row, "last": batch[-1].row})
        self.finish(ctx)

    def import_batch(self, records, ctx):
        raise NotImplementedError

    def finish(self, ctx):
        """Checks that need the whole sheet (run after the last batch)."""

    # Export -------------------------------------------------------------------------------------

    def queryset(self, user, area=None):
        """The rows of the register this user may export, inside `area` (a Township, a Village or None)."""
        raise NotImplementedError

    def coerce(self, queryset):
        """The rows of this sheet from a queryset a list passes in (e.g. people from households)."""
        return queryset

    def prepare(self, queryset):
        """The queryset ordered and joined for writing."""
        return queryset

    def export_row(self, obj, identifiers):
        """The cells of one row; `identifiers` is a function showing an ID or phone number as allowed."""
        raise NotImplementedError
