"""Validation of resident ID numbers (GB 11643, through django-localflavor), household codes and register years."""

import datetime
import operator
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from localflavor.cn.forms import CN_LOCATION_CODES, CNIDCardField

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
_ASCII_ID = re.compile(r"[0-9]{17}[0-9X]")
# GB 11643 (ISO 7064 MOD 11-2): the weight of each of the first 17 digits, and the check character of each sum mod 11.
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARACTERS = "10X98765432"
_LOCATIONS = frozenset(CN_LOCATION_CODES)


def normalize_id_number(value):
    """Return the ID number trimmed and with an upper-case X."""
    return (value or "").strip().upper()


def validate_id_number(value):
    """Reject an ID number that is not an 18-character GB 11643 number with a valid check digit."""
    value = normalize_id_number(value)
    if len(value) != 18:
        raise ValidationError(ID_NUMBER_MESSAGES["invalid"], code="invalid")
    if _passes_every_check(value):
        return
    # Something is wrong (or the digits are not ASCII): localflavor decides, with its message.
    _field.clean(value)
    if birth_date_from_id(value) > timezone.localdate():
        raise ValidationError(ID_NUMBER_MESSAGES["birthday"], code="birthday")


def _passes_every_check(value):
    """The checks of localflavor's CNIDCardField and of the birth date, in one pass (an import runs
    them on every row): ASCII digits, a real birth date not in the future, a known province, the
    GB 11643 check character. False sends the value through localflavor for its message."""
    if not _ASCII_ID.fullmatch(value):
        return False
    birth = _birth_date(value[6:14])
    if birth is None or not _not_future(birth) or int(value[:2]) not in _LOCATIONS:
        return False
    return check_character(value[:17]) == value[17]


def _not_future(day):
    """Whether `day` is not after today (timezone.localdate()). The server's date differs from it by at
    most two days (time zones span 26 hours), so an earlier day needs no look at the time zone, which
    costs more than the rest of the check."""
    return day <= datetime.date.today() - _TIME_ZONES_SPAN or day <= timezone.localdate()


_TIME_ZONES_SPAN = datetime.timedelta(days=3)


def _birth_date(digits):
    """The date of YYYYMMDD, or None: what strptime("%Y%m%d") accepts, without its cost for ASCII digits."""
    try:
        if len(digits) == 8 and digits.isascii() and digits.isdigit():
            return datetime.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
        return datetime.datetime.strptime(digits, "%Y%m%d").date()
    except ValueError:
        return None


def birth_date_from_id(value):
    """Birth date encoded in digits 7-14 of an 18-character ID number."""
    birth = _birth_date(value[6:14])
    if birth is None:
        raise ValueError(f"no date in {value!r}")
    return birth


def sex_from_id(value):
    """Sex encoded in digit 17: odd for men, even for women."""
    return "male" if int(value[16]) % 2 else "female"


DISABILITY_CERTIFICATE_MESSAGE = _(
    "A disability certificate number is the holder's 18-character ID number, the disability category "
    "(1–7) and grade (1–4), and for a reissued certificate B and the reissue number (20 or 22 characters)."
)
_DISABILITY_CERTIFICATE = re.compile(r"[0-9]{17}[0-9X][1-7][1-4](B[1-9])?")


def validate_disability_certificate(value):
    """Reject a 残疾人证 number that is not an ID number + category + grade (+ B and a reissue number)."""
    value = normalize_id_number(value)
    if not _DISABILITY_CERTIFICATE.fullmatch(value):
        raise ValidationError(DISABILITY_CERTIFICATE_MESSAGE, code="disability_certificate")
    validate_id_number(value[:18])


def check_character(first17):
    """The GB 11643 check character (0–9 or X) of the first 17 ASCII digits of an ID number."""
    if len(first17) == len(_WEIGHTS) and first17.isascii() and first17.isdigit():  # the usual case, in C
        return _CHECK_CHARACTERS[sum(map(operator.mul, _WEIGHTS, map(int, first17))) % 11]
    total = sum(weight * (ord(digit) - 48) for weight, digit in zip(_WEIGHTS, first17, strict=True))
    return _CHECK_CHARACTERS[total % 11]


def complete_id_number(first17):
    """Append the check character that makes 17 digits a valid ID number (for invented records)."""
    return first17 + check_character(first17)


# The register began with the 2013 identification campaign: no household was registered before it.
FIRST_REGISTER_YEAR = 2013


def validate_register_year(value):
    """Reject a year before the register began (2013) or after the current year."""
    if value is None:
        return
    if value < FIRST_REGISTER_YEAR:
        raise ValidationError(
            _("%(value)s is before %(first)s, the year the register began."),
            code="too_early", params={"value": value, "first": FIRST_REGISTER_YEAR},
        )
    current = timezone.localdate().year
    if value > current:
        raise ValidationError(
            _("%(value)s is after this year (%(year)s)."), code="too_late", params={"value": value, "year": current}
        )


def validate_household_code(value):
    """Reject a household code that does not match settings.HOUSEHOLD_CODE_PATTERN (the national form
    by default: the village's 12-digit code, a hyphen and four digits or capital letters)."""
    if re.fullmatch(settings.HOUSEHOLD_CODE_PATTERN, value or ""):
        return
    raise ValidationError(
        _("The household code %(value)s is not in the form the register uses, such as %(example)s."),
        code="household_code", params={"value": value, "example": settings.HOUSEHOLD_CODE_EXAMPLE},
    )
