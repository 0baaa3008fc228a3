"""The monitoring procedure as a table: each step, who records it, and which steps may follow it.

Identification (识别): discovery (农户自主申报 / 干部走访排查 / 部门筛查预警) → 入户核实 → 农户承诺授权 →
民主评议 → 村内公示 → 乡镇审核 → 县级审定 (the identification date). Clearing (风险消除), once under
monitoring: 入户核实 (with 消除方式) → 民主评议 → 村内公示 → 乡镇审核 → 县级审定 (the date the risk is
cleared). A review that does not approve ends an identification (未纳入监测) or sends a clearing back
to monitoring, from where it may start again.

`STEPS[step]` says who records it (`owners`: the area level of the account — village, township or
district), what may follow it (`next`) and what an approval or a rejection does to the case's status.
`allowed_steps(case)` reads the table; `monitoring.services.monitoring_record_step` enforces it.
"""

from dataclasses import dataclass

from households.area import DISTRICT, TOWNSHIP, VILLAGE, Area
from monitoring.choices import CaseStatus, Step

IDENTIFY, CLEAR = "identify", "clear"


@dataclass(frozen=True)
class StepRule:
    step: Step
    phase: str
    owners: frozenset
    next: tuple = ()
    review: bool = False  # the step approves or rejects
    notice: bool = False  # the step is a public notice with its first and last day
    status: str | None = None  # the case's status once the step is recorded (approved, for a review)
    rejected: str | None = None  # the case's status when a review rejects


ANYONE = frozenset({VILLAGE, TOWNSHIP, DISTRICT})
VILLAGE_ONLY = frozenset({VILLAGE})
TOWNSHIP_ONLY = frozenset({TOWNSHIP})
DISTRICT_ONLY = frozenset({DISTRICT})

STEPS = {rule.step: rule for rule in (
    StepRule(Step.DISCOVERY, IDENTIFY, ANYONE, (Step.VISIT,), status=CaseStatus.IDENTIFYING),
    StepRule(Step.VISIT, IDENTIFY, VILLAGE_ONLY, (Step.CONSENT,)),
    StepRule(Step.CONSENT, IDENTIFY, VILLAGE_ONLY, (Step.APPRAISAL,)),
    StepRule(Step.APPRAISAL, IDENTIFY, VILLAGE_ONLY, (Step.NOTICE,), review=True,
             rejected=CaseStatus.NOT_IDENTIFIED),
    StepRule(Step.NOTICE, IDENTIFY, VILLAGE_ONLY, (Step.TOWNSHIP_REVIEW,), notice=True),
    StepRule(Step.TOWNSHIP_REVIEW, IDENTIFY, TOWNSHIP_ONLY, (Step.COUNTY_DECISION,), review=True,
             rejected=CaseStatus.NOT_IDENTIFIED),
    StepRule(Step.COUNTY_DECISION, IDENTIFY, DISTRICT_ONLY, (Step.CLEAR_VISIT,), review=True,
             status=CaseStatus.MONITORING, rejected=CaseStatus.NOT_IDENTIFIED),
    StepRule(Step.CLEAR_VISIT, CLEAR, VILLAGE_ONLY, (Step.CLEAR_APPRAISAL,), status=CaseStatus.CLEARING),
    StepRule(Step.CLEAR_APPRAISAL, CLEAR, VILLAGE_ONLY, (Step.CLEAR_NOTICE,), review=True,
             rejected=CaseStatus.MONITORING),
    StepRule(Step.CLEAR_NOTICE, CLEAR, VILLAGE_ONLY, (Step.CLEAR_TOWNSHIP_REVIEW,), notice=True),
    StepRule(Step.CLEAR_TOWNSHIP_REVIEW, CLEAR, TOWNSHIP_ONLY, (Step.CLEAR_COUNTY_DECISION,), review=True,
             rejected=CaseStatus.MONITORING),
    StepRule(Step.CLEAR_COUNTY_DECISION, CLEAR, DISTRICT_ONLY, (), review=True,
             status=CaseStatus.CLEARED, rejected=CaseStatus.MONITORING),
)}

# The steps before the county's decision, and the clearing steps before its decision: a case whose
# step on a date is one of these (and was not rejected) is in the middle of a procedure.
IDENTIFYING_STEPS = tuple(s for s, rule in STEPS.items() if rule.phase == IDENTIFY and s != Step.COUNTY_DECISION)
CLEARING_STEPS = tuple(s for s, rule in STEPS.items() if rule.phase == CLEAR and s != Step.CLEAR_COUNTY_DECISION)


def allowed_steps(case):
    """The steps that may be recorded next for `case` (None: a new case, which starts with discovery)."""
    if case is None:
        return (Step.DISCOVERY,)
    if case.status in (CaseStatus.CLEARED, CaseStatus.NOT_IDENTIFIED):
        return ()
    if case.status == CaseStatus.MONITORING:
        return STEPS[Step.COUNTY_DECISION].next
    return STEPS[Step(case.step)].next


def level_of(user):
    """The area level an account records steps at: village, township or district ("nowhere" for none)."""
    return Area.of_user(user).level


def may_record(user, step):
    """Whether the account's level owns `step`."""
    return level_of(user) in STEPS[Step(step)].owners


def steps_for(user, case):
    """The steps `user` may record next for `case`: allowed by the table and owned by the account's level."""
    return tuple(step for step in allowed_steps(case) if may_record(user, step))


def status_after(step, approved):
    """The case's status once `step` is recorded with `approved` (None: unchanged)."""
    rule = STEPS[Step(step)]
    if rule.review and not approved:
        return rule.rejected
    return rule.status
