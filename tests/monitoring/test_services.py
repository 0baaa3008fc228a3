import datetime
import logging
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from monitoring.models import CaseStep, MonitoringCase, MonitoringMeasure
from monitoring.services import (
    monitoring_add_measure,
    monitoring_open_case,
    monitoring_open_case_from_screening,
    monitoring_record_step,
)
from tests import factories

from . import builders

pytestmark = pytest.mark.django_db
D = datetime.date


def open_case(household, user, **overrides):
    fields = {"monitoring_type": "edge", "identified_by": "self_report", "risks": ["illness", "accident"],
              "discovered_on": D(2021, 2, 1)}
    fields.update(overrides)
    return monitoring_open_case(household=household, user=user, **fields)


@pytest.fixture
def users(village_staff, township_staff, district_staff):
    return {"village": village_staff, "township": township_staff, "district": district_staff}


def test_a_case_is_identified_helped_and_cleared_step_by_step_by_the_three_levels(areas, users, caplog):
    household = factories.household(areas.village_a1, registered=False, category="", poverty_cause="",
                                    registered_year=None)
    factories.income(household, 2020, wages=3000)
    with caplog.at_level(logging.INFO, logger="shuangta.audit"):
        case = open_case(household, users["village"])
        case = builders.walk(case, users, builders.IDENTIFY, D(2021, 2, 2))
        job = factories.placement(factories.person(household), D(2021, 3, 1))
        linked = monitoring_add_measure(case=case, user=users["village"], placement=job, category="employment")
        free = monitoring_add_measure(case=case, user=users["village"], description="临时救助2000元",
                                      start=D(2021, 2, 10), category="safety_net")
        case = builders.walk(case, users, builders.CLEAR, D(2021, 9, 1))
    case.refresh_from_db()
    household.refresh_from_db()
    assert (case.type, case.identified_by, case.risk_causes_display()) == ("edge", "self_report", "因病、因意外事故")
    assert case.income_per_member == Decimal("3000.00")
    assert (linked.kind, linked.category, free.kind, free.category) == (
        "placement", "employment", "other", "safety_net")
    assert (case.discovered_on, case.identified_on) == (D(2021, 2, 1), D(2021, 2, 10))
    assert (case.status, case.step, case.clearance_method, case.cleared_on, case.clearance_reason) == (
        "cleared", "clear_county_decision", "assisted", D(2021, 9, 8), "务工收入稳定")
    assert household.household_type == "monitored"
    steps = list(case.steps.values_list("step", "user__username"))
    assert [step for step, _user in steps] == ["discovery", *builders.IDENTIFY, *builders.CLEAR]
    assert {user for _step, user in steps} == {u.username for u in users.values()}
    assert {h.history_user for h in case.history.all()} == set(users.values())
    assert linked.history.get().history_user == users["village"]
    events = [r.getMessage() for r in caplog.records if r.name == "shuangta.audit"]
    assert [e.split()[0] for e in events] == (
        ["action=monitoring_open_case"] + ["action=monitoring_record_step"] * 6 + ["action=monitoring_add_measure"] * 2
        + ["action=monitoring_record_step"] * 5)
    assert all("outcome=success" in e for e in events)
    personal = [value for person in household.members.all() for value in (person.name, person.id_number)]
    assert not any(value in "".join(events) for value in personal)


def test_a_second_open_case_is_refused_and_nothing_is_saved(areas, township_staff):
    household = factories.household(areas.village_a1)
    open_case(household, township_staff)
    with pytest.raises(ValidationError) as raised:
        open_case(household, township_staff, discovered_on=D(2021, 3, 1))
    assert raised.value.messages == ["该户已在监测中。"]
    assert MonitoringCase.objects.count() == 1 and CaseStep.objects.count() == 1


def test_services_refuse_households_outside_the_users_area(areas, village_staff, district_staff):
    elsewhere = factories.household(areas.village_a2)
    with pytest.raises(PermissionDenied):
        open_case(elsewhere, village_staff)
    case = builders.case(elsewhere)
    with pytest.raises(PermissionDenied):
        monitoring_add_measure(case=case, user=village_staff, description="走访", start=D(2021, 2, 1))
    with pytest.raises(PermissionDenied):
        monitoring_record_step(user=village_staff, case=case, step="clear_visit", date=D(2021, 3, 1),
                               clearance_method="natural", note="务工")
    assert not MonitoringMeasure.objects.exists()
    assert MonitoringCase.objects.get().status == "monitoring"


def test_a_leader_records_no_step(areas, leader):
    case = builders.case(factories.household(areas.village_a1))
    with pytest.raises(PermissionDenied):
        monitoring_record_step(user=leader, case=case, step="clear_visit", clearance_method="natural", note="务工")


def test_a_case_opens_at_discovery_from_a_screening_row(areas, township_staff):
    factories.poverty_line(2020, 4000, monitoring_threshold=5000)
    household = factories.household(areas.village_a2, exit_year=2019)
    factories.income(household, 2019, wages=12000)
    factories.income(household, 2020, wages=4500)
    case = monitoring_open_case_from_screening(household=household, user=township_staff, as_of=D(2021, 3, 31))
    assert (case.type, case.identified_by, case.discovered_on, case.identified_on) == (
        "unstable", "screening", D(2021, 3, 31), None)
    assert (case.status, case.step) == ("identifying", "discovery")
    assert [(r.risk, r.note) for r in case.risks.all()] == [("other", "人均纯收入低于监测标准；收入骤减")]
    assert case.income_per_member == Decimal("4500.00")
    assert case.risk_note.startswith("2020年人均纯收入4,500.00元，低于监测标准5,000.00元；收入减少一半以上")
    with pytest.raises(ValidationError) as raised:
        monitoring_open_case_from_screening(household=household, user=township_staff, as_of=D(2021, 4, 30))
    assert raised.value.messages == ["该户已在监测中。"]


def test_a_household_that_trips_no_rule_cannot_be_opened_from_screening(areas, township_staff):
    household = factories.household(areas.village_a1)
    with pytest.raises(ValidationError) as raised:
        monitoring_open_case_from_screening(household=household, user=township_staff, as_of=D(2021, 3, 31))
    assert raised.value.messages == ["截至2021-03-31，该户未触发任何筛查规则。"]
    assert not MonitoringCase.objects.exists()


def another_households_placement(case):
    return {"placement": factories.placement(factories.person(), D(2021, 3, 1))}


def two_links(case):
    pairing = factories.pairing(case.household, D(2021, 1, 1))
    return {"pairing": pairing, "assistance": factories.assistance(pairing, D(2021, 2, 1))}


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (lambda case: {"description": "临时救助"}, "其他措施须填写措施内容和开始日期。"),
        (lambda case: {"start": D(2021, 2, 1)}, "其他措施须填写措施内容和开始日期。"),
        (lambda case: {"description": "救助", "start": D(2021, 2, 1), "end": D(2021, 1, 1)},
         "结束日期不能早于开始日期。"),
        (another_households_placement, "所关联的记录不属于该监测户。"),
        (two_links, "每条措施只能关联一条记录。"),
    ],
    ids=["no-start", "no-description", "end-before-start", "other-household", "two-links"],
)
def test_a_bad_measure_is_refused_with_a_chinese_message(areas, admin_user, fields, message):
    case = builders.case(factories.household(areas.village_a1))
    with pytest.raises(ValidationError) as raised:
        monitoring_add_measure(case=case, user=admin_user, **fields(case))
    assert message in raised.value.messages
    assert not MonitoringMeasure.objects.exists()


@pytest.mark.parametrize("status", ["cleared", "identifying"])
def test_measures_are_added_only_to_cases_under_monitoring(areas, admin_user, status):
    household = factories.household(areas.village_a1)
    if status == "cleared":
        case = builders.cleared_case(household, D(2021, 1, 10), D(2021, 5, 1))
    else:
        case = open_case(household, admin_user)
    with pytest.raises(ValidationError) as raised:
        monitoring_add_measure(case=case, user=admin_user, description="走访", start=D(2021, 2, 1))
    assert raised.value.messages == ["只能为监测中的对象添加帮扶措施。"]


def test_a_cleared_household_may_be_discovered_again_and_marked_as_returned(areas, users):
    household = factories.household(areas.village_a1)
    builders.cleared_case(household, D(2021, 1, 10), D(2021, 8, 1))
    again = open_case(household, users["village"], discovered_on=D(2022, 3, 1), returned_to_poverty=True,
                      monitoring_type="sudden_hardship")
    assert again.is_open and again.returned_to_poverty
    assert MonitoringCase.objects.filter(household=household).count() == 2


def test_only_an_exited_or_cleared_household_can_be_marked_as_returned(areas, users):
    household = factories.household(areas.village_a1)
    with pytest.raises(ValidationError) as raised:
        open_case(household, users["village"], returned_to_poverty=True, monitoring_type="sudden_hardship")
    assert raised.value.messages == ["只有已脱贫或此前风险已消除的户才能标注为返贫。"]
    assert not MonitoringCase.objects.exists()
