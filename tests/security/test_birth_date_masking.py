"""Item 2 of issue #12: a user who sees ID numbers masked sees a birth date as its year only (digits 7–14
of an ID number are the birth date), everywhere: admin list, change, history and version pages, staff
pages, exports and the lost-edit refusal."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from households.models import Person
from tests import factories
from tests.access.admin_forms import admin_form_data, admin_url

pytestmark = pytest.mark.django_db
D = datetime.date

HEAD_BIRTH = D(1970, 5, 1)  # the head of each family (tests/factories.household)
NEW_BIRTH = D(1976, 8, 9)


def full_dates(day):
    """Every way a page could write the date."""
    return (day.isoformat(), f"{day.year}年{day.month}月{day.day}日", day.strftime("%Y%m%d"))


def assert_no_full_date(page, day=HEAD_BIRTH):
    for written in full_dates(day):
        assert written not in page, written


@pytest.mark.parametrize("account", ["village_staff", "leader"])
def test_the_admin_list_of_people_shows_the_year_of_birth(account, world, request, browser_for):
    browser = browser_for(request.getfixturevalue(account))
    page = browser.get(admin_url(Person, "changelist")).content.decode()
    assert "出生年份" in page and ">1970<" in page
    assert_no_full_date(page)


@pytest.mark.parametrize("account", ["village_staff", "leader"])
def test_the_admin_page_of_a_person_shows_the_year_of_birth(account, world, request, browser_for):
    browser = browser_for(request.getfixturevalue(account))
    page = browser.get(admin_url(Person, "change", world.village_a1.head.pk)).content.decode()
    assert "出生年份" in page and "1970" in page
    assert_no_full_date(page)


def test_the_district_administrator_sees_the_whole_birth_date(world, district_admin, browser_for):
    browser = browser_for(district_admin)
    page = browser.get(admin_url(Person, "change", world.village_a1.head.pk)).content.decode()
    assert "1970年5月1日" in page


@pytest.fixture
def spouse_renumbered(world, admin_user, browser_for):
    """The administrator corrects the spouse's ID number: the birth date changes with it."""
    spouse = world.village_a1.spouse
    browser = browser_for(admin_user)
    page = browser.get(admin_url(Person, "change", spouse.pk))
    number = factories.id_number(NEW_BIRTH)
    saved = browser.post(admin_url(Person, "change", spouse.pk), admin_form_data(page, id_number=number))
    assert saved.status_code == 302
    spouse.refresh_from_db()
    assert spouse.birth_date == NEW_BIRTH
    return spouse


@pytest.mark.parametrize("account", ["village_staff", "leader"])
def test_the_admin_history_of_a_renumbered_person_shows_no_birth_date(account, spouse_renumbered, request, browser_for):
    browser = browser_for(request.getfixturevalue(account))
    page = browser.get(admin_url(Person, "history", spouse_renumbered.pk)).content.decode()
    assert "证件号码" in page  # the change is listed, its numbers masked
    assert_no_full_date(page, NEW_BIRTH)
    assert_no_full_date(page, D(1975, 3, 3))


def test_an_old_version_of_a_person_shows_the_year_of_birth(spouse_renumbered, leader, browser_for):
    browser = browser_for(leader)
    first = spouse_renumbered.history.order_by("history_id").first()
    page = browser.get(admin_url(Person, "simple_history", spouse_renumbered.pk, first.history_id))
    assert page.status_code == 200
    assert_no_full_date(page.content.decode(), D(1975, 3, 3))


def test_the_lost_edit_refusal_of_a_renumbered_person_shows_no_birth_date(world, village_staff, admin_user,
                                                                          browser_for):
    spouse = world.village_a1.spouse
    clerk, administrator = browser_for(village_staff), browser_for(admin_user)
    stale = clerk.get(admin_url(Person, "change", spouse.pk))
    fresh = administrator.get(admin_url(Person, "change", spouse.pk))
    administrator.post(admin_url(Person, "change", spouse.pk),
                       admin_form_data(fresh, id_number=factories.id_number(NEW_BIRTH)))
    refused = clerk.post(admin_url(Person, "change", spouse.pk), admin_form_data(stale, health="chronic"))
    assert refused.status_code == 200
    message = " ".join(refused.context["adminform"].form.non_field_errors())
    assert "证件号码：211302********" in message
    assert_no_full_date(message, NEW_BIRTH)
    assert_no_full_date(message, D(1975, 3, 3))


def ages_on_the_people_list(browser, as_of):
    page = browser.get("/people/", {"as_of": as_of, "q": "户主"})
    return page.context["object_list"], page.content.decode()


def test_the_people_list_counts_a_masked_users_ages_by_year(world, village_staff, admin_user, browser_for):
    """On 2020-04-30 the head (born 1970-05-01) is 49; counted by year, 50, whatever the day."""
    _rows, masked = ages_on_the_people_list(browser_for(village_staff), "2020-04-30")
    _rows, full = ages_on_the_people_list(browser_for(admin_user), "2020-04-30")
    assert '<td class="num">50</td>' in masked and '<td class="num">49</td>' not in masked
    assert '<td class="num">49</td>' in full


def test_the_person_page_shows_no_birth_date(world, village_staff, browser_for):
    page = browser_for(village_staff).get(f"/people/{world.village_a1.head.pk}/").content.decode()
    assert_no_full_date(page)


def test_the_export_of_people_holds_no_birth_date(world, village_staff, browser_for):
    response = browser_for(village_staff).get("/people/", {"export": "xlsx", "register": "all"})
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    cells = [str(value) for sheet in workbook for row in sheet.iter_rows(values_only=True) for value in row if value]
    assert cells
    for value in cells:
        for day in (HEAD_BIRTH, D(1975, 3, 3)):
            assert day.strftime("%Y%m%d") not in value and day.isoformat() not in value
