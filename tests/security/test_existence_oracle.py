"""Item 3 of issue #12: an ID number (or household code) outside the user's area gets the same words as one
that does not exist; where uniqueness must refuse, the message names neither area nor household, the
attempt is recorded (IdentifierConflict) and audited, and the district administrator sees it in the admin."""

import datetime
import logging
import re

import pytest

from households.models import Household, IdentifierConflict, Person
from tests import factories
from tests.access.admin_forms import admin_form_data, admin_url
from tests.workbooks.conftest import member, xlsx
from workbooks.service import register_import

pytestmark = pytest.mark.django_db
D = datetime.date
NOWHERE_ID = factories.id_number(D(1966, 6, 6))  # valid, and nobody holds it


def import_rows(sheets, user):
    return register_import(source=xlsx(sheets), user=user, dry_run=True, filename="t.xlsx")


def placement(number):
    return {"证件号码": number, "就业方式": "企业就业", "就业单位": "某公司", "开始日期": "2020-04-01", "月收入": 2800}


def messages_of(result):
    """The messages without the value they quote (「value」不可用：), which is what the user typed."""
    return [re.sub(r"^「[^」]*」不可用：", "", issue.message) for issue in result.errors]


def test_an_id_number_outside_the_area_reads_like_an_unknown_one(world, village_staff):
    outside = import_rows({"就业": [placement(world.village_b1.spouse.id_number)]}, village_staff)
    unknown = import_rows({"就业": [placement(NOWHERE_ID)]}, village_staff)
    assert messages_of(outside) == messages_of(unknown) == ["您的管辖范围和本文件中都没有此证件号码的人员。"]


def test_a_household_code_outside_the_area_reads_like_an_unknown_one(world, village_staff):
    income = {"年度": 2020, "工资性收入": 100}
    outside = import_rows({"收入": [{"户编号": world.village_b1.household.code, **income}]}, village_staff)
    unknown = import_rows({"收入": [{"户编号": "NO-SUCH-CODE", **income}]}, village_staff)
    assert messages_of(outside) == messages_of(unknown) == ["您的管辖范围和本文件中都没有此户编号。"]


def test_an_id_number_held_elsewhere_is_refused_without_naming_where(world, village_staff, caplog):
    holder = world.village_b1.spouse
    row = member("NEW-A1", 证件号码=holder.id_number, 性别="男", 乡镇="长宝营子乡", 行政村="长宝营子村")
    with caplog.at_level(logging.INFO, logger="shuangta.audit"):
        result = import_rows({"家庭成员": [row]}, village_staff)
    assert messages_of(result) == ["该证件号码已在档案中。"]
    text = " ".join(str(issue) for issue in result.issues)
    for secret in (world.village_b1.household.code, "孙家湾镇", "房中村", holder.name):
        assert secret not in text

    # The check step was rolled back; the record of the refused attempt was not.
    conflict = IdentifierConflict.objects.get()
    assert (conflict.user, conflict.source, conflict.id_number, conflict.holder, conflict.attempted_household) == (
        village_staff, "import", holder.id_number, holder, "NEW-A1")
    assert not Household.objects.filter(code="NEW-A1").exists()
    lines = [r.getMessage() for r in caplog.records if "identifier_conflict" in r.getMessage()]
    assert lines == [f"action=identifier_conflict outcome=refused user_id={village_staff.pk} "
                     f"username=village_staff source=import conflict={conflict.pk}"]
    assert holder.id_number not in caplog.text


def test_the_admin_refuses_a_number_held_elsewhere_and_records_it(world, village_staff, browser_for):
    holder = world.village_b1.head
    browser = browser_for(village_staff)
    add = admin_url(Person, "add")
    page = browser.get(add)
    data = admin_form_data(page, household=world.village_a1.household.pk, name="新成员", id_number=holder.id_number,
                           relation="son", labor_capacity="ordinary", health="healthy", school_stage="none",
                           status="normal")
    response = browser.post(add, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["id_number"]
    assert errors == ["该证件号码已在档案中。"]
    body = response.content.decode()
    for secret in (world.village_b1.household.code, "孙家湾镇", "房中村"):
        assert secret not in body
    conflict = IdentifierConflict.objects.get()
    assert (conflict.user, conflict.source, conflict.holder, conflict.attempted_household) == (
        village_staff, "admin", holder, world.village_a1.household.code)


def test_the_admin_records_a_conflict_typed_into_a_member_row(world, village_staff, browser_for):
    browser = browser_for(village_staff)
    household = world.village_a1.household
    page = browser.get(admin_url(Household, "change", household.pk))
    rows = page.context["inline_admin_formsets"][0].formset
    row = next(i for i, form in enumerate(rows.forms) if form.instance.pk == world.village_a1.spouse.pk)
    response = browser.post(admin_url(Household, "change", household.pk),
                            admin_form_data(page, **{f"members-{row}-id_number": world.village_b1.head.id_number}))
    assert response.status_code == 200
    assert IdentifierConflict.objects.get().holder == world.village_b1.head


@pytest.fixture
def a_conflict(world, village_staff):
    import_rows({"家庭成员": [member("NEW-A1", 证件号码=world.village_b1.spouse.id_number, 性别="男")]}, village_staff)
    return IdentifierConflict.objects.get()


def test_the_district_administrator_sees_the_conflicts(a_conflict, district_admin, world, browser_for):
    browser = browser_for(district_admin)
    listing = browser.get(admin_url(IdentifierConflict, "changelist"))
    assert listing.status_code == 200
    page = listing.content.decode()
    assert world.village_b1.spouse.id_number in page and world.village_b1.household.code in page
    assert "village_staff" in page and "NEW-A1" in page
    assert browser.get(admin_url(IdentifierConflict, "change", a_conflict.pk)).status_code == 200


@pytest.mark.parametrize("account", ["district_staff", "township_staff", "village_staff", "leader"])
def test_no_other_account_sees_them(account, a_conflict, request, browser_for):
    browser = browser_for(request.getfixturevalue(account))
    assert browser.get(admin_url(IdentifierConflict, "changelist")).status_code == 403
    assert browser.get(admin_url(IdentifierConflict, "change", a_conflict.pk)).status_code in (403, 404)


@pytest.mark.parametrize("action", ["add", "change", "delete"])
def test_the_record_cannot_be_changed_even_by_the_administrator(action, a_conflict, district_admin, browser_for):
    browser = browser_for(district_admin)
    url = admin_url(IdentifierConflict, action) if action == "add" else admin_url(IdentifierConflict, action,
                                                                                  a_conflict.pk)
    response = browser.post(url, {"post": "yes", "detail": "x"})
    assert response.status_code == 403
    a_conflict.refresh_from_db()
    assert a_conflict.detail != "x" and IdentifierConflict.objects.count() == 1


def test_a_staff_search_answers_alike_for_outside_and_unknown_numbers(world, village_staff, browser_for):
    browser = browser_for(village_staff)
    found = {}
    for label, number in (("outside", world.village_b1.head.id_number), ("unknown", NOWHERE_ID)):
        response = browser.post("/search/", {"q": number, "next": "/people/", "register": "all"}, follow=True)
        found[label] = (response.status_code, list(response.context["object_list"]))
    assert found["outside"] == found["unknown"] == (200, [])
