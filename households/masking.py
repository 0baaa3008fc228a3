"""Masking of personal identifiers for users without the right to see them whole."""

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


# Fields masked wherever they appear (admin lists, forms, history), by name.
MASKS = {"id_number": mask_id_number, "phone": mask_phone, "disability_certificate": mask_id_number}
