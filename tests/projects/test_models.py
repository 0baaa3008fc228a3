import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from projects.models import (
    AssistanceRecord,
    Cadre,
    EmploymentPlacement,
    HouseholdProject,
    IndustryBeneficiary,
    IndustryProject,
    Pairing,
    Training,
)
from tests import factories

pytestmark = pytest.mark.django_db
D = datetime.date


def all_messages(raised):
    return raised.value.messages


def placement(**overrides):
    fields = {"person": factories.person(), "channel": "enterprise", "employer": factories.employer(),
              "start": D(2020, 4, 1), "end": None, "monthly_income": Decimal(2800)}
    fields.update(overrides)
    return EmploymentPlacement(**fields)


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: placement(end=D(2020, 3, 31)), "结束日期不能早于开始日期。"),
        (lambda: placement(monthly_income=Decimal("-1")), "金额不能为负数。"),
        (lambda: placement(employer=None), "请填写就业单位：只有灵活就业可以不填。"),
        (lambda: placement(channel="unknown"), "值 'unknown' 不是有效选项。"),
        (lambda: placement(monthly_income=Decimal("1.005")), "金额最多保留两位小数。"),
        (lambda: HouseholdProject(household=factories.household(), type="courtyard_livestock", name="养羊",
                                  funds=Decimal("-5"), start=D(2020, 6, 1)), "金额不能为负数。"),
        (lambda: HouseholdProject(household=factories.household(), type="courtyard_livestock", name="养羊",
                                  funds=Decimal("5"), start=D(2020, 6, 1), end=D(2020, 5, 1)),
         "结束日期不能早于开始日期。"),
        (lambda: IndustryProject(name="园区", level="district", township=factories.township(),
                                 investment=Decimal(1), start=D(2020, 1, 1), return_rate=Decimal(10)),
         "区级项目不填乡镇和行政村；乡级项目只填乡镇；村级项目须填乡镇和行政村。"),
        (lambda: IndustryProject(name="园区", level="village", township=factories.township(),
                                 investment=Decimal(1), start=D(2020, 1, 1), return_rate=Decimal(10)),
         "区级项目不填乡镇和行政村；乡级项目只填乡镇；村级项目须填乡镇和行政村。"),
        (lambda: IndustryProject(name="园区", level="district", investment=Decimal(1), start=D(2020, 1, 1),
                                 return_rate=Decimal(101)), "确保该值小于或等于100。"),
        (lambda: IndustryBeneficiary(project=factories.industry_project(), household=factories.household(),
                                     way="dividend", start=D(2020, 1, 1), end=D(2019, 1, 1)),
         "结束日期不能早于开始日期。"),
        (lambda: Pairing(cadre=factories.cadre(), household=factories.household(), start=D(2020, 1, 1),
                         end=D(2019, 12, 31)), "结束日期不能早于开始日期。"),
        (lambda: AssistanceRecord(pairing=factories.pairing(factories.household(), D(2020, 1, 1)),
                                  date=D(2020, 2, 1), kind="money_goods", amount=Decimal("-100")),
         "金额不能为负数。"),
    ],
    ids=["placement-end-before-start", "placement-negative-income", "placement-no-employer",
         "placement-bad-channel", "placement-three-decimals", "project-negative-funds",
         "project-end-before-start", "industry-district-with-township", "industry-village-without-village",
         "industry-rate-over-100", "benefit-end-before-start", "pairing-end-before-start",
         "assistance-negative-amount"],
)
def test_invalid_record_is_refused_with_a_chinese_message_and_not_saved(build, message):
    record = build()
    with pytest.raises(ValidationError) as raised:
        record.full_clean()
    assert message in all_messages(raised)
    assert not type(record).objects.exists()


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: placement(end=D(2020, 3, 31)), "结束日期不能早于开始日期。"),
        (lambda: placement(employer=None), "请填写就业单位：只有灵活就业可以不填。"),
        (lambda: HouseholdProject(household=factories.household(), type="other", name="x", funds=Decimal(-1),
                                  start=D(2020, 1, 1)), "扶持资金不能为负数。"),
        (lambda: IndustryProject(name="p", level="district", investment=Decimal(-1), start=D(2020, 1, 1),
                                 return_rate=Decimal(1)), "总投资不能为负数。"),
    ],
    ids=["placement-dates", "placement-employer", "project-funds", "industry-investment"],
)
def test_database_constraint_refuses_the_row_with_its_named_rule(build, message):
    record = build()
    with pytest.raises(ValidationError) as raised:
        record.validate_constraints()
    assert message in raised.value.messages
    with pytest.raises(IntegrityError), transaction.atomic():
        record.save()


def test_flexible_employment_needs_no_employer():
    placement(channel="flexible", employer=None).full_clean()


def test_cadre_is_known_by_name_and_unit_together():
    unit = factories.unit("区扶贫办")
    factories.cadre("杨国庆", unit)
    factories.cadre("杨国庆", factories.unit("人社局"))
    with pytest.raises(ValidationError) as raised:
        Cadre(name="杨国庆", unit=unit).full_clean()
    assert raised.value.messages == ["该单位已有同名的帮扶责任人。"]


def test_same_training_twice_is_refused():
    person = factories.person()
    factories.training(person, D(2020, 5, 1), course="养殖技术")
    with pytest.raises(ValidationError) as raised:
        Training(person=person, course="养殖技术", date=D(2020, 5, 1)).full_clean()
    assert raised.value.messages == ["该人员在该日期已有同一培训项目记录。"]


@pytest.mark.parametrize(
    ("start", "end", "active"),
    [
        (D(2020, 10, 31), None, True),      # starts on the date
        (D(2020, 11, 1), None, False),      # starts the day after
        (D(2020, 1, 1), D(2020, 10, 31), True),   # ends on the date
        (D(2020, 1, 1), D(2020, 10, 30), False),  # ended the day before
        (D(2020, 1, 1), None, True),        # ongoing
    ],
    ids=["starts-on-date", "starts-day-after", "ends-on-date", "ended-day-before", "ongoing"],
)
def test_active_on_counts_records_in_force_on_the_date(start, end, active):
    on = D(2020, 10, 31)
    person = factories.person()
    factories.placement(person, start, end)
    hh = person.household
    factories.pairing(hh, start, end)
    factories.household_project(hh, start, end)
    factories.beneficiary(factories.industry_project(start=D(2019, 1, 1)), hh, start, end)
    assert EmploymentPlacement.objects.active_on(on).exists() is active
    assert Pairing.objects.active_on(on).exists() is active
    assert HouseholdProject.objects.active_on(on).exists() is active
    assert IndustryBeneficiary.objects.active_on(on).exists() is active
