"""Value lists of return-to-poverty monitoring: stored as English slugs, shown by their Chinese labels."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MonitoringType(models.TextChoices):
    UNSTABLE = "unstable", _("Exited but unstable household")
    EDGE = "edge", _("Edge household at risk of poverty")
    SUDDEN_HARDSHIP = "sudden_hardship", _("Household in sudden severe hardship")


class IdentifiedBy(models.TextChoices):
    SELF_REPORT = "self_report", _("Self-reported by the household")
    CADRE_VISIT = "cadre_visit", _("Found on cadre visits")
    SCREENING = "screening", _("Department data screening")


class RiskCause(models.TextChoices):
    ILLNESS = "illness", _("Illness")
    DISABILITY = "disability", _("Disability")
    DISASTER = "disaster", _("Disaster")
    ACCIDENT = "accident", _("Accident")
    UNSTABLE_EMPLOYMENT = "unstable_employment", _("Unstable employment")
    INCOME_DROP = "income_drop", _("Sharp fall in income")
    EXPENSE_SURGE = "expense_surge", _("Sharp rise in expenses")
    OTHER = "other", _("Other risk")


class CaseStatus(models.TextChoices):
    MONITORING = "monitoring", _("Under monitoring")
    CLEARED = "cleared", _("Risk cleared")


class MeasureKind(models.TextChoices):
    PLACEMENT = "placement", _("Job placement")
    PAIRING = "pairing", _("Pairing")
    HOUSEHOLD_PROJECT = "household_project", _("Household project")
    INDUSTRY_BENEFIT = "industry_benefit", _("Industry project benefit")
    ASSISTANCE = "assistance", _("Assistance record")
    OTHER = "other", _("Other measure")
