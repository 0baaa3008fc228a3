"""Search conditions: a household code, a person's name, or an ID number."""

from django.db.models import Q

from households.masking import can_see_identifiers
from households.validators import normalize_id_number

ID_LENGTH = 18


def id_number_q(user, value, field="id_number"):
    """Q matching an ID number: a whole number for everyone, part of one only for users who may
    see numbers whole (a masked user must not learn the hidden digits by searching for them)."""
    value = normalize_id_number(value)
    if len(value) == ID_LENGTH:
        return Q(**{field: value})
    if can_see_identifiers(user) and len(value) >= 4 and value.rstrip("X").isdigit():
        return Q(**{f"{field}__icontains": value})
    return Q(pk__in=[])


def person_q(user, value, prefix=""):
    """Q matching a person by part of the name or by ID number."""
    return Q(**{f"{prefix}name__icontains": value}) | id_number_q(user, value, f"{prefix}id_number")
