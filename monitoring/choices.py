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
    """The national list of risks of returning to (or falling into) poverty (致贫返贫风险)."""

    ILLNESS = "illness", _("Illness")
    DISABILITY = "disability", _("Disability")
    SCHOOLING = "schooling", _("Schooling costs")
    ACCIDENT = "accident", _("Accident")
    INDUSTRY_FAILURE = "industry_failure", _("Failed industry project")
    UNSTABLE_EMPLOYMENT = "unstable_employment", _("Unstable employment")
    LACK_LABOR = "lack_labor", _("Lack of labor force")
    UNSAFE_HOUSING = "unsafe_housing", _("Housing no longer safe")
    UNSAFE_WATER = "unsafe_water", _("Drinking water not safe")
    NATURAL_DISASTER = "natural_disaster", _("Natural disaster")
    OTHER = "other", _("Other risk")


MAX_RISKS = 5


class CaseStatus(models.TextChoices):
    IDENTIFYING = "identifying", _("Being identified")
    MONITORING = "monitoring", _("Under monitoring")
    CLEARING = "clearing", _("Risk being cleared")
    CLEARED = "cleared", _("Risk cleared")
    NOT_IDENTIFIED = "not_identified", _("Not taken into monitoring")


# A case in one of these holds the household: at most one per household.
OPEN_STATUSES = (CaseStatus.IDENTIFYING, CaseStatus.MONITORING, CaseStatus.CLEARING)
# Identified and not cleared: the household is under monitoring.
MONITORED_STATUSES = (CaseStatus.MONITORING, CaseStatus.CLEARING)


class Step(models.TextChoices):
    """The dated steps of identification (识别) and of clearing the risk (风险消除)."""

    DISCOVERY = "discovery", _("Discovery")
    VISIT = "visit", _("Home visit to verify")
    CONSENT = "consent", _("Household's pledge and authorisation")
    APPRAISAL = "appraisal", _("Democratic appraisal")
    NOTICE = "notice", _("Public notice in the village")
    TOWNSHIP_REVIEW = "township_review", _("Township review")
    COUNTY_DECISION = "county_decision", _("County decision")
    CLEAR_VISIT = "clear_visit", _("Clearing: home visit to verify")
    CLEAR_APPRAISAL = "clear_appraisal", _("Clearing: democratic appraisal")
    CLEAR_NOTICE = "clear_notice", _("Clearing: public notice in the village")
    CLEAR_TOWNSHIP_REVIEW = "clear_township_review", _("Clearing: township review")
    CLEAR_COUNTY_DECISION = "clear_county_decision", _("Clearing: county decision")


class ClearanceMethod(models.TextChoices):
    ASSISTED = "assisted", _("Cleared by assistance")
    NATURAL = "natural", _("Cleared naturally")


class MeasureKind(models.TextChoices):
    """What a measure links to in the register (or nothing: a measure in words)."""

    PLACEMENT = "placement", _("Job placement")
    PAIRING = "pairing", _("Pairing")
    HOUSEHOLD_PROJECT = "household_project", _("Household project")
    INDUSTRY_BENEFIT = "industry_benefit", _("Industry project benefit")
    ASSISTANCE = "assistance", _("Assistance record")
    OTHER = "other", _("Other measure")


class MeasureCategory(models.TextChoices):
    """The national categories of assistance measures (帮扶措施)."""

    INDUSTRY = "industry", _("Industry assistance")
    EMPLOYMENT = "employment", _("Employment assistance")
    PUBLIC_WELFARE_POST = "public_welfare_post", _("Public-welfare post assistance")
    HEALTH = "health", _("Health assistance")
    EDUCATION = "education", _("Education assistance")
    HOUSING = "housing", _("Safe housing")
    WATER = "water", _("Safe drinking water")
    SAFETY_NET = "safety_net", _("Comprehensive social protection")
    SOCIAL = "social", _("Social assistance")
    FINANCE = "finance", _("Financial assistance (microcredit)")
    RELOCATION = "relocation", _("Relocation")
    OTHER = "other", _("Other assistance")
