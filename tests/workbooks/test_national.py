"""The national register's person-detail export imports as it comes, from .xlsx, .xls and GB18030 CSV, and goes back out."""  # noqa: E501

import datetime
import io

import pytest
from openpyxl import load_workbook

from households.models import Household, Person
from workbooks.layout_export import write_layout
from workbooks.layouts import layout
from workbooks.service import register_import

from .national import (
    CERTIFICATE_B,
    FATHER_B,
    GRANDSON_A,
    HEAD_A,
    HEADERS,
    HELD,
    MOTHER_IN_LAW_A,
    national_csv,
    national_rows,
    national_xls,
    national_xlsx,
)


def load(source, filename, **kwargs):
    return register_import(source=source, user=None, dry_run=False, filename=filename, **kwargs)


def register_state():
    """Every household and person field the national layout fills, in a comparable form."""
    households = sorted(Household.objects.values_list(
        "code", "village__name", "registered", "category", "poverty_cause", "registered_year", "exit_year",
        "natural_village", "first_identified", "dilapidated_house", "safe_drinking_water", "phone"))
    people = sorted(Person.objects.values_list(
        "household__code", "id_number", "name", "sex", "relation", "ethnicity", "education", "school_stage",
        "health", "labor_capacity", "work_status", "work_months", "serious_illness_insurance", "person_code",
        "disability_certificate", "phone"))
    return households, people


def test_a_national_workbook_with_title_rows_imports_unchanged_into_an_empty_register(areas):
    result = load(national_xlsx(), "全国系统导出.xlsx")

    assert result.imported, [str(i) for i in result.errors]
    assert result.layouts == [("Sheet1", "全国防返贫监测信息系统·人员明细", "家庭成员", 3)]
    assert result.counts["家庭成员"]["created"] == 7
    assert result.warnings == []
    a = Household.objects.get(code="2113022010010001")
    assert (a.village.name, a.category, a.poverty_cause, a.registered_year, a.exit_year) == (
        "长宝营子村", "general", "illness", 2014, 2019)
    assert (a.natural_village, a.first_identified, a.dilapidated_house, a.safe_drinking_water, a.phone) == (
        "东组", datetime.date(2014, 10, 1), False, True, "13900001111")
    relations = dict(Person.objects.values_list("id_number", "relation"))
    assert relations[GRANDSON_A] == "daughters_son" and relations[MOTHER_IN_LAW_A] == "wifes_mother"
    head = Person.objects.get(id_number=HEAD_A)
    assert (head.work_status, head.work_months, head.education, head.serious_illness_insurance) == (
        "out_of_province", 10, "junior", True)
    father = Person.objects.get(id_number=FATHER_B)  # given by his 残疾证号
    assert (father.disability_certificate, father.relation, father.ethnicity) == (CERTIFICATE_B, "father", "满族")
    assert Household.objects.registered().count() == 2 and Person.objects.registered().count() == 7
    assert Household.objects.exited_by(2019).count() == 1


@pytest.mark.parametrize(("copy", "filename"), [(national_xls, "旧版导出.xls"), (national_csv, "导出.csv")],
                         ids=["xls", "gb18030-csv"])
def test_an_xls_and_a_gb18030_csv_copy_import_the_same(areas, copy, filename):
    load(national_xlsx(), "全国系统导出.xlsx")
    expected = register_state()
    Household.objects.all().delete()

    result = load(copy(), filename)

    assert result.imported, [str(i) for i in result.errors]
    assert register_state() == expected


def test_national_import_export_gives_the_same_cells_for_the_columns_held(areas):
    load(national_xlsx(), "全国系统导出.xlsx")
    out = io.BytesIO()

    write_layout(out, layout("national"), Person.objects.all())

    out.seek(0)
    rows = list(load_workbook(out, read_only=True).active.iter_rows(values_only=True))
    assert [rows[0][0], rows[1][0]] == list(layout("national").title)
    assert list(rows[2]) == HEADERS
    exported = [dict(zip(HEADERS, row, strict=True)) for row in rows[3:]]
    given = national_rows()
    assert [{h: r[h] for h in HELD} for r in exported] == [{h: r[h] for h in HELD} for r in given]
    assert [(r["序号"], r["人数"], r["脱贫属性"]) for r in exported] == [
        (r["序号"], r["人数"], r["脱贫属性"]) for r in given]


def test_the_export_of_an_import_imports_again_unchanged(areas):
    load(national_xlsx(), "全国系统导出.xlsx")
    before = register_state()
    out = io.BytesIO()
    write_layout(out, layout("national"), Person.objects.all())
    out.seek(0)

    result = load(out, "再次导入.xlsx")

    assert result.imported and all(c["unchanged"] == c["rows"] for c in result.counts.values())
    assert register_state() == before


def test_export_register_writes_the_national_layout(areas, tmp_path):
    from django.core.management import call_command

    load(national_xlsx(), "全国系统导出.xlsx")
    path = tmp_path / "上报.xlsx"
    out = io.StringIO()

    call_command("export_register", str(path), "--layout", "national", stdout=out)

    rows = list(load_workbook(path, read_only=True).active.iter_rows(values_only=True))
    assert list(rows[2]) == HEADERS and len(rows) == 3 + 7
    assert "全国防返贫监测信息系统·人员明细: 7" in out.getvalue()


def test_export_register_refuses_an_unknown_layout(tmp_path):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="not a layout that can be written"):
        call_command("export_register", str(tmp_path / "x.xlsx"), "--layout", "province")
