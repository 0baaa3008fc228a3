"""The deadlines of the monitoring procedure, read from settings (environment variables, with defaults):

- `MONITORING_IDENTIFY_DAYS` (15): from discovery to the county's decision; day 16 is overdue;
- `MONITORING_NOTICE_MIN_DAYS` (5): a public notice runs at least this many days, first and last included;
- `MONITORING_MEASURE_DAYS` (30): a case identified this many days ago has a measure in hand;
- `MONITORING_MEASURE_ENDING_DAYS` (30): measures ending within this many days are listed;
- `MONITORING_CLEAR_MIN_MONTHS` (6): a case cleared sooner after identification is flagged;
- `MONITORING_STABLE_INCOME_MONTHS` (6): clearing checks the income of the months before it.

Months are whole calendar months: from the 15th to the 15th; a date on a day the later month lacks
(31 August + 6 months) falls on that month's last day (28 February).
"""

import calendar
import datetime

from django.conf import settings
from django.db.models import DateField, ExpressionWrapper, F, Q
from django.db.models.functions import ExtractDay, ExtractMonth, ExtractYear
from django.db.models.lookups import Exact, LessThan


def identify_days():
    return settings.MONITORING_IDENTIFY_DAYS


def notice_min_days():
    return settings.MONITORING_NOTICE_MIN_DAYS


def measure_days():
    return settings.MONITORING_MEASURE_DAYS


def measure_ending_days():
    return settings.MONITORING_MEASURE_ENDING_DAYS


def clear_min_months():
    return settings.MONITORING_CLEAR_MIN_MONTHS


def stable_income_months():
    return settings.MONITORING_STABLE_INCOME_MONTHS


def add_months(day, months):
    """`day` moved by whole months (negative: back), kept within the month it lands in."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def identification_overdue_before(as_of):
    """Cases discovered before this date and not decided by `as_of` are past the limit (day 16 on)."""
    return as_of - datetime.timedelta(days=identify_days())


def sooner_than_months_q(end, start, months):
    """Q, row by row: the date field `end` is before `add_months(start, months)` — e.g. a case cleared
    less than six whole months after it was identified. Month by month: fewer months apart, or as
    many and an earlier day of the month that is not its month's last (31 August → 28 February is
    six whole months)."""
    apart = (ExtractYear(end) - ExtractYear(start)) * 12 + ExtractMonth(end) - ExtractMonth(start)
    next_day = ExpressionWrapper(F(end) + datetime.timedelta(days=1), output_field=DateField())
    earlier_day = Q(LessThan(ExtractDay(end), ExtractDay(start))) & ~Q(Exact(ExtractDay(next_day), 1))
    return Q(LessThan(apart, months)) | (Q(Exact(apart, months)) & earlier_day)
