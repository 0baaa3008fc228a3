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
