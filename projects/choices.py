"""Value lists of what is done for households; stored values are English, labels translated."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    ENTERPRISE = "enterprise", _("Enterprise employment")
    OUTSIDE_CITY = "outside_city", _("Work outside the city")
    PUBLIC_WELFARE = "public_welfare", _("Public-welfare post")
    TARGETED_RECRUITMENT = "targeted_recruitment", _("Targeted recruitment")
    WORKSHOP = "workshop", _("Poverty-alleviation workshop")
    HOME_BASED = "home_based", _("Home-based work")
    COOPERATIVE = "cooperative", _("Cooperative mutual aid")
    FLEXIBLE = "flexible", _("Flexible employment")


class HouseholdProjectType(models.TextChoices):
    COURTYARD_LIVESTOCK = "courtyard_livestock", _("Courtyard livestock")
    COURTYARD_PLANTING = "courtyard_planting", _("Courtyard planting")
    ENTRUSTED = "entrusted", _("Entrusted raising or planting")
    SHARE_DIVIDEND = "share_dividend", _("Shares and dividends")
    SOLAR = "solar", _("Solar income")
    OTHER = "other", _("Other project")


# Courtyard farming or planting (庭院养殖或种植), as the pairing campaign counts it.
COURTYARD_TYPES = (HouseholdProjectType.COURTYARD_LIVESTOCK, HouseholdProjectType.COURTYARD_PLANTING)


class IndustryLevel(models.TextChoices):
    DISTRICT = "district", _("District level")
    TOWNSHIP = "township", _("Township level")
    VILLAGE = "village", _("Village level")


class BenefitWay(models.TextChoices):
    DIVIDEND = "dividend", _("Shares and dividends")
    LAND_SHARE = "land_share", _("Land shares")
    JOB = "job", _("Job")


class AssistanceKind(models.TextChoices):
    VISIT = "visit", _("Visit")
    PROBLEM_SOLVED = "problem_solved", _("Problem solved")
    MONEY_GOODS = "money_goods", _("Money or goods")
    MEDICAL_AID = "medical_aid", _("Medical aid")
    EDUCATION_AID = "education_aid", _("Education aid")
    JOB_COORDINATION = "job_coordination", _("Job coordination")


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
