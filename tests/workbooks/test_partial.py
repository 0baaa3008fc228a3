"""A partial import writes every row it can and returns the others, with the reason: nothing is lost."""

import copy
import io

from django.core.management import call_command
from openpyxl import load_workbook

from households.models import Assessment, IncomeRecord, Person
from households.validators import complete_id_number
from projects.models import (
    AssistanceRecord,
    EmploymentPlacement,
    HouseholdProject,
    IndustryBeneficiary,
    IndustryProject,
    Pairing,
    Training,
)
from workbooks.errors import write_errors_workbook
from workbooks.service import register_import

from .conftest import HEAD_ID, SPOUSE_ID, household_sheets, member, spouse, xlsx
from .national import national_rows, national_xlsx

MODELS = {
    "家庭成员": Person, "产业项目": IndustryProject, "就业": EmploymentPlacement, "培训": Training,
    "结对帮扶": Pairing, "帮扶记录": AssistanceRecord, "到户项目": HouseholdProject, "收入": IncomeRecord,
    "产业带动": IndustryBeneficiary, "两不愁三保障": Assessment,
}
OTHER_HEAD = complete_id_number("21130219820303001")


def two_households():
    """HH001 (its spouse's ID number is wrong) and HH002 (clean), each with a row on every other sheet."""
    sheets = household_sheets()
    sheets["家庭成员"] = [member(), spouse(证件号码=SPOUSE_ID[:-1] + "0"),
                       member("HH002", 姓名="王五", 证件号码=OTHER_HEAD, 联系电话="13900003333")]
    for name, rows in list(sheets.items()):
        if name in ("家庭成员", "产业项目"):
            continue
        second = copy.deepcopy(rows[0])
        if "户编号" in second:
            second["户编号"] = "HH002"
        if "证件号码" in second:
            second["证件号码"] = OTHER_HEAD
        rows.append(second)
    return sheets


def rows_of_errors_workbook(result, source, filename):
    out = io.BytesIO()
    write_errors_workbook(out, source=source, filename=filename, result=result)
    out.seek(0)
    workbook = load_workbook(out, read_only=True)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in workbook.worksheets}


def test_every_row_ends_in_the_register_or_in_the_errors_workbook(areas):
    sheets = two_households()
    source = xlsx(sheets)

    result = register_import(source=source, user=None, dry_run=False, filename="两户.xlsx", skip_invalid=True)

    assert result.imported
    returned = rows_of_errors_workbook(result, source, "两户.xlsx")
    for name, rows in sheets.items():
        kept = MODELS[name].objects.count()
        back = len(returned.get(name, [None])) - 1  # less the header row
        assert kept + back == len(rows), name
    assert returned["家庭成员"][0][-1] == "错误原因"
    assert [row[4] for row in returned["家庭成员"][1:]] == [HEAD_ID, SPOUSE_ID[:-1] + "0"]
    assert "证件号码校验位错误" in returned["家庭成员"][2][-1]
    assert "未导入：户编号 HH001 的户在家庭成员第3行被拒绝。" in returned["家庭成员"][1][-1]
    assert Person.objects.get().id_number == OTHER_HEAD


def test_the_rows_given_back_import_once_corrected(areas):
    sheets = two_households()
    source = xlsx(sheets)
    result = register_import(source=source, user=None, dry_run=False, filename="两户.xlsx", skip_invalid=True)
    out = io.BytesIO()
    write_errors_workbook(out, source=source, filename="两户.xlsx", result=result)
    out.seek(0)
    workbook = load_workbook(out)
    workbook["家庭成员"]["E3"] = SPOUSE_ID  # the clerk corrects the ID number
    fixed = io.BytesIO()
    workbook.save(fixed)
    fixed.seek(0)

    again = register_import(source=fixed, user=None, dry_run=False, filename="改正.xlsx")

    assert again.imported, [str(i) for i in again.errors]
    assert Person.objects.count() == 3 and EmploymentPlacement.objects.count() == 2


def test_default_stays_all_or_nothing(areas):
    result = register_import(source=xlsx(two_households()), user=None, dry_run=False, filename="两户.xlsx")

    assert not result.imported and not Person.objects.exists()
    assert result.importable_rest == 10  # what the preview offers to import: HH002 and the project


def test_a_national_file_with_a_wrong_village_imports_the_other_household(areas):
    rows = national_rows()
    rows[6]["行政村"] = "不存在村"
    source = national_xlsx(rows)

    result = register_import(source=source, user=None, dry_run=False, filename="全国.xlsx", skip_invalid=True)

    assert result.imported
    assert Person.objects.count() == 5
    returned = rows_of_errors_workbook(result, source, "全国.xlsx")["Sheet1"]
    assert len(returned) - 1 + Person.objects.count() == len(rows)
    assert "行政村：长宝营子乡没有「不存在村」" in returned[2][-1]


def test_the_command_writes_the_errors_workbook(areas, tmp_path):
    path = tmp_path / "两户.xlsx"
    path.write_bytes(xlsx(two_households()).getvalue())
    out = io.StringIO()

    call_command("import_register", str(path), "--skip-invalid", stdout=out)

    errors = tmp_path / "两户-错误.xlsx"
    assert errors.exists() and "not imported" in out.getvalue()
    assert Person.objects.count() == 1
