"""Cell values: turning what a spreadsheet holds into Python values, with the model's own messages.

Sheet names, headers and the words 是/否 are the file format of IMPORT_FORMAT.md, not interface text:
they stay Chinese whatever the language of the page.
"""

import datetime
import functools
import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

YES, NO = "是", "否"
LIST_SEPARATOR = "、"
_DATE_TEXT = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def text(value):
    """The cell as trimmed text: numbers without a trailing .0, dates as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip().replace("\u3000", " ").strip()
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def is_blank(value):
    """Whether the cell is empty or only spaces."""
    return value is None or (isinstance(value, str) and not value.strip())


def messages_of(error):
    """One line of text from a ValidationError."""
    return " ".join(str(m) for m in error.messages)


def parse_date(value):
    """A date from an Excel date cell or YYYY-MM-DD text."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    match = _DATE_TEXT.match(text(value))
    if match:
        try:
            return datetime.date(*(int(part) for part in match.groups()))
        except ValueError:
            pass
    raise ValidationError(_("Enter the date as YYYY-MM-DD, such as 2020-04-01."), code="date")


def parse_year(value):
    """A four-digit year."""
    raw = text(value)
    if raw.isdigit() and len(raw) == 4 and 1900 <= int(raw) <= 2100:
        return int(raw)
    raise ValidationError(_("Enter a four-digit year, such as 2016."), code="year")


def decimal_of(value):
    """A Decimal from a number or text cell, keeping the digits the user typed (no float noise)."""
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    raw = text(value).rstrip("%").strip()
    try:
        return Decimal(raw)
    except InvalidOperation:
        return raw  # the model field reports it with its own message


def model_field_parser(model, name, convert=text):
    """Parse a cell through the model field's own clean(): its validators, its messages."""
    field = model._meta.get_field(name)

    def parse(value):
        return field.clean(convert(value), None)

    return parse


def validator_parser(validator, normalize=text):
    """Parse a cell through one of the model's validators."""

    def parse(value):
        cleaned = normalize(value)
        validator(cleaned)
        return cleaned

    return parse


@functools.cache
def labels(choices):
    """{Chinese label: stored value} of a TextChoices class, as the workbook spells the labels."""
    with translation.override("zh-hans"):
        return {str(label): value for value, label in choices.choices}


@functools.cache
def label_of(choices):
    """{stored value: Chinese label} of a TextChoices class."""
    return {value: label for label, value in labels(choices).items()}


def not_one_of(options):
    """The message for a value outside an allowed list."""
    return ValidationError(
        _("Use one of: %(choices)s.") % {"choices": LIST_SEPARATOR.join(options)}, code="choice"
    )


def choice_parser(choices):
    """Parse a Chinese label of `choices` into its stored value."""

    def parse(value):
        mapping = labels(choices)
        try:
            return mapping[text(value)]
        except KeyError:
            raise not_one_of(list(mapping)) from None

    return parse


def parse_yes_no(value):
    """是 → True, 否 → False."""
    raw = text(value)
    if raw == YES:
        return True
    if raw == NO:
        return False
    raise not_one_of([YES, NO])
