import datetime

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import connections, models
from django.db.models import Case, CharField, Exists, F, OuterRef, Q, Value, When
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from simple_history.models import HistoricalRecords

from households.choices import Category, HouseholdType, PovertyCause
from households.validators import validate_household_code, validate_register_year

from .areas import Village
from .scoping import ScopedQuerySet

# From 2021 the assessment has six checks: 两不愁三保障和饮水安全.
SIX_CHECKS_FROM = datetime.date(2021, 1, 1)
FIVE_CHECKS = ("food", "clothing", "education", "medical", "housing")
DRINKING_WATER_REQUIRED = gettext_noop("From 2021 an assessment also says whether drinking water is safe.")


def household_type_expression(prefix=""):
    """The household type (户类型) as a database value: the recorded one, else what the register says
    (on the register: 脱贫户; not on it: 一般农户)."""
    field = f"{prefix}household_type"
    return Case(
        When(~Q(**{field: ""}), then=F(field)),
        When(Q(**{f"{prefix}registered": True}), then=Value(HouseholdType.POVERTY.value)),
        default=Value(HouseholdType.GENERAL.value),
        output_field=CharField(),
    )


def household_type_q(value, prefix=""):
    """Q for households (through `prefix`) whose type is `value` (see `household_type_expression`)."""
    field, registered = f"{prefix}household_type", f"{prefix}registered"
    q = Q(**{field: value})
    if value == HouseholdType.POVERTY:
        q |= Q(**{field: "", registered: True})
    elif value == HouseholdType.GENERAL:
        q |= Q(**{field: "", registered: False})
    return q


validate_phone = RegexValidator(
    r"^(1\d{10}|0\d{2,3}-?\d{7,8})$",
    _("Enter an 11-digit mobile number or a landline such as 0421-2812345."),
    code="phone",
)


def registered_q(prefix=""):
    """Q for households (reached through `prefix`, e.g. "household__") on the poverty register: exited
    ones included, those removed as registered in error excluded."""
    return Q(**{f"{prefix}registered": True, f"{prefix}removed_in_error": False})


class HouseholdQuerySet(ScopedQuerySet):
    village_path = "village"

    def registered(self):
        """Households on the poverty register (see `registered_q`)."""
        return self.filter(registered_q())

    def monitored_only(self):
        """Households watched by return-to-poverty monitoring but never on the register."""
        return self.filter(registered=False)

    def exited_by(self, year):
        """Households whose exit year is on or before `year`."""
        return self.filter(exit_year__lte=year)

    def in_area(self, *, township=None, village=None):
        """Households of one township or village (both None: the whole district)."""
        if village is not None:
            return self.filter(village=village)
        if township is not None:
            return self.filter(village__township=township)
        return self

    def of_type(self, value):
        """Households of the household type `value` (户类型)."""
        return self.filter(household_type_q(value))

    def with_member_count(self):
        """The households with `member_count` (members neither deceased nor moved out): now a stored
        field kept by the database (households/member_count.py), so nothing to add."""
        return self


class Household(models.Model):
    """A household: on the poverty register (建档立卡), or monitored only (never registered)."""

    code = models.CharField(
        _("household code"), max_length=30, unique=True, validators=[validate_household_code],
        error_messages={"unique": _("A household with this code is already on the register.")},
    )
    village = models.ForeignKey(
        Village, on_delete=models.PROTECT, related_name="households", verbose_name=_("village")
    )
    registered = models.BooleanField(
        _("on the poverty register"),
        default=True,
        help_text=_("Unticked for a household at the edge of poverty that is monitored only."),
    )
    category = models.CharField(_("category"), max_length=10, choices=Category.choices, blank=True)
    household_type = models.CharField(
        _("household type"), max_length=12, choices=HouseholdType.choices, blank=True, default="",
        help_text=_("Empty: as the register says (on it: lifted out of poverty; not on it: ordinary rural "
                    "household). Monitoring sets it to monitored household when a case is identified."),
    )
    poverty_cause = models.CharField(
        _("main cause of poverty"), max_length=20, choices=PovertyCause.choices, blank=True
    )
    secondary_cause_1 = models.CharField(
        _("other cause of poverty"), max_length=20, choices=PovertyCause.choices, blank=True
    )
    secondary_cause_2 = models.CharField(
        _("third cause of poverty"), max_length=20, choices=PovertyCause.choices, blank=True
    )
    registered_year = models.PositiveSmallIntegerField(
        _("year registered"), null=True, blank=True, validators=[validate_register_year]
    )
    exit_year = models.PositiveSmallIntegerField(
        _("year exited"), null=True, blank=True, help_text=_("Empty while the household has not exited.")
    )
    removed_in_error = models.BooleanField(_("removed as registered in error"), default=False)
    removal_reason = models.CharField(_("reason for removal"), max_length=200, blank=True)
    dibao = models.BooleanField(_("minimum living allowance"), default=False)
    anti_poverty_insurance = models.BooleanField(_("anti-poverty insurance"), default=False)
    house_renovated_year = models.PositiveSmallIntegerField(
        _("year dilapidated house renovated"), null=True, blank=True
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[validate_phone])
    natural_village = models.CharField(_("natural village"), max_length=50, blank=True)
    first_identified = models.DateField(_("first identified"), null=True, blank=True)
    dilapidated_house = models.BooleanField(_("dilapidated house"), null=True, blank=True)
    safe_drinking_water = models.BooleanField(_("safe drinking water"), null=True, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    # Kept by the database (households/member_count.py), whatever writes the people: never set it.
    member_count = models.PositiveIntegerField(_("current members"), default=0, editable=False)

    objects = HouseholdQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["member_count"])

    class Meta:
        ordering = ["code"]
        verbose_name = _("household")
        verbose_name_plural = _("households")
        constraints = [
            models.CheckConstraint(
                condition=Q(registered=False)
                | (~Q(category="") & ~Q(poverty_cause="") & Q(registered_year__isnull=False)),
                name="registered_household_has_category_cause_year",
                violation_error_message=_(
                    "A household on the register needs a category, a main cause of poverty and a year "
                    "registered."
                ),
            ),
            models.CheckConstraint(
                condition=Q(registered=True) | (Q(category="") & Q(exit_year__isnull=True)),
                name="monitored_household_has_no_register_data",
                violation_error_message=_(
                    "A household that is monitored only has no category and no exit year."
                ),
            ),
            models.CheckConstraint(
                condition=Q(exit_year__isnull=True)
                | Q(registered_year__isnull=True)
                | Q(exit_year__gte=F("registered_year")),
                name="household_exit_not_before_registration",
                violation_error_message=_("The year exited cannot be before the year registered."),
            ),
            models.CheckConstraint(
                condition=Q(household_type="")
                | (Q(registered=True) & ~Q(household_type=HouseholdType.GENERAL))
                | (Q(registered=False) & ~Q(household_type=HouseholdType.POVERTY)),
                name="household_type_agrees_with_register",
                violation_error_message=_(
                    "A household on the register is lifted out of poverty or monitored; one not on it is an "
                    "ordinary rural household or monitored."
                ),
            ),
            models.CheckConstraint(
                condition=Q(removed_in_error=False) | ~Q(removal_reason=""),
                name="household_removal_has_reason",
                violation_error_message=_("Give the reason the household was removed from the register."),
            ),
        ]

    def __str__(self):
        return self.code

    @property
    def effective_type(self):
        """The household type (户类型): the recorded one, else what the register says."""
        if self.household_type:
            return HouseholdType(self.household_type)
        return HouseholdType.POVERTY if self.registered else HouseholdType.GENERAL

    @property
    def has_exited(self):
        """Whether the household has an exit year."""
        return self.exit_year is not None

    def head(self):
        """The head of household, or None while the household has no members yet."""
        return self.members.filter(relation="head").first()

    def net_income_per_member(self, year):
        """Net income per member for `year` (None without an income record for that year)."""
        record = self.income_records.filter(year=year).first()
        return record.net_income_per_member() if record else None


class AssessmentQuerySet(ScopedQuerySet):
    village_path = "household__village"

    def on_or_before(self, date):
        """Assessments made on or before `date`."""
        return self.filter(date__lte=date)

    def latest_on(self, date):
        """Each household's latest assessment on or before `date` (one per household and date): those
        with no later one on or before it. Safe to correlate (`.filter(household=OuterRef("pk"))`)."""
        later = Assessment.objects.filter(household=OuterRef("household"), date__gt=OuterRef("date"), date__lte=date)
        return self.filter(date__lte=date).exclude(Exists(later))

    def latest_set_on(self, date):
        """`latest_on(date)` of the rows filtered so far, as a set to count: on PostgreSQL picked by
        DISTINCT ON in one ordered pass over them (filter the area first), elsewhere `latest_on`. The
        same rows (tests/households/test_latest_assessment.py)."""
        if connections[self.db].vendor != "postgresql":
            return self.latest_on(date)
        upto = self.filter(date__lte=date)
        return upto.filter(pk__in=upto.order_by("household_id", "-date").distinct("household_id").values("pk"))


class Assessment(models.Model):
    """A 两不愁三保障 assessment of one household on one date: five yes/no checks, and from 2021 a sixth,
    safe drinking water (两不愁三保障和饮水安全); empty before 2021 when it was not assessed."""

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="assessments", verbose_name=_("household")
    )
    date = models.DateField(_("assessment date"))
    food = models.BooleanField(_("no worry about food"))
    clothing = models.BooleanField(_("no worry about clothing"))
    education = models.BooleanField(_("compulsory education assured"))
    medical = models.BooleanField(_("basic medical care assured"))
    housing = models.BooleanField(_("safe housing assured"))
    drinking_water = models.BooleanField(
        _("safe drinking water assured"), null=True, blank=True,
        help_text=_("Assessed from 2021; empty for earlier assessments. A 2021 or later assessment without it "
                    "does not meet all six checks."),
    )

    objects = AssessmentQuerySet.as_manager()
    history = HistoricalRecords()

    CHECKS = (*FIVE_CHECKS, "drinking_water")

    class Meta:
        ordering = ["household", "-date"]
        verbose_name = _("two-assurances assessment")
        verbose_name_plural = _("two-assurances assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["household", "date"],
                name="one_assessment_per_household_and_date",
                violation_error_message=_("This household already has an assessment on that date."),
            ),
        ]

    def __str__(self):
        return f"{self.household.code} {self.date:%Y-%m-%d}"

    def clean(self):
        # Older rows may lack the sixth check (they then do not meet all six); new ones must say it.
        if self.date and self.date >= SIX_CHECKS_FROM and self.drinking_water is None:
            raise ValidationError({"drinking_water": _(DRINKING_WATER_REQUIRED)})

    @classmethod
    def checks_on(cls, date):
        """The checks an assessment on `date` is judged by: six from 2021-01-01, five before."""
        return cls.CHECKS if date >= SIX_CHECKS_FROM else FIVE_CHECKS

    @property
    def meets_all(self):
        """Whether every check of the assessment's date is met (see `checks_on`)."""
        return all(getattr(self, name) is True for name in self.checks_on(self.date))

    def failed_checks(self):
        """The checks of the assessment's date that are not met, in order."""
        return [name for name in self.checks_on(self.date) if getattr(self, name) is not True]

    @classmethod
    def meets_all_q(cls, prefix=""):
        """Q for assessments meeting every check of their date (six from 2021-01-01, five before),
        optionally through a relation `prefix`: the one definition the indicator and screening use."""
        five = Q(**{f"{prefix}{name}": True for name in FIVE_CHECKS})
        return five & (Q(**{f"{prefix}date__lt": SIX_CHECKS_FROM}) | Q(**{f"{prefix}drinking_water": True}))
