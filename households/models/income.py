from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .household import Household
from .scoping import ScopedQuerySet

NOT_NEGATIVE = MinValueValidator(Decimal("0"), _("Amounts cannot be negative."))
MONEY_MESSAGES = {
    "invalid": _("Enter an amount in yuan, such as 1200 or 1200.50."),
    "max_decimal_places": _("Amounts have at most 2 decimal places."),
    "max_digits": _("The amount is too large."),
    "max_whole_digits": _("The amount is too large."),
}


def money_field(verbose_name, **kwargs):
    """A yuan amount with two decimals that may not be negative."""
    return models.DecimalField(
        verbose_name, max_digits=12, decimal_places=2, validators=[NOT_NEGATIVE],
        error_messages=MONEY_MESSAGES, **kwargs
    )


def non_negative(field, label):
    """A named database check that `field` is not negative."""
    return models.CheckConstraint(
        condition=Q(**{f"{field}__gte": 0}),
        name=f"%(app_label)s_%(class)s_{field}_not_negative",
        violation_error_message=format_lazy(_("{field} cannot be negative."), field=label),
    )


def end_not_before_start(start="start", end="end"):
    """A named database check that the end date is empty or not before the start date."""
    return models.CheckConstraint(
        condition=Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": models.F(start)}),
        name=f"%(app_label)s_%(class)s_{end}_not_before_{start}",
        violation_error_message=_("The end date cannot be before the start date."),
    )


LINE, THRESHOLD = "amount", "monitoring_threshold"


class PovertyLineQuerySet(models.QuerySet):
    def of_year(self, year, which=LINE):
        """Subquery: the year's poverty line (`which=LINE`) or monitoring threshold (`THRESHOLD`); `year`
        may be a number or an expression such as OuterRef("year"). NULL for a year without a line."""
        return models.Subquery(self.filter(year=year).values(which)[:1])

    def value_of_year(self, year, which=LINE):
        """The year's poverty line or monitoring threshold as a Decimal, or None."""
        return self.filter(year=year).values_list(which, flat=True).first()


class PovertyLine(models.Model):
    """The poverty line of one year and the monitoring threshold used beside it."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    amount = money_field(_("poverty line (yuan per person per year)"))
    monitoring_threshold = money_field(
        _("monitoring threshold (yuan per person per year)"),
        null=True,
        blank=True,
        help_text=_("Households whose net income per member is below it are screened for risk."),
    )
    source = models.CharField(
        _("source"), max_length=300, blank=True,
        help_text=_("Where the figures were published, or why they are placeholders."),
    )

    objects = PovertyLineQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("poverty line")
        verbose_name_plural = _("poverty lines")
        constraints = [
            non_negative("amount", _("The poverty line")),
            non_negative("monitoring_threshold", _("The monitoring threshold")),
        ]

    def __str__(self):
        return f"{self.year}: {self.amount}"


class IncomeRecordQuerySet(ScopedQuerySet):
    village_path = "household__village"

    def net_total_expression(self, prefix=""):
        """Household net income: the four incomes less business costs."""
        f = models.F
        return (
            f(f"{prefix}wage_income") + f(f"{prefix}business_income") + f(f"{prefix}property_income")
            + f(f"{prefix}transfer_income") - f(f"{prefix}business_costs")
        )

    def rigid_expenditure_expression(self, prefix=""):
        """Rigid expenditure (合规自付支出): out-of-pocket medical and education costs."""
        return models.F(f"{prefix}medical_expenditure") + models.F(f"{prefix}education_expenditure")


class IncomeRecord(models.Model):
    """A household's income of one year (收入) and its rigid expenditure (合规自付支出); net income per
    member is computed, not stored. Rigid expenditure does not change net income: screening compares
    net income less it with the monitoring threshold."""

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="income_records", verbose_name=_("household")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    wage_income = money_field(_("wage income"), default=0)
    business_income = money_field(_("business income"), default=0)
    property_income = money_field(_("property income"), default=0)
    transfer_income = money_field(_("transfer income"), default=0)
    business_costs = money_field(_("business costs"), default=0)
    medical_expenditure = money_field(_("out-of-pocket medical costs"), default=0)
    education_expenditure = money_field(_("out-of-pocket education costs"), default=0)

    objects = IncomeRecordQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["household", "-year"]
        verbose_name = _("income record")
        verbose_name_plural = _("income records")
        constraints = [
            models.UniqueConstraint(
                fields=["household", "year"],
                name="one_income_record_per_household_and_year",
                violation_error_message=_("This household already has an income record for that year."),
            ),
            non_negative("wage_income", _("Wage income")),
            non_negative("business_income", _("Business income")),
            non_negative("property_income", _("Property income")),
            non_negative("transfer_income", _("Transfer income")),
            non_negative("business_costs", _("Business costs")),
            non_negative("medical_expenditure", _("Out-of-pocket medical costs")),
            non_negative("education_expenditure", _("Out-of-pocket education costs")),
        ]

    def __str__(self):
        return f"{self.household.code} {self.year}"

    @property
    def net_total(self):
        """Net household income: the four incomes less business costs."""
        return (
            self.wage_income + self.business_income + self.property_income + self.transfer_income
            - self.business_costs
        )

    @property
    def rigid_expenditure(self):
        """Out-of-pocket medical and education costs of the year (合规自付支出)."""
        return self.medical_expenditure + self.education_expenditure

    def net_income_per_member(self, members=None):
        """Net income per current member, rounded to the fen (None for a household with no members)."""
        if members is None:
            members = self.household.members.current().count()
        if not members:
            return None
        return (self.net_total / members).quantize(Decimal("0.01"))
