"""Database refusals in Chinese: a raw message such as `duplicate key value violates unique constraint …`
(which may quote an ID number) never reaches a user (issue #12, item 12).

`db_error_message(error)` names the rule the database enforced, with the message the model gives for it
(the same words the forms and the import use); `DatabaseErrorMiddleware` answers a request that ended
in such an error with a Chinese page (409) instead of a server error, and audits it without the raw text.
"""

import re

from django.apps import apps
from django.db import DataError, IntegrityError
from django.shortcuts import render
from django.utils.translation import gettext as _

from households.audit import audit
from households.errors import back_url

FAILED = "constraint failed:"
_QUOTED = re.compile(r'"([^"]+)"|\'([^\']+)\'')


def _rules():
    """(name the database gives, message) for every named constraint and unique field of the project."""
    for model in apps.get_models():
        table = model._meta.db_table
        for constraint in model._meta.constraints:
            yield constraint.name, constraint.get_violation_error_message
            columns = [model._meta.get_field(name).column for name in getattr(constraint, "fields", ())]
            if columns:  # SQLite names the columns of a unique index: "table.a, table.b"
                yield ", ".join(f"{table}.{column}" for column in columns), constraint.get_violation_error_message
        for field in model._meta.concrete_fields:
            if field.unique and not field.primary_key:
                message = _unique_message(model, field)
                # SQLite: "UNIQUE constraint failed: table.column"; PostgreSQL: "table_column_key".
                yield f"{table}.{field.column}", message
                yield f"{table}_{field.column}_key", message


def _unique_message(model, field):
    def message():
        return field.error_messages["unique"] % {
            "model_name": model._meta.verbose_name, "field_label": field.verbose_name,
        }

    return message


def refused_rule(error):
    """The name of the constraint a database error names, or None."""
    text = str(error)
    names = {match.group(1) or match.group(2) for match in _QUOTED.finditer(text)}
    # SQLite: "UNIQUE constraint failed: table.a, table.b", "CHECK constraint failed: name".
    names.update(line.split(FAILED, 1)[1].strip() for line in text.splitlines() if FAILED in line)
    for name, _message in _rules():
        if name in names:
            return name
    return None


def db_error_message(error):
    """A Chinese sentence for a database refusal: the broken rule's own message, or a general one."""
    name = refused_rule(error)
    if name is not None:
        message = dict(_rules())[name]
        return str(message())
    text = str(error).lower()
    if isinstance(error, IntegrityError) and "foreign key" in text:
        return _("A record this one refers to was deleted meanwhile.")
    if isinstance(error, DataError):
        return _("A value is too long or out of range for the register.")
    return _("The register refused the change: it conflicts with a record saved at the same moment.")


class DatabaseErrorMiddleware:
    """Answer a request ended by a database refusal with a Chinese page: nothing was saved, and why."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, IntegrityError | DataError):
            return None
        audit("db_refusal", user=getattr(request, "user", None), outcome="refused", request=request,
              rule=refused_rule(exception) or type(exception).__name__, path=request.path)
        context = {"reason": db_error_message(exception), "status": 409, "back_url": back_url(request)}
        return render(request, "409.html", context, status=409)
