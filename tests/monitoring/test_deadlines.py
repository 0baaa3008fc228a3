"""Deadlines at their edges: identification within 15 days (day 15 on time, day 16 overdue), a public
notice of at least 5 days (4 refused, 5 recorded), six months from identification to clearing (a day
less is flagged, the day itself is not), and the income of the six months before clearing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from households.scope import Scope
from monitoring.deadlines import add_months, sooner_than_months_q
from monitoring.models import MonitoringCase
from monitoring.services import monitoring_open_case, monitoring_record_step
from monitoring.worklist import ITEMS
from tests import factories

from . import builders

pytestmark = pytest.mark.django_db
D = datetime.date
DAY = datetime.timedelta(days=1)


@pytest.fixture
def users(village_staff, township_staff, district_staff):
    return {"village": village_staff, "township": township_staff, "district": district_staff}


def discovered(areas, users, day, **fields):
    household = factories.household(areas.village_a1, exit_year=2019, **fields)
    return monitoring_open_case(household=household, user=users["village"], monitoring_type="unstable",
                                identified_by="self_report", risks=["illness"], discovered_on=day)


@pytest.mark.parametrize(("days", "overdue"), [(15, False), (16, True)])
def test_identification_is_overdue_from_day_16(areas, users, admin_user, days, overdue):
    case = discovered(areas, users, D(2021, 3, 1))
    builders.walk(case, users, builders.IDENTIFY[:3], D(2021, 3, 2))
    as_of = D(2021, 3, 1) + datetime.timedelta(days=days)
    rows = ITEMS["overdue_identification"].rows(admin_user, Scope(as_of))
    assert list(rows) == ([case] if overdue else [])


@pytest.mark.parametrize(("days", "warned"), [(15, False), (16, True)])
def test_a_county_decision_after_day_15_is_recorded_with_a_warning(areas, users, days, warned):
    case = discovered(areas, users, D(2021, 3, 1))
    case = builders.walk(case, users, builders.IDENTIFY[:5], D(2021, 3, 2))
    result = monitoring_record_step(user=users["district"], case=case, step="county_decision",
                                    date=D(2021, 3, 1) + datetime.timedelta(days=days), approved=True)
    assert result.case.status == "monitoring"
    assert result.warnings == ([f"识别用时 {days} 天，超过规定的 15 天。"] if warned else [])


@override_settings(MONITORING_IDENTIFY_DAYS=20)
def test_the_identification_limit_comes_from_the_settings(areas, users, admin_user):
    case = discovered(areas, users, D(2021, 3, 1))
    assert not ITEMS["overdue_identification"].rows(admin_user, Scope(D(2021, 3, 17))).exists()
    assert list(ITEMS["overdue_identification"].rows(admin_user, Scope(D(2021, 3, 22)))) == [case]


@pytest.mark.parametrize(("last_day", "refusal"), [
    (D(2021, 3, 7), "公示期不少于 5 天（含首尾两天），本次为 4 天。"),
    (D(2021, 3, 8), None),
])
def test_a_public_notice_runs_at_least_five_days(areas, users, last_day, refusal):
    case = builders.walk(discovered(areas, users, D(2021, 3, 1)), users, builders.IDENTIFY[:3], D(2021, 3, 2))
    if refusal:
        with pytest.raises(ValidationError) as raised:
            monitoring_record_step(user=users["village"], case=case, step="notice", date=D(2021, 3, 4),
                                   notice_end=last_day)
        assert raised.value.messages == [refusal]
        assert MonitoringCase.objects.get(pk=case.pk).step == "appraisal"
    else:
        step = monitoring_record_step(user=users["village"], case=case, step="notice", date=D(2021, 3, 4),
                                      notice_end=last_day).step
        assert (step.notice_start, step.notice_end, step.notice_days) == (D(2021, 3, 4), last_day, 5)


def test_the_next_step_waits_for_the_notice_to_end(areas, users):
    case = builders.walk(discovered(areas, users, D(2021, 3, 1)), users, builders.IDENTIFY[:4], D(2021, 3, 2))
    last_day = case.steps.get(step="notice").notice_end
    with pytest.raises(ValidationError) as raised:
        monitoring_record_step(user=users["township"], case=case, step="township_review", date=last_day - DAY,
                               approved=True)
    assert raised.value.messages == [f"公示至{last_day:%Y-%m-%d}结束，请在当日或之后登记“乡镇审核”。"]
    monitoring_record_step(user=users["township"], case=case, step="township_review", date=last_day, approved=True)


@pytest.mark.parametrize(("identified", "cleared", "early"), [
    (D(2023, 3, 15), D(2023, 9, 14), True),
    (D(2023, 3, 15), D(2023, 9, 15), False),
    (D(2023, 8, 31), D(2024, 2, 28), True),   # six months on is 29 February 2024
    (D(2023, 8, 31), D(2024, 2, 29), False),
    (D(2022, 8, 31), D(2023, 2, 27), True),   # six months on is 28 February 2023
    (D(2022, 8, 31), D(2023, 2, 28), False),
    (D(2023, 1, 31), D(2023, 7, 30), True),
    (D(2023, 1, 31), D(2023, 7, 31), False),
])
def test_clearing_sooner_than_six_months_is_flagged_to_the_day(areas, admin_user, identified, cleared, early):
    case = builders.cleared_case(factories.household(areas.village_a1), identified, cleared)
    assert (cleared < add_months(identified, 6)) is early
    flagged = MonitoringCase.objects.filter(sooner_than_months_q("cleared_on", "identified_on", 6))
    assert flagged.filter(pk=case.pk).exists() is early
    assert ITEMS["cleared_early"].rows(admin_user, Scope(D(cleared.year, 12, 31))).filter(pk=case.pk).exists() is early


def clearing_case(areas, users, identified_on):
    """An identified case of a household of one member, ready for the clearing's home visit."""
    factories.poverty_line(2021, 4000, monitoring_threshold=5000)
    factories.poverty_line(2022, 4000, monitoring_threshold=6000)
    household = factories.household(areas.village_a1, exit_year=2019)
    case = builders.case(household, identified_on=identified_on)
    return household, case


@pytest.mark.parametrize(("months", "warned"), [(6, False), (5, True)])
def test_a_clearing_decision_sooner_than_six_months_warns(areas, users, months, warned):
    household, case = clearing_case(areas, users, D(2021, 1, 10))
    factories.income(household, 2021, wages=9000)
    decision = add_months(D(2021, 1, 10), months) - (DAY if warned else datetime.timedelta(0))
    visit = decision - datetime.timedelta(days=10)
    case = builders.walk(case, users, builders.CLEAR[:4], visit)
    result = monitoring_record_step(user=users["district"], case=case, step="clear_county_decision", date=decision,
                                    approved=True)
    case = result.case
    assert (case.status, case.cleared_on, case.clearance_method) == ("cleared", decision, "assisted")
    assert result.warnings == (["识别后不满 6 个月即消除风险，上级将对该对象进行核查。"] if warned else [])


@pytest.mark.parametrize(("wages", "medical", "refusal"), [
    (4999, 0, "2021年扣除刚性支出后人均纯收入为4,999.00元，低于监测标准5,000.00元，暂不能消除风险。"),
    (9000, 4001, "2021年扣除刚性支出后人均纯收入为4,999.00元，低于监测标准5,000.00元，暂不能消除风险。"),
    (5000, 0, None),
])
def test_clearing_checks_the_income_of_the_six_months_before(areas, users, wages, medical, refusal):
    household, case = clearing_case(areas, users, D(2021, 1, 10))
    factories.income(household, 2021, wages=wages)
    household.income_records.update(medical_expenditure=medical)
    arguments = {"step": "clear_visit", "date": D(2021, 9, 1), "clearance_method": "assisted", "note": "收入稳定"}
    if refusal:
        with pytest.raises(ValidationError) as raised:
            monitoring_record_step(user=users["village"], case=case, **arguments)
        assert raised.value.messages == [refusal]
        assert MonitoringCase.objects.get(pk=case.pk).status == "monitoring"
    else:
        assert monitoring_record_step(user=users["village"], case=case, **arguments).warnings == []


def test_clearing_without_income_records_goes_on_with_a_warning(areas, users):
    _household, case = clearing_case(areas, users, D(2021, 1, 10))
    result = monitoring_record_step(user=users["village"], case=case, step="clear_visit", date=D(2022, 3, 1),
                                    clearance_method="natural", note="康复")
    assert result.case.status == "clearing"
    assert result.warnings == ["2021、2022年没有收入记录（或当年监测标准），请核实消除前 6 个月收入持续高于监测标准。"]


@pytest.mark.parametrize(("day", "months", "expected"), [
    (D(2023, 3, 15), 6, D(2023, 9, 15)), (D(2023, 8, 31), 6, D(2024, 2, 29)), (D(2022, 8, 31), 6, D(2023, 2, 28)),
    (D(2023, 12, 31), 2, D(2024, 2, 29)), (D(2023, 3, 31), -1, D(2023, 2, 28)), (D(2021, 9, 1), -6, D(2021, 3, 1)),
])
def test_months_are_calendar_months_kept_within_the_month(day, months, expected):
    assert add_months(day, months) == expected
