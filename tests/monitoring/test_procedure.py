"""The procedure's table, driven through the service: every step × every state of a case × every level
(village, township, district) × every outcome is either recorded — moving the case as the table says —
or refused with its message, and nothing is saved."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from monitoring.choices import CaseStatus, Step
from monitoring.models import CaseStep, MonitoringCase
from monitoring.procedure import STEPS, allowed_steps, status_after
from monitoring.services import monitoring_record_step
from tests import factories

from . import builders

pytestmark = pytest.mark.django_db
D = datetime.date
LEVELS = ("village", "township", "district")
LEVEL_WORDS = {"village": "行政村（社区）", "township": "乡镇（街道）", "district": "区"}
LABELS = {step.value: str(step.label) for step in Step}
START = D(2021, 3, 1)


def state_case(household, state):
    """A case whose last recorded step is `state` (a step of the table, or "cleared" / "not_identified")."""
    if state in ("cleared", "not_identified"):
        if state == "cleared":
            return builders.cleared_case(household, D(2021, 1, 10), D(2021, 2, 20))
        case = MonitoringCase.objects.create(household=household, type="sudden_hardship", identified_by="cadre_visit",
                                             discovered_on=D(2021, 1, 10), status="not_identified", step="appraisal")
        CaseStep.objects.create(case=case, step="appraisal", date=D(2021, 1, 12), approved=False)
        return case
    step = Step(state)
    rule = STEPS[step]
    identified = rule.phase == "clear" or step == Step.COUNTY_DECISION
    status = CaseStatus.MONITORING if step == Step.COUNTY_DECISION else (
        CaseStatus.CLEARING if rule.phase == "clear" else CaseStatus.IDENTIFYING)
    case = MonitoringCase.objects.create(
        household=household, type="sudden_hardship", identified_by="cadre_visit", discovered_on=D(2021, 1, 10),
        identified_on=D(2021, 1, 20) if identified else None, status=status, step=step,
        clearance_method="assisted" if status == CaseStatus.CLEARING else "")
    case.set_risks(["illness"])
    if rule.phase == "clear" and step != Step.CLEAR_VISIT:
        CaseStep.objects.create(case=case, step=Step.CLEAR_VISIT, date=D(2021, 1, 25), note="收入稳定")
    CaseStep.objects.create(case=case, step=step, date=D(2021, 2, 1), approved=True if rule.review else None,
                            notice_start=D(2021, 2, 1) if rule.notice else None,
                            notice_end=D(2021, 2, 5) if rule.notice else None)
    return case


def arguments(step, approved):
    values = {"step": step, "date": START, "approved": approved if STEPS[Step(step)].review else None}
    if STEPS[Step(step)].notice:
        values["notice_end"] = START + datetime.timedelta(days=4)
    if step == Step.CLEAR_VISIT:
        values.update(clearance_method="assisted", note="收入稳定")
    return values


def expected_refusal(case, step, level):
    allowed = allowed_steps(case)
    if step not in allowed:
        if not allowed:
            return f"该监测对象已办结（{case.get_status_display()}），不能再登记环节。"
        return (f"现在不能登记“{LABELS[step]}”：该对象当前环节为“{LABELS[case.step]}”，"
                f"下一环节为“{'、'.join(LABELS[s] for s in allowed)}”。")
    owners = STEPS[Step(step)].owners
    if level not in owners:
        return f"“{LABELS[step]}”须由{'或'.join(LEVEL_WORDS[o] for o in sorted(owners))}账号登记。"
    return None


STATES = [step.value for step in Step if step != Step.CLEAR_COUNTY_DECISION] + ["cleared", "not_identified"]
RECORDED_STEPS = [step.value for step in Step if step != Step.DISCOVERY]


@pytest.mark.parametrize("step", RECORDED_STEPS)
@pytest.mark.parametrize("state", STATES)
def test_every_step_by_every_level_in_every_state(areas, village_staff, township_staff, district_staff, state, step):
    users = {"village": village_staff, "township": township_staff, "district": district_staff}
    household = factories.household(areas.village_a1, exit_year=2019)
    factories.poverty_line(2021, 4000, monitoring_threshold=5000)
    factories.income(household, 2021, wages=20000)
    case = state_case(household, state)
    outcomes = (True, False) if STEPS[Step(step)].review else (None,)
    for level in LEVELS:
        for approved in outcomes:
            case.refresh_from_db()
            refusal = expected_refusal(case, step, level)
            before = (case.status, case.step, case.steps.count())
            with transaction.atomic():
                savepoint = transaction.savepoint()
                if refusal:
                    with pytest.raises(ValidationError) as raised:
                        monitoring_record_step(user=users[level], case=case, **arguments(step, approved))
                    assert raised.value.messages == [refusal], (state, step, level, approved)
                    case.refresh_from_db()
                    assert (case.status, case.step, case.steps.count()) == before
                else:
                    result = monitoring_record_step(user=users[level], case=case, **arguments(step, approved))
                    expected = status_after(step, approved) or before[0]
                    assert (result.case.status, result.case.step) == (expected, step), (state, step, level)
                    assert result.step.user == users[level] and result.step.approved == approved
                transaction.savepoint_rollback(savepoint)


def test_a_new_case_starts_with_discovery_by_any_level(areas, village_staff, township_staff, district_staff):
    from monitoring.services import monitoring_open_case

    for n, user in enumerate((village_staff, township_staff, district_staff)):
        household = factories.household(areas.village_a1)
        case = monitoring_open_case(household=household, user=user, monitoring_type="sudden_hardship",
                                    identified_by="cadre_visit", risks=["illness"], discovered_on=D(2021, 3, 1 + n))
        assert (case.status, case.step, case.steps.get().user) == ("identifying", "discovery", user)
    assert allowed_steps(None) == (Step.DISCOVERY,)


def test_the_table_leads_from_discovery_to_the_clearing_decision_and_nowhere_else():
    chain, step = [], Step.DISCOVERY
    while step is not None:
        chain.append(step)
        step = STEPS[step].next[0] if STEPS[step].next else None
    assert chain == list(Step)
    assert {STEPS[s].owners for s in Step if s != Step.DISCOVERY} == {
        frozenset({"village"}), frozenset({"township"}), frozenset({"district"})}
