"""The national register's fields (民族, 文化程度, 务工, 残疾证号, 危房户 …) on the pages and in the filters."""

import datetime

import pytest
from django.urls import reverse

from tests import factories


@pytest.fixture
def national(areas):
    household = factories.household(
        areas.village_a1, code="N-1", head="张山", natural_village="东组", first_identified=datetime.date(2014, 10, 1),
        dilapidated_house=True, safe_drinking_water=False)
    head = household.members.get()
    certificate = head.id_number + "42"
    head.ethnicity, head.education, head.work_status, head.work_months = "满族", "junior", "out_of_province", 10
    head.serious_illness_insurance, head.disability_certificate, head.person_code = True, certificate, "N-101"
    head.full_clean()
    head.save()
    other = factories.household(areas.village_a1, code="N-2", head="李四", dilapidated_house=False,
                                safe_drinking_water=True)
    return household, head, other


def test_the_household_file_shows_the_national_household_fields(client, township_staff, national):
    household, _head, _other = national
    client.force_login(township_staff)

    page = client.get(reverse("register:household", args=[household.pk])).content.decode()

    for text in ("东组", "首次识别时间", "2014-10", "危房户", "饮水安全"):
        assert text in page, text


def test_the_person_page_shows_the_national_person_fields_with_the_certificate_masked(client, township_staff,
                                                                                      national):
    _household, head, _other = national
    client.force_login(township_staff)

    page = client.get(reverse("register:person", args=[head.pk])).content.decode()

    for text in ("满族", "初中", "省外务工", "10", "大病保险", "N-101", head.disability_certificate[:6] + "**"):
        assert text in page, text
    assert head.disability_certificate not in page


@pytest.mark.parametrize(("url", "query", "expected"), [
    ("register:households", {"dilapidated": "yes", "register": "all"}, {"N-1"}),
    ("register:households", {"safe_water": "yes", "register": "all"}, {"N-2"}),
    ("register:people", {"education": "junior", "register": "all"}, {"张山"}),
    ("register:people", {"work_status": "out_of_province", "register": "all"}, {"张山"}),
    ("register:people", {"serious_insured": "yes", "register": "all"}, {"张山"}),
    ("register:people", {"disability_certificate": "yes", "register": "all"}, {"张山"}),
    ("register:people", {"disability_certificate": "no", "register": "all"}, {"李四"}),
], ids=["dilapidated", "safe-water", "education", "work", "serious-insurance", "certificate", "no-certificate"])
def test_a_clerk_filters_on_the_national_fields(client, township_staff, national, url, query, expected):
    client.force_login(township_staff)

    response = client.get(reverse(url), query)

    rows = response.context["page_obj"].object_list
    assert {getattr(row, "code", None) or row.name for row in rows} == expected
