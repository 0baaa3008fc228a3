"""The plan's monitoring cases (after 2020) as unsaved model instances with their keys set: cases, their
risks, steps and measures. A case's status, step and dates follow from its steps."""

import datetime

from django.utils import timezone

from monitoring.models import CaseRisk, CaseStep, MonitoringCase, MonitoringMeasure
from projects.models import EmploymentPlacement, Pairing

IDENTIFY_STEPS = {"discovery", "visit", "consent", "appraisal", "notice", "township_review", "county_decision"}
GENERATED = "generated"


def state_of(planned):
    """(status, step, identified_on, cleared_on) of a planned case, from its steps."""
    last = planned.steps[-1]
    identified = next((s[1] for s in planned.steps if s[0] == "county_decision" and s[2]), None)
    if any(s[2] is False and s[0] in IDENTIFY_STEPS for s in planned.steps):
        return "not_identified", last[0], None, None
    if identified is None:
        return "identifying", last[0], None, None
    if last[0] == "clear_county_decision" and last[2]:
        return "cleared", last[0], identified, last[1]
    if last[0].startswith("clear_") and last[2] is not False:
        return "clearing", last[0], identified, None
    return "monitoring", last[0], identified, None


def _recorded_at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(17, 0)))


def cases(plan, keys):
    for i, planned in enumerate(plan.cases):
        status, step, identified, cleared = state_of(planned)
        yield MonitoringCase(
            pk=keys.of(MonitoringCase, i), household_id=keys.household(planned.family), type=planned.type,
            identified_by=planned.identified_by, returned_to_poverty=planned.returned,
            discovered_on=planned.discovered_on, identified_on=identified, status=status, step=step,
            income_per_member=None if planned.income is None else planned.income / 100,
            clearance_method=planned.method if status in ("clearing", "cleared") else "",
            cleared_on=cleared, clearance_reason=planned.reason if status == "cleared" else "",
        )


def risks(plan, keys):
    n = 0
    for i, planned in enumerate(plan.cases):
        for position, (risk, note) in enumerate(planned.risks, start=1):
            yield CaseRisk(pk=keys.of(CaseRisk, n), case_id=keys.of(MonitoringCase, i), position=position, risk=risk,
                           note=note)
            n += 1


def steps(plan, keys):
    n = 0
    for i, planned in enumerate(plan.cases):
        for step, day, approved, notice_start, notice_end, note in planned.steps:
            yield CaseStep(pk=keys.of(CaseStep, n), case_id=keys.of(MonitoringCase, i), step=step, date=day,
                           approved=approved, notice_start=notice_start, notice_end=notice_end, note=note,
                           recorded_at=_recorded_at(day))
            n += 1


def measures(plan, keys):
    cadre_of = {family: cadre for cadre, family, _start, end in plan.pairings if end is None}
    n = 0
    for i, planned in enumerate(plan.cases):
        cadre = cadre_of.get(planned.family)
        for category, placement, pairing, text, start, end in planned.measures:
            links = {}
            kind = "other"
            if placement is not None:
                kind, links = "placement", {"placement_id": keys.of(EmploymentPlacement, placement)}
            elif pairing is not None:
                kind, links = "pairing", {"pairing_id": keys.of(Pairing, pairing)}
            yield MonitoringMeasure(
                pk=keys.of(MonitoringMeasure, n), case_id=keys.of(MonitoringCase, i), kind=kind, category=category,
                cadre_id=None if cadre is None else keys.cadres[cadre], description=text,
                start=start if kind == "other" else None, end=end if kind == "other" else None, **links,
            )
            n += 1


BUILDERS = ((MonitoringCase, cases), (CaseRisk, risks), (CaseStep, steps), (MonitoringMeasure, measures))
