"""One row per kind of bad input, with the exact Chinese message the import gives for it."""

import datetime

import pytest

from households.models import Household, Person
from tests import factories
from workbooks.service import register_import

from .conftest import HEAD_ID, OTHER_ID, SPOUSE_ID, member, spouse, xlsx

DATE_MESSAGE = "日期格式应为 YYYY-MM-DD（如 2020-04-01），月份可写作 YYYYMM（如 202004）。"
BAD_CHECK_DIGIT = HEAD_ID[:-1] + ("0" if HEAD_ID[-1] != "0" else "1")


def run(sheets, user=None):
    return register_import(source=xlsx(sheets), user=user, dry_run=True, filename="t.xlsx")


def change(sheets, sheet, index, column, value):
    sheets[sheet][index][column] = value
    return sheets


CASES = [
    # (sheet, row index, column, bad value, expected line)
    ("家庭成员", 1, "证件号码", SPOUSE_ID[:-1] + ("0" if SPOUSE_ID[-1] != "0" else "1"),
     "家庭成员, 第3行, 证件号码：「211302197203020020」不可用：证件号码校验位错误。"),
    ("家庭成员", 1, "证件号码", "2113021972", "家庭成员, 第3行, 证件号码：「2113021972」不可用：证件号码应为18位：17位数字加1位数字或X。"),  # noqa: E501
    ("家庭成员", 1, "证件号码", "211302197213320021", "家庭成员, 第3行, 证件号码：「211302197213320021」不可用：证件号码中的出生日期无效。"),  # noqa: E501
    ("家庭成员", 1, "姓名", "  ", "家庭成员, 第3行, 姓名：必须填写。"),
    ("家庭成员", 1, "与户主关系", "朋友",
     "家庭成员, 第3行, 与户主关系：「朋友」不可用：请填写以下之一：户主、配偶、之子、之女、儿媳、女婿、孙子、孙女、父亲、母亲、之外孙子、之外孙女、"  # noqa: E501
     "之岳父、之岳母、之公公、之婆婆、之祖父、之祖母、之外祖父、之外祖母、之兄弟姐妹、之兄弟媳妇、之叔伯、之侄儿、之侄女、之曾孙子、之曾孙女、其他。"),
    ("家庭成员", 1, "性别", "男", "家庭成员, 第3行, 性别：「男」不可用：性别与证件号码不符。"),
    ("家庭成员", 1, "劳动技能", "强劳动力",
     "家庭成员, 第3行, 劳动技能：「强劳动力」不可用：请填写以下之一：普通劳动力、技能劳动力、弱劳动力或半劳动力、丧失劳动力、无劳动力。"),  # noqa: E501
    ("家庭成员", 1, "参加医疗保险", "也许", "家庭成员, 第3行, 参加医疗保险：「也许」不可用：请填写以下之一：是、否。"),
    ("家庭成员", 1, "乡镇", "不存在乡", "家庭成员, 第3行, 乡镇：没有「不存在乡」这个乡镇（街道）。"),
    ("家庭成员", 1, "行政村", "房中村", "家庭成员, 第3行, 行政村：长宝营子乡没有「房中村」"),
    ("家庭成员", 1, "联系电话", "12345", "家庭成员, 第3行, 联系电话：「12345」不可用：请输入11位手机号码，或如 0421-2812345 的固定电话。"),  # noqa: E501
    ("家庭成员", 0, "识别年度", "16", "家庭成员, 第2行, 识别年度：「16」不可用：请填写四位年份，如 2016。"),
    ("家庭成员", 0, "脱贫年度", 2015, "家庭成员, 第2行, 脱贫年度：「2015」不可用：脱贫年度不能早于识别年度。"),
    ("家庭成员", 0, "主要致贫原因", None, "家庭成员, 第2行, 主要致贫原因：建档立卡户须填写贫困户属性、主要致贫原因和识别年度。"),  # noqa: E501
    ("家庭成员", 0, "其他致贫原因", "缺资金、缺技术、缺水", "家庭成员, 第2行, 其他致贫原因：「缺资金、缺技术、缺水」不可用：其他致贫原因最多填写两个，用“、”分隔。"),  # noqa: E501
    ("家庭成员", 1, "与户主关系", "户主", "家庭成员, 第3行, 与户主关系：该户第2行已有户主。"),
    ("就业", 0, "开始日期", "04/01/2020", "就业, 第2行, 开始日期：「04/01/2020」不可用：" + DATE_MESSAGE),
    ("就业", 0, "开始日期", "2020-02-30", "就业, 第2行, 开始日期：「2020-02-30」不可用：" + DATE_MESSAGE),
    ("就业", 0, "结束日期", "2020-03-01", "就业, 第2行, 结束日期：「2020-03-01」不可用：结束日期不能早于开始日期。"),
    ("就业", 0, "月收入", -5, "就业, 第2行, 月收入：「-5」不可用：金额不能为负数。"),
    ("就业", 0, "月收入", "12.345", "就业, 第2行, 月收入：「12.345」不可用：金额最多保留两位小数。"),
    ("就业", 0, "月收入", "两千", "就业, 第2行, 月收入：「两千」不可用：请输入以元为单位的金额，如 1200 或 1200.50。"),
    ("就业", 0, "就业单位", None, "就业, 第2行, 就业单位：请填写就业单位：只有灵活就业可以不填。"),
    ("就业", 0, "证件号码", OTHER_ID, "就业, 第2行, 证件号码：「" + OTHER_ID + "」不可用：您的管辖范围和本文件中都没有此证件号码的人员。"),  # noqa: E501
    ("就业", 0, "就业方式", "打零工",
     "就业, 第2行, 就业方式：「打零工」不可用：请填写以下之一：企业就业、市外务工、公益性岗位、定向招录、扶贫车间、居家就业、合作社互助、灵活就业。"),  # noqa: E501
    ("两不愁三保障", 0, "不愁吃", "也许", "两不愁三保障, 第2行, 不愁吃：「也许」不可用：请填写以下之一：是、否。"),
    ("收入", 0, "年度", "二〇二〇", "收入, 第2行, 年度：「二〇二〇」不可用：请填写四位年份，如 2016。"),
    ("收入", 0, "户编号", "HH999", "收入, 第2行, 户编号：「HH999」不可用：您的管辖范围和本文件中都没有此户编号。"),
    ("帮扶记录", 0, "帮扶责任人", "赵六", "帮扶记录, 第2行, 帮扶责任人：「赵六」不可用：该帮扶责任人未与此户结对（档案和本文件中都没有）。"),  # noqa: E501
    ("产业项目", 0, "层级", "乡级",
     "产业项目, 第2行, 层级：「乡级」不可用：区级项目不填乡镇和行政村；乡级项目只填乡镇；村级项目须填乡镇和行政村。"),
    ("产业项目", 0, "年收益率", 120, "产业项目, 第2行, 年收益率：「120」不可用：确保该值小于或等于100。"),
    ("产业带动", 0, "项目名称", "不存在的项目", "产业带动, 第2行, 项目名称：「不存在的项目」不可用：档案和本文件中都没有此产业项目。"),  # noqa: E501
    ("到户项目", 0, "扶持资金", None, "到户项目, 第2行, 扶持资金：必须填写。"),
]


@pytest.mark.parametrize(("sheet", "index", "column", "value", "expected"), CASES,
                         ids=[f"{c[0]}-{c[2]}-{c[3]}" for c in CASES])
def test_bad_cell_is_reported_with_sheet_row_column_and_reason(sheets, sheet, index, column, value, expected):
    result = run(change(sheets, sheet, index, column, value))

    assert expected in [str(issue) for issue in result.errors]
    assert not result.imported


def test_the_clean_workbook_has_no_errors(sheets):
    result = run(sheets)

    assert result.errors == []
    assert result.ok


def test_every_error_is_listed_not_only_the_first(sheets):
    sheets["家庭成员"][1]["姓名"] = None
    sheets["就业"][0]["月收入"] = -1
    sheets["收入"][0]["年度"] = "x"

    lines = [str(issue) for issue in run(sheets).errors]

    assert lines == [
        "家庭成员, 第3行, 姓名：必须填写。",
        "就业, 第2行, 月收入：「-1」不可用：金额不能为负数。",
        "收入, 第2行, 年度：「x」不可用：请填写四位年份，如 2016。",
    ]


def test_missing_required_column_is_reported_on_the_header_row(sheets):
    for row in sheets["家庭成员"]:
        del row["姓名"]
    sheets["家庭成员"][0]["备注"] = "x"

    result = run({"家庭成员": sheets["家庭成员"]})

    assert [str(i) for i in result.errors] == ["家庭成员, 第1行, 姓名：缺少此列。"]
    assert "家庭成员, 第1行, 备注：未知列，已忽略。" in [str(i) for i in result.warnings]


def test_household_without_head_is_an_error(sheets):
    result = run({"家庭成员": [spouse()]})

    assert [str(i) for i in result.errors] == ["家庭成员, 第2行, 与户主关系：该户没有户主。"]


def test_id_number_in_another_household_of_the_file_is_an_error(sheets):
    result = run({"家庭成员": [member(), spouse(), member("HH002", 姓名="张三")]})

    assert "家庭成员, 第4行, 证件号码：「" + HEAD_ID + "」不可用：该证件号码已在第2行（户编号 HH001）出现。" in [str(i) for i in result.errors]  # noqa: E501


def test_same_person_twice_in_a_household_is_an_error(sheets):
    result = run({"家庭成员": [member(), spouse(), spouse()]})

    assert [str(i) for i in result.errors] == ["家庭成员, 第4行, 证件号码：「" + SPOUSE_ID + "」不可用：此人已在第3行出现。"]  # noqa: E501


def test_id_number_of_another_household_on_the_register_is_an_error(areas):
    household = factories.household(areas.village_a1, code="OLD01", head=None)
    factories.person(household, name="张山", relation="head", id_number=HEAD_ID)

    result = run({"家庭成员": [member("NEW01")]})

    assert [str(i) for i in result.errors] == [
        "家庭成员, 第2行, 证件号码：「" + HEAD_ID + "」不可用：该证件号码已在档案中。"
    ]


def test_second_head_against_the_register_uses_the_model_message(areas):
    household = factories.household(areas.village_a1, code="HH001", head=None)
    factories.person(household, name="老户主", relation="head", id_number=OTHER_ID)

    result = run({"家庭成员": [member()]})

    assert [str(i) for i in result.errors] == ["家庭成员, 第2行, 与户主关系：该户已有户主，每户只能有一名户主。"]


def test_rows_outside_the_users_area_are_errors(sheets, township_staff, areas):
    sheets["家庭成员"] = [member(乡镇="孙家湾镇", 行政村="房中村"), spouse(乡镇="孙家湾镇", 行政村="房中村")]

    result = run({"家庭成员": sheets["家庭成员"]}, user=township_staff)

    assert [str(i) for i in result.errors] == [
        "家庭成员, 第2行, 行政村：「房中村」不可用：不在您的管辖范围内。",
        "家庭成员, 第3行, 行政村：「房中村」不可用：不在您的管辖范围内。",
    ]
    assert not Household.objects.exists()


def test_possible_duplicates_are_warnings_not_errors(sheets, areas):
    other = factories.household(areas.village_a2, code="HH777", head="张山", head_birth=datetime.date(1970, 5, 1))
    factories.person(other, name="王五", phone="13900002222")

    result = run(sheets)

    assert result.ok
    warnings = [str(i) for i in result.warnings]
    assert "家庭成员, 第2行, 姓名：疑似重复：与户编号 HH777 的成员姓名和出生日期相同。" in warnings
    assert "家庭成员, 第3行, 联系电话：疑似重复：与户编号 HH777 的成员电话相同。" in warnings
    assert Person.objects.count() == 2  # a dry run


def test_a_township_may_not_write_a_district_project(sheets, township_staff):
    result = run({"产业项目": sheets["产业项目"]}, user=township_staff)

    assert [str(i) for i in result.errors] == ["产业项目, 第2行, 层级：「区级」不可用：不在您的管辖范围内。"]
