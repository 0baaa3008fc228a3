"""Write rows in batches: PostgreSQL COPY (psycopg2 `copy_expert`), executemany elsewhere.

`RowSink.add(model, row)` takes a tuple in the order of `sample.FIELDS[model]`; every other column of
the table gets its field's default. Rows are kept per table until `flush()` (the caller flushes
every few thousand households), so memory stays bounded. With `history`, each row is also written
to its django-simple-history table (type "+", reason "generated", no user), as
`bulk_history_create` would.
"""

import datetime
import io
from contextlib import contextmanager

from django.db import connection

from ..writer import CHANGE_REASON
from .sample import FIELDS, MODELS

HISTORY_COLUMNS = ('"history_date"', '"history_change_reason"', '"history_type"', '"history_user_id"')


def _text(value):
    """A value in COPY's text format (our strings hold no tab, newline or backslash)."""
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    return str(value)


def _sql(value):
    """A value for the DB-API driver of a database without COPY."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


class Table:
    """Where the rows of one model go: its columns, the defaults of the rest, its history table."""

    def __init__(self, model, history):
        fields = {f.attname: f for f in model._meta.concrete_fields}
        given = FIELDS[model]
        rest = [f for name, f in fields.items() if name not in given]
        self.model = model
        quote = connection.ops.quote_name
        self.name = quote(model._meta.db_table)
        self.columns = [quote(fields[name].column) for name in given] + [quote(f.column) for f in rest]
        self.defaults = tuple(f.get_default() for f in rest)
        self.suffix = "".join("\t" + _text(value) for value in self.defaults)
        self.history = quote(model.history.model._meta.db_table) if history else None
        # The columns the history table has too (a field excluded from the history, such as a count the
        # database keeps, is not written there).
        columns = [fields[name].column for name in given] + [f.column for f in rest]
        kept = {f.column for f in model.history.model._meta.concrete_fields} if history else set(columns)
        self.history_keep = [i for i, column in enumerate(columns) if column in kept]
        self.history_columns = [self.columns[i] for i in self.history_keep]


class RowSink:
    """Batches rows per table and writes them on `flush()`; counts what it wrote."""

    def __init__(self, *, history=False, now=None):
        self.copy = connection.vendor == "postgresql"
        self.tables = {model: Table(model, history) for model in MODELS}
        self.history_values = ((now or datetime.datetime.now(datetime.UTC)).isoformat(), CHANGE_REASON, "+", None)
        self.history_suffix = "".join("\t" + _text(value) for value in self.history_values)
        self.rows = {model: [] for model in MODELS}
        self.counts = dict.fromkeys(MODELS, 0)

    def add(self, model, row):
        self.rows[model].append(row)

    def flush(self):
        """Write every pending row, parents before children."""
        with connection.cursor() as cursor:
            for model in MODELS:
                rows = self.rows[model]
                if rows:
                    table = self.tables[model]
                    (self._copy if self.copy else self._insert)(cursor, table, rows)
                    self.counts[model] += len(rows)
                    self.rows[model] = []

    def _copy(self, cursor, table, rows):
        lines = ["\t".join(map(_text, row)) + table.suffix for row in rows]
        body = "\n".join(lines) + "\n"
        cursor.copy_expert(f"COPY {table.name} ({', '.join(table.columns)}) FROM STDIN", io.StringIO(body))
        if table.history:
            if len(table.history_keep) == len(table.columns):
                history = body.replace("\n", self.history_suffix + "\n")
            else:
                history = "".join(
                    "\t".join(_text((row + table.defaults)[i]) for i in table.history_keep) + self.history_suffix + "\n"
                    for row in rows
                )
            columns = ", ".join((*table.history_columns, *HISTORY_COLUMNS))
            cursor.copy_expert(f"COPY {table.history} ({columns}) FROM STDIN", io.StringIO(history))

    def _insert(self, cursor, table, rows):
        values = [tuple(map(_sql, row)) + table.defaults for row in rows]
        marks = ", ".join(["%s"] * len(table.columns))
        cursor.executemany(f"INSERT INTO {table.name} ({', '.join(table.columns)}) VALUES ({marks})", values)
        if table.history:
            columns = ", ".join((*table.history_columns, *HISTORY_COLUMNS))
            marks = ", ".join(["%s"] * (len(table.history_columns) + len(HISTORY_COLUMNS)))
            cursor.executemany(f"INSERT INTO {table.history} ({columns}) VALUES ({marks})",
                               [tuple(row[i] for i in table.history_keep) + self.history_values for row in values])


SECONDARY = """
    SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid), contype FROM pg_constraint
    WHERE contype IN ('f', 'u') AND conrelid = ANY(%s::regclass[])
"""
INDEXES = """
    SELECT indexname, indexdef FROM pg_indexes i
    WHERE schemaname = current_schema() AND tablename = ANY(%s) AND NOT EXISTS (
        SELECT 1 FROM pg_constraint c
        WHERE c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass
    )
"""


@contextmanager
def indexes_deferred(models):
    """On PostgreSQL, drop the foreign keys, unique constraints and secondary indexes of `models`' tables
    for the block and build them again after it, in the same transaction.

    PostgreSQL's own advice for bulk loads ("Populating a Database"): one index build and one
    foreign-key check per table are much faster than updating every index and checking every key
    row by row. The constraints come back under their own names and are validated as they do, so a
    bad row still fails the whole load.
    """
    if connection.vendor != "postgresql":
        yield
        return
    tables = [model._meta.db_table for model in models]
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # run the checks queued so far: tables can be altered
        cursor.execute(SECONDARY, [tables])
        constraints = cursor.fetchall()
        cursor.execute(INDEXES, [tables])
        indexes = cursor.fetchall()
        for table, name, _, _ in constraints:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {connection.ops.quote_name(name)}")
        for name, _ in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for _, definition in indexes:
            cursor.execute(definition)
        for kind in ("u", "f"):  # unique keys first: foreign keys may point at them
            for table, name, definition, contype in constraints:
                if contype == kind:
                    cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {connection.ops.quote_name(name)} {definition}")
        for table in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
