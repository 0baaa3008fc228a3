"""The worklist (工作台): what a township or village clerk has to do on a date, each line a count
that opens its list, each row of a list with the action to take.

Each `WorkItem` defines its rows once (`rows(user, scope)`: a queryset of its unit, in the user's area
and the scope's, on the scope's date); its count is that queryset's count, and its counts per township
or village group the same queryset (`counts_by_area`). Definitions, on the as-of date D:

- `overdue_identification` (cases): being identified (the step on D is before the county's decision,
  not rejected) and discovered more than `MONITORING_IDENTIFY_DAYS` (15) days before D: day 16 on;
- `notice_due` (cases): the step on D is a public notice whose last day is D or earlier: the notice
  ends today or has ended without the next step;
- `no_measure` (cases): under monitoring on D, identified at least `MONITORING_MEASURE_DAYS` (30) days
  before, with no measure in hand on D;
- `measures_ending` (measures): measures of cases under monitoring on D whose end date (their own or
  their linked record's) is from D to D + `MONITORING_MEASURE_ENDING_DAYS` (30);
- `cleared_early` (cases): cleared from 1 January of D's year to D less than
  `MONITORING_CLEAR_MIN_MONTHS` (6) whole months after identification: a data-quality flag;
- `unmonitored_low_income` (households): tripping the screening rules `low_income` or `expenditure`
  on D, with no case under monitoring on D and none being identified;
- `jobless_capable` (people): current labor-capable members of households under monitoring on D
  without a placement in force on D.
"""

import datetime

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from households.models import Household, Person
from monitoring.choices import CaseStatus
from monitoring.models import (
    NOTICE_STEPS,
    MonitoringCase,
    MonitoringMeasure,
    latest_steps,
    measure_active_q,
    measure_ends_between_q,
    monitored_on_q,
)
from projects.models import EmploymentPlacement
from projects.models.dated import active_on_q

from . import deadlines
from .procedure import IDENTIFYING_STEPS
from .screening import area_within, flagged


class WorkItem:
    key = ""
    label = ""
    action = ""  # what to do for each row, in words
    anchor = "#steps"  # where on the case page the action is
    unit = "case"
    model = MonitoringCase
    village_path = "household__village"

    def base(self, user, scope):
        """The unit's rows in the user's area and the scope's."""
        prefix = self.village_path.removesuffix("village")
        return self.model.objects.for_user(user).filter(scope.household_q(prefix))

    def rows(self, user, scope):
        raise NotImplementedError

    def count(self, user, scope):
        return self.rows(user, scope).count()

    def counts_by_area(self, user, scope, level):
        """{township or village id: count} of the rows, grouped in one query (`level`: the area level)."""
        path = f"{self.village_path}__township" if level == "township" else self.village_path
        rows = self.rows(user, scope).order_by().values(path).annotate(n=Count("pk", distinct=True))
        return {row[path]: row["n"] for row in rows}


class OverdueIdentification(WorkItem):
    key = "overdue_identification"
    label = _("Identification past the time limit")
    action = _("Record the next step of identification")

    def rows(self, user, scope):
        steps = latest_steps(scope.as_of).filter(step__in=IDENTIFYING_STEPS).exclude(approved=False)
        cutoff = deadlines.identification_overdue_before(scope.as_of)
        return self.base(user, scope).filter(discovered_on__lt=cutoff, pk__in=steps.values("case_id"))


class NoticeDue(WorkItem):
    key = "notice_due"
    label = _("Public notices ending today or overdue for the next step")
    action = _("Record the township review")

    def rows(self, user, scope):
        steps = latest_steps(scope.as_of).filter(step__in=NOTICE_STEPS, notice_end__lte=scope.as_of)
        return self.base(user, scope).filter(pk__in=steps.values("case_id"))


class NoMeasure(WorkItem):
    key = "no_measure"
    label = _("Identified a month ago without a measure in hand")
    action = _("Add a measure")
    anchor = "#measures"

    def rows(self, user, scope):
        since = scope.as_of - datetime.timedelta(days=deadlines.measure_days())
        active = MonitoringMeasure.objects.filter(measure_active_q(scope.as_of), case=OuterRef("pk"))
        return self.base(user, scope).filter(monitored_on_q(scope.as_of), identified_on__lte=since).exclude(
            Exists(active))


class MeasuresEnding(WorkItem):
    key = "measures_ending"
    label = _("Measures ending within 30 days")
    action = _("Renew the measure or add the next one")
    unit = "measure"
    model = MonitoringMeasure
    village_path = "case__household__village"

    def rows(self, user, scope):
        last = scope.as_of + datetime.timedelta(days=deadlines.measure_ending_days())
        return self.base(user, scope).filter(
            monitored_on_q(scope.as_of, "case__"), measure_ends_between_q(scope.as_of, last))


class ClearedEarly(WorkItem):
    key = "cleared_early"
    label = _("Cleared within six months of identification")
    action = _("Check the clearing")
    anchor = ""

    def rows(self, user, scope):
        first = datetime.date(scope.as_of.year, 1, 1)
        return self.base(user, scope).filter(
            status=CaseStatus.CLEARED, cleared_on__gte=first, cleared_on__lte=scope.as_of,
        ).filter(deadlines.sooner_than_months_q("cleared_on", "identified_on", deadlines.clear_min_months()))


class UnmonitoredLowIncome(WorkItem):
    key = "unmonitored_low_income"
    label = _("Income below the threshold, not monitored")
    action = _("Take into monitoring")
    unit = "household"
    model = Household
    village_path = "village"

    def rows(self, user, scope):
        # The rules' sets narrowed to the scope: its area, or the villages counted (`VillageGroups`).
        within = scope.household_q if getattr(scope, "grouped", False) else area_within(
            user, scope.township, scope.village)
        low = flagged(Household.objects.for_user(user).filter(scope.household_q()), scope.as_of, within=within)
        low = low.filter(Q(trips_low_income=True) | Q(trips_expenditure=True)).values("pk")
        watched = MonitoringCase.objects.filter(household=OuterRef("pk")).filter(
            monitored_on_q(scope.as_of) | Q(status=CaseStatus.IDENTIFYING, discovered_on__lte=scope.as_of))
        return self.base(user, scope).filter(pk__in=low).exclude(Exists(watched))


class JoblessCapable(WorkItem):
    key = "jobless_capable"
    label = _("Labor-capable monitored people without a job in force")
    action = _("Record a placement")
    unit = "person"
    model = Person
    village_path = "household__village"

    def rows(self, user, scope):
        monitored = MonitoringCase.objects.filter(monitored_on_q(scope.as_of), household=OuterRef("household"))
        working = EmploymentPlacement.objects.filter(active_on_q(scope.as_of), person=OuterRef("pk"))
        return (self.base(user, scope).current().labor_capable()
                .filter(Exists(monitored)).exclude(Exists(working)))


ITEMS = {item.key: item for item in (
    OverdueIdentification(), NoticeDue(), NoMeasure(), MeasuresEnding(), ClearedEarly(), UnmonitoredLowIncome(),
    JoblessCapable(),
)}


def worklist_counts(user, scope):
    """{key: {label, count}} of every worklist line for the scope: one query per line."""
    return worklist_present(user, scope, worklist_tally(user, scope))


def worklist_tally(user, scope):
    """{key: count} of every worklist line (per village for `VillageGroups`): one query per line."""
    if not getattr(scope, "grouped", False):
        return {key: item.count(user, scope) for key, item in ITEMS.items()}
    result = {village: dict.fromkeys(ITEMS, 0) for village in scope.village_ids}
    for key, item in ITEMS.items():
        for village, count in item.counts_by_area(user, scope, "village").items():
            result.setdefault(village, dict.fromkeys(ITEMS, 0))[key] = count
    return result


def worklist_present(user, scope, counts):
    return {key: {"label": str(item.label), "count": counts[key]} for key, item in ITEMS.items()}


def worklist_by_area(user, scope, areas, level):
    """[(item, [count per area in `areas`], total)] for a district or township worklist: one query per line."""
    table = []
    for item in ITEMS.values():
        counts = item.counts_by_area(user, scope, level)
        row = [counts.get(area.pk, 0) for area in areas]
        table.append((item, row, sum(row)))
    return table
