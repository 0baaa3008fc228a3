import datetime
import logging
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from monitoring.models import MonitoringCase, MonitoringMeasure
from monitoring.services import (
    monitoring_add_measure,
    monitoring_close_case,
    monitoring_open_case,
    monitoring_open_case_from_screening,
)
from tests import factories

from . import builders

pytestmark = pytest.mark.django_db
D = datetime.date


def open_case(household, user, **overrides):
    fields = {"monitoring_type": "edge", "identified_by": "self_report", "risk_causes": ["illness", "accident"],
              "identified_on": D(2021, 2, 1)}
    fields.update(overrides)
    return monitoring_open_case(household=household, user=user, **fields)


def test_a_clerk_opens_a_case_records_measures_and_closes_it(areas, village_staff, caplog):
    household = factories.household(areas.village_a1, registered=False, category="", poverty_cause="",
                                    registered_year=None)
    factories.income(household, 2020, wages=3000)
    with caplog.at_level(logging.INFO, logger="shuangta.audit"):
        case = open_case(household, village_staff)
        job = factories.placement(factories.person(household), D(2021, 3, 1))
        linked = monitoring_add_measure(case=case, user=village_staff, placement=job)
        free = monitoring_add_measure(case=case, user=village_staff, description="临时救助2000元",
                                      start=D(2021, 2, 10))
        monitoring_close_case(case=case, user=village_staff, cleared_on=D(2021, 9, 1), reason="务工收入稳定")
    case.refresh_from_db()
    assert (case.type, case.identified_by, case.risk_causes_display()) == ("edge", "self_report", "因病、因意外事故")
    assert case.income_per_member == Decimal("3000.00")
    assert (linked.kind, free.kind) == ("placement", "other")
    assert (case.status, case.cleared_on, case.clearance_reason, case.days_to_clear()) == (
        "cleared", D(2021, 9, 1), "务工收入稳定", 212)
    assert {h.history_user for h in case.history.all()} == {village_staff}
    assert linked.history.get().history_user == village_staff
    events = [r.getMessage() for r in caplog.records if r.name == "shuangta.audit"]
    assert [e.split()[0] for e in events] == ["action=monitoring_open_case", "action=monitoring_add_measure",
                                             "action=monitoring_add_measure", "action=monitoring_close_case"]
    assert all(f"user_id={village_staff.pk}" in e and "outcome=success" in e for e in events)
    personal = [value for person in household.members.all() for value in (person.name, person.id_number)]
    assert not any(value in "".join(events) for value in personal)


def test_a_second_open_case_is_refused_and_nothing_is_saved(areas, township_staff):
    household = factories.household(areas.village_a1)
    open_case(household, township_staff)
    with pytest.raises(ValidationError) as raised:
        open_case(household, township_staff, identified_on=D(2021, 3, 1))
    assert raised.value.messages == ["该户已在监测中。"]
    assert MonitoringCase.objects.count() == 1


def test_services_refuse_households_outside_the_users_area(areas, village_staff):
    elsewhere = factories.household(areas.village_a2)
    with pytest.raises(PermissionDenied):
        open_case(elsewhere, village_staff)
    case = builders.case(elsewhere)
    with pytest.raises(PermissionDenied):
        monitoring_add_measure(case=case, user=village_staff, description="走访", start=D(2021, 2, 1))
    with pytest.raises(PermissionDenied):
        monitoring_close_case(case=case, user=village_staff, cleared_on=D(2021, 3, 1), reason="务工")
    assert not MonitoringMeasure.objects.exists()
    assert MonitoringCase.objects.get().is_open


def test_a_case_opens_in_one_step_from_a_screening_row(areas, township_staff):
    factories.poverty_line(2020, 4000, monitoring_threshold=5000)
    household = factories.household(areas.village_a2, exit_year=2019)
    factories.income(household, 2019, wages=12000)
    factories.income(household, 2020, wages=4500)
    case = monitoring_open_case_from_screening(household=household, user=township_staff, as_of=D(2021, 3, 31))
    assert (case.type, case.identified_by, case.identified_on) == ("unstable", "screening", D(2021, 3, 31))
    assert case.risk_causes == ["income_drop", "other"]
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


def test_measures_are_added_only_to_open_cases(areas, admin_user):
    case = builders.cleared_case(factories.household(areas.village_a1), D(2021, 1, 10), D(2021, 5, 1))
    with pytest.raises(ValidationError) as raised:
        monitoring_add_measure(case=case, user=admin_user, description="走访", start=D(2021, 2, 1))
    assert raised.value.messages == ["只能为监测中的对象添加帮扶措施。"]


@pytest.mark.parametrize(
    ("cleared_on", "reason", "message"),
    [
        (None, "务工收入稳定", "风险已消除的须填写风险消除日期和原因。"),
        (D(2021, 5, 1), "  ", "风险已消除的须填写风险消除日期和原因。"),
        (D(2021, 1, 9), "务工收入稳定", "风险消除日期不能早于识别日期。"),
        (timezone.localdate() + datetime.timedelta(days=1), "务工收入稳定", "风险消除日期不能晚于今天。"),
    ],
    ids=["no-date", "blank-reason", "before-identified", "in-future"],
)
def test_closing_a_case_with_bad_input_leaves_it_open(areas, admin_user, cleared_on, reason, message):
    case = builders.case(factories.household(areas.village_a1), identified_on=D(2021, 1, 10))
    with pytest.raises(ValidationError) as raised:
        monitoring_close_case(case=case, user=admin_user, cleared_on=cleared_on, reason=reason)
    assert message in raised.value.messages
    assert case.is_open and case.cleared_on is None
    case.refresh_from_db()
    assert case.is_open and case.cleared_on is None and case.history.count() == 1


def test_a_closed_case_cannot_be_closed_again_but_a_new_one_may_open(areas, admin_user):
    household = factories.household(areas.village_a1)
    case = builders.cleared_case(household, D(2021, 1, 10), D(2021, 5, 1))
    with pytest.raises(ValidationError) as raised:
        monitoring_close_case(case=case, user=admin_user, cleared_on=D(2021, 6, 1), reason="再次")
    assert raised.value.messages == ["该监测对象的风险已消除。"]
    again = open_case(household, admin_user, identified_on=D(2021, 5, 1))
    assert again.is_open and MonitoringCase.objects.filter(household=household).count() == 2
