"""The import's new rows inserted in batches, each value prepared for the database once, by its kind.

`QuerySet.bulk_create` prepares every value through the field's chain (`pre_save`,
`get_db_prep_save`, `get_db_prep_value`, `get_prep_value`, `to_python`) and the SQL compiler: five to
eight calls a value, 26 values a person — a seventh of a national import's CPU (docs/PERFORMANCE.md,
optimisation 13). For the plain kinds of field the import writes (text, whole numbers, yes/no, dates,
foreign keys to an automatic key), that chain hands back the value itself (or the backend's
`adapt_*` of it), so those are prepared here by one type check each; every other field or value goes
through Django's own chain. The statement is the one `bulk_create` writes (`INSERT … VALUES …
RETURNING pk`, the same batches), or on PostgreSQL a COPY of the same rows with keys taken from the
key's sequence (as its default would take them; PostgreSQL reads a COPY several times faster than a
long INSERT), so the database, its constraints and its statement triggers see the same writes;
tests/workbooks/test_insert.py compares the values and the rows with `bulk_create` on every model the
import writes. Objects that `bulk_create` would treat differently (a primary key already set, a related
object not saved yet, a database default) are handed to `bulk_create` itself.
"""

import datetime
import functools
import io
from decimal import Decimal

from django.db import connections, models, router, transaction
from django.db.models import DEFERRED
from django.db.models.expressions import DatabaseDefault

# Field classes (exactly these, not subclasses) whose chain hands back a value of this type unchanged.
TEXT = (models.CharField, models.TextField)
NUMBERS = (models.IntegerField, models.SmallIntegerField, models.BigIntegerField, models.PositiveIntegerField,
           models.PositiveSmallIntegerField, models.PositiveBigIntegerField)
AUTO = (models.AutoField, models.BigAutoField, models.SmallAutoField)


def _kind(field, connection):
    """(type, prepare) when values of exactly `type` are prepared by `prepare` alone (None: as they are), else None."""
    cls = type(field)
    if field.generated or getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return None
    if cls in TEXT:
        return str, None
    if cls is models.BooleanField:
        return bool, None
    if cls in NUMBERS:
        internal = field.get_internal_type()
        return int, lambda value: connection.ops.adapt_integerfield_value(value, internal)
    if cls is models.DateField:
        return datetime.date, connection.ops.adapt_datefield_value
    if cls is models.ForeignKey and type(field.target_field) in AUTO:
        return int, connection.ops.validate_autopk_value
    return None


@functools.cache
def _init_fields(model):
    return [(f.attname, f) for f in model._meta.concrete_fields], {f.attname for f in model._meta.concrete_fields}


def build(model, values):
    """`model(**values)` for `values` by attname (e.g. household_id), built as Django builds the rows it
    reads (positional arguments: a third of the cost); the fields not given take their defaults."""
    fields, known = _init_fields(model)
    if not values.keys() <= known:
        raise TypeError(f"{model.__name__}() got unexpected fields: {sorted(values.keys() - known)}")
    return model(*[DEFERRED if field.generated else values[attname] if attname in values else field.get_default()
                   for attname, field in fields])


@functools.cache
def _plan(model, alias):  # the `adapt_*` kept here read nothing of the connection but its vendor
    """The model's insert: fields, the statement's head and tail, and how each value is prepared."""
    connection = connections[alias]
    opts = model._meta
    fields = [f for f in opts.concrete_fields if not f.generated and not isinstance(f, models.AutoField)]
    quote = connection.ops.quote_name
    head = f"INSERT INTO {quote(opts.db_table)} ({', '.join(quote(f.column) for f in fields)}) VALUES "
    row = f"({', '.join(['%s'] * len(fields))})"
    tail = f" RETURNING {quote(opts.db_table)}.{quote(opts.pk.column)}"
    kinds = [(f, f.attname, *(_kind(f, connection) or (None, None))) for f in fields]
    relations = [f for f in fields if f.is_relation]
    defaults = [f.attname for f in fields if f.has_db_default()]
    return fields, head, row, tail, kinds, (relations, defaults)


def prepared(obj, kinds, connection):
    """The row of `obj` as the database receives it (what `bulk_create` would send)."""
    values = obj.__dict__
    row = []
    for field, attname, kind, prepare in kinds:
        value = values.get(attname, _MISSING)
        if value is _MISSING:
            value = getattr(obj, attname)
        if value is None and kind is not None:
            row.append(None)
        elif value.__class__ is kind:
            row.append(value if prepare is None else prepare(value))
        else:
            row.append(field.get_db_prep_save(field.pre_save(obj, True), connection))
    return row


_MISSING = object()


def _plain(obj, checks):
    """Whether `bulk_create` would send `obj` as it is (no key set, no unsaved relation, no database default)."""
    relations, defaults = checks
    if obj.pk is not None:
        return False
    for field in relations:
        if getattr(obj, field.attname) is None and field.is_cached(obj):
            return False  # bulk_create takes the key from the related object, or refuses it
    return not any(isinstance(getattr(obj, attname), DatabaseDefault) for attname in defaults)


def bulk_insert(model, objs, *, batch_size, keys=None):
    """Insert `objs` (new objects) as `model.objects.bulk_create(objs, batch_size=…)` does; return them.

    `keys` (a `KeyPool`) hands out the primary keys of rows written by COPY, reserved a few batches at a time.
    """
    objs = list(objs)
    if not objs:
        return objs
    alias = router.db_for_write(model)
    connection = connections[alias]
    fields, head, row, tail, kinds, checks = _plan(model, alias)
    if not connection.features.can_return_rows_from_bulk_insert or not all(_plain(o, checks) for o in objs):
        return model._default_manager.db_manager(alias).bulk_create(objs, batch_size=batch_size)
    size = min(batch_size, max(connection.ops.bulk_batch_size(fields, objs), 1))
    with transaction.atomic(using=alias, savepoint=False), connection.cursor() as cursor:
        rows = [prepared(obj, kinds, connection) for obj in objs]
        copy = _copier(model, fields, cursor, connection, keys or KeyPool())
        pks = copy(rows) if copy is not None else None  # one COPY for every row
        if pks is None:
            pks = []
            for start in range(0, len(rows), size):
                chunk = rows[start:start + size]
                cursor.execute(head + ", ".join([row] * len(chunk)) + tail, [v for values in chunk for v in values])
                pks += [pk for (pk,) in cursor.fetchall()]
        for obj, pk in zip(objs, pks, strict=True):
            obj.pk = pk
            obj._state.adding = False
            obj._state.db = alias
    return objs


# COPY (PostgreSQL) -------------------------------------------------------------------------------

# COPY's text format: \N for NULL, a backslash, tab, line feed and carriage return escaped.
_ESCAPED = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


class _NotCopied(Exception):
    """A value COPY's text format is not written for here: the batch is inserted by INSERT."""


def copy_text(value):
    """A prepared value as COPY's text format writes it (what PostgreSQL reads back as the same value)."""
    cls = value.__class__
    if value is None:
        return "\\N"
    if cls is str:
        return value.translate(_ESCAPED)
    if cls is bool:
        return "t" if value else "f"
    if cls is int or cls is Decimal:
        return str(value)
    if cls is datetime.date:
        return value.isoformat()
    if isinstance(value, str):  # a choice (TextChoices member): its text, as psycopg2 sends it
        return str.__str__(value).translate(_ESCAPED)
    raise _NotCopied(cls)


def copy_line(values):
    """A row of prepared values in COPY's text format (tab-separated, without the line's end)."""
    texts = "".join([v for v in values if v.__class__ is str])
    if "\\" in texts or "\t" in texts or "\n" in texts or "\r" in texts:
        return "\t".join([copy_text(v) for v in values])
    return "\t".join([v if v.__class__ is str else copy_text(v) for v in values])  # the usual row: no escapes


class KeyPool:
    """Primary keys reserved from a table's sequence for one import (as its default would take them), a few
    batches ahead: one query per few batches instead of one per batch. Keys reserved and not used are a gap
    in the sequence, as a rolled-back insert leaves; a pool lives no longer than its import."""

    MOST = 8192

    def __init__(self):
        self.pools = {}

    def take(self, cursor, table, column, count):
        pool, reserved = self.pools.setdefault(table, ([], [0]))
        if len(pool) < count:
            more = max(count - len(pool), min(2 * reserved[0], self.MOST))
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                           [table, column, more])
            pool += [pk for (pk,) in cursor.fetchall()]
            reserved[0] = more
        taken = pool[:count]
        del pool[:count]
        return taken


def _copier(model, fields, cursor, connection, keys):
    """On PostgreSQL with psycopg2, a function writing prepared rows by COPY and returning their keys
    (taken from the key's sequence first, as the column default would); else None."""
    if connection.vendor != "postgresql" or not hasattr(cursor.cursor, "copy_expert"):
        return None
    opts = model._meta
    quote = connection.ops.quote_name
    statement = (f"COPY {quote(opts.db_table)} ({quote(opts.pk.column)}, "
                 f"{', '.join(quote(f.column) for f in fields)}) FROM STDIN")

    def copy(rows):
        try:
            lines = [copy_line(values) for values in rows]
        except _NotCopied:
            return None
        pks = keys.take(cursor, quote(opts.db_table), opts.pk.column, len(rows))
        text = "".join(f"{pk}\t{line}\n" for pk, line in zip(pks, lines, strict=True))
        cursor.cursor.copy_expert(statement, io.StringIO(text))
        return pks

    return copy


class Growth:
    """ANALYZE (PostgreSQL) each table an import has doubled, so that its planner finds the rows just written
    by their indexes: planned on the statistics of a table that was nearly empty, `WHERE id IN (…)` scanned the
    whole table, and the import slowed with every batch (docs/PERFORMANCE.md, optimisation 13)."""

    FIRST = 2000  # rows written before the first ANALYZE

    def __init__(self, connection):
        self.connection = connection
        self.written = {}  # table -> [rows written, rows when last analysed]

    def add(self, table, rows):
        if self.connection.vendor != "postgresql" or not rows:
            return
        counts = self.written.get(table)
        if counts is None:
            with self.connection.cursor() as cursor:
                cursor.execute("SELECT GREATEST(reltuples, 0) FROM pg_class WHERE oid = to_regclass(%s)", [table])
                found = cursor.fetchone()
            counts = self.written[table] = [0, int(found[0]) if found else 0]
        counts[0] += rows
        if counts[0] >= max(self.FIRST, counts[1]):
            with self.connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {table}")
            counts[1] = 2 * counts[0]
