"""The lists of placements, pairings, assistance, household projects and industry projects."""

import datetime

import pytest
from django.urls import reverse

from tests import factories

from .conftest import pks


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def persons(response):
    return {placement.person.name for placement in response.context["paginator"].object_list}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"李运吉", "孙外乡", "侯国义"}),
        ({"channel": "public_welfare"}, {"孙外乡"}),
        ({"active": "yes", "as_of": "2020-10-31"}, {"李运吉", "孙外乡"}),
        ({"active": "no", "as_of": "2020-10-31"}, {"侯国义"}),
        ({"income_min": "1000"}, {"李运吉", "孙外乡"}),
        ({"income_min": "1000", "income_max": "2000"}, {"孙外乡"}),
        ({"q": "凌凌"}, {"李运吉"}),
        ({"q": "B-OTHER"}, {"孙外乡"}),
    ],
)
def test_placement_filters(admin_client, world, query, expected):
    assert persons(admin_client.get(reverse("register:placements"), query)) == expected


def test_placements_filter_by_employer_and_area(admin_client, world, areas):
    url = reverse("register:placements")
    assert persons(admin_client.get(url, {"employer": world.employer.pk})) == {"李运吉"}
    assert persons(admin_client.get(url, {"township": areas.township_b.pk})) == {"孙外乡"}


def households_of(response, path=("household",)):
    result = set()
    for row in response.context["paginator"].object_list:
        for name in path:
            row = getattr(row, name)
        result.add(row.code)
    return result


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"A-PAIRED", "A-PLAIN"}),
        ({"active": "yes", "as_of": "2020-10-31"}, {"A-PAIRED"}),
        ({"active": "yes", "as_of": "2018-06-01"}, {"A-PLAIN"}),
        ({"q": "王楷茗"}, {"A-PAIRED"}),
        ({"q": "侯国义"}, {"A-PLAIN"}),  # the head's name
    ],
)
def test_pairing_filters(admin_client, world, query, expected):
    assert households_of(admin_client.get(reverse("register:pairings"), query)) == expected


def test_pairings_filter_by_unit_and_cadre(admin_client, world):
    url = reverse("register:pairings")
    assert households_of(admin_client.get(url, {"unit": world.unit.pk})) == {"A-PAIRED"}
    assert households_of(admin_client.get(url, {"cadre": world.cadre.pk})) == {"A-PAIRED"}


def test_pairings_show_the_cadre_unit_and_number_of_assistance_records(admin_client, world):
    page = admin_client.get(reverse("register:pairings"), {"cadre": world.cadre.pk}).content.decode()
    assert "王楷茗" in page and "区扶贫办" in page and "李运吉" in page
    assert reverse("register:assistance") + f"?q=A-PAIRED&amp;cadre={world.cadre.pk}" in page


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ({}, 3),
        ({"kind": "visit"}, 2),
        ({"kind": "money_goods"}, 1),
        ({"date_from": "2020-05-10"}, 2),
        ({"date_from": "2020-05-11", "date_to": "2020-06-30"}, 1),
        ({"date_to": "2019-12-31"}, 1),
        ({"date_to": "2019-01-01"}, 0),
    ],
)
def test_assistance_records_by_kind_and_date(admin_client, world, query, count):
    factories.assistance(world.pairing, datetime.date(2020, 6, 1))
    factories.assistance(world.pairing, datetime.date(2019, 3, 1))
    assert admin_client.get(reverse("register:assistance"), query).context["total"] == count


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"养羊", "种薯"}),
        ({"type": "courtyard_planting"}, {"种薯"}),
        ({"year": "2019"}, {"养羊"}),
        ({"funds_min": "5000"}, {"养羊"}),
        ({"funds_max": "5000"}, {"种薯"}),
        ({"active": "yes", "as_of": "2019-06-01"}, {"养羊"}),
        ({"q": "A-PLAIN"}, {"种薯"}),
    ],
)
def test_household_project_filters(admin_client, world, query, expected):
    factories.household_project(world.plain, datetime.date(2020, 4, 1), type="courtyard_planting", funds=800,
                                name="种薯")
    response = admin_client.get(reverse("register:household_projects"), query)
    assert {project.name for project in response.context["paginator"].object_list} == expected


@pytest.fixture
def industry(world, areas):
    factories.industry_project(level="township", township_=areas.township_a, name="长宝营子乡产业园",
                               start=datetime.date(2019, 9, 1), investment=26400000)
    factories.industry_project(level="village", township_=areas.township_b, village_=areas.village_b1,
                               name="房中村大棚", start=datetime.date(2020, 3, 1), investment=300000)
    return world


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"光伏扶贫电站", "长宝营子乡产业园", "房中村大棚"}),
        ({"level": "village"}, {"房中村大棚"}),
        ({"year": "2019"}, {"光伏扶贫电站", "长宝营子乡产业园"}),
        ({"funds_min": "1000000"}, {"光伏扶贫电站", "长宝营子乡产业园"}),
        ({"funds_max": "1000000"}, {"房中村大棚"}),
        ({"q": "大棚"}, {"房中村大棚"}),
    ],
)
def test_industry_project_filters(admin_client, industry, query, expected):
    response = admin_client.get(reverse("register:industry_projects"), query)
    assert {project.name for project in response.context["paginator"].object_list} == expected


def test_industry_projects_seen_from_a_village_are_its_own_and_those_above_it(client, industry, village_staff):
    client.force_login(village_staff)
    response = client.get(reverse("register:industry_projects"))
    names = {project.name for project in response.context["paginator"].object_list}
    assert names == {"光伏扶贫电站", "长宝营子乡产业园"}


def test_industry_projects_count_only_beneficiaries_inside_the_area(client, industry, areas, township_staff):
    factories.beneficiary(industry.project, industry.other, datetime.date(2019, 1, 1))
    client.force_login(township_staff)
    response = client.get(reverse("register:industry_projects"), {"q": "光伏"})
    assert [project.beneficiary_count for project in response.context["object_list"]] == [1]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("register:placements", "没有符合条件的就业记录"),
        ("register:pairings", "没有符合条件的结对帮扶记录"),
        ("register:assistance", "没有符合条件的帮扶记录"),
        ("register:household_projects", "没有符合条件的到户项目"),
        ("register:industry_projects", "没有符合条件的产业项目"),
    ],
)
def test_every_empty_list_says_what_to_do(admin_client, areas, name, message):
    assert message in admin_client.get(reverse(name)).content.decode()


def test_township_staff_see_only_records_of_their_township(client, world, township_staff):
    client.force_login(township_staff)
    assert persons(client.get(reverse("register:placements"))) == {"李运吉", "侯国义"}
    assert pks(client.get(reverse("register:assistance"))) == {world.pairing.assistance_records.get().pk}
