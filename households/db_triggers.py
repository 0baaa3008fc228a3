"""Triggers written in the project's own SQL: how a module's triggers reach the database and leave it.

The one owner of installing triggers (households/member_count.py, reports/triggers.py): the vendor's script run
statement by statement, then the statements that bring what the triggers keep up to date with the rows written
while they were missing; dropping them by name; and running the install after every `migrate` of the owning app
(a migration that rebuilds a table on SQLite drops its triggers). Other vendors get no triggers.
"""

from django.db.models.signals import post_migrate

VENDORS = ("postgresql", "sqlite")


def install(connection, scripts, then=lambda vendor: ()):
    """Run `scripts[vendor]()` on `connection`, then the statements `then(vendor)`; nothing for another vendor."""
    if connection.vendor not in scripts:
        return
    with connection.cursor() as cursor:
        for statement in [*scripts[connection.vendor](), *then(connection.vendor)]:
            cursor.execute(statement)


def drop(connection, triggers):
    """Drop each trigger of `triggers`, (name, table) pairs, where it exists."""
    if connection.vendor not in VENDORS:
        return
    with connection.cursor() as cursor:
        for name, table in triggers:
            on = f" ON {table}" if connection.vendor == "postgresql" else ""
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}{on}")


def after_migrate(app_name, install_on):
    """Run `install_on(connection)` after every `migrate` of the app `app_name`, on the database migrated."""

    def receiver(sender, using, **kwargs):
        from django.db import connections

        if sender.name == app_name:
            install_on(connections[using])

    post_migrate.connect(receiver, weak=False, dispatch_uid=f"{app_name}.{install_on.__module__}")
