from decimal import Decimal

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from households.area import Area
from households.models import Household, Township, Village
from households.models.income import NOT_NEGATIVE, end_not_before_start, money_field, non_negative
from projects.choices import BenefitWay, HouseholdProjectType, IndustryLevel

from .dated import DatedQuerySet


class HouseholdProjectQuerySet(DatedQuerySet):
    village_path = "household__village"


class HouseholdProject(models.Model):
    """An aid project given to one household (到户项目): chicks, lambs, seedlings, funds."""

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="household_projects", verbose_name=_("household")
    )
    type = models.CharField(_("project type"), max_length=24, choices=HouseholdProjectType.choices)
    name = models.CharField(_("project name"), max_length=100)
    funds = money_field(_("support funds (yuan)"))
    start = models.DateField(_("start date"))
    end = models.DateField(_("end date"), null=True, blank=True)
    expected_income = money_field(_("expected yearly income (yuan)"), null=True, blank=True)

    objects = HouseholdProjectQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["household", "-start"]
        verbose_name = _("household project")
        verbose_name_plural = _("household projects")
        # The household-project list's default order (newest first), as for placements.
        indexes = [models.Index(fields=["-start", "id"], name="household_project_start_desc")]
        constraints = [
            end_not_before_start(),
            non_negative("funds", _("Support funds")),
            non_negative("expected_income", _("Expected yearly income")),
            models.UniqueConstraint(
                fields=["household", "name", "start"],
                name="one_household_project_per_name_start",
                violation_error_message=_("This household already has a project of that name starting then."),
            ),
        ]

    def __str__(self):
        return f"{self.household.code} · {self.name}"


class IndustryProjectQuerySet(DatedQuerySet):
    def reaching(self, area):
        """Projects that reach `area`: those located inside it, and the district- or township-level
        ones above it (a village is reached by its township's township-level projects)."""
        if area.is_nowhere:
            return self.none()
        if area.is_district:
            return self.all()
        district_wide = Q(level=IndustryLevel.DISTRICT)
        if area.level == "township":
            return self.filter(district_wide | Q(township_id=area.township_id))
        return self.filter(
            district_wide
            | Q(level=IndustryLevel.TOWNSHIP, township_id=area.township_id)
            | Q(village_id=area.village_id)
        )

    def for_area(self, area):
        """Projects an account of `area` may see: those reaching it."""
        return self.reaching(area)

    def for_user(self, user):
        """Projects located in the user's area, and the district- or township-level ones above it."""
        return self.reaching(Area.of_user(user))


class IndustryProject(models.Model):
    """A district, township or village industry project (产业扶贫项目) benefiting many households."""

    name = models.CharField(_("project name"), max_length=100, unique=True)
    level = models.CharField(_("level"), max_length=10, choices=IndustryLevel.choices)
    township = models.ForeignKey(
        Township, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("township")
    )
    village = models.ForeignKey(
        Village, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("village")
    )
    investment = money_field(_("total investment (yuan)"))
    start = models.DateField(_("start date"))
    end = models.DateField(_("end date"), null=True, blank=True)
    return_rate = models.DecimalField(
        _("yearly return rate (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[NOT_NEGATIVE, MaxValueValidator(Decimal("100"))],
    )

    objects = IndustryProjectQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("industry project")
        verbose_name_plural = _("industry projects")
        constraints = [
            end_not_before_start(),
            non_negative("investment", _("Total investment")),
            models.CheckConstraint(
                condition=Q(return_rate__gte=0, return_rate__lte=100),
                name="industry_return_rate_is_a_percentage",
                violation_error_message=_("The yearly return rate must be between 0 and 100 percent."),
            ),
            models.CheckConstraint(
                condition=Q(level=IndustryLevel.DISTRICT, township__isnull=True, village__isnull=True)
                | Q(level=IndustryLevel.TOWNSHIP, township__isnull=False, village__isnull=True)
                | Q(level=IndustryLevel.VILLAGE, township__isnull=False, village__isnull=False),
                name="industry_location_matches_level",
                violation_error_message=_(
                    "A district project has no township or village; a township project names its "
                    "township only; a village project names its township and village."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.village_id and self.township_id and self.village.township_id != self.township_id:
            raise ValidationError({"village": _("The village is not in the chosen township.")})


class IndustryBeneficiaryQuerySet(DatedQuerySet):
    village_path = "household__village"


class IndustryBeneficiary(models.Model):
    """A household benefiting from an industry project by dividend, land share or job (产业带动)."""

    project = models.ForeignKey(
        IndustryProject, on_delete=models.CASCADE, related_name="beneficiaries", verbose_name=_("project")
    )
    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="industry_benefits", verbose_name=_("household")
    )
    way = models.CharField(_("way of benefit"), max_length=12, choices=BenefitWay.choices)
    start = models.DateField(_("start date"))
    end = models.DateField(_("end date"), null=True, blank=True)
    yearly_amount = money_field(_("yearly benefit (yuan)"), null=True, blank=True)

    objects = IndustryBeneficiaryQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "household"]
        verbose_name = _("industry project beneficiary")
        verbose_name_plural = _("industry project beneficiaries")
        constraints = [
            end_not_before_start(),
            non_negative("yearly_amount", _("Yearly benefit")),
            models.UniqueConstraint(
                fields=["project", "household", "way", "start"],
                name="one_benefit_per_project_household_way_start",
                violation_error_message=_("This household already benefits from the project in that way then."),
            ),
        ]

    def __str__(self):
        return f"{self.project} · {self.household.code}"
