"""Return-to-poverty monitoring cases (防返贫动态监测): a household from discovery to the county's
decision (identification), under monitoring, and through clearing until its risk is cleared.

A case is *under monitoring on a date* when it was identified (县级审定) on or before the date and had
not been cleared on or before it (a case cleared on a date is no longer watched that day, so a case
that follows it may open the same day). A case being identified holds the household too: at most one
case per household is open (being identified, under monitoring or being cleared).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from households.models import Household
from households.models.income import MONEY_MESSAGES
from households.models.scoping import ScopedQuerySet
from monitoring.choices import (
    MAX_RISKS,
    OPEN_STATUSES,
    CaseStatus,
    ClearanceMethod,
    IdentifiedBy,
    MonitoringType,
    RiskCause,
    Step,
)


def monitored_on_q(date, prefix=""):
    """Q for cases under monitoring on `date`, optionally through a relation `prefix`."""
    return Q(**{f"{prefix}identified_on__lte": date}) & (
        Q(**{f"{prefix}cleared_on__isnull": True}) | Q(**{f"{prefix}cleared_on__gt": date})
    )


class MonitoringCaseQuerySet(ScopedQuerySet):
    village_path = "household__village"

    def open(self):
        """Cases that hold their household: being identified, under monitoring or being cleared."""
        return self.filter(status__in=OPEN_STATUSES)

    def monitored_on(self, date):
        """Cases under monitoring on `date`."""
        return self.filter(monitored_on_q(date))

    def cleared_between(self, first, last):
        """Cases cleared from `first` to `last`, both included."""
        return self.filter(status=CaseStatus.CLEARED, cleared_on__gte=first, cleared_on__lte=last)

    def with_risk(self, cause):
        """Cases naming `cause` among their risks (any position)."""
        return self.filter(Exists(CaseRisk.objects.filter(case=OuterRef("pk"), risk=RiskCause(cause))))

    def with_main_risk(self, cause):
        """Cases whose main risk (the first) is `cause`."""
        return self.filter(risks__position=1, risks__risk=RiskCause(cause))

    def in_area(self, *, township=None, village=None):
        """Cases of households in one township or village (both None: the whole district)."""
        if village is not None:
            return self.filter(household__village=village)
        if township is not None:
            return self.filter(household__village__township=township)
        return self


IDENTIFIED = (CaseStatus.MONITORING, CaseStatus.CLEARING, CaseStatus.CLEARED)
NOT_IDENTIFIED = (CaseStatus.IDENTIFYING, CaseStatus.NOT_IDENTIFIED)


class MonitoringCase(models.Model):
    """A household's monitoring case, from discovery until its risk is cleared (or it is not taken in)."""

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="monitoring_cases", verbose_name=_("household")
    )
    type = models.CharField(_("monitoring type"), max_length=16, choices=MonitoringType.choices)
    identified_by = models.CharField(_("how identified"), max_length=12, choices=IdentifiedBy.choices)
    returned_to_poverty = models.BooleanField(
        _("returned to poverty"), default=False,
        help_text=_("A household that had exited poverty, or whose earlier risk was cleared, identified again."),
    )
    risk_note = models.CharField(_("risk details"), max_length=200, blank=True)
    discovered_on = models.DateField(_("date discovered"))
    identified_on = models.DateField(
        _("date identified"), null=True, blank=True, help_text=_("The date of the county's decision.")
    )
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
        _("status"), max_length=16, choices=CaseStatus.choices, default=CaseStatus.IDENTIFYING
    )
    step = models.CharField(_("current step"), max_length=24, choices=Step.choices, blank=True)
    clearance_method = models.CharField(
        _("how the risk was cleared"), max_length=12, choices=ClearanceMethod.choices, blank=True
    )
    cleared_on = models.DateField(_("date risk cleared"), null=True, blank=True)
    clearance_reason = models.CharField(_("reason risk cleared"), max_length=200, blank=True)

    objects = MonitoringCaseQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["household", "-discovered_on"]
        verbose_name = _("monitoring case")
        verbose_name_plural = _("monitoring cases")
        constraints = [
            models.UniqueConstraint(
                fields=["household"],
                condition=Q(status__in=OPEN_STATUSES),
                name="one_open_monitoring_case_per_household",
                violation_error_message=_("This household is already under monitoring."),
            ),
            models.CheckConstraint(
                condition=Q(cleared_on__isnull=True) | Q(cleared_on__gte=models.F("identified_on")),
                name="monitoring_cleared_not_before_identified",
                violation_error_message=_("The date the risk was cleared cannot be before the date identified."),
            ),
            models.CheckConstraint(
                condition=Q(identified_on__isnull=True) | Q(identified_on__gte=models.F("discovered_on")),
                name="monitoring_identified_not_before_discovered",
                violation_error_message=_("The date identified cannot be before the date discovered."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=IDENTIFIED, identified_on__isnull=False)
                | Q(status__in=NOT_IDENTIFIED, identified_on__isnull=True),
                name="monitoring_identified_has_date",
                violation_error_message=_(
                    "A case under monitoring or cleared has the date identified; a case still being "
                    "identified, or not taken in, has none."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status=CaseStatus.CLEARED)
                | (Q(cleared_on__isnull=False) & ~Q(clearance_reason="")),
                name="monitoring_cleared_has_date_and_reason",
                violation_error_message=_("A cleared case needs the date the risk was cleared and the reason."),
            ),
            models.CheckConstraint(
                condition=Q(status=CaseStatus.CLEARED) | (Q(cleared_on__isnull=True) & Q(clearance_reason="")),
                name="monitoring_open_has_no_clearance",
                violation_error_message=_("A case under monitoring has no date or reason of clearance."),
            ),
            models.CheckConstraint(
                condition=Q(clearance_method="") | Q(status__in=(CaseStatus.CLEARING, CaseStatus.CLEARED)),
                name="monitoring_method_only_when_clearing",
                violation_error_message=_("How the risk was cleared is recorded only when it is being cleared."),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "discovered_on"], name="monitoring_case_status_found"),
        ]

    def __str__(self):
        day = self.identified_on or self.discovered_on
        return f"{self.household.code} · {self.get_type_display()} · {day:%Y-%m-%d}"

    def clean(self):
        errors = {}
        today = timezone.localdate()
        for field in ("discovered_on", "identified_on", "cleared_on"):
            value = getattr(self, field)
            if value and value > today:
                errors[field] = FUTURE_MESSAGES[field]
        if self.household_id and self.type == MonitoringType.UNSTABLE:
            household = self.household
            if not household.registered or household.exit_year is None:
                errors["type"] = _("An exited but unstable household must be on the register and have exited.")
        if self.household_id and self.returned_to_poverty and not self.may_return():
            errors["returned_to_poverty"] = _(
                "Only a household that had exited poverty, or whose earlier risk was cleared, can return to poverty."
            )
        if self.household_id and self.discovered_on and not errors:
            overlap = self.overlapping_cases().first()
            if overlap is not None:
                errors["identified_on"] = _(
                    "This household has another monitoring case over that period (identified %(date)s)."
                ) % {"date": f"{overlap.period_start:%Y-%m-%d}"}
        if errors:
            raise ValidationError(errors)

    @property
    def is_open(self):
        """Whether the case still holds its household (being identified, monitored or cleared)."""
        return self.status in OPEN_STATUSES

    @property
    def is_monitored(self):
        """Whether the household is under monitoring now (identified, risk not cleared)."""
        return self.status in (CaseStatus.MONITORING, CaseStatus.CLEARING)

    @property
    def period_start(self):
        """The first day the case holds the household: identified, or while identified, discovered."""
        return self.identified_on or self.discovered_on

    @property
    def risk_causes(self):
        """The case's risks, main risk first (from `risks`, prefetched where a page lists many)."""
        return [RiskCause(row.risk) for row in self.risks.all()]

    def risk_causes_display(self, separator="、"):
        """The risks as one line of labels, main risk first, as the workbook writes them."""
        return separator.join(str(cause.label) for cause in self.risk_causes)

    def set_risks(self, risks, *, user=None):
        """Replace the case's risks by `risks`: causes, or (cause, note) pairs, main risk first."""
        rows = []
        for position, item in enumerate(risks, start=1):
            cause, note = (item, "") if isinstance(item, str) else item
            rows.append(CaseRisk(case=self, position=position, risk=str(cause), note=note or ""))
        for row in rows:
            row.full_clean(exclude=["case"], validate_constraints=False)
        validate_risks(rows)
        for row in rows:
            row.validate_constraints(exclude=["case"])
        CaseRisk.objects.filter(case=self).delete()
        for row in rows:
            row._history_user = user
            row.save()
        if hasattr(self, "_prefetched_objects_cache"):
            self._prefetched_objects_cache.pop("risks", None)
        return rows

    def days_to_clear(self):
        """Days from identification to clearance (None while not cleared)."""
        return (self.cleared_on - self.identified_on).days if self.cleared_on and self.identified_on else None

    def may_return(self):
        """Whether the household could be marked as returned to poverty: it had exited, or an earlier
        case of it was cleared."""
        if self.household.exit_year is not None:
            return True
        earlier = MonitoringCase.objects.filter(household_id=self.household_id, status=CaseStatus.CLEARED)
        return earlier.exclude(pk=self.pk).exists()

    def overlapping_cases(self):
        """Other cases of the household whose period meets this one's (a case not taken in has none)."""
        others = (
            MonitoringCase.objects.filter(household_id=self.household_id).exclude(pk=self.pk)
            .exclude(status=CaseStatus.NOT_IDENTIFIED)
        )
        if self.status == CaseStatus.NOT_IDENTIFIED:
            return others.none()
        if self.is_open:
            others = others.exclude(status__in=OPEN_STATUSES)  # the one-open-case constraint says it
        others = others.filter(Q(cleared_on__isnull=True) | Q(cleared_on__gt=self.period_start))
        if self.cleared_on is not None:
            others = others.filter(
                Q(identified_on__lt=self.cleared_on) | Q(identified_on__isnull=True, discovered_on__lt=self.cleared_on)
            )
        return others.order_by("discovered_on")


FUTURE_MESSAGES = {
    "discovered_on": _("The date discovered cannot be in the future."),
    "identified_on": _("The date identified cannot be in the future."),
    "cleared_on": _("The date the risk was cleared cannot be in the future."),
}


def validate_risks(rows):
    """One to five risks, each once: ValidationError with the message otherwise."""
    if not rows:
        raise ValidationError({"risks": _("Choose at least one risk.")})
    if len(rows) > MAX_RISKS:
        raise ValidationError({"risks": _("A case names at most %(count)d risks.") % {"count": MAX_RISKS}})
    seen = set()
    for row in rows:
        if row.risk in seen:
            raise ValidationError({"risks": _("%(risk)s is named twice.") % {"risk": RiskCause(row.risk).label}})
        seen.add(row.risk)


class CaseRisk(models.Model):
    """One of a case's risks (致贫返贫风险1–5), in order: position 1 is the main risk."""

    case = models.ForeignKey(
        MonitoringCase, on_delete=models.CASCADE, related_name="risks", verbose_name=_("monitoring case")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    risk = models.CharField(_("risk"), max_length=24, choices=RiskCause.choices)
    note = models.CharField(_("note"), max_length=100, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["case", "position"]
        verbose_name = _("risk of a case")
        verbose_name_plural = _("risks of cases")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "position"], name="one_case_risk_per_position",
                violation_error_message=_("The case already has a risk in that position."),
            ),
            models.UniqueConstraint(
                fields=["case", "risk"], name="one_case_risk_per_cause",
                violation_error_message=_("The case already names that risk."),
            ),
            models.CheckConstraint(
                condition=Q(position__gte=1, position__lte=MAX_RISKS), name="case_risk_position_1_to_5",
                violation_error_message=_("A risk's position is 1 to 5."),
            ),
            models.CheckConstraint(
                condition=~Q(risk=RiskCause.OTHER) | ~Q(note=""), name="case_risk_other_has_note",
                violation_error_message=_("Say what the other risk is."),
            ),
        ]

    def __str__(self):
        text = str(self.get_risk_display())
        return f"{text}（{self.note}）" if self.note else text
