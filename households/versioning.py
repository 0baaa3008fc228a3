"""No lost edits: each record's edit token, and what changed since a token.

A record with a `version` field uses it as its token (every save counts it up); any other record
with history uses the id of its latest historical row.
"""

import datetime

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from households.masking import MASKS, can_see_identifiers


def has_version(model):
    """Whether the model counts its saves in a `version` field."""
    return any(field.name == "version" for field in model._meta.concrete_fields)


def history_model(model):
    """The historical model of `model`, or None when it keeps no history."""
    attribute = getattr(model._meta, "simple_history_manager_attribute", None)
    return getattr(model, attribute).model if attribute else None


def bump_version(sender, instance, raw=False, **kwargs):
    """pre_save receiver: count up `version` on every save of an existing row."""
    if raw or instance._state.adding or not has_version(sender):
        return
    instance.version = (instance.version or 0) + 1


def edit_tokens(model, objects):
    """{pk: token} for saved `objects` of `model`, with at most one query."""
    objects = [obj for obj in objects if obj.pk is not None]
    if has_version(model):
        return {obj.pk: str(obj.version) for obj in objects}
    history = history_model(model)
    if history is None or not objects:
        return {obj.pk: "" for obj in objects}
    from django.db.models import Max

    pk_name = model._meta.pk.attname
    latest = dict(
        history.objects.filter(**{f"{pk_name}__in": [obj.pk for obj in objects]})
        .values_list(pk_name).annotate(latest=Max("history_id")).order_by()
    )
    return {obj.pk: str(latest.get(obj.pk) or 0) for obj in objects}


def current_token(model, pk):
    """The token of the stored row, locking it until the end of the transaction (None if it is gone)."""
    rows = model._default_manager.filter(pk=pk)
    if connection.in_atomic_block:
        rows = rows.select_for_update()
    if has_version(model):
        values = list(rows.values_list("version", flat=True))
        return str(values[0]) if values else None
    if not rows.exists():
        return None
    return edit_tokens(model, [model(pk=pk)])[pk]


def changes_since(model, pk, token):
    """(latest historical row, [(field, old, new)]) of the changes saved after `token`."""
    history = history_model(model)
    if history is None:
        return None, []
    rows = history.objects.filter(**{model._meta.pk.attname: pk}).select_related("history_user")
    latest = rows.order_by("-history_id").first()
    if has_version(model):
        base = rows.filter(version=_int(token)).order_by("-history_id").first()
    else:
        base = rows.filter(history_id=_int(token)).first()
    if latest is None or base is None or latest.history_id == base.history_id:
        return latest, []
    excluded = [name for name in ("version",) if has_version(model)]
    delta = latest.diff_against(base, excluded_fields=excluded, foreign_keys_are_objs=True)
    return latest, [(change.field, change.old, change.new) for change in delta.changes]


def _int(token):
    try:
        return int(token)
    except (TypeError, ValueError):
        return -1


def display_value(model, field_name, value, user):
    """A stored value as the user may read it: choice labels, yes/no, masked identifiers."""
    field = model._meta.get_field(field_name)
    if value is None or value == "":
        return _("(empty)")
    if field_name in MASKS and not can_see_identifiers(user):
        return MASKS[field_name](str(value))
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def describe_changes(model, changes, user):
    """'field: old → new' for each change, in the user's language and masking."""
    return [
        f"{model._meta.get_field(name).verbose_name}：{display_value(model, name, old, user)} → "
        f"{display_value(model, name, new, user)}"
        for name, old, new in changes
    ]


def differences_from_form(model, pk, submitted):
    """[(field, stored value, value in the form)] where the stored row differs from a submitted form's
    values ({field name: value}); for records whose history cannot say what changed."""
    current = model._default_manager.filter(pk=pk).first()
    if current is None:
        return []
    fields = {field.name: field for field in model._meta.concrete_fields if field.editable and not field.primary_key}
    return [
        (name, getattr(current, name), value) for name, value in submitted.items()
        if name in fields and name != "version" and getattr(current, name) != value
    ]


def describe_differences(model, differences, user):
    """'field: stored (yours: value)' for each difference, in the user's language and masking."""
    return [
        _("%(field)s: %(stored)s (your form: %(yours)s)") % {
            "field": model._meta.get_field(name).verbose_name,
            "stored": display_value(model, name, stored, user),
            "yours": display_value(model, name, yours, user),
        }
        for name, stored, yours in differences
    ]


def conflict_message(model, pk, token, user, submitted=None):
    """The refusal shown when a record was saved by someone else after `token` was handed out.

    The history says what the other save changed; when it cannot (the record had no history when the
    form was handed out: loaded from a fixture, written in bulk), the stored row is compared with the
    `submitted` form values ({field name: value}) instead.
    """
    latest, changes = changes_since(model, pk, token)
    described = "；".join(describe_changes(model, changes, user))
    differences = "" if described else "；".join(
        describe_differences(model, differences_from_form(model, pk, submitted or {}), user)
    )
    if latest is None:
        if differences:
            return _("This record was changed while you were editing it; the saved record now differs from "
                     "your form in %(differences)s. Your changes were not saved: reopen the record to see the "
                     "current values and make them again.") % {"differences": differences}
        return _("This record was changed while you were editing it. Your changes were not saved: "
                 "reopen the record and make them again.")
    who = latest.history_user
    params = {
        "who": (who.get_full_name() or who.get_username()) if who else _("an account not recorded"),
        "when": timezone.localtime(latest.history_date).strftime("%Y-%m-%d %H:%M"),
        "changes": described,
        "differences": differences,
    }
    if not described and differences:
        return _("%(who)s saved this record at %(when)s while you were editing it; the saved record now "
                 "differs from your form in %(differences)s. Your changes were not saved: reopen the record "
                 "to see the current values and make them again.") % params
    params["changes"] = described or _("no field values")
    return _("%(who)s saved this record at %(when)s while you were editing it, changing %(changes)s. "
             "Your changes were not saved: reopen the record to see the current values and make them "
             "again.") % params
