"""Monitoring figures for the dashboard's `monitoring` section, with the indicator interface of reports.

Each figure has `key`, `label`, `unit`, `population(user, scope)` (the denominator queryset),
`covered(scope)` (a boolean expression true for numerator rows) and `rows(user, scope, part)` for
`part` in numerator / gap / denominator, so a count and its list share one definition.
`scope` is a `households.scope.Scope`.

- households under monitoring on the date: the denominator of every household figure below;
- `monitoring_type_<type>` / `monitoring_found_<way>`: of them, those whose case is of that type /
  was found that way;
- `monitoring_measures`: of them, those whose case has at least one measure active on the date;
- `monitoring_risk_<risk>`: of them, those whose case's main risk (the first) is that risk;
- `monitoring_returned`: of them, those whose case is marked as returned to poverty (返贫);
- `monitoring_cleared` (cases): cases cleared from 1 January of the date's year to the date, out of
  the cases under monitoring at some time in that period; the median days to clear is taken over the
  numerator list;
- `monitoring_cleared_<method>` (cases): of the cases cleared in that period, those cleared that way;
- `monitoring_step_<step>` (cases): cases whose step on the date (their latest step dated on or before
  it) is that step, out of every case in the middle of the procedure on the date — being identified,
  under monitoring (its step is the county's decision) or being cleared; cases cleared or not taken
  in by then are in no step.
The worklist's lines (`monitoring.worklist`) are the section's `overdue` counts.
"""

import datetime

from django.db.models import Count, DurationField, Exists, ExpressionWrapper, F, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from households.figures import PARTS, Counts, Figures, Section, median_of, tally
from households.models import Household
from monitoring.choices import CaseStatus, ClearanceMethod, IdentifiedBy, MonitoringType, RiskCause, Step
from monitoring.models import MonitoringCase, MonitoringMeasure, latest_steps, measure_active_q, monitored_on_q

from .procedure import IDENTIFY, STEPS
from .worklist import worklist_present, worklist_tally


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

    def __init__(self, prefix, field, choice, *, key=None, label=None, value=None):
        self.key = key or f"{prefix}_{choice.value}"
        self.label = label or choice.label
        self.field = field
        self.value = choice.value if value is None else value

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


class MainRisk(Figure):
    """Monitored households whose case on the date has `risk` as its main risk."""

    def __init__(self, risk):
        self.key = f"monitoring_risk_{risk.value}"
        self.label = risk.label
        self.value = risk.value

    def covered(self, scope):
        cases = MonitoringCase.objects.filter(
            monitored_on_q(scope.as_of), household=OuterRef("pk"), risks__position=1, risks__risk=self.value
        )
        return Q(Exists(cases))


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


class ClearedByMethod(ClearedThisYear):
    """Of the cases cleared this year, those cleared by `method`."""

    denominator_label = _("Cases with the risk cleared this year")

    def __init__(self, method):
        self.key = f"monitoring_cleared_{method.value}"
        self.label = method.label
        self.value = method.value

    def population(self, user, scope):
        return super().population(user, scope).filter(super().covered(scope))

    def covered(self, scope):
        return Q(clearance_method=self.value)


def in_procedure_steps(scope):
    """The cases' steps on the date, of cases in the middle of the procedure (not cleared, not rejected)."""
    steps = latest_steps(scope.as_of).filter(scope.household_q("case__household__"))
    closed = Q(step=Step.CLEAR_COUNTY_DECISION, approved=True) | Q(
        step__in=[step for step, rule in STEPS.items() if rule.phase == IDENTIFY], approved=False)
    return steps.exclude(closed)


class AtStep(Figure):
    """Cases whose step on the date is `step`, of the cases in the middle of the procedure."""

    unit = "case"
    denominator_label = _("Cases in the procedure")

    def __init__(self, step):
        self.key = f"monitoring_step_{step.value}"
        self.label = step.label
        self.value = step.value

    def population(self, user, scope):
        steps = in_procedure_steps(scope).filter(case__in=MonitoringCase.objects.for_user(user))
        return MonitoringCase.objects.for_user(user).filter(pk__in=steps.values("case_id"))

    def covered(self, scope):
        return Q(pk__in=in_procedure_steps(scope).filter(step=self.value).values("case_id"))

    def rows(self, user, scope, part):
        return super().rows(user, scope, part).select_related("household__village__township")


def procedure_counts(user, scope):
    """{step: cases at that step on the date} for every step of the procedure but the last: one query."""
    return {figure.value: count for figure, count in zip(BY_STEP, _step_counts(user, scope), strict=True)}


def _steps(user, scope):
    return in_procedure_steps(scope).filter(case__in=MonitoringCase.objects.for_user(user))


def _step_counts(user, scope, counts=None):
    counts = counts or tally(_steps(user, scope), scope, "case__household__village", {"n": Count("pk")}, by="step")
    return [counts["n"].get(figure.value, 0) for figure in BY_STEP]


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
BY_RISK = tuple(MainRisk(risk) for risk in RiskCause)
RETURNED = CaseOfKind(None, "returned_to_poverty", None, key="monitoring_returned",
                      label=_("Monitored households returned to poverty"), value=True)
MEASURES = WithActiveMeasure()
CLEARED = ClearedThisYear()
BY_METHOD = tuple(ClearedByMethod(method) for method in ClearanceMethod)
BY_STEP = tuple(AtStep(step) for step in Step if step != Step.CLEAR_COUNTY_DECISION)
HOUSEHOLD_FIGURES = (*BY_TYPE, *BY_FOUND, *BY_RISK, RETURNED, MEASURES)
FIGURES = {figure.key: figure for figure in (*HOUSEHOLD_FIGURES, CLEARED, *BY_METHOD, *BY_STEP)}



def monitoring_counts(user, scope):
    """The section's counts: household figures in one query, cases in one, the steps in one, the days
    to clear of the cases cleared (a histogram, for the median) in one, and the worklist's counts (one
    query each); per village for `VillageGroups`."""
    households = tally(monitored_households(user, scope), scope, "village", {
        "households": Count("pk"),
        **{figure.key: Count("pk", filter=figure.covered(scope)) for figure in HOUSEHOLD_FIGURES},
    })
    cleared_q = CLEARED.covered(scope)
    cleared = tally(CLEARED.population(user, scope), scope, "household__village", {
        "cleared__denominator": Count("pk"), "cleared__numerator": Count("pk", filter=cleared_q),
        **{figure.key: Count("pk", filter=cleared_q & figure.covered(scope)) for figure in BY_METHOD},
    })
    steps = tally(_steps(user, scope), scope, "case__household__village", {"steps": Count("pk")}, by="step")
    days = tally(CLEARED.rows(user, scope, "numerator").annotate(days=days_to_clear()), scope,
                 "household__village", {"days_to_clear": Count("pk")}, by="days")
    overdue = worklist_tally(user, scope)
    parts = (households, cleared, steps, days)
    if not getattr(scope, "grouped", False):
        return {key: value for part in parts for key, value in part.items()} | {"overdue": overdue}
    return {
        village: {key: value for part in parts for key, value in part[village].items()}
        | {"overdue": overdue[village]}
        for village in scope.village_ids
    }


def monitoring_present(user, scope, counts):
    """The `monitoring` section of the coverage report from its counts."""
    total = counts["households"]
    steps = {"n": counts.get("steps") or {}}
    return {
        "households": {"label": str(Figure.denominator_label), "count": total},
        "by_type": {figure.value: figure.as_dict(counts[figure.key], total) for figure in BY_TYPE},
        "by_found": {figure.value: figure.as_dict(counts[figure.key], total) for figure in BY_FOUND},
        "by_risk": {figure.value: figure.as_dict(counts[figure.key], total) for figure in BY_RISK},
        "returned_to_poverty": RETURNED.as_dict(counts[RETURNED.key], total),
        "monitoring_measures": MEASURES.as_dict(counts[MEASURES.key], total),
        "monitoring_cleared": CLEARED.as_dict(counts["cleared__numerator"], counts["cleared__denominator"]),
        "cleared_by_method": {figure.value: figure.as_dict(counts[figure.key], counts["cleared__numerator"])
                              for figure in BY_METHOD},
        "median_days_to_clear": median_of(counts.get("days_to_clear") or {}),
        "procedure": {figure.value: {"label": str(figure.label), "count": count}
                      for figure, count in zip(BY_STEP, _step_counts(user, scope, steps), strict=True)},
        "overdue": worklist_present(user, scope, Counts(counts.get("overdue") or {})),
    }


# The `monitoring` section of the coverage report (counts that add up per village; the median from the
# histogram of days to clear).
monitoring_section = Section(monitoring_counts, monitoring_present)
