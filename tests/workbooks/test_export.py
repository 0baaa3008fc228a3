"""Exports write the import's sheets and columns: export → import into an empty register → the same workbook."""

import io
import logging

import pytest
from django.core.management import call_command

from households.models import Household, Person
from households.roles import Role
from projects.models import Cadre, Employer, IndustryProject, Unit
from tests import factories
from tests.conftest import make_user
from workbooks.export import register_sheets, write_workbook, xlsx_response
from workbooks.registry import handlers
from workbooks.service import register_import

from .conftest import rows_of


@pytest.fixture
def demo(db):
    call_command("loaddata", "areas", "demo", verbosity=0)


def export(user, area=None):
    out = io.BytesIO()
    write_workbook(out, register_sheets(user, area), user=user)
    out.seek(0)
    return out


def empty_the_register():
    Household.objects.all().delete()
    IndustryProject.objects.all().delete()
    for model in (Cadre, Unit, Employer):
        model.objects.all().delete()


def test_export_import_into_an_empty_register_export_gives_the_same_workbook(demo, admin_user):
    first = export(admin_user)
    empty_the_register()
    assert not Person.objects.exists()

    result = register_import(source=first, user=admin_user, dry_run=False, filename="demo.xlsx")

    assert result.imported, [str(i) for i in result.errors]
    first.seek(0)
    before, after = rows_of(first), rows_of(export(admin_user))
    assert after == before
    assert [name for name in before] == [h.name for h in handlers()]
    assert all(len(rows) > 1 for rows in before.values())  # every sheet carries rows


def test_headers_are_the_import_formats(demo, admin_user):
    sheets = rows_of(export(admin_user))

    assert sheets["家庭成员"][0][:6] == ("户编号", "乡镇", "行政村", "姓名", "证件号码", "与户主关系")
    assert sheets["就业"][0] == ("证件号码", "就业方式", "就业单位", "开始日期", "结束日期", "月收入")


def test_identifiers_are_masked_for_a_user_who_may_not_see_them(demo, admin_user):
    leader = make_user("leader", role=Role.LEADER)
    assert not leader.has_perm("households.view_full_identifiers")
    whole = rows_of(export(admin_user))["家庭成员"]
    masked = rows_of(export(leader))["家庭成员"]

    id_column = whole[0].index("证件号码")
    assert len(masked) == len(whole) > 1
    for full, hidden in zip(whole[1:], masked[1:], strict=True):
        assert hidden[id_column] == full[id_column][:6] + "********" + full[id_column][-4:]


def test_a_user_exports_only_their_area(areas, township_staff):
    factories.household(areas.village_a1, code="A1-1")
    factories.household(areas.village_b1, code="B1-1")

    members = rows_of(export(township_staff))["家庭成员"]

    assert [row[0] for row in members[1:]] == ["A1-1"]


def test_an_area_export_holds_that_village_only(areas, admin_user):
    factories.household(areas.village_a1, code="A1-1")
    factories.household(areas.village_a2, code="A2-1")

    members = rows_of(export(admin_user, areas.village_a2))["家庭成员"]

    assert [row[0] for row in members[1:]] == ["A2-1"]


def test_a_household_list_exports_its_members(areas, admin_user):
    household = factories.household(areas.village_a1, code="A1-1")
    factories.person(household, name="配偶")
    factories.household(areas.village_a1, code="A1-2")
    out = io.BytesIO()

    write_workbook(out, {"家庭成员": Household.objects.filter(code="A1-1")}, user=admin_user)

    out.seek(0)
    assert [(row[0], row[5]) for row in rows_of(out)["家庭成员"][1:]] == [("A1-1", "户主"), ("A1-1", "配偶")]


def test_xlsx_response_is_an_audited_attachment(areas, township_staff, caplog):
    factories.household(areas.village_a1, code="A1-1")
    caplog.set_level(logging.INFO, logger="shuangta.audit")

    response = xlsx_response(township_staff, {"家庭成员": Person.objects.for_user(township_staff)}, "名单.xlsx")

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    body = io.BytesIO(b"".join(response.streaming_content))
    assert len(rows_of(body)["家庭成员"]) == 2
    [line] = [r.getMessage() for r in caplog.records if r.name == "shuangta.audit"]
    assert "action=workbook_export" in line and "家庭成员:1" in line and "username=township_staff" in line


def test_unknown_sheet_name_is_refused(areas, admin_user):
    with pytest.raises(ValueError, match="Unknown sheet"):
        write_workbook(io.BytesIO(), {"名单": Person.objects.all()}, user=admin_user)
