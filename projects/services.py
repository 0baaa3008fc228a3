"""Writes of what is done for a household from the staff pages: a job placement, its end, an assistance record.

The same contract as `households/services.py`: keyword-only, area-checked, `full_clean()`, one
transaction with history and one audit line; ValidationError (Chinese, keyed by model field) saves
nothing; `Doubtful` asks the clerk to confirm unless `confirmed=True`.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from households.audit import audit
from households.choices import LABOR_CAPABLE, PersonStatus
from households.services import ask, check_area, check_token, not_after_today, save_record
from projects.choices import AssistanceKind, Channel
from projects.models import AssistanceRecord, Employer, EmploymentPlacement

# A monthly income above this many yuan, or an assistance amount above AMOUNT_LIMIT, asks for a confirmation.
MONTHLY_INCOME_LIMIT = Decimal("20000")
AMOUNT_LIMIT = Decimal("20000")
# Kinds of assistance that usually carry an amount.
KINDS_WITH_AMOUNT = (AssistanceKind.MONEY_GOODS, AssistanceKind.MEDICAL_AID, AssistanceKind.EDUCATION_AID)


# A job placement -----------------------------------------------------------------------------------

def employer_named(name, user):
    """(the employer called `name`, spaces trimmed, or None for "", whether it was created now)."""
    name = " ".join((name or "").split())
    if not name:
        return None, False
    employer = Employer.objects.filter(name=name).first()
    if employer is not None:
        return employer, False
    try:
        return save_record(Employer(name=name), user), True
    except ValidationError as exc:
        raise ValidationError({"employer": exc.messages}) from exc


def overlapping(person, start, end, exclude=None):
    """The person's placements whose time overlaps [start, end] (end None: ongoing)."""
    rows = person.placements.filter(Q(end__isnull=True) | Q(end__gte=start)).select_related("employer")
    if end is not None:
        rows = rows.filter(start__lte=end)
    return rows.exclude(pk=exclude) if exclude else rows


def describe_placement(placement):
    """A placement in words: channel, employer, dates."""
    employer = f"（{placement.employer.name}）" if placement.employer else ""
    end = f"{placement.end:%Y-%m-%d}" if placement.end else _("ongoing")
    return f"{placement.get_channel_display()}{employer} {placement.start:%Y-%m-%d}–{end}"


def placement_doubts(person, start, end, monthly_income, channel, today=None):
    """Warnings about a new placement: an overlapping one, a person not able to work, a start after today,
    an income of nothing or far above usual."""
    today = today or timezone.localdate()
    doubts = [
        _("%(name)s already has a placement at that time: %(placement)s.")
        % {"name": person.name, "placement": describe_placement(other)}
        for other in overlapping(person, start, end)[:3]
    ]
    if person.labor_capacity not in LABOR_CAPABLE:
        doubts.append(_("%(name)s is recorded as %(capacity)s.") % {
            "name": person.name, "capacity": person.get_labor_capacity_display()})
    if start > today:
        doubts.append(_("The placement starts after today (%(date)s).") % {"date": f"{start:%Y-%m-%d}"})
    if monthly_income is not None and monthly_income > MONTHLY_INCOME_LIMIT:
        doubts.append(_("A monthly income of %(amount)s yuan is far above usual.") % {"amount": monthly_income})
    if monthly_income == 0 and channel != Channel.FLEXIBLE:
        doubts.append(_("The monthly income is 0 yuan."))
    return doubts


def placement_create(*, user, household, person, channel, start, monthly_income, end=None, employer_name="",
                     confirmed=False):
    """Record a job placement of `person`, a current member of `household`; the employer is found by its
    name, or created when the name is new (flexible employment may leave it empty)."""
    check_area(user, household)
    if person.household_id != household.pk:
        raise ValidationError({"person": _("Choose a member of this household.")})
    if person.status != PersonStatus.NORMAL:
        raise ValidationError({"person": _("%(name)s is recorded as %(status)s.") % {
            "name": person.name, "status": person.get_status_display()}})
    if channel != Channel.FLEXIBLE and not (employer_name or "").strip():
        raise ValidationError({"employer": _("Name the employer: only flexible employment may go without one.")})
    with transaction.atomic():
        employer, created = employer_named(employer_name, user)
        placement = EmploymentPlacement(person=person, channel=channel, employer=employer, start=start, end=end,
                                        monthly_income=monthly_income)
        placement.full_clean()
        ask(placement_doubts(person, start, end, monthly_income, channel), confirmed)
        save_record(placement, user)
    if created:
        audit("employer_create", user=user, employer=employer.pk)
    audit("placement_create", user=user, household=household.pk, placement=placement.pk, channel=channel)
    return placement


def placement_end(*, user, placement, end, token, confirmed=False):
    """Record that an ongoing placement ended on `end`."""
    household = placement.person.household
    check_area(user, household)
    with transaction.atomic():
        check_token(EmploymentPlacement, placement.pk, token, user)
        stored = EmploymentPlacement.objects.select_related("person").get(pk=placement.pk)
        if stored.end is not None:
            raise ValidationError({"end": _("This placement already ended on %(date)s.")
                                   % {"date": f"{stored.end:%Y-%m-%d}"}})
        stored.end = end
        stored.full_clean()
        if end > timezone.localdate():
            ask([_("The end date %(date)s is after today: the job stays in force until then.")
                 % {"date": f"{end:%Y-%m-%d}"}], confirmed)
        save_record(stored, user)
    audit("placement_end", user=user, household=household.pk, placement=placement.pk)
    return stored


# An assistance record ------------------------------------------------------------------------------

def assistance_doubts(pairing, date, kind, amount):
    """Warnings about an assistance record: outside the pairing's time, no amount where one is usual, a large one."""
    doubts = []
    if date < pairing.start or (pairing.end is not None and date > pairing.end):
        doubts.append(_("%(date)s lies outside the pairing's time (%(start)s–%(end)s).") % {
            "date": f"{date:%Y-%m-%d}", "start": f"{pairing.start:%Y-%m-%d}",
            "end": f"{pairing.end:%Y-%m-%d}" if pairing.end else _("ongoing")})
    if amount is None and kind in KINDS_WITH_AMOUNT:
        doubts.append(_("No amount is given for %(kind)s.") % {"kind": AssistanceKind(kind).label})
    if amount is not None and amount > AMOUNT_LIMIT:
        doubts.append(_("An amount of %(amount)s yuan is far above usual.") % {"amount": amount})
    return doubts


def assistance_create(*, user, household, pairing, date, kind, amount=None, note="", confirmed=False):
    """Record one act of assistance to `household` under one of its pairings."""
    check_area(user, household)
    if pairing.household_id != household.pk:
        raise ValidationError({"pairing": _("Choose one of this household's pairings.")})
    record = AssistanceRecord(pairing=pairing, date=date, kind=kind, amount=amount, note=(note or "").strip())
    with transaction.atomic():
        record.full_clean()
        not_after_today(date, "date")
        ask(assistance_doubts(pairing, date, kind, amount), confirmed)
        save_record(record, user)
    audit("assistance_create", user=user, household=household.pk, record=record.pk, kind=kind)
    return record
