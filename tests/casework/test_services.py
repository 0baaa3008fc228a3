"""The recording services: each rule refuses with its message and saves nothing; doubts wait for a confirmation;
a saved record carries its author in history and one audit line."""

import datetime
import logging
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from households.models import Assessment, Household, IncomeRecord, Person
from households.services import (
    Doubtful,
    assessment_create,
    household_contact_update,
    income_record_create,
    income_summary,
    person_update,
)
from households.versioning import edit_tokens
from projects.models import AssistanceRecord, Employer, EmploymentPlacement
from projects.services import assistance_create, placement_create, placement_end
from tests import factories

from .conftest import days_ago

TODAY = timezone.localdate()


def messages_of(error):
    """{field: [messages]} of a ValidationError ("__all__" for the others)."""
    return error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}


def placement(family, user, **fields):
    values = {"person": family.spouse, "channel": "enterprise", "employer_name": "朝阳农产品公司",
              "start": days_ago(10), "monthly_income": Decimal("2000"), **fields}
    return placement_create(user=user, household=family.household, **values)


# A job placement -----------------------------------------------------------------------------------

def test_a_placement_is_saved_with_its_author_a_new_employer_and_one_audit_line(family, village_staff, caplog):
    caplog.set_level(logging.INFO, logger="shuangta.audit")
    saved = placement(family, village_staff)
    assert saved.employer.name == "朝阳农产品公司"
    assert saved.history.get().history_user == village_staff
    assert Employer.objects.get(name="朝阳农产品公司").history.get().history_user == village_staff
    lines = [r.getMessage() for r in caplog.records if "placement_create" in r.getMessage()]
    assert len(lines) == 1 and f"household={family.household.pk}" in lines[0]
    assert "刘桂兰" not in caplog.text  # no personal data in the log


def test_an_employer_typed_again_is_found_by_its_name(family, village_staff):
    employer = factories.employer("朝阳农产品公司")
    assert placement(family, village_staff, employer_name="  朝阳农产品公司 ").employer == employer
    assert Employer.objects.filter(name="朝阳农产品公司").count() == 1


def test_flexible_employment_needs_no_employer(family, village_staff):
    assert placement(family, village_staff, channel="flexible", employer_name="").employer is None


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"employer_name": ""}, "employer", "请填写单位名称（只有灵活就业可以不填）。"),
        ({"employer_name": "企" * 101}, "employer", "确保该变量包含不超过 100 字符 (目前字符数 101)。"),
        ({"end": days_ago(20)}, "__all__", "结束日期不能早于开始日期。"),
        ({"monthly_income": Decimal("-1")}, "monthly_income", "金额不能为负数。"),
    ],
    ids=["no employer", "employer name too long", "end before start", "negative income"],
)
def test_a_bad_placement_is_refused_with_its_message_and_nothing_is_saved(family, village_staff, change, field,
                                                                          message):
    with pytest.raises(ValidationError) as refused:
        placement(family, village_staff, **change)
    assert message in messages_of(refused.value)[field]
    assert not EmploymentPlacement.objects.filter(person=family.spouse).exists()
    assert not Employer.objects.filter(name="朝阳农产品公司").exists()


def test_a_placement_of_someone_outside_the_household_or_no_longer_in_it_is_refused(family, village_staff, areas):
    stranger = factories.household(areas.village_a1).members.get()
    with pytest.raises(ValidationError) as refused:
        placement(family, village_staff, person=stranger)
    assert messages_of(refused.value) == {"person": ["请选择本户的家庭成员。"]}
    family.spouse.status = "deceased"
    family.spouse.save()
    with pytest.raises(ValidationError) as refused:
        placement(family, village_staff)
    assert messages_of(refused.value) == {"person": ["刘桂兰 的人员状态为“死亡”。"]}


def test_the_same_placement_twice_is_refused_by_the_constraint(family, village_staff):
    placement(family, village_staff)
    with pytest.raises(ValidationError) as refused:
        placement(family, village_staff, confirmed=True)
    assert "该人员已有同一就业方式、同一开始日期的就业记录。" in messages_of(refused.value)["__all__"]


@pytest.mark.parametrize(
    ("change", "doubt"),
    [
        ({"start": days_ago(500)}, "在这段时间已有就业"),
        ({"start": TODAY + datetime.timedelta(days=3)}, "晚于今天"),
        ({"monthly_income": Decimal("25000")}, "月收入 25000 元远高于一般水平。"),
        ({"monthly_income": Decimal("0")}, "月收入为 0 元。"),
    ],
    ids=["overlapping", "starts after today", "income far above usual", "no income"],
)
def test_a_doubtful_placement_waits_for_a_confirmation(family, village_staff, change, doubt):
    person = family.head if "start" in change and change["start"] < TODAY - datetime.timedelta(days=400) else None
    fields = {**change, **({"person": person} if person else {})}
    with pytest.raises(Doubtful) as asked:
        placement(family, village_staff, **fields)
    assert any(doubt in warning for warning in asked.value.warnings), asked.value.warnings
    assert not Employer.objects.filter(name="朝阳农产品公司").exists()
    saved = placement(family, village_staff, confirmed=True, **fields)
    assert saved.pk is not None


def test_a_person_not_able_to_work_is_a_doubt(family, village_staff):
    family.spouse.labor_capacity = "none"
    family.spouse.save()
    with pytest.raises(Doubtful) as asked:
        placement(family, village_staff)
    assert asked.value.warnings == ["刘桂兰 的劳动技能登记为“无劳动力”。"]


def test_a_household_outside_the_area_cannot_be_written(other_family, village_staff):
    with pytest.raises(PermissionDenied):
        placement_create(user=village_staff, household=other_family.household, person=other_family.head,
                         channel="flexible", start=days_ago(1), monthly_income=Decimal(1))


def test_ending_a_placement_needs_the_token_the_page_was_shown(family, village_staff, township_staff):
    job = family.head.placements.get()
    token = edit_tokens(EmploymentPlacement, [job])[job.pk]
    job.monthly_income = Decimal("2100")
    job._history_user = township_staff
    job.save()
    with pytest.raises(ValidationError) as refused:
        placement_end(user=village_staff, placement=job, end=days_ago(1), token=token)
    assert "township_staff" in refused.value.messages[0] and "月收入（元）" in refused.value.messages[0]
    assert EmploymentPlacement.objects.get(pk=job.pk).end is None
    token = edit_tokens(EmploymentPlacement, [job])[job.pk]
    ended = placement_end(user=village_staff, placement=job, end=days_ago(1), token=token)
    assert ended.end == days_ago(1) and ended.history.first().history_user == village_staff


@pytest.mark.parametrize(
    ("end", "message"),
    [(days_ago(401), "结束日期不能早于开始日期。")],
    ids=["before the start"],
)
def test_a_bad_end_date_is_refused(family, village_staff, end, message):
    job = family.head.placements.get()
    token = edit_tokens(EmploymentPlacement, [job])[job.pk]
    with pytest.raises(ValidationError) as refused:
        placement_end(user=village_staff, placement=job, end=end, token=token)
    assert message in refused.value.messages


def token_of(record):
    return edit_tokens(type(record), [record])[record.pk]


def test_an_ended_placement_cannot_end_again_and_a_future_end_is_a_doubt(family, village_staff):
    job = family.head.placements.get()
    later = TODAY + datetime.timedelta(days=30)
    with pytest.raises(Doubtful):
        placement_end(user=village_staff, placement=job, end=later, token=token_of(job))
    placement_end(user=village_staff, placement=job, end=later, confirmed=True, token=token_of(job))
    job.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        placement_end(user=village_staff, placement=job, end=TODAY, token=token_of(job))
    assert messages_of(refused.value) == {"end": [f"该就业已于 {later:%Y-%m-%d} 结束。"]}


# An assistance record ------------------------------------------------------------------------------

def assist(family, user, **fields):
    values = {"pairing": family.pairing, "date": days_ago(1), "kind": "visit", **fields}
    return assistance_create(user=user, household=family.household, **values)


def test_an_assistance_record_is_saved_with_its_author(family, village_staff):
    record = assist(family, village_staff, note=" 入户走访 ")
    assert record.note == "入户走访" and record.history.get().history_user == village_staff


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"date": TODAY + datetime.timedelta(days=1)}, "date",
         f"{TODAY + datetime.timedelta(days=1):%Y-%m-%d} 晚于今天。"),
        ({"amount": Decimal("-5"), "kind": "money_goods"}, "amount", "金额不能为负数。"),
        ({"note": "说" * 201}, "note", "确保该变量包含不超过 200 字符 (目前字符数 201)。"),
    ],
    ids=["after today", "negative amount", "note too long"],
)
def test_a_bad_assistance_record_is_refused(family, village_staff, change, field, message):
    with pytest.raises(ValidationError) as refused:
        assist(family, village_staff, **change)
    assert message in messages_of(refused.value)[field]
    assert not AssistanceRecord.objects.exists()


def test_an_assistance_record_under_another_households_pairing_is_refused(family, village_staff, areas):
    other = factories.pairing(factories.household(areas.village_a1), days_ago(30))
    with pytest.raises(ValidationError) as refused:
        assist(family, village_staff, pairing=other)
    assert messages_of(refused.value) == {"pairing": ["请选择本户的结对帮扶。"]}


@pytest.mark.parametrize(
    ("change", "doubt"),
    [
        ({"date": days_ago(800)}, f"{days_ago(800):%Y-%m-%d} 不在结对帮扶期间（{days_ago(700):%Y-%m-%d}–至今）。"),
        ({"kind": "money_goods"}, "“资金物资”未填写金额。"),
        ({"kind": "money_goods", "amount": Decimal("30000")}, "金额 30000 元远高于一般水平。"),
    ],
    ids=["outside the pairing", "no amount", "large amount"],
)
def test_a_doubtful_assistance_record_waits_for_a_confirmation(family, village_staff, change, doubt):
    with pytest.raises(Doubtful) as asked:
        assist(family, village_staff, **change)
    assert asked.value.warnings == [doubt]
    assert assist(family, village_staff, confirmed=True, **change).pk


# The year's income ---------------------------------------------------------------------------------

def income(family, user, year=2025, **amounts):
    values = {"wage_income": Decimal("12000"), "business_income": Decimal(0), "property_income": Decimal(0),
              "transfer_income": Decimal(0), "business_costs": Decimal(0), **amounts}
    return income_record_create(user=user, household=family.household, year=year, **values)


def test_a_years_income_is_saved_and_counted_per_member_against_the_line(family, village_staff):
    factories.poverty_line(2025, 5000)
    record = income(family, village_staff)
    assert record.history.get().history_user == village_staff
    summary = income_summary(household=family.household, year=2025, amounts={"wage_income": Decimal("9000")})
    assert (summary.net_total, summary.members, summary.per_member, summary.line, summary.meets_line) == (
        Decimal("9000"), 2, Decimal("4500.00"), Decimal("5000.00"), False)


@pytest.mark.parametrize(
    ("year", "message"),
    [(2012, "2012 早于建档立卡开始的 2013 年。"), (TODAY.year + 1, f"{TODAY.year + 1} 晚于今年（{TODAY.year} 年）。")],
    ids=["before 2013", "after this year"],
)
def test_an_income_year_outside_the_register_is_refused(family, village_staff, year, message):
    with pytest.raises(ValidationError) as refused:
        income(family, village_staff, year=year)
    assert messages_of(refused.value) == {"year": [message]}


def test_a_second_income_record_for_the_year_is_refused(family, village_staff):
    income(family, village_staff)
    with pytest.raises(ValidationError) as refused:
        income(family, village_staff, confirmed=True)
    assert "该户该年度已有收入记录。" in messages_of(refused.value)["__all__"]
    assert IncomeRecord.objects.count() == 1


@pytest.mark.parametrize(
    ("amounts", "doubt"),
    [
        ({"business_costs": Decimal("15000")}, "生产经营性支出超过收入：纯收入为 -3000 元。"),
        ({"wage_income": Decimal("30000")}, "人均纯收入 15000.00 元，比上年的 6000.00 元高 150%。"),
        ({"wage_income": Decimal("4000")}, "人均纯收入 2000.00 元，比上年的 6000.00 元低 67%。"),
    ],
    ids=["negative net income", "far above last year", "far below last year"],
)
def test_a_doubtful_income_waits_for_a_confirmation(family, village_staff, amounts, doubt):
    factories.income(family.household, 2024, wages=12000)
    with pytest.raises(Doubtful) as asked:
        income(family, village_staff, **amounts)
    assert doubt in asked.value.warnings
    assert income(family, village_staff, confirmed=True, **amounts).pk


def test_an_income_close_to_last_years_is_not_a_doubt(family, village_staff):
    factories.income(family.household, 2024, wages=12000)
    assert income(family, village_staff, wage_income=Decimal("15000")).pk


def test_an_income_of_a_household_without_members_is_a_doubt(areas, village_staff):
    household = factories.household(areas.village_a1, head=None)
    with pytest.raises(Doubtful) as asked:
        income_record_create(user=village_staff, household=household, year=2025, wage_income=1, business_income=0,
                             property_income=0, transfer_income=0, business_costs=0)
    assert asked.value.warnings == ["本户没有在册成员，无法计算人均纯收入。"]


# An assessment -------------------------------------------------------------------------------------

def assess(family, user, **fields):
    values = {"date": days_ago(1), **dict.fromkeys(Assessment.CHECKS, True), **fields}
    return assessment_create(user=user, household=family.household, **values)


def test_an_assessment_is_saved_with_its_author(family, village_staff):
    assert assess(family, village_staff).history.get().history_user == village_staff


def test_an_assessment_after_today_or_twice_on_a_day_is_refused(family, village_staff):
    tomorrow = TODAY + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        assess(family, village_staff, date=tomorrow)
    assert messages_of(refused.value) == {"date": [f"{tomorrow:%Y-%m-%d} 晚于今天。"]}
    assess(family, village_staff)
    with pytest.raises(ValidationError) as refused:
        assess(family, village_staff)
    assert "该户在该日期已有评估记录。" in messages_of(refused.value)["__all__"]


def test_an_earlier_assessment_or_an_exited_household_not_meeting_all_is_a_doubt(family, village_staff):
    assess(family, village_staff)
    with pytest.raises(Doubtful) as asked:
        assess(family, village_staff, date=days_ago(30))
    assert asked.value.warnings == [f"本户最近一次评估在 {days_ago(1):%Y-%m-%d}：这次较早的评估不会成为最近一次评估。"]
    Household.objects.filter(pk=family.household.pk).update(exit_year=2019)
    family.household.refresh_from_db()
    with pytest.raises(Doubtful) as asked:
        assess(family, village_staff, date=TODAY, housing=False)
    assert asked.value.warnings == ["本户已于 2019 年脱贫，但两不愁三保障和饮水安全未全部达标。"]


# A member's details and the household's contact details -----------------------------------------

def update(person, user, token=None, **fields):
    values = {name: getattr(person, name) for name in
              ("labor_capacity", "health", "school_stage", "medical_insurance", "status", "phone")}
    values.update(fields)
    token = token if token is not None else edit_tokens(Person, [person])[person.pk]
    return person_update(user=user, person=person, token=token, **values)


def test_a_members_details_are_saved_with_their_author(family, village_staff):
    saved = update(family.spouse, village_staff, health="disabled", medical_insurance=True)
    assert (saved.health, saved.medical_insurance, saved.version) == ("disabled", True, 2)
    assert saved.history.first().history_user == village_staff


def test_a_members_details_from_a_stale_page_are_refused_with_what_changed(family, village_staff, township_staff):
    token = edit_tokens(Person, [family.spouse])[family.spouse.pk]
    other = Person.objects.get(pk=family.spouse.pk)
    other.health = "chronic"
    other._history_user = township_staff
    other.save()
    with pytest.raises(ValidationError) as refused:
        update(family.spouse, village_staff, token=token, health="disabled")
    assert "township_staff" in refused.value.messages[0] and "健康状况：健康 → 长期慢性病" in refused.value.messages[0]
    assert Person.objects.get(pk=family.spouse.pk).health == "chronic"


@pytest.mark.parametrize(
    ("fields", "doubt"),
    [
        ({"school_stage": "primary"}, "刘桂兰 {age} 岁：这个年龄在读“小学”不常见。"),
        ({"labor_capacity": "lost"}, "户主 有在岗就业，却登记为无劳动能力。"),
        ({"status": "moved_out"}, "户主 是户主：请在管理后台登记新户主。"),
    ],
    ids=["school stage for the age", "a job but not able to work", "head moved out"],
)
def test_doubtful_member_details_wait_for_a_confirmation(family, village_staff, fields, doubt):
    person = family.spouse if "school_stage" in fields else family.head
    with pytest.raises(Doubtful) as asked:
        update(person, village_staff, **fields)
    assert doubt.format(age=person.age_on(TODAY)) in asked.value.warnings
    assert update(person, village_staff, confirmed=True, **fields).version == 2


def test_a_bad_phone_is_refused_for_a_member_and_a_household(family, village_staff):
    with pytest.raises(ValidationError) as refused:
        update(family.spouse, village_staff, phone="12345")
    assert messages_of(refused.value) == {"phone": ["请输入11位手机号码，或如 0421-2812345 的固定电话。"]}
    token = edit_tokens(Household, [family.household])[family.household.pk]
    with pytest.raises(ValidationError):
        household_contact_update(user=village_staff, household=family.household, token=token, phone="12345",
                                 address="")
    saved = household_contact_update(user=village_staff, household=family.household, token=token,
                                     phone="0421-2812345", address=" 长宝营子村三组 ")
    assert (saved.phone, saved.address, saved.history.first().history_user) == (
        "0421-2812345", "长宝营子村三组", village_staff)
    with pytest.raises(ValidationError):  # the token of the page before that save
        household_contact_update(user=village_staff, household=family.household, token=token, phone="", address="")
