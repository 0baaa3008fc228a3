"""The import writes all or nothing, records history, and changes nothing the second time."""

import io
import logging

import pytest
from django.apps import apps

from households.models import Household, Person
from projects.models import Employer, EmploymentPlacement, IndustryProject, Pairing
from workbooks.service import register_import

from .conftest import HEAD_ID, OTHER_ID, member, spouse, xlsx


def table_sizes():
    """Rows in every table of the register and of its history."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models() if model._meta.app_label in {"households", "projects"}
    }


def load(sheets, user=None, dry_run=False, **kwargs):
    return register_import(source=xlsx(sheets), user=user, dry_run=dry_run, filename="县里.xlsx", **kwargs)


def test_clean_workbook_is_imported_into_every_table(sheets):
    result = load(sheets)

    assert result.imported
    household = Household.objects.get(code="HH001")
    assert household.registered and household.category == "general" and household.exit_year == 2019
    assert (household.secondary_cause_1, household.secondary_cause_2) == ("lack_funds", "")
    head = household.members.get(relation="head")
    assert (head.id_number, head.sex, str(head.birth_date)) == (HEAD_ID, "male", "1970-05-01")
    placement = EmploymentPlacement.objects.get()
    assert (placement.employer.name, placement.monthly_income) == ("朝阳凌凌水泥有限公司", 2800)
    assert Pairing.objects.get().cadre.unit.name == "区扶贫办"
    assert household.pairings.get().assistance_records.count() == 1
    assert IndustryProject.objects.get().beneficiaries.count() == 1
    assert {name: counts["created"] for name, counts in result.counts.items()} == {
        "家庭成员": 2, "产业项目": 1, "就业": 1, "培训": 1, "结对帮扶": 1, "帮扶记录": 1, "到户项目": 1, "收入": 1,
        "产业带动": 1, "两不愁三保障": 1,
    }


def test_import_records_history_with_the_user_and_the_file(sheets, district_staff):
    load(sheets, user=district_staff)

    for model in (Household, Person, EmploymentPlacement, Employer):
        records = model.history.all()
        assert records.exists(), model
        assert {(r.history_user_id, r.history_type, r.history_change_reason) for r in records} == {
            (district_staff.pk, "+", "工作簿导入：县里.xlsx")
        }


def test_importing_the_same_file_twice_changes_nothing(sheets):
    load(sheets)
    before = table_sizes()

    result = load(sheets)

    assert result.imported
    assert table_sizes() == before  # history tables included: nothing written
    assert all(c["created"] == c["updated"] == 0 and c["unchanged"] == c["rows"] for c in result.counts.values())


def test_a_newer_file_updates_the_household_never_duplicates_it(sheets):
    load(sheets)
    sheets["家庭成员"][0].update({"脱贫年度": 2020, "健康状况": "长期慢性病"})
    sheets["就业"][0]["月收入"] = 3000

    result = load(sheets)

    assert Household.objects.count() == 1 and Person.objects.count() == 2
    household = Household.objects.get()
    head = household.members.get(relation="head")
    assert (household.exit_year, household.version, head.health, head.version) == (2020, 2, "chronic", 2)
    assert EmploymentPlacement.objects.get().monthly_income == 3000
    assert result.counts["家庭成员"]["updated"] == 1 and result.counts["家庭成员"]["unchanged"] == 1
    assert result.changes["家庭成员"] == [(2, "健康状况、脱贫年度")]
    assert head.history.first().history_type == "~"


def test_a_rejected_file_leaves_every_table_unchanged(sheets):
    load({"家庭成员": [member("HH000", 证件号码=OTHER_ID)]})
    before = table_sizes()
    sheets["两不愁三保障"][0]["不愁穿"] = "不知道"  # the last sheet read: everything before it was written

    result = load(sheets)

    assert not result.imported and result.error_count == 1
    assert table_sizes() == before


def test_a_crash_mid_file_leaves_the_register_as_it_was(sheets):
    before = table_sizes()

    def crash(sheet, rows):
        if sheet == "收入":
            raise RuntimeError("power cut")

    with pytest.raises(RuntimeError):
        load(sheets, progress=crash)

    assert table_sizes() == before


def test_dry_run_counts_and_writes_nothing(sheets):
    before = table_sizes()

    result = load(sheets, dry_run=True)

    assert result.ok and not result.imported
    assert result.counts["家庭成员"]["created"] == 2
    assert table_sizes() == before


def test_household_with_no_category_on_any_row_is_monitored_only(areas):
    rows = [member(贫困户属性=None, 识别年度=None, 脱贫年度=None), spouse()]

    assert load({"家庭成员": rows}).imported

    household = Household.objects.get()
    assert not household.registered and household.category == ""


def test_a_household_split_across_the_file_is_one_household(areas):
    other = member("HH002", 证件号码=OTHER_ID, 姓名="孙五")
    rows = [spouse(), other, member()]  # the spouse comes before the head, another household between

    result = load({"家庭成员": rows})

    assert result.imported, result.errors
    assert Household.objects.get(code="HH001").members.count() == 2


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["without BOM", "with BOM"])
def test_csv_file_of_one_sheet(areas, bom):
    header = "户编号,乡镇,行政村,姓名,证件号码,与户主关系,劳动技能,贫困户属性,主要致贫原因,识别年度\n"
    line = f"HH001,长宝营子乡,长宝营子村,张山,{HEAD_ID},户主,普通劳动力,一般贫困户,因病,2016\n"
    source = io.BytesIO(bom + (header + line).encode())

    result = register_import(source=source, user=None, dry_run=False, filename="a.csv", sheet="家庭成员")

    assert result.imported, result.errors
    assert Person.objects.get().id_number == HEAD_ID


@pytest.mark.parametrize(("filename", "sheet", "content", "expected"), [
    ("a.csv", None, b"x", "文件中没有可导入的工作表（应为：家庭成员、产业项目、就业、培训、结对帮扶、帮扶记录、到户项目、收入、"  # noqa: E501
                          "产业带动、两不愁三保障、监测对象）。"),
    ("a.csv", "家庭成员", "户编号\nHH1\n".encode("gbk") + b"\xff",
     "文件无法读取：文本既不是 UTF-8 也不是 GB18030 编码：请另存为“CSV UTF-8”格式后再上传。"),
    ("a.xlsx", None, b"not a zip", "文件不是 .xlsx 或 .xls 工作簿，也不是 .csv 文件。"),
    ("a.txt", None, b"", "文件不是 .xlsx 或 .xls 工作簿，也不是 .csv 文件。"),
])
def test_unreadable_files_are_rejected_with_a_reason(areas, filename, sheet, content, expected):
    result = register_import(source=io.BytesIO(content), user=None, dry_run=False, filename=filename, sheet=sheet)

    assert [str(i) for i in result.errors] == [expected]


def test_unknown_sheets_are_warned_about(sheets):
    result = load({"家庭成员": sheets["家庭成员"], "备注": [{"说明": "x"}]})

    assert result.imported
    assert [str(i) for i in result.warnings] == ["备注：未知工作表，已忽略。"]


def test_each_import_is_audited_without_personal_data(sheets, district_staff, caplog):
    caplog.set_level(logging.INFO, logger="shuangta.audit")

    load(sheets, user=district_staff)

    [line] = [r.getMessage() for r in caplog.records if r.name == "shuangta.audit"]
    assert "action=workbook_import" in line and "outcome=success" in line and "username=district_staff" in line
    assert "家庭成员:2" in line and "file=县里.xlsx" in line
    assert HEAD_ID not in line and "张山" not in line
