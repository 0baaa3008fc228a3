from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from households.models import Household
from households.models.household import validate_phone
from households.models.income import end_not_before_start, money_field, non_negative
from households.models.scoping import ScopedQuerySet, SharedQuerySet
from projects.choices import AssistanceKind

from .dated import DatedQuerySet


class Unit(models.Model):
    """An organisation whose cadres are paired with households (帮扶单位)."""

    name = models.CharField(_("name"), max_length=100, unique=True)

    objects = SharedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("aid unit")
        verbose_name_plural = _("aid units")

    def __str__(self):
        return self.name


class Cadre(models.Model):
    """A party member or cadre responsible for paired households (帮扶责任人), known by name and unit."""

    name = models.CharField(_("name"), max_length=50)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="cadres", verbose_name=_("unit"))
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[validate_phone])

    objects = SharedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["unit", "name"]
        verbose_name = _("cadre")
        verbose_name_plural = _("cadres")
        constraints = [
            models.UniqueConstraint(
                fields=["name", "unit"],
                name="one_cadre_per_name_and_unit",
                violation_error_message=_("This unit already has a cadre of that name."),
            ),
        ]

    def __str__(self):
        return f"{self.name}（{self.unit.name}）"


class PairingQuerySet(DatedQuerySet):
    village_path = "household__village"


class Pairing(models.Model):
    """A cadre paired with a household (结对帮扶) from a start date, ongoing while it has no end."""

    cadre = models.ForeignKey(Cadre, on_delete=models.PROTECT, related_name="pairings", verbose_name=_("cadre"))
    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="pairings", verbose_name=_("household")
    )
    start = models.DateField(_("start date"))
    end = models.DateField(_("end date"), null=True, blank=True)

    objects = PairingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["household", "-start"]
        verbose_name = _("pairing")
        verbose_name_plural = _("pairings")
        constraints = [
            end_not_before_start(),
            models.UniqueConstraint(
                fields=["cadre", "household", "start"],
                name="one_pairing_per_cadre_household_start",
                violation_error_message=_("This cadre is already paired with the household from that date."),
            ),
        ]

    def __str__(self):
        return f"{self.cadre.name} ↔ {self.household.code}"


class AssistanceRecordQuerySet(ScopedQuerySet):
    village_path = "pairing__household__village"


class AssistanceRecord(models.Model):
    """One act of assistance under a pairing: a visit, a problem solved, money or goods, aid."""

    pairing = models.ForeignKey(
        Pairing, on_delete=models.CASCADE, related_name="assistance_records", verbose_name=_("pairing")
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind of assistance"), max_length=20, choices=AssistanceKind.choices)
    amount = money_field(_("amount (yuan)"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = AssistanceRecordQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["pairing", "-date"]
        verbose_name = _("assistance record")
        verbose_name_plural = _("assistance records")
        # The assistance list's default order (newest first): 1.4 million rows at province scale.
        indexes = [models.Index(fields=["-date", "id"], name="assistance_date_desc_id")]
        constraints = [non_negative("amount", _("The amount"))]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} · {self.get_kind_display()}"
