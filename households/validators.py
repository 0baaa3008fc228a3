"""Validation of resident ID numbers (GB 11643) through django-localflavor."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from localflavor.cn.forms import CNIDCardField

ID_NUMBER_MESSAGES = {
    "required": _("Enter the ID number."),
    "invalid": _("The ID number must be 18 characters: 17 digits and a final digit or X."),
    "min_length": _("The ID number must be 18 characters: 17 digits and a final digit or X."),
    "max_length": _("The ID number must be 18 characters: 17 digits and a final digit or X."),
    "checksum": _("The ID number's check digit is wrong."),
    "birthday": _("The ID number holds an impossible birth date."),
    "location": _("The ID number's area code is unknown."),
}

_field = CNIDCardField(min_length=18, max_length=18, error_messages=ID_NUMBER_MESSAGES)


def normalize_id_number(value):
    """Return the ID number trimmed and with an upper-case X."""
    return (value or "").strip().upper()


def validate_id_number(value):
    """Reject an ID number that is not an 18-character GB 11643 number with a valid check digit."""
    value = normalize_id_number(value)
    if len(value) != 18:
        raise ValidationError(ID_NUMBER_MESSAGES["invalid"], code="invalid")
    _field.clean(value)
    if birth_date_from_id(value) > datetime.date.today():
        raise ValidationError(ID_NUMBER_MESSAGES["birthday"], code="birthday")


def birth_date_from_id(value):
    """Birth date encoded in digits 7-14 of an 18-character ID number."""
    return datetime.datetime.strptime(value[6:14], "%Y%m%d").date()


def sex_from_id(value):
    """Sex encoded in digit 17: odd for men, even for women."""
    return "male" if int(value[16]) % 2 else "female"


def complete_id_number(first17):
    """Append the check character that makes 17 digits a valid ID number (for invented records)."""
    for check in "0123456789X":
        if _field.has_valid_checksum(first17 + check):
            return first17 + check
    raise ValueError(first17)  # unreachable: one of the 11 characters always fits
