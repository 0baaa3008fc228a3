"""Writes of return-to-poverty monitoring: open a case, add measures, close a case.

Each service is keyword-only, checks the user's area, validates with full_clean() and writes inside
one transaction: bad input raises ValidationError with Chinese messages and saves nothing.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from households.audit import audit
from households.models import Household
from monitoring.choices import CaseStatus, MeasureKind
from monitoring.models import MEASURE_LINKS, MonitoringCase, MonitoringMeasure

from .screening import screen, screening_rows


def _check_area(user, household):
    if not Household.objects.for_user(user).filter(pk=household.pk).exists():
        raise PermissionDenied(_("This household is outside your area."))


def _save(record, user):
    record.full_clean()
    record._history_user = user
    record.save()
    return record


def monitoring_open_case(*, household, user, monitoring_type, identified_by, risk_causes, identified_on=None,
                         income_per_member=None, risk_note=""):
    """Put `household` under monitoring; `income_per_member` defaults to the latest income record's."""
    _check_area(user, household)
    identified_on = identified_on or timezone.localdate()
    if income_per_member is None:
        income_per_member = _latest_income_per_member(household, identified_on.year)
    case = MonitoringCase(
        household=household, type=monitoring_type, identified_by=identified_by, identified_on=identified_on,
        income_per_member=income_per_member, risk_note=risk_note,
    )
    case.risk_causes = risk_causes
    with transaction.atomic():
        # Lock the household so two clerks cannot open a case for it at the same moment.
        Household.objects.select_for_update().filter(pk=household.pk).first()
        _save(case, user)
    audit("monitoring_open_case", user=user, household=household.pk, case=case.pk)
    return case


def _latest_income_per_member(household, year):
    record = household.income_records.filter(year__lte=year).order_by("-year").first()
    return record.net_income_per_member() if record else None


def monitoring_open_case_from_screening(*, household, user, as_of):
    """Open a case for a household the screening lists on `as_of`, with the fields the row proposes."""
    _check_area(user, household)
    rows = screening_rows(screen(Household.objects.filter(pk=household.pk), as_of), as_of)
    if not rows:
        raise ValidationError(_("On %(date)s this household trips no screening rule.") % {"date": f"{as_of:%Y-%m-%d}"})
    if rows[0].under_monitoring:
        raise ValidationError(_("This household is already under monitoring."))
    return monitoring_open_case(household=household, user=user, **rows[0].proposal())


def monitoring_add_measure(*, case, user, placement=None, pairing=None, household_project=None,
                           industry_benefit=None, assistance=None, description="", start=None, end=None):
    """Record a measure for an open case: one linked record of help, or a free-text measure with dates."""
    _check_area(user, case.household)
    if not case.is_open:
        raise ValidationError(_("Measures can be added only to a case under monitoring."))
    links = {
        "placement": placement, "pairing": pairing, "household_project": household_project,
        "industry_benefit": industry_benefit, "assistance": assistance,
    }
    given = [link for link, record in links.items() if record is not None]
    if len(given) > 1:
        raise ValidationError(_("Link one record per measure."))
    kind = next((k for k, link in MEASURE_LINKS.items() if given and link == given[0]), MeasureKind.OTHER)
    measure = MonitoringMeasure(case=case, kind=kind, description=description, start=start, end=end, **links)
    with transaction.atomic():
        _save(measure, user)
    audit("monitoring_add_measure", user=user, case=case.pk, measure=measure.pk, kind=kind)
    return measure


def monitoring_close_case(*, case, user, cleared_on, reason):
    """Record that the case's risk is cleared on `cleared_on`, for `reason`."""
    _check_area(user, case.household)
    if not case.is_open:
        raise ValidationError(_("This case is already closed."))
    case.status = CaseStatus.CLEARED
    case.cleared_on = cleared_on
    case.clearance_reason = (reason or "").strip()
    try:
        with transaction.atomic():
            _save(case, user)
    except ValidationError:
        case.refresh_from_db()
        raise
    audit("monitoring_close_case", user=user, case=case.pk, days=case.days_to_clear())
    return case
