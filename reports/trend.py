"""Each figure's monthly course: the coverage report counted at every month end up to the as-of date.

A point is `coverage(user, scope at that date)`, the same definitions as the dashboard and
`manage.py coverage --as-of <date>`; the last point is the as-of date itself (a month end or not).
Two aggregate queries a month (people and households), whatever the size of the register; a district or
township reads every month's per-village aggregates at once (reports/aggregates.py).
"""

import calendar
import datetime
from dataclasses import replace

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .aggregates import applies, has_villages
from .aggregates import sums as aggregate_sums
from .indicators import COVERAGE, INDICATORS, Figures, coverage

MIN_MONTHS, MAX_MONTHS = 12, 24
DASHBOARD_MONTHS = 12  # the dashboard's lines; the trend page and trend.json default to MAX_MONTHS


def parse_months(value, default=MAX_MONTHS):
    """The number of months from a query parameter: 12 to 24 (empty: `default`); ValidationError otherwise."""
    value = (value or "").strip()
    if not value:
        return default
    if value.isdigit() and MIN_MONTHS <= int(value) <= MAX_MONTHS:
        return int(value)
    raise ValidationError({"months": _("Months: “%(value)s” is not a whole number from %(low)s to %(high)s.")
                           % {"value": value[:20], "low": MIN_MONTHS, "high": MAX_MONTHS}}, code="months")


def month_end(year, month):
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def trend_dates(as_of, months):
    """`months` dates, oldest first: the ends of the months before `as_of`'s month, then `as_of` itself."""
    dates = [as_of]
    year, month = as_of.year, as_of.month
    for _step in range(months - 1):
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        dates.append(month_end(year, month))
    return dates[::-1]


def trend(user, scope, months, *, current=None):
    """[(date, {key: Figures})] for the `months` dates ending at `scope.as_of`, oldest first.

    `current` ({key: Figures} of the as-of date, as the dashboard already has them) saves counting it twice.
    """
    days = trend_dates(scope.as_of, months)
    counted = [day for day in days if day != scope.as_of or current is None]
    figures = {scope.as_of: current} if current is not None else {}
    if counted and applies(user, scope) and has_villages(scope):
        sums = aggregate_sums(scope, counted, "coverage", {"coverage": COVERAGE})
        figures.update({day: COVERAGE.present(user, scope, sums[day][0]["coverage"]) for day in counted})
    else:
        figures.update({day: coverage(user, replace(scope, as_of=day)) for day in counted})
    return [(day, figures[day]) for day in days]


def trend_dict(scope, points):
    """The trend as JSON: the area and date as the coverage report shows them, and each figure's points."""
    return {
        "as_of": scope.as_of.isoformat(),
        "area": scope.area_dict(),
        "months": len(points),
        "dates": [day.isoformat() for day, _figures in points],
        "indicators": {
            key: {
                "label": str(indicator.label),
                "unit": indicator.unit,
                "points": [point_dict(day, figures[key]) for day, figures in points],
            }
            for key, indicator in INDICATORS.items()
        },
    }


def point_dict(day, figures):
    """One point as JSON: the date and the figure's numerator, denominator, gap and rate."""
    return {"date": day.isoformat(), "numerator": figures.numerator, "denominator": figures.denominator,
            "gap": figures.gap, "rate": figures.rate}


def figures_of(report_indicators):
    """{key: Figures} from the report's `indicators` object (numerator and denominator)."""
    return {key: Figures(value["numerator"], value["denominator"]) for key, value in report_indicators.items()}
