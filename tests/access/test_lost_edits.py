"""Two staff editing the same record: the second save is refused and told what changed meanwhile."""

import pytest
from django.test import Client

from households.models import Household, IncomeRecord, Person
from tests import factories
from tests.conftest import make_user

from .admin_forms import admin_form_data
from .admin_forms import admin_url as url

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_clerks(world, village_staff):
    """Two village clerks of A1, each in their own browser."""
    second = make_user("second_clerk", township=world.areas.township_a, village=world.areas.village_a1,
                       is_staff=True, first_name="丽", last_name="王")
    browsers = []
    for user in (village_staff, second):
        browser = Client()
        browser.force_login(user)
        browsers.append(browser)
    return browsers


def errors_of(response):
    form = response.context["adminform"].form
    return " ".join(form.non_field_errors())


def test_the_second_save_of_a_household_is_refused_with_what_changed(world, two_clerks):
    first, second = two_clerks
    hh = world.village_a1.household
    page_first = first.get(url(Household, "change", hh.pk))
    page_second = second.get(url(Household, "change", hh.pk))

    saved = first.post(url(Household, "change", hh.pk), admin_form_data(page_first, address="新房 3 号", dibao="on"))
    assert saved.status_code == 302
    refused = second.post(url(Household, "change", hh.pk), admin_form_data(page_second, address="旧房 1 号"))

    assert refused.status_code == 200
    message = errors_of(refused)
    assert message.startswith("您编辑期间，village_staff 已于 ")
    assert "住址：（空） → 新房 3 号" in message and "低保：否 → 是" in message
    assert "您的修改未保存" in message
    hh.refresh_from_db()
    assert (hh.address, hh.dibao, hh.version) == ("新房 3 号", True, 2)


def test_after_a_refusal_the_reopened_record_saves(world, two_clerks):
    first, second = two_clerks
    hh = world.village_a1.household
    page_second = second.get(url(Household, "change", hh.pk))
    first.post(url(Household, "change", hh.pk), admin_form_data(first.get(url(Household, "change", hh.pk)),
                                                               address="新房 3 号"))
    assert second.post(url(Household, "change", hh.pk), admin_form_data(page_second)).status_code == 200
    reopened = second.get(url(Household, "change", hh.pk))
    assert second.post(url(Household, "change", hh.pk),
                       admin_form_data(reopened, address="新房 5 号")).status_code == 302
    hh.refresh_from_db()
    assert hh.address == "新房 5 号"


def test_masked_numbers_stay_masked_in_the_refusal(world, two_clerks):
    first, second = two_clerks
    hh = world.village_a1.household
    page_first = first.get(url(Household, "change", hh.pk))
    page_second = second.get(url(Household, "change", hh.pk))
    first.post(url(Household, "change", hh.pk), admin_form_data(page_first, phone="13700001111"))
    message = errors_of(second.post(url(Household, "change", hh.pk), admin_form_data(page_second)))
    assert "电话：139****1234 → 137****1111" in message
    assert "13700001111" not in message


def member_row(page, person):
    forms = page.context["inline_admin_formsets"][0].formset.forms
    return next(i for i, form in enumerate(forms) if form.instance.pk == person.pk)


@pytest.mark.parametrize("edited", [True, False], ids=["row edited", "row untouched"])
def test_a_member_changed_elsewhere_refuses_the_stale_household_page(edited, world, two_clerks):
    """Even untouched, the stale row would put the old values back: the save is refused."""
    first, second = two_clerks
    hh, spouse = world.village_a1.household, world.village_a1.spouse
    household_page = second.get(url(Household, "change", hh.pk))
    person_page = first.get(url(Person, "change", spouse.pk))
    assert first.post(url(Person, "change", spouse.pk),
                      admin_form_data(person_page, health="disabled")).status_code == 302

    row = member_row(household_page, spouse)
    changes = {f"members-{row}-labor_capacity": "weak"} if edited else {"address": "新址"}
    refused = second.post(url(Household, "change", hh.pk), admin_form_data(household_page, **changes))
    assert refused.status_code == 200
    row_errors = refused.context["inline_admin_formsets"][0].formset.forms[row].non_field_errors()
    assert "健康状况：健康 → 残疾" in " ".join(row_errors)
    spouse.refresh_from_db()
    hh.refresh_from_db()
    assert (spouse.health, spouse.labor_capacity, hh.address) == ("disabled", "ordinary", "")


def test_unchanged_rows_and_members_added_elsewhere_do_not_block_the_household_save(world, two_clerks):
    _first, second = two_clerks
    hh = world.village_a1.household
    household_page = second.get(url(Household, "change", hh.pk))
    newcomer = factories.person(hh, name="新成员", relation="son")
    saved = second.post(url(Household, "change", hh.pk), admin_form_data(household_page, address="新址"))
    assert saved.status_code == 302
    hh.refresh_from_db()
    assert hh.address == "新址" and hh.members.filter(pk=newcomer.pk).exists()
    # Only the household itself was saved: its members have no new history rows.
    assert world.village_a1.spouse.history.count() == 1


def test_records_without_a_version_field_are_checked_by_their_history(world, two_clerks):
    first, second = two_clerks
    record = world.village_a1.income
    page_first = first.get(url(IncomeRecord, "change", record.pk))
    page_second = second.get(url(IncomeRecord, "change", record.pk))
    assert first.post(url(IncomeRecord, "change", record.pk),
                      admin_form_data(page_first, wage_income="9500")).status_code == 302
    refused = second.post(url(IncomeRecord, "change", record.pk),
                          admin_form_data(page_second, transfer_income="100"))
    assert refused.status_code == 200
    assert "工资性收入：9000.00 → 9500.00" in errors_of(refused)
    record.refresh_from_db()
    assert (record.wage_income, record.transfer_income) == (9500, 0)


def test_a_form_without_its_token_is_refused(world, village_staff, client):
    client.force_login(village_staff)
    hh = world.village_a1.household
    data = admin_form_data(client.get(url(Household, "change", hh.pk)), address="x")
    data.pop("edit_token")
    assert client.post(url(Household, "change", hh.pk), data).status_code == 200
    hh.refresh_from_db()
    assert hh.address == ""


def test_every_save_counts_the_version_up(world):
    hh = Household.objects.get(pk=world.village_a1.household.pk)
    assert hh.version == 1
    hh.address = "a"
    hh.save()
    hh.save()
    assert Household.objects.get(pk=hh.pk).version == 3
    assert list(hh.history.values_list("version", flat=True)) == [3, 2, 1]
