"""The people list: filters, search, masking and area."""

import pytest
from django.urls import reverse

from .conftest import pks

URL = reverse("register:people")


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def names(response):
    return {person.name for person in response.context["paginator"].object_list}


REGISTERED = {"李运吉", "王秀英", "侯国义", "侯小明", "孙外乡"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", REGISTERED),
        ("register=all", REGISTERED | {"侯老汉", "赵监测", "钱错评"}),
        ("township={a}", REGISTERED - {"孙外乡"}),
        ("village={a2}", {"侯国义", "侯小明"}),
        ("labor_capacity=weak", {"侯国义"}),
        ("labor_capable=yes", {"李运吉", "侯国义", "孙外乡"}),
        ("labor_capable=no", {"王秀英", "侯小明"}),
        ("employed=yes&as_of=2020-10-31", {"李运吉", "孙外乡"}),
        ("employed=no&as_of=2020-10-31", {"王秀英", "侯国义", "侯小明"}),
        ("employed=yes&as_of=2018-06-01", {"侯国义"}),
        ("labor_capable=yes&employed=no&as_of=2020-10-31", {"侯国义"}),
        ("health=chronic", {"王秀英"}),
        ("school_stage=primary", {"侯小明"}),
        ("insured=yes", {"王秀英"}),
        ("insured=no", REGISTERED - {"王秀英"}),
        ("register=all&status=deceased", {"侯老汉"}),
        ("age_min=60&as_of=2020-10-31", {"侯国义"}),
        ("age_max=17&as_of=2020-10-31", {"侯小明"}),
        ("age_min=8&age_max=8&as_of=2020-10-31", {"侯小明"}),
        ("age_min=7&age_max=7&as_of=2020-08-31", {"侯小明"}),  # the day before his 8th birthday
    ],
)
def test_people_filters_select_exactly_the_matching_people(admin_client, world, areas, query, expected):
    query = query.format(a=areas.township_a.pk, a2=areas.village_a2.pk)
    response = admin_client.get(f"{URL}?{query}")
    assert response.status_code == 200
    assert names(response) == expected


@pytest.mark.parametrize(("search", "expected"), [("王秀", {"王秀英"}), ("A-PLAIN", {"侯国义", "侯小明"})])
def test_search_finds_people_by_name_or_household_code(admin_client, world, search, expected):
    assert names(admin_client.get(URL, {"q": search})) == expected


def test_search_by_whole_id_number_finds_the_person(client, world, village_staff):
    client.force_login(village_staff)
    assert pks(client.get(URL, {"q": world.spouse.id_number}, follow=True)) == {world.spouse.pk}


def test_id_numbers_are_masked_for_staff_and_whole_for_the_administrator(client, world, township_staff, admin_user):
    whole = world.spouse.id_number
    masked = whole[:6] + "********" + whole[-4:]
    client.force_login(township_staff)
    page = client.get(URL).content.decode()
    assert masked in page and whole not in page
    client.force_login(admin_user)
    assert whole in client.get(URL).content.decode()


def test_village_staff_see_only_people_of_their_village(client, world, village_staff):
    client.force_login(village_staff)
    assert names(client.get(URL)) == {"李运吉", "王秀英"}


def test_an_empty_people_list_says_what_to_do(admin_client, world):
    assert "没有符合条件的人员" in admin_client.get(URL, {"q": "nobody"}).content.decode()


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"age_min": "-1"}, "age_min", "确保该值大于或等于0。"),
        ({"health": "ill"}, "health", "选择一个有效的选项。 ill 不在可用的选项中。"),
    ],
)
def test_a_bad_people_filter_is_named(admin_client, world, query, field, message):
    response = admin_client.get(URL, query)
    assert response.context["form"].errors[field] == [message]
    assert names(response) == set()
