"""Writes of return-to-poverty monitoring: open a case (discovery), record each step, add measures.

Each service is keyword-only, checks the user's area, validates with full_clean() and writes inside one
transaction holding the case's row lock (`select_for_update`), re-reading the case's state under the
lock: two clerks recording at the same moment cannot both pass a check made before the other wrote.
Bad input raises ValidationError with Chinese messages and saves nothing. Every write is audited and
kept in the case's history (django-simple-history) and, for steps, in its list of steps.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from households.audit import audit
from households.choices import HouseholdType
from households.models import Household
from monitoring.choices import MONITORED_STATUSES, CaseStatus, MeasureCategory, MeasureKind, Step
from monitoring.models import MEASURE_LINKS, CaseStep, MonitoringCase, MonitoringMeasure

from . import deadlines
from .clearing import income_check
from .procedure import STEPS, allowed_steps, level_of, may_record, status_after
from .screening import screen, screening_rows

LEVEL_NAMES = {"village": gettext_lazy("village"), "township": gettext_lazy("township"),
               "district": gettext_lazy("district")}


@dataclass
class StepResult:
    """A recorded step, the case as it now stands, and warnings the clerk should read."""

    case: MonitoringCase
    step: CaseStep
    warnings: list = field(default_factory=list)


def _check_area(user, household):
    if not Household.objects.for_user(user).filter(pk=household.pk).exists():
        raise PermissionDenied(_("This household is outside your area."))


def _save(record, user, reason=None):
    record.full_clean()
    record._history_user = user
    if reason:
        record._change_reason = reason
    record.save()
    return record


def _latest_income_per_member(household, year):
    record = household.income_records.filter(year__lte=year).order_by("-year").first()
    return record.net_income_per_member() if record else None


def monitoring_open_case(*, household, user, monitoring_type, identified_by, risks, discovered_on=None,
                         returned_to_poverty=False, income_per_member=None, risk_note="", note=""):
    """Open a case for `household` at its discovery step (农户自主申报 / 干部走访排查 / 部门筛查预警).

    `risks` are causes or (cause, note) pairs, the main one first; `income_per_member` defaults to the
    latest income record's. The case is then identified step by step (`monitoring_record_step`)."""
    _check_area(user, household)
    if not may_record(user, Step.DISCOVERY):
        raise PermissionDenied(_("This account cannot record monitoring steps."))
    discovered_on = discovered_on or timezone.localdate()
    if income_per_member is None:
        income_per_member = _latest_income_per_member(household, discovered_on.year)
    case = MonitoringCase(
        household=household, type=monitoring_type, identified_by=identified_by, discovered_on=discovered_on,
        returned_to_poverty=returned_to_poverty, income_per_member=income_per_member, risk_note=risk_note,
        status=CaseStatus.IDENTIFYING, step=Step.DISCOVERY,
    )
    with transaction.atomic():
        # Lock the household so two clerks cannot open a case for it at the same moment.
        Household.objects.select_for_update().filter(pk=household.pk).first()
        _save(case, user, reason=str(Step.DISCOVERY.label))
        case.set_risks(risks, user=user)
        step = CaseStep(case=case, step=Step.DISCOVERY, date=discovered_on, user=user, note=note)
        step.full_clean()
        step.save()
    audit("monitoring_open_case", user=user, household=household.pk, case=case.pk, step=Step.DISCOVERY.value)
    return case


def monitoring_open_case_from_screening(*, household, user, as_of):
    """Open a case (部门筛查预警) for a household the screening lists on `as_of`, as its row proposes."""
    _check_area(user, household)
    rows = screening_rows(screen(Household.objects.filter(pk=household.pk), as_of), as_of)
    if not rows:
        raise ValidationError(_("On %(date)s this household trips no screening rule.") % {"date": f"{as_of:%Y-%m-%d}"})
    if rows[0].under_monitoring or household.monitoring_cases.open().exists():
        raise ValidationError(_("This household is already under monitoring."))
    return monitoring_open_case(household=household, user=user, **rows[0].proposal())


def _locked(case):
    return MonitoringCase.objects.select_for_update().select_related("household").get(pk=case.pk)


def _check_order(case, step, user):
    allowed = allowed_steps(case)
    if step not in allowed:
        if not allowed:
            raise ValidationError(_("This case is closed (%(status)s): no step can be recorded.")
                                  % {"status": case.get_status_display()})
        raise ValidationError(_("%(step)s cannot be recorded now: the case is at %(current)s, next is %(next)s.") % {
            "step": step.label, "current": Step(case.step).label if case.step else "—",
            "next": _("、").join(str(Step(s).label) for s in allowed)})
    owners = STEPS[step].owners
    if level_of(user) not in owners:
        raise ValidationError(_("%(step)s is recorded by a %(owners)s account.") % {
            "step": step.label, "owners": _(" or ").join(str(LEVEL_NAMES[o]) for o in sorted(owners))})


def _check_date(case, step, date, previous):
    if date > timezone.localdate():
        raise ValidationError({"date": _("The date of the step cannot be in the future.")})
    if previous is None:
        return
    if date < previous.date:
        raise ValidationError({"date": _("The date cannot be before the previous step's (%(date)s).")
                               % {"date": f"{previous.date:%Y-%m-%d}"}})
    if previous.notice_end is not None and date < previous.notice_end:
        message = _("The public notice runs until %(date)s: record %(step)s on or after that day.")
        raise ValidationError({"date": message % {"date": f"{previous.notice_end:%Y-%m-%d}", "step": step.label}})


def _check_notice(date, notice_end):
    if notice_end is None:
        raise ValidationError({"notice_end": _("Give the last day of the public notice.")})
    days = (notice_end - date).days + 1
    least = deadlines.notice_min_days()
    if days < least:
        raise ValidationError({"notice_end": _(
            "A public notice runs at least %(least)d days, first and last included (this one: %(days)d)."
        ) % {"least": least, "days": days}})


def monitoring_record_step(*, user, case, step, date=None, approved=None, notice_end=None, note="",
                           clearance_method="", risks=None):
    """Record `step` of `case` on `date` (default today): in the order and by the level the procedure's
    table says (`monitoring.procedure.STEPS`), with the step's own data — a notice's last day, a
    review's outcome, the clearing method and reason. Returns a `StepResult` with any warnings."""
    try:
        step = Step(step)
    except ValueError:
        raise ValidationError({"step": _("Choose a step from the list.")}) from None
    _check_area(user, case.household)
    if not user.has_perm("monitoring.add_casestep"):
        raise PermissionDenied(_("This account cannot record monitoring steps."))
    date = date or timezone.localdate()
    rule = STEPS[step]
    note = (note or "").strip()
    warnings = []
    with transaction.atomic():
        case = _locked(case)
        _check_order(case, step, user)
        previous = CaseStep.objects.filter(case=case).order_by("-pk").first()
        _check_date(case, step, date, previous)
        if rule.review and approved is None:
            raise ValidationError({"approved": _("Say whether the review approves.")})
        if not rule.review:
            approved = None
        if rule.notice:
            _check_notice(date, notice_end)
        if step == Step.CLEAR_VISIT:
            warnings += _check_clear_visit(case, date, clearance_method, note)
        if risks:
            if step not in (Step.DISCOVERY, Step.VISIT):
                raise ValidationError({"risks": _("Risks are set at discovery and on the home visit.")})
            case.set_risks(risks, user=user)
        record = CaseStep(case=case, step=step, date=date, user=user, approved=approved, note=note,
                          notice_start=date if rule.notice else None, notice_end=notice_end if rule.notice else None)
        record.full_clean()
        record.save()
        warnings += _apply(case, step, record, clearance_method, user)
        _save(case, user, reason=str(step.label))
    audit("monitoring_record_step", user=user, case=case.pk, step=step.value,
          approved="" if approved is None else approved, status=case.status)
    return StepResult(case, record, warnings)


def _check_clear_visit(case, date, method, reason):
    if not method:
        raise ValidationError({"clearance_method": _("Choose how the risk was cleared.")})
    if not reason:
        raise ValidationError({"note": _("Say why the risk is gone.")})
    return income_check(case.household, date)


def _apply(case, step, record, method, user):
    """Move the case on after `record`; return warnings."""
    warnings = []
    status = status_after(step, record.approved)
    case.step = step
    if status == CaseStatus.NOT_IDENTIFIED:
        case.status = status
    elif step == Step.COUNTY_DECISION:
        case.status, case.identified_on = status, record.date
        if case.income_per_member is None:
            case.income_per_member = _latest_income_per_member(case.household, record.date.year)
        _mark_monitored(case.household, user)
        days = (record.date - case.discovered_on).days
        if days > deadlines.identify_days():
            warnings.append(_("Identification took %(days)d days, more than the %(limit)d allowed.")
                            % {"days": days, "limit": deadlines.identify_days()})
    elif step == Step.CLEAR_VISIT:
        case.status, case.clearance_method = status, method
    elif status == CaseStatus.MONITORING:  # a clearing review did not approve: back under monitoring
        case.status, case.clearance_method = status, ""
    elif status == CaseStatus.CLEARED:
        visit = case.steps.filter(step=Step.CLEAR_VISIT).order_by("-pk").first()
        case.status, case.cleared_on = status, record.date
        case.clearance_reason = (record.note or (visit.note if visit else ""))[:200]
        if record.date < deadlines.add_months(case.identified_on, deadlines.clear_min_months()):
            warnings.append(_("The risk is cleared less than %(months)d months after identification: superiors "
                              "will check this case.") % {"months": deadlines.clear_min_months()})
    return warnings


def _mark_monitored(household, user):
    household = Household.objects.select_for_update().get(pk=household.pk)
    if household.household_type != HouseholdType.MONITORED:
        household.household_type = HouseholdType.MONITORED
        household._history_user = user
        household.save(update_fields=["household_type", "version"])


def monitoring_add_measure(*, case, user, category=MeasureCategory.OTHER, cadre=None, placement=None, pairing=None,
                           household_project=None, industry_benefit=None, assistance=None, description="",
                           start=None, end=None):
    """Record a measure for a case under monitoring: its category and responsible cadre, and one linked
    record of help or a measure in words with its dates. A case not (or no longer) under monitoring
    refuses it, checked under the case's row lock."""
    _check_area(user, case.household)
    links = {
        "placement": placement, "pairing": pairing, "household_project": household_project,
        "industry_benefit": industry_benefit, "assistance": assistance,
    }
    given = [link for link, record in links.items() if record is not None]
    if len(given) > 1:
        raise ValidationError(_("Link one record per measure."))
    kind = next((k for k, link in MEASURE_LINKS.items() if given and link == given[0]), MeasureKind.OTHER)
    with transaction.atomic():
        locked = _locked(case)
        if locked.status not in MONITORED_STATUSES:
            raise ValidationError(_("Measures can be added only to a case under monitoring."))
        measure = MonitoringMeasure(case=locked, kind=kind, category=category, cadre=cadre,
                                    description=description, start=start, end=end, **links)
        _save(measure, user)
    audit("monitoring_add_measure", user=user, case=case.pk, measure=measure.pk, kind=kind, category=category)
    return measure
