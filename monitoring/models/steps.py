"""The dated steps of a case (识别 and 风险消除), each recorded with who and when.

Steps are recorded in order (`monitoring.procedure` says which may follow which and who records each),
so among a case's steps a larger primary key is a later step: the case's step *on a date* is the latest
one dated on or before it (`latest_steps`).
"""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from households.models.scoping import ScopedQuerySet
from monitoring.choices import Step

from .case import MonitoringCase

NOTICE_STEPS = (Step.NOTICE, Step.CLEAR_NOTICE)
REVIEW_STEPS = (
    Step.APPRAISAL, Step.TOWNSHIP_REVIEW, Step.COUNTY_DECISION,
    Step.CLEAR_APPRAISAL, Step.CLEAR_TOWNSHIP_REVIEW, Step.CLEAR_COUNTY_DECISION,
)


class CaseStepQuerySet(ScopedQuerySet):
    village_path = "case__household__village"

    def latest_on(self, date):
        """Each case's latest step dated on or before `date`."""
        later = CaseStep.objects.filter(case=OuterRef("case"), date__lte=date, pk__gt=OuterRef("pk"))
        return self.filter(date__lte=date).exclude(Exists(later))


def latest_steps(date):
    """Every case's step on `date` (its latest step dated on or before it)."""
    return CaseStep.objects.latest_on(date)


class CaseStep(models.Model):
    """One step of a case: which, on what date, by whom; a notice's period; a review's outcome."""

    case = models.ForeignKey(
        MonitoringCase, on_delete=models.CASCADE, related_name="steps", verbose_name=_("monitoring case")
    )
    step = models.CharField(_("step"), max_length=24, choices=Step.choices)
    date = models.DateField(_("date"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("recorded by"),
    )
    approved = models.BooleanField(_("approved"), null=True, blank=True, help_text=_("For a review: its outcome."))
    notice_start = models.DateField(_("notice from"), null=True, blank=True)
    notice_end = models.DateField(_("notice until"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    objects = CaseStepQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["case", "pk"]
        verbose_name = _("step of a case")
        verbose_name_plural = _("steps of cases")
        constraints = [
            models.CheckConstraint(
                condition=Q(step__in=NOTICE_STEPS, notice_start__isnull=False, notice_end__isnull=False)
                | (~Q(step__in=NOTICE_STEPS) & Q(notice_start__isnull=True, notice_end__isnull=True)),
                name="case_step_notice_has_period",
                violation_error_message=_("A public notice has its first and last day; other steps have none."),
            ),
            models.CheckConstraint(
                condition=Q(notice_end__isnull=True) | Q(notice_end__gte=models.F("notice_start")),
                name="case_step_notice_end_not_before_start",
                violation_error_message=_("The notice cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(step__in=REVIEW_STEPS, approved__isnull=False)
                | (~Q(step__in=REVIEW_STEPS) & Q(approved__isnull=True)),
                name="case_step_review_has_outcome",
                violation_error_message=_("A review says whether it approved; other steps say nothing."),
            ),
        ]
        indexes = [models.Index(fields=["case", "date"], name="case_step_case_date")]

    def __str__(self):
        return f"{self.get_step_display()} {self.date:%Y-%m-%d}"

    @property
    def notice_days(self):
        """Days of the public notice, first and last included (None for other steps)."""
        if self.notice_start is None or self.notice_end is None:
            return None
        return (self.notice_end - self.notice_start).days + 1
