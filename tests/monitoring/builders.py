"""Builders for monitoring records: sensible defaults, every record through full_clean().

`case` builds an identified case directly (as an import does), with its county decision as a step
(and the clearing decision for a cleared one); `open_case` goes through the procedure's services.
"""

import datetime

from monitoring.models import CaseStep, MonitoringCase, MonitoringMeasure
from tests.factories import saved

D = datetime.date
IDENTIFIED_ON = D(2021, 1, 10)


def case(household, *, type="sudden_hardship", identified_by="cadre_visit", causes=("illness",),
         identified_on=IDENTIFIED_ON, status="monitoring", cleared_on=None, reason="", discovered_on=None,
         method="", **fields):
    """An identified case (under monitoring, or cleared with `cleared_on` and `reason`)."""
    step = "clear_county_decision" if status == "cleared" else "county_decision"
    record = MonitoringCase(household=household, type=type, identified_by=identified_by,
                            discovered_on=discovered_on or identified_on, identified_on=identified_on,
                            status=status, step=step, cleared_on=cleared_on, clearance_reason=reason,
                            clearance_method=method, **fields)
    saved(record)
    record.set_risks([(c, "其他风险") if c == "other" else c for c in causes])
    saved(CaseStep(case=record, step="county_decision", date=identified_on, approved=True))
    if status == "cleared":
        saved(CaseStep(case=record, step="clear_county_decision", date=cleared_on, approved=True))
    return record


def cleared_case(household, identified_on, cleared_on, **fields):
    return case(household, identified_on=identified_on, status="cleared", cleared_on=cleared_on,
                reason="务工收入稳定", **fields)


def measure(case_, *, kind=None, start=None, end=None, description="", category="other", **links):
    """A measure linking one record (placement=…, pairing=…) or, without links, a free-text measure."""
    if kind is None:
        kind = next(iter(k for k in links if k != "cadre"), "other")
    return saved(MonitoringMeasure(case=case_, kind=kind, start=start, end=end, description=description,
                                   category=category, **links))


# The identification and clearing steps after discovery, in order, with who records each.
IDENTIFY = ("visit", "consent", "appraisal", "notice", "township_review", "county_decision")
CLEAR = ("clear_visit", "clear_appraisal", "clear_notice", "clear_township_review", "clear_county_decision")
OWNER = {"visit": "village", "consent": "village", "appraisal": "village", "notice": "village",
         "township_review": "township", "county_decision": "district", "clear_visit": "village",
         "clear_appraisal": "village", "clear_notice": "village", "clear_township_review": "township",
         "clear_county_decision": "district"}
REVIEWS = {"appraisal", "township_review", "county_decision", "clear_appraisal", "clear_township_review",
           "clear_county_decision"}


def step_arguments(step, date):
    """What a step needs besides the user, the case and the date: an outcome, a notice's end, a method."""
    arguments = {"step": step, "date": date}
    if step in REVIEWS:
        arguments["approved"] = True
    if step in ("notice", "clear_notice"):
        arguments["notice_end"] = date + datetime.timedelta(days=4)
    if step == "clear_visit":
        arguments.update(clearance_method="assisted", note="务工收入稳定")
    return arguments


def walk(case, users, steps, start, *, gap=1):
    """Record `steps` of `case` from `start`, one every `gap` days (after a notice: on its last day);
    `users` maps "village" / "township" / "district" to accounts. Returns the case as it stands."""
    from monitoring.services import monitoring_record_step

    date = start
    for step in steps:
        arguments = step_arguments(step, date)
        result = monitoring_record_step(user=users[OWNER[step]], case=case, **arguments)
        case = result.case
        date = arguments.get("notice_end", date) + datetime.timedelta(days=gap if "notice_end" not in arguments else 0)
    return case
