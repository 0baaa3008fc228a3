import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from households.models import Assessment, Household, IncomeRecord, Person, PovertyLine
from tests import factories

pytestmark = pytest.mark.django_db


def messages_of(raised):
    return [m for messages in raised.value.message_dict.values() for m in messages]


# --- Validation through full_clean(): the Chinese message, and nothing saved --------------------

def build_person(**overrides):
    hh = factories.household()
    fields = {"household": hh, "name": "王芳", "id_number": factories.id_number(), "relation": "spouse",
              "labor_capacity": "ordinary"}
    fields.update(overrides)
    return Person(**fields)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"id_number": "211302197403150010"}, "证件号码校验位错误。"),
        ({"id_number": "2113021974"}, "证件号码应为18位：17位数字加1位数字或X。"),
        ({"relation": "head"}, "该户已有户主，每户只能有一名户主。"),
        ({"relation": "cousin"}, "值 'cousin' 不是有效选项。"),
        ({"labor_capacity": ""}, "此字段不能为空。"),
        ({"phone": "12345"}, "请输入11位手机号码，或如 0421-2812345 的固定电话。"),
    ],
    ids=["check-digit", "short-id", "second-head", "bad-relation", "no-labor-capacity", "bad-phone"],
)
def test_invalid_person_is_refused_with_a_chinese_message_and_not_saved(overrides, message):
    person = build_person(**overrides)
    before = Person.objects.count()
    with pytest.raises(ValidationError) as raised:
        person.full_clean()
    assert message in messages_of(raised)
    assert Person.objects.count() == before


def test_duplicate_id_number_is_refused_with_a_chinese_message():
    existing = factories.person()
    duplicate = build_person(id_number=existing.id_number)
    with pytest.raises(ValidationError) as raised:
        duplicate.full_clean()
    assert messages_of(raised) == ["该证件号码已在档案中。"]


def test_duplicate_id_number_is_found_whatever_the_case_of_x():
    ending_in_x = next(
        v for v in (factories.complete_id_number(f"2113021981020200{n}") for n in range(10)) if v.endswith("X")
    )
    factories.person(id_number=ending_in_x)
    with pytest.raises(ValidationError):
        build_person(id_number=ending_in_x.lower()).full_clean()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"category": ""}, "建档立卡户须填写贫困户属性、主要致贫原因和识别年度。"),
        ({"poverty_cause": ""}, "建档立卡户须填写贫困户属性、主要致贫原因和识别年度。"),
        ({"registered_year": None}, "建档立卡户须填写贫困户属性、主要致贫原因和识别年度。"),
        ({"registered": False, "category": "general"}, "仅监测的户不填写贫困户属性和脱贫年度。"),
        ({"registered_year": 2018, "exit_year": 2016}, "脱贫年度不能早于识别年度。"),
        ({"removed_in_error": True}, "请填写清退原因。"),
        ({"phone": "0421"}, "请输入11位手机号码，或如 0421-2812345 的固定电话。"),
    ],
    ids=["no-category", "no-cause", "no-year", "monitored-with-category", "exit-before-registration",
         "removal-without-reason", "bad-phone"],
)
def test_invalid_household_is_refused_with_a_chinese_message(fields, message):
    values = {"code": "X-1", "village": factories.village(), "category": "general",
              "poverty_cause": "illness", "registered_year": 2016}
    values.update(fields)
    with pytest.raises(ValidationError) as raised:
        Household(**values).full_clean()
    assert message in messages_of(raised)
    assert not Household.objects.filter(code="X-1").exists()


def test_duplicate_household_code_is_refused():
    existing = factories.household()
    with pytest.raises(ValidationError) as raised:
        Household(code=existing.code, village=existing.village, category="general", poverty_cause="illness",
                  registered_year=2016).full_clean()
    assert "该户编号已在档案中。" in messages_of(raised)


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("wage_income", "工资性收入不能为负数。"),
        ("business_income", "生产经营性收入不能为负数。"),
        ("property_income", "财产性收入不能为负数。"),
        ("transfer_income", "转移性收入不能为负数。"),
        ("business_costs", "生产经营性支出不能为负数。"),
    ],
)
def test_negative_income_is_refused(field, message):
    record = IncomeRecord(household=factories.household(), year=2020, **{field: Decimal("-0.01")})
    with pytest.raises(ValidationError) as raised:
        record.full_clean()
    assert "金额不能为负数。" in raised.value.message_dict[field]
    # The named constraint carries its own message, used where field validation did not run ...
    with pytest.raises(ValidationError) as raised:
        record.validate_constraints()
    assert raised.value.messages == [message]
    # ... and the database refuses the row whatever path the write takes.
    with pytest.raises(IntegrityError), transaction.atomic():
        record.save()
    assert not IncomeRecord.objects.exists()


def test_second_income_record_for_the_same_year_is_refused():
    hh = factories.household()
    factories.income(hh, 2020, wages=100)
    with pytest.raises(ValidationError) as raised:
        IncomeRecord(household=hh, year=2020).full_clean()
    assert messages_of(raised) == ["该户该年度已有收入记录。"]


def test_second_assessment_on_the_same_date_is_refused():
    hh = factories.household()
    factories.assessment(hh, datetime.date(2020, 10, 1))
    with pytest.raises(ValidationError) as raised:
        Assessment(household=hh, date=datetime.date(2020, 10, 1), food=True, clothing=True, education=True,
                   medical=True, housing=True).full_clean()
    assert messages_of(raised) == ["该户在该日期已有评估记录。"]


def test_negative_poverty_line_is_refused():
    with pytest.raises(ValidationError) as raised:
        PovertyLine(year=2020, amount=Decimal("-1")).full_clean()
    assert "金额不能为负数。" in raised.value.message_dict["amount"]


# --- The database itself enforces each rule, whatever path the write takes ------------------------

def test_database_refuses_a_second_head():
    hh = factories.household()
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.create(household=hh, name="二号户主", id_number=factories.id_number(), relation="head",
                              labor_capacity="ordinary")


def test_database_refuses_a_duplicate_id_number():
    existing = factories.person()
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.create(household=existing.household, name="重复", id_number=existing.id_number,
                              relation="son", labor_capacity="none")


def test_database_refuses_a_duplicate_household_code():
    existing = factories.household()
    with pytest.raises(IntegrityError), transaction.atomic():
        Household.objects.create(code=existing.code, village=existing.village, category="general",
                                 poverty_cause="illness", registered_year=2016)


def test_database_refuses_a_registered_household_without_category():
    with pytest.raises(IntegrityError), transaction.atomic():
        Household.objects.create(code="NO-CAT", village=factories.village(), poverty_cause="illness",
                                 registered_year=2016)


def test_database_refuses_a_duplicate_income_year():
    hh = factories.household()
    factories.income(hh, 2020)
    with pytest.raises(IntegrityError), transaction.atomic():
        IncomeRecord.objects.create(household=hh, year=2020)


# --- Derived values and domain querysets -----------------------------------------------------------

def test_birth_date_and_sex_are_derived_from_the_id_number_on_save():
    person = factories.person(id_number=factories.complete_id_number("21130219900228002"))
    person.refresh_from_db()
    assert person.birth_date == datetime.date(1990, 2, 28)
    assert person.sex == "female"
    assert person.age_on(datetime.date(2020, 2, 27)) == 29
    assert person.age_on(datetime.date(2020, 2, 28)) == 30


def test_net_income_per_member_counts_current_members_only():
    hh = factories.household()  # the head
    factories.person(hh)
    factories.person(hh, status="deceased")
    factories.income(hh, 2020, wages=9000, business=1500, property_income=200, transfer=300, costs=1000)
    assert hh.net_income_per_member(2020) == Decimal("5000.00")
    assert hh.net_income_per_member(2019) is None


def test_register_querysets_read_like_the_domain(areas):
    registered = factories.household(areas.village_a1)
    spouse = factories.person(registered, labor_capacity="weak")
    factories.person(registered, labor_capacity="lost", relation="father")
    factories.person(registered, labor_capacity="ordinary", relation="son", status="moved_out")
    removed = factories.household(areas.village_a1, removed_in_error=True, removal_reason="识别不准")
    monitored = factories.household(areas.village_b1, registered=False)

    assert set(Household.objects.registered()) == {registered}
    assert set(Household.objects.monitored_only()) == {monitored}
    assert removed not in Household.objects.registered()
    capable = Person.objects.registered().labor_capable()
    assert set(capable) == {registered.members.get(relation="head"), spouse}
    assert set(Household.objects.in_area(township=areas.township_b)) == {monitored}
    assert Person.objects.filter(household=registered).labor_capable().count() == 3
    assert Person.objects.registered().filter(household=registered).count() == 3


def test_age_range_filter_uses_whole_years_on_the_date():
    on = datetime.date(2020, 10, 31)
    turns_16_on_the_day = factories.person(birth=datetime.date(2004, 10, 31))
    turns_16_next_day = factories.person(birth=datetime.date(2004, 11, 1))
    people = Person.objects.filter(pk__in=[turns_16_on_the_day.pk, turns_16_next_day.pk])
    assert set(people.aged_between(16, 60, on)) == {turns_16_on_the_day}
    assert set(people.aged_between(None, 15, on)) == {turns_16_next_day}


def test_assessment_meets_all_only_when_all_five_checks_pass():
    hh = factories.household()
    good = factories.assessment(hh, datetime.date(2020, 1, 1))
    bad = factories.assessment(hh, datetime.date(2020, 2, 1), housing=False)
    assert good.meets_all and not bad.meets_all
    assert list(Assessment.objects.filter(Assessment.meets_all_q())) == [good]


def test_a_household_and_a_person_link_to_their_staff_pages(areas):
    """The URLs come from settings.ABSOLUTE_URL_OVERRIDES: the models do not know the pages above them."""
    household = factories.household(areas.village_a1)
    person = household.members.get()
    assert household.get_absolute_url() == f"/households/{household.pk}/"
    assert person.get_absolute_url() == f"/people/{person.pk}/"
