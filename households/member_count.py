"""`Household.member_count`, the household's current members (status normal), kept by the database.

Triggers on the people table recount the households whose people were written, so every write keeps it
right: the ORM, bulk writes, imports, the generator and, on PostgreSQL, raw SQL and COPY. On PostgreSQL
one statement-level trigger per event adds the statement's members in and out per household (transition
tables); on SQLite a row-level trigger recounts the row's household. A write to the household itself
cannot set it: on PostgreSQL a BEFORE trigger keeps the stored count (a new household has none), on
SQLite a trigger recounts it after the write. `install(connection)` (re)creates the triggers; it runs
after every `migrate` (a migration that rebuilds a table on SQLite drops its triggers).
"""

from . import db_triggers
from .choices import PersonStatus

HOUSEHOLD, PERSON = "households_household", "households_person"
NORMAL = PersonStatus.NORMAL.value


def _recount(where):
    return (f"UPDATE {HOUSEHOLD} SET member_count = (SELECT count(*) FROM {PERSON} p "
            f"WHERE p.household_id = {HOUSEHOLD}.id AND p.status = '{NORMAL}') WHERE {where}")


def postgresql_sql():
    """The functions and triggers of PostgreSQL, as one script.

    The people's triggers add each statement's change per household (members in minus members out, read
    from the transition tables), so a bulk write costs one grouped update, with no count over the people
    table. A new household starts at 0: its people are written after it (their foreign key)."""
    statements = ["""
CREATE OR REPLACE FUNCTION households_member_count_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF pg_trigger_depth() <= 1 THEN
        IF TG_OP = 'INSERT' THEN
            NEW.member_count := 0;
        ELSE
            NEW.member_count := OLD.member_count;
        END IF;
    END IF;
    RETURN NEW;
END $$""",
        f"DROP TRIGGER IF EXISTS households_member_count_keep ON {HOUSEHOLD}",
        f"""CREATE TRIGGER households_member_count_keep BEFORE INSERT OR UPDATE ON {HOUSEHOLD}
FOR EACH ROW EXECUTE FUNCTION households_member_count_keep()"""]
    signs = {"new_rows": "1", "old_rows": "-1"}
    tables = {"insert": ["new_rows"], "update": ["new_rows", "old_rows"], "delete": ["old_rows"]}
    for event, rows in tables.items():
        changes = " UNION ALL ".join(
            f"SELECT household_id, {signs[name]} AS n FROM {name} WHERE status = '{NORMAL}'" for name in rows)
        referencing = " ".join(f"{'NEW' if name == 'new_rows' else 'OLD'} TABLE AS {name}" for name in rows)
        statements += [
            f"""CREATE OR REPLACE FUNCTION households_member_count_{event}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE {HOUSEHOLD} h SET member_count = h.member_count + d.n
    FROM (SELECT household_id, sum(n) AS n FROM ({changes}) c GROUP BY household_id HAVING sum(n) <> 0) d
    WHERE h.id = d.household_id;
    RETURN NULL;
END $$""",
            f"DROP TRIGGER IF EXISTS households_member_count_{event} ON {PERSON}",
            f"""CREATE TRIGGER households_member_count_{event} AFTER {event.upper()} ON {PERSON}
REFERENCING {referencing} FOR EACH STATEMENT EXECUTE FUNCTION households_member_count_{event}()""",
        ]
    statements += [
        f"""CREATE OR REPLACE FUNCTION households_member_count_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE {HOUSEHOLD} SET member_count = 0 WHERE member_count <> 0;
    RETURN NULL;
END $$""",
        f"DROP TRIGGER IF EXISTS households_member_count_truncate ON {PERSON}",
        f"""CREATE TRIGGER households_member_count_truncate AFTER TRUNCATE ON {PERSON}
FOR EACH STATEMENT EXECUTE FUNCTION households_member_count_truncate()""",
    ]
    return statements


def sqlite_sql():
    """The row-level triggers of SQLite."""
    statements = []
    tables = {"insert": ["NEW"], "update": ["NEW", "OLD"], "delete": ["OLD"]}
    for event, rows in tables.items():
        body = "".join(f"{_recount(f'id = {row}.household_id')};\n" for row in rows)
        statements += [
            f"DROP TRIGGER IF EXISTS households_member_count_{event}",
            f"CREATE TRIGGER households_member_count_{event} AFTER {event.upper()} ON {PERSON} "
            f"FOR EACH ROW BEGIN\n{body}END",
        ]
    statements += [
        "DROP TRIGGER IF EXISTS households_member_count_keep",
        f"CREATE TRIGGER households_member_count_keep AFTER UPDATE OF member_count ON {HOUSEHOLD} "
        f"FOR EACH ROW BEGIN\n{_recount('id = NEW.id')};\nEND",
        "DROP TRIGGER IF EXISTS households_member_count_new",
        f"CREATE TRIGGER households_member_count_new AFTER INSERT ON {HOUSEHOLD} "
        f"FOR EACH ROW WHEN NEW.member_count <> 0 BEGIN\n{_recount('id = NEW.id')};\nEND",
    ]
    return statements


def _recount_all(vendor):
    """Every household recounted, its BEFORE trigger (PostgreSQL) set aside for the statement."""
    if vendor != "postgresql":
        return [_recount("true")]
    return [f"ALTER TABLE {HOUSEHOLD} DISABLE TRIGGER households_member_count_keep", _recount("true"),
            f"ALTER TABLE {HOUSEHOLD} ENABLE TRIGGER households_member_count_keep"]


def install(connection):
    """(Re)create the triggers on `connection` and recount every household."""
    db_triggers.install(connection, {"postgresql": postgresql_sql, "sqlite": sqlite_sql}, then=_recount_all)


def uninstall(connection):
    """Drop the triggers (a migration back before `member_count`)."""
    names = {PERSON: ["insert", "update", "delete", "truncate"], HOUSEHOLD: ["keep", "new"]}
    db_triggers.drop(connection, [(f"households_member_count_{event}", table)
                                  for table, events in names.items() for event in events])


def connect():
    db_triggers.after_migrate("households", install)
