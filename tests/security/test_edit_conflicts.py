"""Item 13 of issue #12: when a record had no history when its form was handed out (loaded from a fixture,
written in bulk), the lost-edit refusal still says what differs, comparing the stale form with the
current row, instead of "（无字段变化）"."""

import pytest

from households.models import Household, Person
from tests.access.admin_forms import admin_form_data, admin_url

pytestmark = pytest.mark.django_db


def refusal(response):
    assert response.status_code == 200
    return " ".join(response.context["adminform"].form.non_field_errors())


@pytest.fixture
def two_clerks(world, village_staff, district_staff, browser_for):
    return browser_for(village_staff), browser_for(district_staff)


def without_history(record):
    type(record).history.filter(id=record.pk).delete()
    return record


def test_a_household_without_history_names_the_field_that_differs(world, two_clerks):
    first, second = two_clerks
    hh = without_history(world.village_a1.household)
    url = admin_url(Household, "change", hh.pk)
    page_first, page_second = first.get(url), second.get(url)
    assert first.post(url, admin_form_data(page_first, address="新房 3 号")).status_code == 302

    message = refusal(second.post(url, admin_form_data(page_second, dibao="on")))
    assert "无字段变化" not in message
    assert "住址：新房 3 号（您的表单：（空））" in message
    assert "低保：否（您的表单：是）" in message
    assert "您的修改未保存" in message
    hh.refresh_from_db()
    assert (hh.address, hh.dibao) == ("新房 3 号", False)


def test_the_comparison_masks_identifiers(world, two_clerks):
    first, second = two_clerks
    person = without_history(world.village_a1.spouse)
    url = admin_url(Person, "change", person.pk)
    page_first, page_second = first.get(url), second.get(url)
    assert first.post(url, admin_form_data(page_first, phone="13700001111")).status_code == 302
    message = refusal(second.post(url, admin_form_data(page_second)))
    assert "电话：137****1111（您的表单：138****5678）" in message
    assert "13700001111" not in message and "13812345678" not in message


def test_a_record_with_history_still_says_what_the_other_save_changed(world, two_clerks):
    first, second = two_clerks
    hh = world.village_a1.household
    url = admin_url(Household, "change", hh.pk)
    page_first, page_second = first.get(url), second.get(url)
    first.post(url, admin_form_data(page_first, address="新房 3 号"))
    assert "住址：（空） → 新房 3 号" in refusal(second.post(url, admin_form_data(page_second)))
