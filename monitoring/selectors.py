"""What the case page shows, in a fixed number of queries: the case, its household, measures, linkable records."""

from dataclasses import dataclass

from django.db.models import BooleanField, ExpressionWrapper, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from households.models import Person
from households.selectors import HEAD_FIRST, head_name
from monitoring.choices import MeasureKind
from monitoring.models import MEASURE_LINKS, CaseStep, MonitoringCase, MonitoringMeasure, measure_active_q
from monitoring.screening import counts_for_user, decorate, screen_for_user, screening_rows
from projects.models import (
    AssistanceRecord,
    Cadre,
    EmploymentPlacement,
    HouseholdProject,
    IndustryBeneficiary,
    Pairing,
)

# Each kind of linkable record: how to fetch a household's rows, joined for their labels.
LINKABLE = {
    MeasureKind.PLACEMENT: lambda household: EmploymentPlacement.objects.filter(person__household=household)
    .select_related("person", "employer").order_by("-start", "pk"),
    MeasureKind.PAIRING: lambda household: Pairing.objects.filter(household=household)
    .select_related("cadre__unit").order_by("-start", "pk"),
    MeasureKind.HOUSEHOLD_PROJECT: lambda household: HouseholdProject.objects.filter(household=household)
    .order_by("-start", "pk"),
    MeasureKind.INDUSTRY_BENEFIT: lambda household: IndustryBeneficiary.objects.filter(household=household)
    .select_related("project").order_by("-start", "pk"),
    MeasureKind.ASSISTANCE: lambda household: AssistanceRecord.objects.filter(pairing__household=household)
    .select_related("pairing__cadre").order_by("-date", "-pk"),
}
MEASURE_RELATED = (
    "placement__person", "placement__employer", "pairing__cadre__unit", "household_project",
    "industry_benefit__project", "assistance__pairing__cadre",
)


def _day(value):
    return "" if value is None else f"{value:%Y-%m-%d}"


def record_period(kind, record):
    """(start, end) of a linked record; an assistance record is dated on one day and stays in hand."""
    if kind == MeasureKind.ASSISTANCE:
        return record.date, None
    return record.start, record.end


def record_label(kind, record):
    """A linked record as one line: who or what, and its dates."""
    start, end = record_period(kind, record)
    until = _day(end) or _("ongoing")
    period = f"{_day(start)}–{until}"
    if kind == MeasureKind.PLACEMENT:
        parts = [record.person.name, record.get_channel_display(), record.employer.name if record.employer else ""]
    elif kind == MeasureKind.PAIRING:
        parts = [f"{record.cadre.name}（{record.cadre.unit.name}）"]
    elif kind == MeasureKind.HOUSEHOLD_PROJECT:
        parts = [record.name, record.get_type_display()]
    elif kind == MeasureKind.INDUSTRY_BENEFIT:
        parts = [record.project.name, record.get_way_display()]
    else:
        amount = "" if record.amount is None else _("%(amount)s yuan") % {"amount": f"{record.amount:,.2f}"}
        parts = [record.get_kind_display(), record.pairing.cadre.name, amount, record.note]
        period = _day(start)
    return " · ".join(str(part) for part in [*parts, period] if part)


@dataclass(frozen=True)
class MeasureRow:
    measure: MonitoringMeasure
    text: str
    start: object
    end: object
    active: bool


@dataclass(frozen=True)
class CasePage:
    case: MonitoringCase
    members: list
    measures: list
    records: list  # [(group label, [(value, label, record)])] for the measure form
    today: object
    steps: list = ()  # the case's steps, oldest first
    cadres: list = ()  # the household's paired cadres, for a measure's responsible cadre

    @property
    def household(self):
        return self.case.household


def measure_rows(case, today):
    """The case's measures with what each links to, its dates and whether it is active today."""
    measures = (
        MonitoringMeasure.objects.filter(case=case).select_related("cadre", *MEASURE_RELATED)
        .annotate(active=ExpressionWrapper(measure_active_q(today), output_field=BooleanField()))
        .order_by("pk")
    )
    rows = []
    for measure in measures:
        record = measure.linked
        if record is None:
            rows.append(MeasureRow(measure, measure.description, measure.start, measure.end, measure.active))
            continue
        start, end = record_period(measure.kind, record)
        text = record_label(measure.kind, record)
        if measure.description:
            text = f"{text}（{measure.description}）"
        rows.append(MeasureRow(measure, text, start, end, measure.active))
    return rows


def linkable_records(case, measures):
    """The household's records not yet linked to the case, grouped by kind, as the measure form offers them."""
    linked = {(row.measure.kind, getattr(row.measure, f"{MEASURE_LINKS[row.measure.kind]}_id"))
              for row in measures if row.measure.kind in MEASURE_LINKS}
    groups = []
    for kind, fetch in LINKABLE.items():
        options = [
            (f"{MEASURE_LINKS[kind]}:{record.pk}", record_label(kind, record), record)
            for record in fetch(case.household_id) if (kind, record.pk) not in linked
        ]
        if options:
            groups.append((str(kind.label), options))
    return groups


def case_page(user, pk, *, today):
    """The case `pk` inside the user's area with its household, members and measures (404 outside)."""
    members = Person.objects.order_by(HEAD_FIRST, "pk")
    queryset = MonitoringCase.objects.for_user(user).select_related("household__village__township").prefetch_related(
        Prefetch("household__members", queryset=members), "risks",
    )
    case = get_object_or_404(queryset, pk=pk)
    measures = measure_rows(case, today)
    monitored = case.is_monitored
    records = linkable_records(case, measures) if monitored else []
    steps = list(CaseStep.objects.filter(case=case).select_related("user").order_by("pk"))
    cadres = list(Cadre.objects.filter(pairings__household=case.household_id).select_related("unit").distinct()
                  .order_by("name")) if monitored else []
    return CasePage(case, list(case.household.members.all()), measures, records, today, steps, cadres)


def screened_households(user, scope, *, rule="", monitored=""):
    """The households of the scope that trip a rule on its date, optionally one rule, monitored or not,
    ordered by village and code; `screening_page_rows` gives a page of them its reasons."""
    screened = screen_for_user(
        user=user, as_of=scope.as_of, township=scope.township, village=scope.village, rule=rule or None
    )
    if monitored:
        screened = screened.filter(under_monitoring=monitored == "yes")
    return screened


def listed_q(*, rule="", monitored=""):
    """The screening list's own filter over the flags of `monitoring.screening.flagged`."""
    listed = Q(**{f"trips_{rule}": True}) if rule else Q()
    if monitored:
        listed &= Q(under_monitoring=monitored == "yes")
    return listed


def screening_figures(user, scope, *, rule="", monitored=""):
    """The scope's counts (total, monitored, by rule) and `listed`, the rows of the list: one pass."""
    return counts_for_user(
        user=user, as_of=scope.as_of, township=scope.township, village=scope.village,
        listed=listed_q(rule=rule, monitored=monitored),
    )


def screening_page_rows(rows, scope):
    """The screening rows (reasons in words, head's name) of `rows`: a page or the whole list."""
    return screening_rows(rows, scope.as_of, head_name=head_name())


def decorated_households(rows, scope):
    """The households of `rows`, decorated for `screening_row` (the export writes them one by one)."""
    return decorate(rows, scope.as_of, head_name=head_name())


class CountedRows:
    """Rows whose total was counted with the page's other figures, for the paginator: slicing gives
    the page's rows, `count()` the total already known."""

    ordered = True

    def __init__(self, rows, count):
        self.rows, self.total = rows, count

    def count(self):
        return self.total

    def __len__(self):
        return self.total

    def __getitem__(self, key):
        return self.rows[key]
