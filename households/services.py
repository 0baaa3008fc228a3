"""Writes of the register from the staff pages: a year's income, an assessment, a member's details and
a household's contact details.

Every service is keyword-only, checks the user's area, validates with `full_clean()` and writes in one
transaction with history (the user) and one audit line. Bad input raises ValidationError (Chinese
messages, keyed by model field) and saves nothing. A doubtful entry raises `Doubtful` with the reasons
unless the caller passes `confirmed=True` (the clerk ticked "我已核实，仍然保存"). Changes of an existing
record take the edit token the form was shown (`households/versioning.py`): a stale one is refused.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from households.audit import audit
from households.choices import LABOR_CAPABLE, PersonStatus, SchoolStage
from households.models import Assessment, Household, IncomeRecord, Person, PovertyLine
from households.validators import validate_register_year
from households.versioning import conflict_message, current_token

# Net income per member this far from last year's (a share of it, either way) asks for a confirmation.
INCOME_CHANGE_LIMIT = Decimal("0.5")
# Ages (whole years) at which each school stage is usual; outside them the entry is doubtful.
SCHOOL_AGES = {
    SchoolStage.PRESCHOOL: (2, 7),
    SchoolStage.PRIMARY: (5, 15),
    SchoolStage.JUNIOR: (10, 18),
    SchoolStage.SENIOR: (13, 22),
    SchoolStage.VOCATIONAL: (13, 25),
    SchoolStage.COLLEGE: (16, 40),
}


class Doubtful(Exception):
    """An entry that looks wrong: saved only when the clerk confirms the `warnings` (Chinese sentences)."""

    def __init__(self, warnings):
        super().__init__("; ".join(warnings))
        self.warnings = list(warnings)


def check_area(user, household):
    """PermissionDenied unless `household` lies inside the user's area."""
    if not Household.objects.for_user(user).filter(pk=household.pk).exists():
        raise PermissionDenied(_("This household is outside your area."))


def ask(doubts, confirmed):
    """Raise Doubtful with `doubts` unless there are none or the clerk confirmed them."""
    doubts = [doubt for doubt in doubts if doubt]
    if doubts and not confirmed:
        raise Doubtful(doubts)


def save_record(record, user):
    """Validate `record` (fields and constraints) and save it with `user` in its history."""
    record.full_clean()
    record._history_user = user
    record.save()
    return record


def check_token(model, pk, token, user):
    """Lock the stored row; ValidationError (what changed meanwhile) unless `token` is still its token."""
    current = current_token(model, pk)
    if current is None:
        raise ValidationError(_("This record no longer exists: it was deleted while you were editing it."))
    if str(token or "") != current:
        raise ValidationError(conflict_message(model, pk, str(token or ""), user), code="stale")


def not_after_today(day, field):
    """ValidationError on `field` when `day` lies after today (a record of what has happened)."""
    if day is not None and day > timezone.localdate():
        raise ValidationError({field: _("%(date)s is after today.") % {"date": f"{day:%Y-%m-%d}"}})


# The year's income ---------------------------------------------------------------------------------

INCOME_FIELDS = ("wage_income", "business_income", "property_income", "transfer_income", "business_costs")


@dataclass(frozen=True)
class IncomeSummary:
    """A year's income as the register counts it: net total, current members, net per member, the line."""

    net_total: Decimal
    members: int
    per_member: Decimal | None
    line: Decimal | None

    @property
    def meets_line(self):
        """True or False against the year's line; None without a line or without members."""
        if self.per_member is None or self.line is None:
            return None
        return self.per_member >= self.line


def income_summary(*, household, year, amounts):
    """The `IncomeSummary` of an income of `year` not yet saved ({field: yuan} of INCOME_FIELDS)."""
    record = IncomeRecord(household=household, year=year, **amounts)
    members = household.members.current().count()
    line = PovertyLine.objects.filter(year=year).values_list("amount", flat=True).first()
    return IncomeSummary(record.net_total, members, record.net_income_per_member(members=members), line)


def income_doubts(household, year, amounts):
    """Warnings about a year's income: negative net income, or far from the year before's."""
    summary = income_summary(household=household, year=year, amounts=amounts)
    members, per_member = summary.members, summary.per_member
    doubts = []
    if summary.net_total < 0:
        doubts.append(_("The business costs exceed the incomes: the net income is %(net)s yuan.")
                      % {"net": summary.net_total})
    if not members:
        doubts.append(_("The household has no current members: net income per member cannot be computed."))
    previous = household.income_records.filter(year=year - 1).first()
    before = previous.net_income_per_member(members=members) if previous and members else None
    if per_member is not None and before:
        change = (per_member - before) / before
        if abs(change) > INCOME_CHANGE_LIMIT:
            message = (_("Net income per member is %(now)s yuan, %(percent)s%% above last year's %(before)s yuan.")
                       if change > 0 else
                       _("Net income per member is %(now)s yuan, %(percent)s%% below last year's %(before)s yuan."))
            doubts.append(message % {"now": per_member, "before": before, "percent": f"{abs(change) * 100:.0f}"})
    return doubts


def income_record_create(*, user, household, year, wage_income, business_income, property_income, transfer_income,
                         business_costs, confirmed=False):
    """Record the household's income of `year` (the four incomes and the business costs, in yuan)."""
    check_area(user, household)
    amounts = {"wage_income": wage_income, "business_income": business_income, "property_income": property_income,
               "transfer_income": transfer_income, "business_costs": business_costs}
    record = IncomeRecord(household=household, year=year, **amounts)
    try:
        validate_register_year(year)
    except ValidationError as exc:
        raise ValidationError({"year": exc.messages}) from exc
    with transaction.atomic():
        record.full_clean()
        ask(income_doubts(household, year, amounts), confirmed)
        save_record(record, user)
    audit("income_create", user=user, household=household.pk, record=record.pk, year=year)
    return record


# An assessment -------------------------------------------------------------------------------------

def assessment_doubts(household, date, checks):
    """Warnings about an assessment: older than the latest one, or an exited household not meeting all."""
    doubts = []
    latest = household.assessments.order_by("-date").values_list("date", flat=True).first()
    if latest and date < latest:
        doubts.append(_("The household was last assessed on %(latest)s: this earlier assessment will not be "
                        "its latest.") % {"latest": f"{latest:%Y-%m-%d}"})
    if household.exit_year and not all(checks[name] is True for name in Assessment.checks_on(date)):
        doubts.append(_("The household exited in %(year)s, yet not all the checks are met.")
                      % {"year": household.exit_year})
    return doubts


def assessment_create(*, user, household, date, food, clothing, education, medical, housing, drinking_water=None,
                      confirmed=False):
    """Record a 两不愁三保障 (和饮水安全) assessment of the household on `date`: the five checks, and from 2021
    the sixth, safe drinking water (yes or no; required from 2021 by the model)."""
    check_area(user, household)
    checks = {"food": food, "clothing": clothing, "education": education, "medical": medical, "housing": housing,
              "drinking_water": drinking_water}
    record = Assessment(household=household, date=date, **checks)
    with transaction.atomic():
        record.full_clean()
        not_after_today(date, "date")
        ask(assessment_doubts(household, date, checks), confirmed)
        save_record(record, user)
    audit("assessment_create", user=user, household=household.pk, record=record.pk)
    return record


# A member's details --------------------------------------------------------------------------------

PERSON_FIELDS = ("labor_capacity", "health", "school_stage", "medical_insurance", "status", "phone")


def person_doubts(person, values, today=None):
    """Warnings about a member's new details: school stage for the age, work rules against a job in force."""
    today = today or timezone.localdate()
    doubts = []
    age = person.age_on(today)
    ages = SCHOOL_AGES.get(values["school_stage"])
    if ages and not ages[0] <= age <= ages[1]:
        doubts.append(_("%(name)s is %(age)s years old: %(stage)s is unusual at that age.") % {
            "name": person.name, "age": age, "stage": SchoolStage(values["school_stage"]).label})
    jobs = person.placements.filter(start__lte=today).exclude(end__lt=today).count()
    if jobs and values["labor_capacity"] not in LABOR_CAPABLE:
        doubts.append(_("%(name)s has a job in force but is recorded as not able to work.") % {"name": person.name})
    if jobs and values["status"] != PersonStatus.NORMAL:
        doubts.append(_("%(name)s has a job in force: end it as well.") % {"name": person.name})
    if person.relation == "head" and values["status"] != PersonStatus.NORMAL:
        doubts.append(_("%(name)s is the head of household: record the new head in administration.")
                      % {"name": person.name})
    return doubts


def person_update(*, user, person, token, labor_capacity, health, school_stage, medical_insurance, status, phone,
                  confirmed=False):
    """Change a member's labor capacity, health, school stage, insurance, status and phone."""
    check_area(user, person.household)
    values = {"labor_capacity": labor_capacity, "health": health, "school_stage": school_stage,
              "medical_insurance": medical_insurance, "status": status, "phone": (phone or "").strip()}
    with transaction.atomic():
        check_token(Person, person.pk, token, user)
        stored = Person.objects.get(pk=person.pk)
        for name, value in values.items():
            setattr(stored, name, value)
        stored.full_clean()
        ask(person_doubts(stored, values), confirmed)
        changed = [name for name in PERSON_FIELDS if getattr(person, name) != values[name]]
        save_record(stored, user)
    audit("person_update", user=user, household=person.household_id, person=person.pk, fields=",".join(changed) or "-")
    return stored


# A household's contact details ---------------------------------------------------------------------

def household_contact_update(*, user, household, token, phone, address):
    """Change the household's phone and address."""
    check_area(user, household)
    with transaction.atomic():
        check_token(Household, household.pk, token, user)
        stored = Household.objects.get(pk=household.pk)
        stored.phone, stored.address = (phone or "").strip(), (address or "").strip()
        save_record(stored, user)
    audit("household_contact_update", user=user, household=household.pk)
    return stored
