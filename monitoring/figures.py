"""Monitoring figures for the dashboard's `monitoring` section, with the indicator interface of reports.

Each figure has `key`, `label`, `unit`, `population(user, scope)` (the denominator queryset),
`covered(scope)` (a boolean expression true for numerator rows) and `rows(user, scope, part)` for
`part` in numerator / gap / denominator, so a count and its list share one definition.
`scope` is a `households.scope.Scope`.

- households under monitoring on the date: the denominator of every household figure below;
- `monitoring_type_<type>` / `monitoring_found_<way>`: of them, those whose case is of that type /
  was found that way;
- `monitoring_measures`: of them, those whose case has at least one measure active on the date;
- `monitoring_cleared` (cases): cases cleared from 1 January of the date's year to the date, out of
  the cases under monitoring at some time in that period; the median days to clear is taken over the
  numerator list.
"""

import datetime

from django.db.models import Count, DurationField, Exists, ExpressionWrapper, F, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from households.figures import PARTS, Figures
from households.models import Household
from monitoring.choices import CaseStatus, IdentifiedBy, MonitoringType
from monitoring.models import MonitoringCase, MonitoringMeasure, measure_active_q, monitored_on_q


def monitored_households(user, scope):
    """Households in the user's area and the scope's area with a case under monitoring on the date."""
    cases = MonitoringCase.objects.filter(monitored_on_q(scope.as_of), household=OuterRef("pk"))
    return Household.objects.for_user(user).filter(scope.household_q()).filter(Exists(cases))


class Figure:
    key = ""
    label = ""
    unit = "household"
    denominator_label = _("Households under monitoring")

    def population(self, user, scope):
        return monitored_households(user, scope)

    def covered(self, scope):
        raise NotImplementedError

    def rows(self, user, scope, part):
        """The list behind `part` of the figure."""
        if part not in PARTS:
            raise ValueError(part)
        population = self.population(user, scope)
        if part == "numerator":
            return population.filter(self.covered(scope))
        if part == "gap":
            return population.exclude(self.covered(scope))
        return population

    def figures(self, user, scope):
        """Label, numerator, denominator, gap and rate, counted by one aggregate."""
        counts = self.population(user, scope).aggregate(
            denominator=Count("pk"), numerator=Count("pk", filter=self.covered(scope))
        )
        return self.as_dict(counts["numerator"], counts["denominator"])

    def as_dict(self, numerator, denominator):
        return Figures(numerator, denominator).as_dict(self.label)


class CaseOfKind(Figure):
    """Monitored households whose case on the date has `field` equal to `value`."""

    def __init__(self, prefix, field, choice):
        self.key = f"{prefix}_{choice.value}"
        self.label = choice.label
        self.field = field
        self.value = choice.value

    def covered(self, scope):
        cases = MonitoringCase.objects.filter(
            monitored_on_q(scope.as_of), household=OuterRef("pk"), **{self.field: self.value}
        )
        return Q(Exists(cases))


class WithActiveMeasure(Figure):
    key = "monitoring_measures"
    label = _("Monitored households with measures in hand")

    def covered(self, scope):
        measures = MonitoringMeasure.objects.filter(
            monitored_on_q(scope.as_of, "case__"), measure_active_q(scope.as_of), case__household=OuterRef("pk")
        )
        return Q(Exists(measures))


def _year_start(scope):
    return datetime.date(scope.as_of.year, 1, 1)


class ClearedThisYear(Figure):
    key = "monitoring_cleared"
    label = _("Cases with the risk cleared this year")
    unit = "case"
    denominator_label = _("Cases under monitoring this year")

    def population(self, user, scope):
        """Cases under monitoring at some time from 1 January to the date."""
        return (
            MonitoringCase.objects.for_user(user).filter(scope.household_q("household__"))
            .filter(identified_on__lte=scope.as_of)
            .filter(Q(cleared_on__isnull=True) | Q(cleared_on__gte=_year_start(scope)))
        )

    def covered(self, scope):
        return Q(status=CaseStatus.CLEARED, cleared_on__gte=_year_start(scope), cleared_on__lte=scope.as_of)

    def rows(self, user, scope, part):
        return super().rows(user, scope, part).select_related("household__village__township")


def days_to_clear():
    """The days from identification to clearance, as a database expression."""
    return ExpressionWrapper(F("cleared_on") - F("identified_on"), output_field=DurationField())


def median_days_to_clear(user, scope, count=None):
    """Median days to clear over the cases cleared this year (None when there are none).

    The database orders the durations and returns only the middle one or two."""
    cleared = CLEARED.rows(user, scope, "numerator")
    if count is None:
        count = cleared.count()
    if not count:
        return None
    durations = cleared.annotate(days=days_to_clear()).order_by("days").values_list("days", flat=True)
    middle = list(durations[(count - 1) // 2: count // 2 + 1])
    return sum(d.days for d in middle) / len(middle)


BY_TYPE = tuple(CaseOfKind("monitoring_type", "type", choice) for choice in MonitoringType)
BY_FOUND = tuple(CaseOfKind("monitoring_found", "identified_by", choice) for choice in IdentifiedBy)
MEASURES = WithActiveMeasure()
CLEARED = ClearedThisYear()
FIGURES = {figure.key: figure for figure in (*BY_TYPE, *BY_FOUND, MEASURES, CLEARED)}


def monitoring_section(user, scope):
    """The `monitoring` section of the coverage report: household figures in one query, cases in one,
    the median in one more."""
    household_figures = (*BY_TYPE, *BY_FOUND, MEASURES)
    counts = monitored_households(user, scope).aggregate(
        households=Count("pk"),
        **{figure.key: Count("pk", filter=figure.covered(scope)) for figure in household_figures},
    )
    total = counts["households"]
    cleared = CLEARED.population(user, scope).aggregate(
        denominator=Count("pk"), numerator=Count("pk", filter=CLEARED.covered(scope))
    )
    return {
        "households": {"label": str(Figure.denominator_label), "count": total},
        "by_type": {figure.value: figure.as_dict(counts[figure.key], total) for figure in BY_TYPE},
        "by_found": {figure.value: figure.as_dict(counts[figure.key], total) for figure in BY_FOUND},
        "monitoring_measures": MEASURES.as_dict(counts[MEASURES.key], total),
        "monitoring_cleared": CLEARED.as_dict(cleared["numerator"], cleared["denominator"]),
        "median_days_to_clear": median_days_to_clear(user, scope, count=cleared["numerator"]),
    }
