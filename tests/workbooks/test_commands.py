"""import_register and export_register on the command line."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from households.models import Household

from .conftest import household_sheets, rows_of, xlsx


@pytest.fixture
def workbook(areas, tmp_path):
    path = tmp_path / "register.xlsx"
    path.write_bytes(xlsx(household_sheets()).getvalue())
    return path


def test_import_register_imports_and_reports_counts(workbook, capsys):
    call_command("import_register", str(workbook))

    out = capsys.readouterr().out
    assert "家庭成员: 2 rows, 2 new, 0 updated, 0 unchanged" in out and "Imported." in out
    assert Household.objects.count() == 1


def test_import_register_dry_run_writes_nothing(workbook, capsys):
    call_command("import_register", str(workbook), "--dry-run")

    assert "nothing written" in capsys.readouterr().out
    assert not Household.objects.exists()


def test_import_register_rejects_a_bad_file_with_every_problem_listed(areas, tmp_path, capsys):
    sheets = household_sheets()
    sheets["家庭成员"][1]["姓名"] = None
    sheets["收入"][0]["工资性收入"] = -1
    path = tmp_path / "bad.xlsx"
    path.write_bytes(xlsx(sheets).getvalue())

    with pytest.raises(CommandError) as raised:
        call_command("import_register", str(path))

    assert raised.value.returncode == 2
    err = capsys.readouterr().err
    assert "家庭成员, 第3行, 姓名：必须填写。" in err and "收入, 第2行, 工资性收入：「-1」不可用：金额不能为负数。" in err  # noqa: E501
    assert not Household.objects.exists()


def test_export_register_writes_one_area(workbook, tmp_path, areas):
    call_command("import_register", str(workbook))
    out = tmp_path / "a.xlsx"

    call_command("export_register", str(out), "--area", "长宝营子乡")
    call_command("export_register", str(tmp_path / "b.xlsx"), "--area", "孙家湾镇")

    assert len(rows_of(out)["家庭成员"]) == 3
    assert len(rows_of(tmp_path / "b.xlsx")["家庭成员"]) == 1


def test_export_register_unknown_area_is_an_error(areas, tmp_path):
    with pytest.raises(CommandError, match="no township or village"):
        call_command("export_register", str(tmp_path / "x.xlsx"), "--area", "火星村")
