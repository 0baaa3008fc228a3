import datetime

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from households.choices import (
    LABOR_CAPABLE,
    Education,
    Health,
    LaborCapacity,
    PersonStatus,
    Relation,
    SchoolStage,
    Sex,
    WorkStatus,
)
from households.validators import (
    birth_date_from_id,
    normalize_id_number,
    sex_from_id,
    validate_disability_certificate,
    validate_id_number,
)

from .household import Household, registered_q, validate_phone
from .scoping import ScopedQuerySet


def registered_person_q(prefix=""):
    """Q for people (reached through `prefix`, e.g. "person__") who are registered-poor: current members
    (neither deceased nor moved out) of households on the register."""
    return Q(**{f"{prefix}status": PersonStatus.NORMAL}) & registered_q(f"{prefix}household__")


class PersonQuerySet(ScopedQuerySet):
    village_path = "household__village"

    def current(self):
        """Members neither deceased nor moved out."""
        return self.filter(status=PersonStatus.NORMAL)

    def registered(self):
        """Registered-poor people: current members of households on the register."""
        return self.filter(registered_person_q())

    def labor_capable(self):
        """People whose labor capacity counts as able to work (有劳动能力)."""
        return self.filter(labor_capacity__in=LABOR_CAPABLE)

    def in_area(self, *, township=None, village=None):
        """People of one township or village (both None: the whole district)."""
        if village is not None:
            return self.filter(household__village=village)
        if township is not None:
            return self.filter(household__village__township=township)
        return self

    def aged_between(self, low, high, on, *, by_year=False):
        """People aged `low` to `high` years inclusive on the date `on` (either bound may be None).

        `by_year` counts age as on.year − year of birth (households.masking.age_for), for users who
        may see only the year of a birth date.
        """
        qs = self
        if by_year:
            if low is not None:
                qs = qs.filter(birth_date__lte=datetime.date(_clamp_year(on.year - low), 12, 31))
            if high is not None:
                qs = qs.filter(birth_date__gte=datetime.date(_clamp_year(on.year - high), 1, 1))
            return qs
        if low is not None:
            qs = qs.filter(birth_date__lte=_years_before(on, low))
        if high is not None:
            qs = qs.filter(birth_date__gt=_years_before(on, high + 1))
        return qs


def _clamp_year(year):
    return min(max(year, datetime.MINYEAR), datetime.MAXYEAR)


def _years_before(day, years):
    year = day.year - years
    if year < datetime.MINYEAR:  # before the first representable date: nobody is that old
        return datetime.date.min
    if year > datetime.MAXYEAR:
        return datetime.date.max
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February in a year without it
        return day.replace(year=year, day=28)


class Person(models.Model):
    """A member of a household, identified by a resident ID number."""

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="members", verbose_name=_("household")
    )
    name = models.CharField(_("name"), max_length=50)
    id_number = models.CharField(
        _("ID number"), max_length=18, unique=True, validators=[validate_id_number],
        error_messages={"unique": _("A person with this ID number is already on the register.")},
    )
    birth_date = models.DateField(_("birth date"), editable=False)
    sex = models.CharField(_("sex"), max_length=6, choices=Sex.choices, editable=False)
    relation = models.CharField(_("relation to head"), max_length=24, choices=Relation.choices)
    labor_capacity = models.CharField(_("labor capacity"), max_length=10, choices=LaborCapacity.choices)
    health = models.CharField(_("health"), max_length=10, choices=Health.choices, default=Health.HEALTHY)
    school_stage = models.CharField(
        _("school stage"), max_length=12, choices=SchoolStage.choices, default=SchoolStage.NONE
    )
    medical_insurance = models.BooleanField(_("basic medical insurance"), default=False)
    serious_illness_insurance = models.BooleanField(_("serious illness insurance"), null=True, blank=True)
    ethnicity = models.CharField(_("ethnic group"), max_length=20, blank=True)
    education = models.CharField(_("education"), max_length=12, choices=Education.choices, blank=True)
    work_status = models.CharField(_("work away from home"), max_length=16, choices=WorkStatus.choices, blank=True)
    work_months = models.PositiveSmallIntegerField(
        _("months worked away"), null=True, blank=True, validators=[MaxValueValidator(12)],
    )
    person_code = models.CharField(_("national person number"), max_length=30, blank=True)
    disability_certificate = models.CharField(
        _("disability certificate number"), max_length=22, blank=True, validators=[validate_disability_certificate],
    )
    status = models.CharField(
        _("status"), max_length=10, choices=PersonStatus.choices, default=PersonStatus.NORMAL
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[validate_phone])
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    objects = PersonQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["household", "pk"]
        verbose_name = _("household member")
        verbose_name_plural = _("household members")
        permissions = [("view_full_identifiers", _("Can see full ID and phone numbers"))]
        # The current labor-capable members (the work lists of jobs), by household: counting "not
        # employed" over a province reads this small index instead of every person (docs/PERFORMANCE.md).
        indexes = [
            models.Index(
                fields=["household", "id"],
                condition=Q(status=PersonStatus.NORMAL, labor_capacity__in=LABOR_CAPABLE),
                name="person_labor_capable_current",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["household"],
                condition=Q(relation="head"),
                name="one_head_per_household",
                violation_error_message=_("This household already has a head of household."),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.id_number = normalize_id_number(self.id_number)
        self.fill_from_id_number()
        super().save(*args, **kwargs)

    def clean_fields(self, exclude=None):
        self.id_number = normalize_id_number(self.id_number)
        super().clean_fields(exclude=exclude)
        self.fill_from_id_number()

    def fill_from_id_number(self):
        """Derive birth date and sex from a valid ID number (the ID is their only source)."""
        try:
            self.birth_date = birth_date_from_id(self.id_number)
            self.sex = sex_from_id(self.id_number)
        except (ValueError, IndexError):
            pass  # an invalid ID number is reported by its validator

    @property
    def is_labor_capable(self):
        """Whether this person counts as able to work (有劳动能力)."""
        return self.labor_capacity in LABOR_CAPABLE

    def age_on(self, day=None):
        """Age in whole years on `day` (default today)."""
        day = day or timezone.localdate()
        return day.year - self.birth_date.year - ((day.month, day.day) < (self.birth_date.month, self.birth_date.day))
