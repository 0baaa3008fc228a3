"""The household list: filters, search, sorting, pagination, empty state and area."""

import pytest
from django.urls import reverse

from tests import factories

from .conftest import codes

URL = reverse("register:households")
REGISTERED = {"A-PAIRED", "A-PLAIN", "B-OTHER"}


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", REGISTERED),
        ("register=registered", REGISTERED),
        ("register=monitored", {"A-WATCH"}),
        ("register=removed", {"A-ERROR"}),
        ("register=all", REGISTERED | {"A-WATCH", "A-ERROR"}),
        ("township={a}", {"A-PAIRED", "A-PLAIN"}),
        ("village={a1}", {"A-PAIRED"}),
        ("category=dibao", {"A-PAIRED"}),
        ("cause=lack_funds", {"A-PLAIN"}),
        ("exited=yes&as_of=2020-10-31", {"A-PAIRED"}),
        ("exited=no&as_of=2020-10-31", {"A-PLAIN", "B-OTHER"}),
        ("exited=no&as_of=2018-10-31", REGISTERED),
        ("exit_year=2019", {"A-PAIRED"}),
        ("paired=yes&as_of=2020-10-31", {"A-PAIRED"}),
        ("paired=no&as_of=2020-10-31", {"A-PLAIN", "B-OTHER"}),
        ("paired=yes&as_of=2018-06-01", {"A-PLAIN"}),
        ("project=yes&as_of=2020-10-31", {"A-PAIRED"}),
        ("project=no&as_of=2020-10-31", {"A-PLAIN", "B-OTHER"}),
        ("project=yes&as_of=2018-10-31", set()),
        ("industry=yes&as_of=2020-10-31", {"A-PAIRED"}),
        ("income=below_line&income_year=2020", {"A-PLAIN"}),
        ("income=under_threshold&as_of=2020-10-31", {"A-PLAIN"}),
        ("income=below_line&income_year=2019", set()),
        ("dibao=yes", {"A-PAIRED"}),
        ("dibao=no", {"A-PLAIN", "B-OTHER"}),
        ("township={a}&paired=no&as_of=2020-10-31", {"A-PLAIN"}),
    ],
)
def test_household_filters_select_exactly_the_matching_households(admin_client, world, areas, query, expected):
    query = query.format(a=areas.township_a.pk, a1=areas.village_a1.pk)
    response = admin_client.get(f"{URL}?{query}")
    assert response.status_code == 200
    assert codes(response) == expected


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("A-PAI", {"A-PAIRED"}),
        ("李运吉", {"A-PAIRED"}),   # the head
        ("王秀英", {"A-PAIRED"}),   # another member
        ("侯", {"A-PLAIN"}),
        ("监测", {"A-WATCH"}),       # with register=all the search reaches monitored households
        ("nobody", set()),
    ],
)
def test_search_finds_a_household_by_code_or_member_name(admin_client, world, search, expected):
    response = admin_client.get(URL, {"q": search, "register": "all"})
    assert codes(response) == expected


def test_search_by_whole_id_number_finds_the_household_even_for_masked_staff(client, world, township_staff):
    client.force_login(township_staff)
    response = client.get(URL, {"q": world.spouse.id_number.lower()})
    assert codes(response) == {"A-PAIRED"}


def test_part_of_an_id_number_finds_nothing_for_staff_who_see_it_masked(client, world, township_staff):
    """Searching hidden digits one by one would reveal them: only whole numbers match."""
    client.force_login(township_staff)
    response = client.get(URL, {"q": world.spouse.id_number[6:14]})
    assert codes(response) == set()


def test_part_of_an_id_number_finds_the_household_for_users_who_see_it_whole(admin_client, world):
    response = admin_client.get(URL, {"q": world.spouse.id_number[6:14], "register": "all"})
    assert "A-PAIRED" in codes(response)


def test_the_header_search_box_reaches_every_household_in_two_steps(admin_client, world):
    """Step one: type a name in the header search box; step two: open the household from the list."""
    page = admin_client.get(URL).content.decode()
    assert 'name="register" value="all"' in page and 'id="site-search-q"' in page
    response = admin_client.get(URL, {"register": "all", "q": "赵监测"})
    file_url = reverse("register:household", args=[world.watched.pk])
    assert file_url in response.content.decode()
    assert admin_client.get(file_url).status_code == 200


def test_township_staff_see_only_their_township(client, world, township_staff):
    client.force_login(township_staff)
    assert codes(client.get(URL)) == {"A-PAIRED", "A-PLAIN"}
    assert codes(client.get(URL, {"q": "孙外乡"})) == set()


def test_village_staff_see_only_their_village(client, world, village_staff):
    client.force_login(village_staff)
    assert codes(client.get(URL)) == {"A-PAIRED"}


def test_a_township_outside_the_area_is_not_a_choice(client, world, areas, township_staff):
    client.force_login(township_staff)
    response = client.get(URL, {"township": areas.township_b.pk})
    assert response.context["form"].errors["township"]
    assert codes(response) == set()


@pytest.mark.parametrize(
    ("sort", "first", "last"),
    [("code", "A-PAIRED", "B-OTHER"), ("-code", "B-OTHER", "A-PAIRED"),
     # 1, 2 and 2 current members: equal counts keep the order they were registered in (pk)
     ("members", "B-OTHER", "A-PLAIN"), ("-members", "A-PAIRED", "B-OTHER"),
     ("-head", "A-PAIRED", "A-PLAIN")],  # 李 > 孙 > 侯 by code point
)
def test_columns_sort_on_the_server(admin_client, world, sort, first, last):
    rows = list(admin_client.get(URL, {"sort": sort}).context["object_list"])
    assert (rows[0].code, rows[-1].code) == (first, last)


def test_an_unknown_sort_falls_back_to_the_household_code(admin_client, world):
    rows = list(admin_client.get(URL, {"sort": "id_number"}).context["object_list"])
    assert [row.code for row in rows] == sorted(REGISTERED)


def test_the_header_links_toggle_the_sort_and_keep_the_filters(admin_client, world):
    page = admin_client.get(URL, {"dibao": "no", "sort": "code"}).content.decode()
    assert "?dibao=no&amp;sort=-code" in page
    assert "?dibao=no&amp;sort=members" in page


def test_pagination_shows_the_total_and_keeps_the_filters(admin_client, areas):
    for n in range(55):
        factories.household(areas.village_a1, code=f"P{n:03d}", dibao=True)
    response = admin_client.get(URL, {"dibao": "yes"})
    page = response.content.decode()
    assert len(response.context["object_list"]) == 50
    assert "共 55 条" in page
    assert "第 1 页，共 2 页" in page
    assert "?dibao=yes&amp;page=2" in page
    assert len(admin_client.get(URL, {"dibao": "yes", "page": 2}).context["object_list"]) == 5


def test_an_empty_result_says_what_to_do(admin_client, world):
    page = admin_client.get(URL, {"q": "nobody"}).content.decode()
    assert "没有符合条件的贫困户" in page
    assert "<table" not in page


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"as_of": "2020-13-01"}, "as_of", "输入一个有效的日期。"),
        ({"exit_year": "two"}, "exit_year", "输入一个数字。"),
        ({"income": "rich"}, "income", "选择一个有效的选项。 rich 不在可用的选项中。"),
        ({"paired": "maybe"}, "paired", "选择一个有效的选项。 maybe 不在可用的选项中。"),
    ],
)
def test_a_bad_filter_value_is_named_and_lists_nothing(admin_client, world, query, field, message):
    response = admin_client.get(URL, query)
    assert response.context["form"].errors[field] == [message]
    assert codes(response) == set()
    assert message in response.content.decode()
