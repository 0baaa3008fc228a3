"""Screening (部门筛查预警): households that trip a rule on a date, each with the reasons in words.

Households already under monitoring on the date stay in the list, marked with their case
(`row.open_case`), so staff see them once and do not open a second case.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from functools import reduce
from operator import or_

from django.db.models import BooleanField, Case, Count, ExpressionWrapper, Max, Prefetch, Q, Value, When
from django.utils.translation import gettext

from households.area import NOWHERE_AREA, Area
from households.choices import Health
from households.models import Household
from monitoring.choices import MAX_RISKS, CaseStatus, IdentifiedBy, MonitoringType, RiskCause
from monitoring.models import MonitoringCase, monitored_on_q

from .rules import RULES, RULES_BY_KEY, counted_under_monitoring, everywhere, under_monitoring

# The risk a tripped rule suggests for the case opened from it (the national list has no income risk:
# 其他, noted with the rule); `new_health`, `expenditure` and `assessment` depend on the row.
CAUSE_FOR_RULE = {
    "low_income": RiskCause.OTHER,
    "income_drop": RiskCause.OTHER,
    "job_loss": RiskCause.UNSTABLE_EMPLOYMENT,
}
# The risk a failed check of the assessment suggests.
CAUSE_FOR_CHECK = {
    "education": RiskCause.SCHOOLING,
    "medical": RiskCause.ILLNESS,
    "housing": RiskCause.UNSAFE_HOUSING,
    "drinking_water": RiskCause.UNSAFE_WATER,
}
NOTE_LENGTH = 200
RISK_NOTE_LENGTH = 100


@dataclass(frozen=True)
class Reason:
    rule: str
    label: str
    text: str


@dataclass
class ScreeningRow:
    """One household that trips at least one rule."""

    household: Household
    as_of: object
    reasons: list = field(default_factory=list)
    open_case: MonitoringCase | None = None

    @property
    def under_monitoring(self):
        return self.open_case is not None

    def status_text(self):
        """Whether the household is under monitoring already (or being identified), and since when."""
        case = self.open_case
        if case is None:
            return gettext("not under monitoring")
        if case.identified_on is None:
            return gettext("being identified since %(date)s (%(type)s)") % {
                "date": case.discovered_on.isoformat(), "type": case.get_type_display()}
        return gettext("under monitoring since %(date)s (%(type)s)") % {
            "date": case.identified_on.isoformat(), "type": case.get_type_display()}

    @property
    def rules(self):
        return [reason.rule for reason in self.reasons]

    def suggested_type(self):
        """Exited and on the register: unstable; never registered: edge; otherwise sudden hardship."""
        household = self.household
        if household.registered and household.exit_year is not None:
            return MonitoringType.UNSTABLE
        if not household.registered:
            return MonitoringType.EDGE
        return MonitoringType.SUDDEN_HARDSHIP

    def _causes_of(self, rule):
        household = self.household
        if rule == "new_health":
            return [RiskCause.ILLNESS if household.screen_health == Health.SERIOUS else RiskCause.DISABILITY]
        if rule == "expenditure":
            medical, education = household.screen_medical or 0, household.screen_education or 0
            return [RiskCause.ILLNESS if medical >= education else RiskCause.SCHOOLING]
        if rule == "assessment":
            checks = RULES_BY_KEY["assessment"].failed_checks(household)
            return [CAUSE_FOR_CHECK.get(check, RiskCause.OTHER) for check in checks] or [RiskCause.OTHER]
        return [CAUSE_FOR_RULE[rule]]

    def suggested_risks(self):
        """The risks the tripped rules suggest, main first, as (cause, note): 其他 names its rules."""
        causes, other = [], []
        for reason in self.reasons:
            for cause in self._causes_of(reason.rule):
                if cause == RiskCause.OTHER:
                    other.append(reason.label)
                if cause not in causes:
                    causes.append(cause)
        note = gettext("; ").join(dict.fromkeys(other))[:RISK_NOTE_LENGTH]
        return [(cause, note if cause == RiskCause.OTHER else "") for cause in causes][:MAX_RISKS]

    def income_per_member(self):
        """Net income per current member of the income year the rules read (None when unknown)."""
        household = self.household
        if household.screen_net is None or not household.screen_members:
            return None
        return (Decimal(household.screen_net) / household.screen_members).quantize(Decimal("0.01"))

    def proposal(self):
        """The fields of the case a clerk opens from this row in one step."""
        note = gettext("; ").join(reason.text for reason in self.reasons)
        return {
            "monitoring_type": self.suggested_type(),
            "identified_by": IdentifiedBy.SCREENING,
            "risks": self.suggested_risks(),
            "discovered_on": self.as_of,
            "income_per_member": self.income_per_member(),
            "risk_note": note[:NOTE_LENGTH],
        }


def _flag(condition):
    return ExpressionWrapper(condition, output_field=BooleanField())


def _tripped(rules):
    return reduce(or_, (Q(**{f"trips_{rule.key}": True}) for rule in rules))


def _household_flag(condition):
    """`condition` over a household's grouped rows (it is the same on each) as an aggregate: 1 or 0.

    Grouped by the household alone, the database computes each rule's id set once for the whole pass;
    a flag grouped as an expression of its own would sort every row by it."""
    return Max(Case(When(condition, then=Value(1)), default=Value(0)))


def flagged(households, as_of, *, within=everywhere):
    """Every household of `households` (not removed in error) with a `trips_<key>` flag per rule and
    `under_monitoring`, in one pass grouped by household: each rule counted as a set of ids narrowed
    by `within` (`Rule.counted_q`), the income rules over joined income records. For counting an area."""
    annotations = {}
    for rule in RULES:
        annotations.update(rule.annotations(as_of))
    flags = {
        f"trips_{rule.key}": (_flag if rule.reads_grouped_values else _household_flag)(rule.counted_q(as_of, within))
        for rule in RULES
    }
    return (
        households.filter(removed_in_error=False).annotate(**annotations)
        .annotate(**flags, under_monitoring=_household_flag(counted_under_monitoring(as_of, within)))
    )


def screen(households, as_of, *, within=everywhere, rule=None):
    """`households` that trip a rule on `as_of` (only `rule`, when given), ordered by village and code:
    the list, counted as sets (see `flagged`); `decorate` or `screening_rows` give a page its reasons."""
    rules = [RULES_BY_KEY[rule]] if rule else RULES
    return flagged(households, as_of, within=within).filter(_tripped(rules)).order_by("village__code", "code")


def decorate(screened, as_of, **extra):
    """The households of `screened` (a list or a page of it) with every rule's values and reasons'
    values, `trips_<key>` and `under_monitoring` evaluated row by row, their cases under monitoring
    prefetched as `cases_on_date`, and `extra` annotations."""
    annotations = {}
    for rule in RULES:
        annotations.update(rule.annotations(as_of))
        annotations.update(rule.reason_annotations(as_of))
    flags = {f"trips_{rule.key}": _flag(rule.condition(as_of)) for rule in RULES}
    cases = MonitoringCase.objects.filter(monitored_on_q(as_of) | Q(status=CaseStatus.IDENTIFYING))
    return (
        Household.objects.filter(pk__in=screened.values("pk")).annotate(**annotations)
        .annotate(**flags, under_monitoring=_flag(under_monitoring(as_of)), **extra)
        .select_related("village__township")
        .prefetch_related(Prefetch("monitoring_cases", queryset=cases, to_attr="cases_on_date"))
        .order_by("village__code", "code")
    )


def area_within(user, township=None, village=None):
    """`within` for the rules' sets: the chosen village or township, else the user's own area."""
    area = Area.of_user(user)
    if village is not None or township is not None:
        area = Area.of(township, village) if area.contains(Area.of(township, village)) else NOWHERE_AREA

    def within(prefix):
        return area.households_q(prefix)

    return within


def _users_households(user, township, village):
    return Household.objects.for_user(user).in_area(township=township, village=village)


def screen_for_user(*, user, as_of, township=None, village=None, rule=None):
    """The screening list a user may see, for one area (None: all the user's area) and optionally one rule."""
    within = area_within(user, township, village)
    return screen(_users_households(user, township, village), as_of, within=within, rule=rule)


def counts_for_user(*, user, as_of, township=None, village=None, listed=None):
    """`screening_counts` of the user's area (or the chosen township or village)."""
    within = area_within(user, township, village)
    return screening_counts(flagged(_users_households(user, township, village), as_of, within=within), listed)


def screening_row(household, as_of):
    """One decorated household as a row with its reasons in words."""
    reasons = [
        Reason(rule.key, str(rule.label), rule.reason(household))
        for rule in RULES
        if getattr(household, f"trips_{rule.key}")
    ]
    open_case = household.cases_on_date[0] if household.cases_on_date else None
    return ScreeningRow(household=household, as_of=as_of, reasons=reasons, open_case=open_case)


def screening_rows(screened, as_of, **extra):
    """Rows with reasons in words for a screened queryset (or a page of it): two queries."""
    return [screening_row(household, as_of) for household in decorate(screened, as_of, **extra)]


def screening_counts(screened, listed=None):
    """Households listed (`total`), those under monitoring already (`monitored`) and those tripping each
    rule (by rule key), over `flagged` or `screen` rows: one query. With `listed` (a Q over the flags),
    also how many rows it lists (`listed`).

    Over `flagged` rows each rule's set is computed once: its flag is a column of the grouped rows the
    counts read (a filter on the flags as well would compute the sets a second time)."""
    tripped = _tripped(RULES)
    # Aggregate names must differ from the annotations they count, or they replace them.
    counts = {rule.key: Count("pk", filter=Q(**{f"trips_{rule.key}": True})) for rule in RULES}
    if listed is not None:
        counts["listed"] = Count("pk", filter=tripped & listed)
    return screened.order_by().aggregate(
        total=Count("pk", filter=tripped), monitored=Count("pk", filter=tripped & Q(under_monitoring=True)), **counts
    )
