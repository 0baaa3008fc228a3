"""Household codes in the register's form (configurable, the national form by default) and 识别年度 from 2013 to
this year: in the model, the admin and the workbook import."""

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from households.models import Household
from tests import factories
from tests.workbooks.conftest import member, xlsx
from workbooks.service import register_import

THIS_YEAR = timezone.localdate().year
NATIONAL = {"HOUSEHOLD_CODE_PATTERN": r"\d{12}-[0-9A-Z]{4}", "HOUSEHOLD_CODE_EXAMPLE": "211302201001-0001"}


def errors(household):
    with pytest.raises(ValidationError) as refused:
        household.full_clean()
    return refused.value.message_dict


@override_settings(**NATIONAL)
@pytest.mark.parametrize("code", ["211302201001-0001", "211302201003-J001"])
def test_national_codes_are_accepted(areas, code):
    Household(code=code, village=areas.village_a1, category="general", poverty_cause="illness",
              registered_year=2016).full_clean()


@override_settings(**NATIONAL)
@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("HH001", "户编号 HH001 不符合规定格式，应如 211302201001-0001。"),
        ("211302201001-001", "户编号 211302201001-001 不符合规定格式，应如 211302201001-0001。"),
        ("211302201001_0001", "户编号 211302201001_0001 不符合规定格式，应如 211302201001-0001。"),
        ("211302201001-00a1", "户编号 211302201001-00a1 不符合规定格式，应如 211302201001-0001。"),
    ],
    ids=["letters", "three digits", "underscore", "lower case"],
)
def test_codes_not_in_the_national_form_are_refused(areas, code, message):
    household = Household(code=code, village=areas.village_a1, category="general", poverty_cause="illness",
                          registered_year=2016)
    assert errors(household) == {"code": [message]}


@override_settings(HOUSEHOLD_CODE_PATTERN=r"SH\d{6}", HOUSEHOLD_CODE_EXAMPLE="SH000001")
def test_the_code_pattern_is_configurable(areas):
    household = Household(code="211302201001-0001", village=areas.village_a1, registered=False)
    assert errors(household) == {"code": ["户编号 211302201001-0001 不符合规定格式，应如 SH000001。"]}
    Household(code="SH000001", village=areas.village_a1, registered=False).full_clean()


@pytest.mark.parametrize(
    ("year", "message"),
    [
        (2012, "2012 早于建档立卡开始的 2013 年。"),
        (THIS_YEAR + 1, f"{THIS_YEAR + 1} 晚于今年（{THIS_YEAR} 年）。"),
    ],
    ids=["before 2013", "after this year"],
)
def test_a_year_registered_outside_the_register_is_refused(areas, year, message):
    household = Household(code="211302201001-0009", village=areas.village_a1, category="general",
                          poverty_cause="illness", registered_year=year)
    assert errors(household) == {"registered_year": [message]}


@pytest.mark.parametrize("year", [2013, THIS_YEAR])
def test_the_first_and_the_current_year_are_accepted(areas, year):
    factories.household(areas.village_a1, registered_year=year)


@override_settings(**NATIONAL)
@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ({"户编号": "HH001"}, "家庭成员, 第2行, 户编号：「HH001」不可用：户编号 HH001 不符合规定格式，应如 211302201001-0001。"),  # noqa: E501
        ({"户编号": "211302201001-0001", "识别年度": "2012"},
         "家庭成员, 第2行, 识别年度：「2012」不可用：2012 早于建档立卡开始的 2013 年。"),
        ({"户编号": "211302201001-0001", "识别年度": str(THIS_YEAR + 1)},
         f"家庭成员, 第2行, 识别年度：「{THIS_YEAR + 1}」不可用：{THIS_YEAR + 1} 晚于今年（{THIS_YEAR} 年）。"),
    ],
    ids=["code", "year too early", "year too late"],
)
def test_the_import_refuses_them_by_row_and_column(areas, cells, message):
    result = register_import(source=xlsx({"家庭成员": [member(**cells)]}), user=None, dry_run=False, filename="t.xlsx")
    assert message in [str(error) for error in result.errors]
    assert not Household.objects.exists()
