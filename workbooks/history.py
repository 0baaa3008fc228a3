"""History rows of bulk writes, copied by the database from the rows just written.

django-simple-history's `bulk_create_with_history` builds one historical model instance per row in
Python and inserts it through the ORM, which costs as much again as the write itself. Here the
history table is filled by `INSERT … SELECT` from the rows just written (one statement per batch):
the same columns, the same user, reason and date, the same history type ("+" created, "~" updated).
A history model this cannot copy (extra fields, a UUID history id) falls back to simple-history.
"""

import functools

from django.conf import settings
from django.db import connections, router
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from .insert import bulk_insert

HISTORY_FIELDS = ("history_date", "history_change_reason", "history_type", "history_user_id")


@functools.cache
def _copy_statement(model):
    """(SQL up to the list of ids, history columns in order, the id column), or None when not copyable."""
    history = model.history.model
    tracked = {field.attname: field for field in history.tracked_fields}
    quote = connections[router.db_for_write(model)].ops.quote_name
    targets, sources = [], []
    for field in history._meta.concrete_fields:
        if field.name == "history_id":
            if not field.get_internal_type().endswith("AutoField"):
                return None  # a UUID history id is made in Python
            continue
        if field.attname in tracked:
            sources.append(f"{quote(model._meta.db_table)}.{quote(tracked[field.attname].column)}")
        elif field.attname in HISTORY_FIELDS:
            sources.append("%s")
        else:
            return None
        targets.append(quote(field.column))
    ordered = [f.attname for f in history._meta.concrete_fields if f.attname in HISTORY_FIELDS]
    if sorted(ordered) != sorted(HISTORY_FIELDS):
        return None
    pk = f"{quote(model._meta.db_table)}.{quote(model._meta.pk.column)}"
    sql = (f"INSERT INTO {quote(history._meta.db_table)} ({', '.join(targets)}) "
           f"SELECT {', '.join(sources)} FROM {quote(model._meta.db_table)} WHERE {pk} IN ")
    return sql, ordered, pk


def copy_history(model, pks, *, history_type, user, reason, date, batch_size):
    """Write one history row per primary key in `pks`, copied from the rows in the model's table."""
    if not getattr(settings, "SIMPLE_HISTORY_ENABLED", True) or not pks:
        return
    sql, ordered, pk = _copy_statement(model)
    history = model.history.model
    connection = connections[router.db_for_write(model)]
    values = {
        "history_date": history._meta.get_field("history_date").get_db_prep_value(date, connection),
        "history_change_reason": reason,
        "history_type": history_type,
        "history_user_id": user.pk if user is not None else None,
    }
    fixed = [values[name] for name in ordered]
    pks = sorted(pks)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # one statement, the keys as one array
            cursor.execute(f"{sql.removesuffix(' IN ')} = ANY(%s) ORDER BY {pk}", [*fixed, pks])
            return
        for start in range(0, len(pks), batch_size):
            chunk = pks[start:start + batch_size]
            cursor.execute(f"{sql}({', '.join(['%s'] * len(chunk))}) ORDER BY {pk}", [*fixed, *chunk])


def _history_user(model, user, objs):
    """The user simple-history would record: the import's, else its default (a request's user)."""
    if user is not None:
        return user
    return model.history.model.get_default_history_user(objs[0])


def _can_copy(model):
    connection = connections[router.db_for_write(model)]
    return _copy_statement(model) is not None and connection.features.can_return_rows_from_bulk_insert


def create_with_history(model, objs, *, user, reason, date, batch_size, keys=None):
    """Insert `objs` and one "+" history row each; return the objects (with their primary keys)."""
    if not _can_copy(model):
        return bulk_create_with_history(objs, model, batch_size=batch_size, default_user=user,
                                        default_change_reason=reason, default_date=date)
    created = bulk_insert(model, objs, batch_size=batch_size, keys=keys)
    copy_history(model, [obj.pk for obj in created], history_type="+", user=_history_user(model, user, created),
                 reason=reason, date=date, batch_size=batch_size)
    return created


def update_with_history(model, objs, fields, *, user, reason, date, batch_size):
    """Update `fields` of `objs` and write one "~" history row each."""
    if not _can_copy(model):
        bulk_update_with_history(objs, model, fields, batch_size=batch_size, default_user=user,
                                 default_change_reason=reason, default_date=date)
        return
    model._default_manager.bulk_update(objs, fields, batch_size=batch_size)
    copy_history(model, [obj.pk for obj in objs], history_type="~", user=_history_user(model, user, objs),
                 reason=reason, date=date, batch_size=batch_size)


__all__ = ["copy_history", "create_with_history", "update_with_history"]
