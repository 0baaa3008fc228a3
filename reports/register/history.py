"""The change history of a household and its members, from django-simple-history."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from households.models import Person

KINDS = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}
IGNORED = {"id", "version", "member_count"}  # member_count: kept by the database, not in the history
SHOWN = 50


@dataclass(frozen=True)
class Change:
    """One saved change: when, by whom, to which record, and the fields it touched."""

    when: object
    user: object
    record: str
    kind: str
    fields: tuple


def _changes(entries, model, describe):
    """Changes of `entries` (historical rows, oldest first), naming the fields each one changed."""
    fields = [field for field in model._meta.concrete_fields if field.name not in IGNORED]
    previous = {}
    for entry in entries:
        before = previous.get(entry.id)
        changed = ()
        if before is not None and entry.history_type == "~":
            changed = tuple(
                str(field.verbose_name) for field in fields
                if getattr(before, field.attname) != getattr(entry, field.attname)
            )
        previous[entry.id] = entry
        yield Change(entry.history_date, entry.history_user, describe(entry), KINDS[entry.history_type], changed)


def change_history(household):
    """The latest changes to the household record and its members, newest first (two queries).

    Field names only, never values: the history must not show an ID number to a user who sees it masked.
    """
    ordering = ("history_date", "history_id")
    own = household.history.select_related("history_user").order_by(*ordering)
    members = Person.history.filter(household_id=household.pk).select_related("history_user").order_by(*ordering)
    changes = [
        *_changes(own, type(household), lambda entry: str(_("Household record"))),
        *_changes(members, Person, lambda entry: entry.name),
    ]
    changes.sort(key=lambda change: change.when, reverse=True)
    return changes[:SHOWN]
