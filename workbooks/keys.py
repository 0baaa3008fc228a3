"""What the file has said so far, kept in a temporary table of the import's own transaction.

The checks across rows (an ID number in one row only, one head per household, a record once) need
every key the file has named. Held in Python, they grow with the file (about 0.45 KB a person); here
they are written batch by batch to a temporary table on the import's connection, and each batch looks
up only its own keys. The table is made when the import starts and dropped when it ends (a rollback
drops it too), so nothing outlives the transaction.
"""

from django.db import connection

TABLE = "workbook_import_keys"
COLUMNS = ("kind", "item", "line", "code", "head_line", "village_id")


class FileKeys:
    """Keys by kind (e.g. "家庭成员:ids"): each with its row and, as the kind needs, a code, head row, village."""

    def __init__(self):
        self.connection = connection
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
        """{key: (row, code, head_row, village_id)} of the `keys` of this kind written so far."""
        keys = list(dict.fromkeys(keys))
        found = {}
        with self.connection.cursor() as cursor:
            for start in range(0, len(keys), self.chunk):
                chunk = keys[start:start + self.chunk]
                cursor.execute(
                    f"SELECT item, line, code, head_line, village_id FROM {self.table} "
                    f"WHERE kind = %s AND item IN ({', '.join(['%s'] * len(chunk))})", [kind, *chunk]
                )
                found.update((key, tuple(rest)) for key, *rest in cursor.fetchall())
        return found

    def add(self, kind, items):
        """Write [(key, row, code, head_row, village_id)] of this kind (keys not written before)."""
        items = list(items)
        per = len(COLUMNS)
        with self.connection.cursor() as cursor:
            for start in range(0, len(items), self.chunk):
                chunk = items[start:start + self.chunk]
                cursor.execute(
                    f"INSERT INTO {self.table} ({', '.join(COLUMNS)}) VALUES "
                    + ", ".join([f"({', '.join(['%s'] * per)})"] * len(chunk)),
                    [value for item in chunk for value in (kind, *item)],
                )

    def discard(self, kind, keys):
        keys = list(keys)
        with self.connection.cursor() as cursor:
            for start in range(0, len(keys), self.chunk):
                chunk = keys[start:start + self.chunk]
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(f"DELETE FROM {self.table} WHERE kind = %s AND item IN ({marks})", [kind, *chunk])

    def scan(self, kind, *, head_row_null=False, size=1000):
        """Every (key, row, code, head_row, village_id) of this kind in key order, read `size` at a time."""
        condition = " AND head_line IS NULL" if head_row_null else ""
        last = None
        with self.connection.cursor() as cursor:
            while True:
                after = "" if last is None else " AND item > %s"
                cursor.execute(
                    f"SELECT item, line, code, head_line, village_id FROM {self.table} "
                    f"WHERE kind = %s{condition}{after} ORDER BY item LIMIT {int(size)}",
                    [kind] if last is None else [kind, last],
                )
                rows = cursor.fetchall()
                yield from rows
                if len(rows) < size:
                    return
                last = rows[-1][0]
