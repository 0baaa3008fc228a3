"""Build the POST a browser would send from an admin change page: every field as rendered."""

import datetime

from django.urls import reverse


def _put(data, key, value):
    if value is None:
        data[key] = ""
    elif isinstance(value, bool):
        if value:
            data[key] = "on"
    elif isinstance(value, list | tuple):
        data[key] = [str(item) for item in value]
    elif isinstance(value, datetime.date):
        data[key] = value.isoformat()
    else:
        data[key] = str(value)


def _form_data(data, form):
    for name in form.fields:
        _put(data, form.add_prefix(name), form[name].value())


def admin_form_data(response, **changes):
    """The admin form in `response` as POST data (inline rows included), with `changes` applied."""
    data = {}
    _form_data(data, response.context["adminform"].form)
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        _form_data(data, formset.management_form)
        for form in formset.forms:
            _form_data(data, form)
    data.update({key: str(value) for key, value in changes.items()})
    return data


def admin_url(model, action, *args):
    """The admin URL of `model` for `action` (changelist, add, change, history, delete …)."""
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{action}", args=args)
