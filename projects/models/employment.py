from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from households.models import Person
from households.models.household import validate_phone
from households.models.income import end_not_before_start, money_field, non_negative
from households.models.scoping import ScopedQuerySet, SharedQuerySet
from projects.choices import Channel

from .dated import DatedQuerySet


class EmployerQuerySet(SharedQuerySet):
    """Employers are shared by the whole district."""


class Employer(models.Model):
    """An enterprise, cooperative or other employer that takes on registered-poor workers."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[validate_phone])

    objects = EmployerQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("employer")
        verbose_name_plural = _("employers")

    def __str__(self):
        return self.name


class PlacementQuerySet(DatedQuerySet):
    village_path = "person__household__village"


def employed_on_q(date, person="pk"):
    """Q for people (the outer row's `person` key) employed on `date`: at least one placement in force
    that day. The one definition behind the employment rate, the people list's filter and the totals."""
    return Q(Exists(EmploymentPlacement.objects.active_on(date).filter(person=OuterRef(person))))


class EmploymentPlacement(models.Model):
    """A job placement of one person (就业安置), ongoing while it has no end date."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="placements", verbose_name=_("person")
    )
    channel = models.CharField(_("employment channel"), max_length=24, choices=Channel.choices)
    employer = models.ForeignKey(
        Employer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="placements",
        verbose_name=_("employer"),
    )
    start = models.DateField(_("start date"))
    end = models.DateField(_("end date"), null=True, blank=True, help_text=_("Empty while ongoing."))
    monthly_income = money_field(_("monthly income (yuan)"))

    objects = PlacementQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["person", "-start"]
        verbose_name = _("job placement")
        verbose_name_plural = _("job placements")
        # The placement list's default order (newest first): read from the index, not a sort of every row.
        indexes = [models.Index(fields=["-start", "id"], name="placement_start_desc_id")]
        constraints = [
            end_not_before_start(),
            non_negative("monthly_income", _("Monthly income")),
            models.CheckConstraint(
                condition=Q(channel=Channel.FLEXIBLE) | Q(employer__isnull=False),
                name="placement_employer_unless_flexible",
                violation_error_message=_("Name the employer: only flexible employment may leave it empty."),
            ),
            models.UniqueConstraint(
                fields=["person", "channel", "start"],
                name="one_placement_per_person_channel_start",
                violation_error_message=_(
                    "This person already has a placement in that channel starting on that date."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.person} · {self.get_channel_display()}"


class TrainingQuerySet(ScopedQuerySet):
    village_path = "person__household__village"


class Training(models.Model):
    """One person's attendance of one training course."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="trainings", verbose_name=_("person")
    )
    course = models.CharField(_("course"), max_length=100)
    date = models.DateField(_("training date"))
    provider = models.CharField(_("training provider"), max_length=100, blank=True)

    objects = TrainingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["person", "-date"]
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "course", "date"],
                name="one_training_per_person_course_date",
                violation_error_message=_("This person already attended that course on that date."),
            ),
        ]

    def __str__(self):
        return f"{self.person} · {self.course}"
