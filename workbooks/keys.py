"""What the file has said so far, kept in a temporary table of the import's own transaction.

The checks across rows (an ID number in one row only, one head per household, a record once) need
every key the file has named. Held in Python, they grow with the file (about 0.45 KB a person); here
they are written batch by batch to a temporary table on the import's connection, and each batch looks
up only its own keys. The table is made when the import starts and dropped when it ends (a rollback
drops it too), so nothing outlives the transaction.
"""

import io
from dataclasses import dataclass

from django.db import connection

from .insert import copy_line

TABLE = "workbook_import_keys"
COLUMNS = ("kind", "item", "line", "code", "head_line", "village_id")


@dataclass(slots=True)
class SeenId:
    """An ID number the file has named: its row and household code."""

    row: int
    household_code: str

    def columns(self):
        return self.row, self.household_code, None, None

    @classmethod
    def of(cls, line, code, head_line, village_id):
        return cls(line, code)


@dataclass(slots=True)
class SeenHousehold:
    """A household code the file has named: its first row, its head's row and its village (once known)."""

    first_row: int
    head_row: int | None = None
    village_id: int | None = None

    def columns(self):
        return self.first_row, None, self.head_row, self.village_id

    @classmethod
    def of(cls, line, code, head_line, village_id):
        return cls(line, head_line, village_id)


@dataclass(slots=True)
class SeenRecord:
    """A record (by its natural key) the file has named: its row."""

    row: int

    def columns(self):
        return self.row, None, None, None

    @classmethod
    def of(cls, line, code, head_line, village_id):
        return cls(line)


@dataclass(frozen=True)
class KeyKind:
    """One kind of key: its name in the table and the class of what is kept for each key."""

    name: str
    seen: type


class FileKeys:
    """Keys by kind (`KeyKind`): each with what the file said of it (SeenId, SeenHousehold, SeenRecord)."""

    def __init__(self, growth=None):
        self.connection = connection
        self.growth = growth
        self.table = connection.ops.quote_name(TABLE)
        limit = connection.features.max_query_params or 10_000
        # Keys compare by code point, as Python sorts them (SQLite's default; PostgreSQL's "C").
        self.collate = ' COLLATE "C"' if connection.vendor == "postgresql" else ""
        self.chunk = max(1, min(1000, limit // len(COLUMNS) - 1))

    def create(self):
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"CREATE TEMPORARY TABLE {self.table} (kind varchar(100) NOT NULL, item text{self.collate} NOT NULL, "
                "line integer NOT NULL, code text NULL, head_line integer NULL, village_id integer NULL, "
                "PRIMARY KEY (kind, item))"
            )

    def drop(self):
        with self.connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE {self.table}")

    def get(self, kind, keys):
        """{key: seen} of the `keys` of this kind written so far."""
        keys = list(dict.fromkeys(keys))
        found = {}
        with self.connection.cursor() as cursor:
            if keys and self.connection.vendor == "postgresql":
                # One statement, the keys as one array, each looked up by the primary key: asked for a
                # thousand keys at once, the planner would rather scan the whole table (costing each
                # probe as a read from disk), 25 ms a batch at 100,000 people.
                cursor.execute(
                    f"SELECT wanted.item, found.line, found.code, found.head_line, found.village_id "
                    f"FROM unnest(%s::text[]) AS wanted (item) CROSS JOIN LATERAL (SELECT line, code, head_line, "
                    f"village_id FROM {self.table} WHERE kind = %s AND item = wanted.item LIMIT 1) AS found",
                    [keys, kind.name])
                return {key: kind.seen.of(*rest) for key, *rest in cursor.fetchall()}
            for start in range(0, len(keys), self.chunk):
                chunk = keys[start:start + self.chunk]
                cursor.execute(
                    f"SELECT item, line, code, head_line, village_id FROM {self.table} "
                    f"WHERE kind = %s AND item IN ({', '.join(['%s'] * len(chunk))})", [kind.name, *chunk]
                )
                found.update((key, kind.seen.of(*rest)) for key, *rest in cursor.fetchall())
        return found

    def add(self, kind, seen):
        """Write {key: seen} of this kind (keys not written before)."""
        items = [(key, *value.columns()) for key, value in seen.items()]
        per = len(COLUMNS)
        if self.growth is not None:
            self.growth.add(self.table, len(items))
        with self.connection.cursor() as cursor:
            if items and self.connection.vendor == "postgresql" and hasattr(cursor.cursor, "copy_expert"):
                lines = "".join([f"{copy_line((kind.name, *item))}\n" for item in items])
                cursor.cursor.copy_expert(f"COPY {self.table} ({', '.join(COLUMNS)}) FROM STDIN", io.StringIO(lines))
                return
            for start in range(0, len(items), self.chunk):
                chunk = items[start:start + self.chunk]
                cursor.execute(
                    f"INSERT INTO {self.table} ({', '.join(COLUMNS)}) VALUES "
                    + ", ".join([f"({', '.join(['%s'] * per)})"] * len(chunk)),
                    [value for item in chunk for value in (kind.name, *item)],
                )

    def discard(self, kind, keys):
        keys = list(keys)
        with self.connection.cursor() as cursor:
            for start in range(0, len(keys), self.chunk):
                chunk = keys[start:start + self.chunk]
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(f"DELETE FROM {self.table} WHERE kind = %s AND item IN ({marks})", [kind.name, *chunk])
