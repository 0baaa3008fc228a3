"""Return-to-poverty monitoring (防返贫动态监测): a case per household and period, and its measures.

A case is *under monitoring on a date* when it was identified on or before the date and had not been
cleared on or before it (a case cleared on a date is no longer watched that day, so a case that follows
it may open the same day). A measure is *active on a date* by the dates of what it links to:
placements, pairings, household projects and industry benefits while they are in force
(`projects.models.dated.active_on_q`); an assistance record from its date on (help given stays in hand
for the rest of the case); a free-text measure from its start to its end (empty end: ongoing).
"""


from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from households.models import Household
from households.models.income import MONEY_MESSAGES
from households.models.scoping import ScopedQuerySet
from monitoring.choices import CaseStatus, IdentifiedBy, MeasureKind, MonitoringType, RiskCause
from projects.models import AssistanceRecord, EmploymentPlacement, HouseholdProject, IndustryBeneficiary, Pairing
from projects.models.dated import active_on_q

# One boolean column per risk cause: filters and counts stay plain column tests on every database.
RISK_FIELDS = {cause: f"risk_{cause.value}" for cause in RiskCause}


def monitored_on_q(date, prefix=""):
    """Q for cases under monitoring on `date`, optionally through a relation `prefix`."""
    return Q(**{f"{prefix}identified_on__lte": date}) & (
        Q(**{f"{prefix}cleared_on__isnull": True}) | Q(**{f"{prefix}cleared_on__gt": date})
    )


class MonitoringCaseQuerySet(ScopedQuerySet):
    village_path = "household__village"

    def open(self):
        """Cases whose risk has not been cleared yet."""
        return self.filter(status=CaseStatus.MONITORING)

    def monitored_on(self, date):
        """Cases under monitoring on `date`."""
        return self.filter(monitored_on_q(date))

    def cleared_between(self, first, last):
        """Cases cleared from `first` to `last`, both included."""
        return self.filter(status=CaseStatus.CLEARED, cleared_on__gte=first, cleared_on__lte=last)

    def with_risk(self, cause):
        """Cases naming `cause` among their risk causes."""
        return self.filter(**{RISK_FIELDS[RiskCause(cause)]: True})

    def in_area(self, *, township=None, village=None):
        """Cases of households in one township or village (both None: the whole district)."""
        if village is not None:
            return self.filter(household__village=village)
        if township is not None:
            return self.filter(household__village__township=township)
        return self


def _any_risk_q():
    q = Q()
    for field in RISK_FIELDS.values():
        q |= Q(**{field: True})
    return q


def _risk_field(cause):
    return models.BooleanField(cause.label, default=False)


class MonitoringCase(models.Model):
    """A household under return-to-poverty monitoring for one period, until its risk is cleared."""

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="monitoring_cases", verbose_name=_("household")
    )
    type = models.CharField(_("monitoring type"), max_length=16, choices=MonitoringType.choices)
    identified_by = models.CharField(_("how identified"), max_length=12, choices=IdentifiedBy.choices)
    risk_illness = _risk_field(RiskCause.ILLNESS)
    risk_disability = _risk_field(RiskCause.DISABILITY)
    risk_disaster = _risk_field(RiskCause.DISASTER)
    risk_accident = _risk_field(RiskCause.ACCIDENT)
    risk_unstable_employment = _risk_field(RiskCause.UNSTABLE_EMPLOYMENT)
    risk_income_drop = _risk_field(RiskCause.INCOME_DROP)
    risk_expense_surge = _risk_field(RiskCause.EXPENSE_SURGE)
    risk_other = _risk_field(RiskCause.OTHER)
    risk_note = models.CharField(_("risk details"), max_length=200, blank=True)
    identified_on = models.DateField(_("date identified"))
    income_per_member = models.DecimalField(
        _("net income per member at identification (yuan)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        error_messages=MONEY_MESSAGES,
        help_text=_("Empty when no income record was known."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=CaseStatus.choices, default=CaseStatus.MONITORING
    )
    cleared_on = models.DateField(_("date risk cleared"), null=True, blank=True)
    clearance_reason = models.CharField(_("reason risk cleared"), max_length=200, blank=True)

    objects = MonitoringCaseQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["household", "-identified_on"]
        verbose_name = _("monitoring case")
        verbose_name_plural = _("monitoring cases")
        constraints = [
            models.UniqueConstraint(
                fields=["household"],
                condition=Q(status=CaseStatus.MONITORING),
                name="one_open_monitoring_case_per_household",
                violation_error_message=_("This household is already under monitoring."),
            ),
            models.CheckConstraint(
                condition=Q(cleared_on__isnull=True) | Q(cleared_on__gte=models.F("identified_on")),
                name="monitoring_cleared_not_before_identified",
                violation_error_message=_("The date the risk was cleared cannot be before the date identified."),
            ),
            models.CheckConstraint(
                condition=~Q(status=CaseStatus.CLEARED)
                | (Q(cleared_on__isnull=False) & ~Q(clearance_reason="")),
                name="monitoring_cleared_has_date_and_reason",
                violation_error_message=_("A cleared case needs the date the risk was cleared and the reason."),
            ),
            models.CheckConstraint(
                condition=~Q(status=CaseStatus.MONITORING) | (Q(cleared_on__isnull=True) & Q(clearance_reason="")),
                name="monitoring_open_has_no_clearance",
                violation_error_message=_("A case under monitoring has no date or reason of clearance."),
            ),
            models.CheckConstraint(
                condition=_any_risk_q(),
                name="monitoring_has_a_risk_cause",
                violation_error_message=_("Choose at least one risk cause."),
            ),
        ]

    def __str__(self):
        return f"{self.household.code} · {self.get_type_display()} · {self.identified_on:%Y-%m-%d}"

    def clean(self):
        errors = {}
        today = timezone.localdate()
        if self.identified_on and self.identified_on > today:
            errors["identified_on"] = _("The date identified cannot be in the future.")
        if self.cleared_on and self.cleared_on > today:
            errors["cleared_on"] = _("The date the risk was cleared cannot be in the future.")
        if self.household_id and self.type == MonitoringType.UNSTABLE:
            household = self.household
            if not household.registered or household.exit_year is None:
                errors["type"] = _("An exited but unstable household must be on the register and have exited.")
        if self.household_id and self.identified_on and not errors:
            overlap = self.overlapping_cases().first()
            if overlap is not None:
                errors["identified_on"] = _(
                    "This household has another monitoring case over that period (identified %(date)s)."
                ) % {"date": f"{overlap.identified_on:%Y-%m-%d}"}
        if errors:
            raise ValidationError(errors)

    @property
    def is_open(self):
        """Whether the risk has not been cleared yet."""
        return self.status == CaseStatus.MONITORING

    @property
    def risk_causes(self):
        """The risk causes this case names, in the catalogue's order."""
        return [cause for cause, field in RISK_FIELDS.items() if getattr(self, field)]

    @risk_causes.setter
    def risk_causes(self, causes):
        chosen = {RiskCause(cause) for cause in causes}
        for cause, field in RISK_FIELDS.items():
            setattr(self, field, cause in chosen)

    def risk_causes_display(self, separator="、"):
        """The risk causes as one line of labels, as the workbook writes them."""
        return separator.join(str(cause.label) for cause in self.risk_causes)

    def days_to_clear(self):
        """Days from identification to clearance (None while open)."""
        return (self.cleared_on - self.identified_on).days if self.cleared_on else None

    def overlapping_cases(self):
        """Other cases of the household whose monitoring period meets this one's."""
        others = MonitoringCase.objects.filter(household_id=self.household_id).exclude(pk=self.pk)
        if self.status == CaseStatus.MONITORING:
            others = others.exclude(status=CaseStatus.MONITORING)  # the one-open-case constraint says it
        others = others.filter(Q(cleared_on__isnull=True) | Q(cleared_on__gt=self.identified_on))
        if self.cleared_on is not None:
            others = others.filter(identified_on__lt=self.cleared_on)
        return others.order_by("identified_on")


# Which link each kind of measure carries; the free-text kind carries none.
MEASURE_LINKS = {
    MeasureKind.PLACEMENT: "placement",
    MeasureKind.PAIRING: "pairing",
    MeasureKind.HOUSEHOLD_PROJECT: "household_project",
    MeasureKind.INDUSTRY_BENEFIT: "industry_benefit",
    MeasureKind.ASSISTANCE: "assistance",
}
# The path from each linked record to its household.
LINK_HOUSEHOLD = {
    "placement": "person__household_id",
    "pairing": "household_id",
    "household_project": "household_id",
    "industry_benefit": "household_id",
    "assistance": "pairing__household_id",
}


def measure_active_q(date, prefix=""):
    """Q for measures active on `date` (the rule in this module's docstring), through `prefix`."""
    kind = f"{prefix}kind"
    q = Q(**{kind: MeasureKind.ASSISTANCE, f"{prefix}assistance__date__lte": date})
    q |= Q(**{kind: MeasureKind.OTHER}) & active_on_q(date, prefix)
    for measure_kind in (MeasureKind.PLACEMENT, MeasureKind.PAIRING, MeasureKind.HOUSEHOLD_PROJECT,
                         MeasureKind.INDUSTRY_BENEFIT):
        link = MEASURE_LINKS[measure_kind]
        q |= Q(**{kind: measure_kind}) & active_on_q(date, f"{prefix}{link}__")
    return q


class MonitoringMeasureQuerySet(ScopedQuerySet):
    village_path = "case__household__village"

    def active_on(self, date):
        """Measures active on `date`."""
        return self.filter(measure_active_q(date))


def _link_q(kind):
    """Q: exactly the link of `kind` is set (none for a free-text measure)."""
    q = Q(kind=kind)
    for measure_kind, link in MEASURE_LINKS.items():
        q &= Q(**{f"{link}__isnull": measure_kind != kind})
    return q


class MonitoringMeasure(models.Model):
    """A measure taken for a monitored household: a linked record of help, or a free-text measure."""

    case = models.ForeignKey(
        MonitoringCase, on_delete=models.CASCADE, related_name="measures", verbose_name=_("monitoring case")
    )
    kind = models.CharField(_("kind of measure"), max_length=20, choices=MeasureKind.choices)
    placement = models.ForeignKey(
        EmploymentPlacement, on_delete=models.CASCADE, null=True, blank=True,
        related_name="monitoring_measures", verbose_name=_("job placement"),
    )
    pairing = models.ForeignKey(
        Pairing, on_delete=models.CASCADE, null=True, blank=True,
        related_name="monitoring_measures", verbose_name=_("pairing"),
    )
    household_project = models.ForeignKey(
        HouseholdProject, on_delete=models.CASCADE, null=True, blank=True,
        related_name="monitoring_measures", verbose_name=_("household project"),
    )
    industry_benefit = models.ForeignKey(
        IndustryBeneficiary, on_delete=models.CASCADE, null=True, blank=True,
        related_name="monitoring_measures", verbose_name=_("industry project benefit"),
    )
    assistance = models.ForeignKey(
        AssistanceRecord, on_delete=models.CASCADE, null=True, blank=True,
        related_name="monitoring_measures", verbose_name=_("assistance record"),
    )
    description = models.CharField(_("measure"), max_length=200, blank=True)
    start = models.DateField(_("start date"), null=True, blank=True, help_text=_("For a free-text measure."))
    end = models.DateField(_("end date"), null=True, blank=True, help_text=_("Empty while ongoing."))

    objects = MonitoringMeasureQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["case", "pk"]
        verbose_name = _("monitoring measure")
        verbose_name_plural = _("monitoring measures")
        constraints = [
            models.CheckConstraint(
                condition=_link_q(MeasureKind.PLACEMENT) | _link_q(MeasureKind.PAIRING)
                | _link_q(MeasureKind.HOUSEHOLD_PROJECT) | _link_q(MeasureKind.INDUSTRY_BENEFIT)
                | _link_q(MeasureKind.ASSISTANCE) | _link_q(MeasureKind.OTHER),
                name="monitoring_measure_links_its_kind",
                violation_error_message=_(
                    "Link exactly the record the kind of measure names; a free-text measure links none."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(kind=MeasureKind.OTHER) | (~Q(description="") & Q(start__isnull=False)),
                name="monitoring_free_measure_has_text_and_date",
                violation_error_message=_("A free-text measure needs a description and a start date."),
            ),
            models.CheckConstraint(
                condition=Q(kind=MeasureKind.OTHER) | (Q(start__isnull=True) & Q(end__isnull=True)),
                name="monitoring_linked_measure_takes_its_dates",
                violation_error_message=_("A linked measure takes its dates from the linked record."),
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="monitoring_measure_end_not_before_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            *[
                models.UniqueConstraint(
                    fields=["case", link],
                    name=f"one_monitoring_measure_per_case_{link}",
                    violation_error_message=_("This record is already a measure of the case."),
                )
                for link in MEASURE_LINKS.values()
            ],
        ]

    def __str__(self):
        return self.description or str(self.get_kind_display())

    @property
    def linked(self):
        """The linked record of help (None for a free-text measure)."""
        link = MEASURE_LINKS.get(self.kind)
        return getattr(self, link) if link else None

    def clean(self):
        link = MEASURE_LINKS.get(self.kind)
        if link is None or not getattr(self, f"{link}_id") or not self.case_id:
            return
        model = self._meta.get_field(link).related_model
        household_path = LINK_HOUSEHOLD[link]
        same_household = model._default_manager.filter(
            pk=getattr(self, f"{link}_id"), **{household_path: self.case.household_id}
        ).exists()
        if not same_household:
            raise ValidationError({link: _("The linked record is not of this case's household.")})

    def is_active_on(self, date):
        """Whether the measure is active on `date` (the rule in this module's docstring)."""
        return MonitoringMeasure.objects.filter(pk=self.pk).active_on(date).exists()
