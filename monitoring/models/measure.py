"""Measures taken for a monitored household (帮扶措施): a national category, the responsible cadre, and
either a linked record of the register's own help or a measure in words with its dates.

A measure is *active on a date* by the dates of what it links to: placements, pairings, household
projects and industry benefits while they are in force (`projects.models.dated.active_on_q`); an
assistance record from its date on (help given stays in hand for the rest of the case); a measure in
words from its start to its end (empty end: ongoing).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from households.models.scoping import ScopedQuerySet
from monitoring.choices import MeasureCategory, MeasureKind
from projects.models import AssistanceRecord, Cadre, EmploymentPlacement, HouseholdProject, IndustryBeneficiary, Pairing
from projects.models.dated import active_on_q

from .case import MonitoringCase

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


# Where the end date of each kind of measure is kept (an assistance record has none: it stays in hand).
END_FIELDS = {
    MeasureKind.OTHER: "end",
    MeasureKind.PLACEMENT: "placement__end",
    MeasureKind.PAIRING: "pairing__end",
    MeasureKind.HOUSEHOLD_PROJECT: "household_project__end",
    MeasureKind.INDUSTRY_BENEFIT: "industry_benefit__end",
}


def measure_ends_between_q(first, last, prefix=""):
    """Q for measures whose end date (their own, or their linked record's) is from `first` to `last`."""
    q = Q(pk__in=[])
    for kind, field in END_FIELDS.items():
        q |= Q(**{f"{prefix}kind": kind, f"{prefix}{field}__gte": first, f"{prefix}{field}__lte": last})
    return q


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
    """A measure taken for a monitored household: its category and responsible cadre, and a linked record
    of help or a measure in words."""

    case = models.ForeignKey(
        MonitoringCase, on_delete=models.CASCADE, related_name="measures", verbose_name=_("monitoring case")
    )
    kind = models.CharField(_("kind of measure"), max_length=20, choices=MeasureKind.choices)
    category = models.CharField(
        _("category of measure"), max_length=20, choices=MeasureCategory.choices, default=MeasureCategory.OTHER
    )
    cadre = models.ForeignKey(
        Cadre, on_delete=models.PROTECT, null=True, blank=True, related_name="monitoring_measures",
        verbose_name=_("responsible cadre"),
    )
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
