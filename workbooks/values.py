"""Cell values: turning what a spreadsheet holds into Python values, with the model's own messages.

Sheet names, headers and the words 是/否 are the file format of IMPORT_FORMAT.md, not interface text:
they stay Chinese whatever the language of the page.
"""

import datetime
import functools
import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _

YES, NO = "是", "否"
# What other files write for yes and no (the national register, Excel's TRUE/FALSE, 1/0).
YES_WORDS = frozenset({YES, "有", "Y", "y", "1", "TRUE", "True", "true", "参加", "已参加", "是的"})
NO_WORDS = frozenset({NO, "无", "N", "n", "0", "FALSE", "False", "false", "未参加", "没参加", "不是"})
LIST_SEPARATOR = "、"
# Dates as the district's files write them: 2020-04-01, 2020/4/1, 2020.04.01, 2020年4月1日, 20200401,
# and months (stored as their first day): 2020-04, 2020/04, 2020年4月, 202004.
_DATE_TEXT = re.compile(r"^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?|年(\d{1,2})月(?:(\d{1,2})日)?)$")
_DIGITS_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})?$")
EXCEL_EPOCH = datetime.date(1899, 12, 30)
EXCEL_LAST = 99_999  # 2173-10-14: longer numbers are YYYYMM or YYYYMMDD
# C0 control characters other than tab, line feed and carriage return, and DEL: no XML file can hold them.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
SHOWN = 40  # characters of a refused value quoted in a message


def text(value):
    """The cell as trimmed text: numbers without a trailing .0, dates as YYYY-MM-DD."""
    if isinstance(value, str):  # the usual cell first
        return value.strip().replace("\u3000", " ").strip()
    if value is None:
        return ""
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


def shown(value):
    """A refused value as a message quotes it: trimmed, control characters written as \\xNN, cut at SHOWN."""
    raw = CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text(value))
    return raw if len(raw) <= SHOWN else raw[:SHOWN] + "…"


def refused(value, message):
    """A message that quotes the value it refuses."""
    return _("“%(value)s” refused: %(message)s") % {"value": shown(value), "message": message}


def control_character(value):
    """The position (1-based) of the first control character of a text cell, or None."""
    if isinstance(value, str):
        found = CONTROL.search(value)
        if found:
            return found.start() + 1
    return None


def _date_of(year, month, day):
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def date_of_number(number):
    """A date from a number cell: YYYYMMDD, YYYYMM, or an Excel date serial (days since 1899-12-30)."""
    if isinstance(number, float):
        if not number.is_integer():
            return None
        number = int(number)
    match = _DIGITS_DATE.match(str(number))
    if match:
        year, month, day = match.groups()
        return _date_of(int(year), int(month), int(day or 1))
    if 1 <= number <= EXCEL_LAST:
        return EXCEL_EPOCH + datetime.timedelta(days=number)
    return None


def parse_date(value):
    """A date from an Excel date cell, an Excel date serial, or text such as 2020-04-01, 2020年4月, 202004.

    A month without a day is its first day.
    """
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    found = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        found = date_of_number(value)
    else:
        raw = text(value)
        match = _DATE_TEXT.match(raw)
        if match:
            year, month, day, cn_month, cn_day = match.groups()
            found = _date_of(int(year), int(month or cn_month or 0), int(day or cn_day or 1))
        elif raw.isascii() and raw.isdigit() and len(raw) in (6, 8):
            found = date_of_number(int(raw))
    if found is None:
        raise ValidationError(
            _("Enter the date as YYYY-MM-DD (such as 2020-04-01) or the month as YYYYMM (such as 202004)."),
            code="date",
        )
    return found


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
    plain = plain_text_validators(field)

    def parse(value):
        cleaned = convert(value)
        if plain is not None and cleaned.__class__ is str and 0 < len(cleaned) <= field.max_length:
            try:
                for validator in plain:
                    validator(cleaned)
                return cleaned
            except ValidationError:
                pass  # clean() below gives the field's own message
        return field.clean(cleaned, None)

    parse.model_field = field  # which of the model's rules this column applies (tests/workbooks/test_model_rules.py)
    return parse


def plain_text_validators(field):
    """The validators besides its length of a plain text field (a CharField without choices), or None.

    For a non-empty text no longer than `max_length`, such a field's clean() returns the text unchanged
    once these pass (to_python keeps a str, validate() refuses only blank values and choices, the length
    validator passes): what an import checks on every row for names and codes, at a tenth of the cost
    (tests/workbooks/test_values.py compares the two; optimisation 13 of docs/PERFORMANCE.md).
    """
    if type(field) not in (models.CharField, models.TextField) or field.choices is not None or not field.max_length:
        return None
    return [v for v in field.validators
            if not (isinstance(v, MaxLengthValidator) and v.limit_value == field.max_length)]


def validator_parser(validator, normalize=text):
    """Parse a cell through one of the model's validators."""

    def parse(value):
        cleaned = normalize(value)
        validator(cleaned)
        return cleaned

    parse.validator = validator
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

    exact = {}  # the labels that are their own text(): a cell holding one as it is needs no trimming

    def parse(value):
        mapping = labels(choices)
        if value.__class__ is str:
            if not exact:
                exact.update((label, stored) for label, stored in mapping.items() if text(label) == label)
            if value in exact:
                return exact[value]
        try:
            return mapping[text(value)]
        except KeyError:
            raise not_one_of(list(mapping)) from None

    return parse


def parse_yes_no(value):
    """是 → True, 否 → False (also 有/无, Y/N, 1/0, TRUE/FALSE, 参加/未参加)."""
    if isinstance(value, bool):
        return value
    if value.__class__ is str and (value in YES_WORDS or value in NO_WORDS):
        return value in YES_WORDS  # the words are their own text(): no trimming needed
    raw = text(value)
    if raw in YES_WORDS:
        return True
    if raw in NO_WORDS:
        return False
    raise not_one_of([YES, NO])
