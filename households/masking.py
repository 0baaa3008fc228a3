"""Masking of personal identifiers for users without the right to see them whole.

Users without `households.view_full_identifiers` see ID numbers as 211302********0013, phones as
139****1234 and a birth date as its year only (digits 7–14 of an ID number are the birth date), and no
query they send may filter, order or search by those fields, except the search for one whole ID number.
"""

import datetime

from django.core.exceptions import FieldDoesNotExist
from django.db.models.constants import LOOKUP_SEP

PERMISSION = "households.view_full_identifiers"


def can_see_identifiers(user):
    """Whether the user may see ID and phone numbers unmasked."""
    return bool(user and user.is_authenticated and user.has_perm(PERMISSION))


def mask_id_number(value):
    """Keep the first 6 and last 4 characters of an ID number: 211302********0013."""
    if not value:
        return value
    if len(value) <= 10:
        return "*" * len(value)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def mask_phone(value):
    """Keep the first 3 and last 4 digits of a mobile number (139****1234), the last 4 of a landline."""
    if not value:
        return value
    if len(value) == 11 and value.startswith("1"):
        return value[:3] + "****" + value[-4:]
    return "*" * max(len(value) - 4, 0) + value[-4:]


def id_number_for(user, value):
    """The ID number as this user may see it."""
    return value if can_see_identifiers(user) else mask_id_number(value)


def phone_for(user, value):
    """The phone number as this user may see it."""
    return value if can_see_identifiers(user) else mask_phone(value)


def birth_year(value):
    """The year of a birth date (a date or an ISO string): all a masked user may see of it."""
    if not value:
        return value
    return str(value.year) if isinstance(value, datetime.date) else str(value)[:4]


def age_for(user, birth_date, day):
    """Age on `day`: in whole years for users who may see identifiers, else counted by the year of
    birth alone (day.year − birth year), so that no choice of `day` reveals the birth date."""
    if birth_date is None:
        return None
    if can_see_identifiers(user):
        return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))
    return day.year - birth_date.year


# Fields masked wherever they appear (admin lists, forms, history, conflict messages), by name.
MASKS = {
    "id_number": mask_id_number, "phone": mask_phone, "birth_date": birth_year,
    "disability_certificate": mask_id_number,  # it holds the whole ID number
}
# The fields no query of a masked user may filter, order or search by.
HIDDEN_FIELDS = frozenset(MASKS)


def touches_hidden_field(model, lookup):
    """Whether a query-string lookup such as `members__id_number__startswith` reads a hidden field of
    `model` or of a model it reaches through relations."""
    for part in lookup.split(LOOKUP_SEP):
        if part in HIDDEN_FIELDS:
            return True
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return False
        if not field.is_relation or field.related_model is None:
            return False
        model = field.related_model
    return False
