"""The import's new rows inserted in batches, each value prepared for the database once, by its kind.

`QuerySet.bulk_create` prepares every value through the field's chain (`pre_save`,
`get_db_prep_save`, `get_db_prep_value`, `get_prep_value`, `to_python`) and the SQL compiler: five to
eight calls a value, 26 values a person — a third of a national import's time (docs/PERFORMANCE.md,
optimisation 13). For the plain kinds of field the import writes (text, whole numbers, yes/no, dates,
foreign keys to an automatic key), that chain hands back the value itself (or the backend's
`adapt_*` of it), so those are prepared here by one type check each; every other field or value goes
through Django's own chain. The statement is the one `bulk_create` writes (`INSERT … VALUES …
RETURNING pk`, the same batches), so the database, its constraints and triggers see the same writes;
tests/workbooks/test_insert.py compares the values and the rows with `bulk_create` on every model the
import writes. Objects that `bulk_create` would treat differently (a primary key already set, a related
object not saved yet, a database default) are handed to `bulk_create` itself.
"""

import datetime
import functools

from django.db import connections, models, router, transaction
from django.db.models.expressions import DatabaseDefault

# Field classes (exactly these, not subclasses) whose chain hands back a value of this type unchanged.
TEXT = (models.CharField, models.TextField)
NUMBERS = (models.IntegerField, models.SmallIntegerField, models.BigIntegerField, models.PositiveIntegerField,
           models.PositiveSmallIntegerField, models.PositiveBigIntegerField)
AUTO = (models.AutoField, models.BigAutoField, models.SmallAutoField)


def _same(value):
    return value


def _kind(field, connection):
    """(type, prepare) when values of exactly `type` are prepared by `prepare` alone, else None."""
    cls = type(field)
    if field.generated or getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return None
    if cls in TEXT:
        return str, _same
    if cls is models.BooleanField:
        return bool, _same
    if cls in NUMBERS:
        internal = field.get_internal_type()
        return int, lambda value: connection.ops.adapt_integerfield_value(value, internal)
    if cls is models.DateField:
        return datetime.date, connection.ops.adapt_datefield_value
    if cls is models.ForeignKey and type(field.target_field) in AUTO:
        return int, connection.ops.validate_autopk_value
    return None


@functools.cache
def _plan(model, alias):
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
        value = values[attname] if attname in values else getattr(obj, attname)
        if value is None and kind is not None:
            row.append(None)
        elif value.__class__ is kind:
            row.append(prepare(value))
        else:
            row.append(field.get_db_prep_save(field.pre_save(obj, True), connection))
    return row


def _plain(obj, checks):
    """Whether `bulk_create` would send `obj` as it is (no key set, no unsaved relation, no database default)."""
    relations, defaults = checks
    if obj.pk is not None:
        return False
    for field in relations:
        if getattr(obj, field.attname) is None and field.is_cached(obj):
            return False  # bulk_create takes the key from the related object, or refuses it
    return not any(isinstance(getattr(obj, attname), DatabaseDefault) for attname in defaults)


def bulk_insert(model, objs, *, batch_size):
    """Insert `objs` (new objects) as `model.objects.bulk_create(objs, batch_size=…)` does; return them."""
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
        for start in range(0, len(objs), size):
            chunk = objs[start:start + size]
            params = []
            for obj in chunk:
                params += prepared(obj, kinds, connection)
            cursor.execute(head + ", ".join([row] * len(chunk)) + tail, params)
            for obj, (pk,) in zip(chunk, cursor.fetchall(), strict=True):
                obj.pk = pk
                obj._state.adding = False
                obj._state.db = alias
    return objs
