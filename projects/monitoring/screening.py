"""Screening (部门筛查预警): households that trip a rule on a date, each with the reasons in words.

Households already under monitoring on the date stay in the list, marked with their case
(`row.open_case`), so staff see them once and do not open a second case.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from functools import reduce
from operator import or_

from django.db.models import BooleanField, Case, Count, Exists, OuterRef, Prefetch, Q, Value, When
from django.utils.translation import gettext

from households.choices import Health
from households.models import Household
from projects.choices import IdentifiedBy, MonitoringType, RiskCause
from projects.models import MonitoringCase

from .rules import RULES, RULES_BY_KEY

# The risk cause a tripped rule suggests for the case opened from it.
CAUSE_FOR_RULE = {
    "low_income": RiskCause.OTHER,
    "income_drop": RiskCause.INCOME_DROP,
    "job_loss": RiskCause.UNSTABLE_EMPLOYMENT,
    "assessment": RiskCause.OTHER,
}
NOTE_LENGTH = 200


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
        """Whether the household is under monitoring already, and since when, in words."""
        if self.open_case is None:
            return gettext("not under monitoring")
        return gettext("under monitoring since %(date)s (%(type)s)") % {
            "date": self.open_case.identified_on.isoformat(), "type": self.open_case.get_type_display()}

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

    def suggested_causes(self):
        causes = []
        for rule in self.rules:
            if rule == "new_health":
                cause = RiskCause.ILLNESS if self.household.screen_health == Health.SERIOUS else RiskCause.DISABILITY
            else:
                cause = CAUSE_FOR_RULE[rule]
            if cause not in causes:
                causes.append(cause)
        return causes

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
            "risk_causes": self.suggested_causes(),
            "identified_on": self.as_of,
            "income_per_member": self.income_per_member(),
            "risk_note": note[:NOTE_LENGTH],
        }


def screen(households, as_of):
    """`households` that trip a rule on `as_of`, annotated with each rule's values and `trips_<key>` flags,
    `under_monitoring`, and their cases under monitoring prefetched as `cases_on_date`."""
    annotations = {}
    for rule in RULES:
        annotations.update(rule.annotations(as_of))
    conditions = {rule.key: rule.condition(as_of) for rule in RULES}
    flags = {
        f"trips_{key}": Case(When(condition, then=Value(True)), default=Value(False), output_field=BooleanField())
        for key, condition in conditions.items()
    }
    cases = MonitoringCase.objects.monitored_on(as_of)
    return (
        households.filter(removed_in_error=False)
        .annotate(**annotations)
        .filter(reduce(or_, conditions.values()))
        .annotate(**flags, under_monitoring=Exists(cases.filter(household=OuterRef("pk"))))
        .select_related("village__township")
        .prefetch_related(Prefetch("monitoring_cases", queryset=cases, to_attr="cases_on_date"))
        .order_by("village__code", "code")
    )


def screen_for_user(*, user, as_of, township=None, village=None, rule=None):
    """The screening list a user may see, for one area (None: all the user's area) and optionally one rule."""
    households = Household.objects.for_user(user).in_area(township=township, village=village)
    screened = screen(households, as_of)
    if rule is not None:
        screened = screened.filter(**{f"trips_{RULES_BY_KEY[rule].key}": True})
    return screened


def screening_rows(screened, as_of):
    """Rows with reasons in words for a screened queryset (or a page of it)."""
    rows = []
    for household in screened:
        reasons = [
            Reason(rule.key, str(rule.label), rule.reason(household))
            for rule in RULES
            if getattr(household, f"trips_{rule.key}")
        ]
        open_case = household.cases_on_date[0] if household.cases_on_date else None
        rows.append(ScreeningRow(household=household, as_of=as_of, reasons=reasons, open_case=open_case))
    return rows


def screening_counts(screened):
    """Households listed (`total`), those under monitoring already (`monitored`) and those tripping each
    rule (by rule key): one query."""
    # Aggregate names must differ from the annotations they count, or they replace them.
    counts = {rule.key: Count("pk", filter=Q(**{f"trips_{rule.key}": True})) for rule in RULES}
    return screened.order_by().aggregate(
        total=Count("pk"), monitored=Count("pk", filter=Q(under_monitoring=True)), **counts
    )
