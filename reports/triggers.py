"""Database triggers: every write to a table a figure reads marks the villages it touches stale.

The one owner of "a write marks villages stale" (reports/aggregates.py reads the versions). Each table is
mapped to the villages of its rows, directly or through its household (`PATHS`); an update marks the
villages of the old and the new rows (a household moving to another village marks both). Reference rows
that move every figure (poverty lines and thresholds) mark every village; a cadre whose unit changes marks
the villages of its pairings (units are counted through cadres).

PostgreSQL: one statement-level trigger per table and event, reading the statement's rows as transition
tables, so a bulk import or a COPY costs one upsert of the villages per statement, however many rows; a
TRUNCATE marks every village. SQLite: row-level triggers. Both upsert `reports_villageversion`
(version + 1). `install(connection)` (re)creates them after every `migrate`, and marks every village
stale (rows may have been written while a rebuilt SQLite table had none).
"""

from django.apps import apps

from households import db_triggers

VERSIONS = "reports_villageversion"
VILLAGES = "households_village"

# Model → how its rows reach their village: the village column, or (column, parent model) hops.
PATHS = {
    "households.Village": "id",
    "households.Household": "village_id",
    "households.Person": ("household_id", "households.Household"),
    "households.IncomeRecord": ("household_id", "households.Household"),
    "households.Assessment": ("household_id", "households.Household"),
    "projects.EmploymentPlacement": ("person_id", "households.Person"),
    "projects.Training": ("person_id", "households.Person"),
    "projects.HouseholdProject": ("household_id", "households.Household"),
    "projects.IndustryBeneficiary": ("household_id", "households.Household"),
    "projects.Pairing": ("household_id", "households.Household"),
    "projects.AssistanceRecord": ("pairing_id", "projects.Pairing"),
    "monitoring.MonitoringCase": ("household_id", "households.Household"),
    "monitoring.CaseRisk": ("case_id", "monitoring.MonitoringCase"),
    "monitoring.CaseStep": ("case_id", "monitoring.MonitoringCase"),
    "monitoring.MonitoringMeasure": ("case_id", "monitoring.MonitoringCase"),
}
# Tables whose every write marks every village.
EVERY_VILLAGE = ("households.PovertyLine",)
# Tables whose updates alone matter, with their own path (a cadre's unit: the villages of its pairings).
UPDATES_ONLY = {
    "projects.Cadre": "SELECT h.village_id FROM {rows} r JOIN {pairing} p ON p.cadre_id = r.id "
                      "JOIN {household} h ON h.id = p.household_id",
}

EVENTS = {"insert": ("new_rows",), "update": ("new_rows", "old_rows"), "delete": ("old_rows",)}


def _table(label):
    return apps.get_model(label)._meta.db_table


def villages_sql(label, rows):
    """SELECT the village ids (column `village_id`) of the rows of `label` in the relation `rows`."""
    if label in UPDATES_ONLY:
        return UPDATES_ONLY[label].format(rows=rows, pairing=_table("projects.Pairing"),
                                          household=_table("households.Household"))
    path, joins, alias, hop = PATHS[label], [], "r", 0
    while isinstance(path, tuple):
        column, parent = path
        hop += 1
        joins.append(f"JOIN {_table(parent)} t{hop} ON t{hop}.id = {alias}.{column}")
        alias, path = f"t{hop}", PATHS[parent]
    return f"SELECT {alias}.{path} AS village_id FROM {rows} r {' '.join(joins)}"


def bump_sql(select):
    """Upsert version + 1 for every village `select` names (None for every village)."""
    select = select or f"SELECT id AS village_id FROM {VILLAGES}"
    return (f"INSERT INTO {VERSIONS} (village_id, version) SELECT DISTINCT village_id, 1 FROM ({select}) s "
            f"WHERE village_id IS NOT NULL ORDER BY village_id "
            f"ON CONFLICT (village_id) DO UPDATE SET version = {VERSIONS}.version + 1")


def _name(label, event):
    return f"reports_stale_{label.split('.')[1].lower()}_{event}"


def _tables():
    return [*PATHS, *EVERY_VILLAGE, *UPDATES_ONLY]


def _events(label):
    return {"update": EVENTS["update"]} if label in UPDATES_ONLY else EVENTS


def postgresql_sql():
    statements = []
    for label in _tables():
        table = _table(label)
        for event, rows in _events(label).items():
            name = _name(label, event)
            if label in EVERY_VILLAGE:
                select = None
                referencing = ""
            else:
                select = " UNION ALL ".join(villages_sql(label, relation) for relation in rows)
                referencing = "REFERENCING " + " ".join(
                    f"{'NEW' if relation == 'new_rows' else 'OLD'} TABLE AS {relation}" for relation in rows)
            statements += [
                f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                f"BEGIN\n    {bump_sql(select)};\n    RETURN NULL;\nEND $$",
                f"DROP TRIGGER IF EXISTS {name} ON {table}",
                f"CREATE TRIGGER {name} AFTER {event.upper()} ON {table} {referencing} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {name}()",
            ]
        name = _name(label, "truncate")
        statements += [
            f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
            f"BEGIN\n    {bump_sql(None)};\n    RETURN NULL;\nEND $$",
            f"DROP TRIGGER IF EXISTS {name} ON {table}",
            f"CREATE TRIGGER {name} AFTER TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION {name}()",
        ]
    return statements


def _sqlite_row(label, relation):
    """The row of a SQLite trigger (NEW or OLD) as a one-row relation with the columns the path reads."""
    model = apps.get_model(label)
    columns = ", ".join(f"{relation}.{field.column} AS {field.column}" for field in model._meta.concrete_fields)
    return f"(SELECT {columns})"


def sqlite_sql():
    statements = []
    for label in _tables():
        table = _table(label)
        for event, rows in _events(label).items():
            name = _name(label, event)
            relations = [{"new_rows": "NEW", "old_rows": "OLD"}[relation] for relation in rows]
            if label in EVERY_VILLAGE:
                select = None
            else:
                select = " UNION ALL ".join(villages_sql(label, _sqlite_row(label, r)) for r in relations)
            statements += [
                f"DROP TRIGGER IF EXISTS {name}",
                f"CREATE TRIGGER {name} AFTER {event.upper()} ON {table} FOR EACH ROW BEGIN\n"
                f"{bump_sql(select)};\nEND",
            ]
    return statements


def install(connection):
    """(Re)create the triggers on `connection` and mark every village stale."""
    db_triggers.install(connection, {"postgresql": postgresql_sql, "sqlite": sqlite_sql},
                        then=lambda vendor: [bump_sql(None)])


def uninstall(connection):
    """Drop the triggers (a migration back before the aggregates)."""
    db_triggers.drop(connection, [(_name(label, event), _table(label))
                                  for label in _tables() for event in [*_events(label), "truncate"]])


def connect():
    db_triggers.after_migrate("reports", install)
