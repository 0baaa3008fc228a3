"""List behaviour that matters at province scale (issue #8): filter choices that do not grow with the
register, deep pages that decorate only their own rows, and the same rows and queries either way."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from generator.scale import generate_scale
from households.models import Household
from projects.models import Cadre
from reports.register.views.lists import HouseholdList, IndustryProjectList, PersonList, PlacementList

URL = reverse("register:households")
DAY = {"as_of": "2020-10-31"}


@pytest.fixture
def register(db):
    """A generated register of 300 households: 3 villages in one township, about 75 cadres in 5 units."""
    generate_scale(households=300, seed=3)


def choices(response, field):
    return {str(pk) for pk, _ in response.context["form"].fields[field].choices if pk}


@pytest.mark.parametrize(("chosen", "offered"), [
    ({}, set()),
    ({"township": "A"}, {"A1", "A2"}),
    ({"village": "A1"}, {"A1"}),
    ({"township": "B", "village": "A1"}, {"B1", "A1"}),
])
def test_a_district_account_is_offered_the_villages_of_the_township_it_chose(
    client, areas, district_staff, chosen, offered
):
    client.force_login(district_staff)
    ids = {"A": areas.township_a.pk, "B": areas.township_b.pk, "A1": areas.village_a1.pk,
           "A2": areas.village_a2.pk, "B1": areas.village_b1.pk}
    response = client.get(URL, {name: ids[value] for name, value in chosen.items()})
    assert choices(response, "village") == {str(ids[name]) for name in offered}


def test_a_township_account_is_offered_its_own_villages_without_choosing(client, areas, township_staff):
    client.force_login(township_staff)
    response = client.get(URL)
    assert choices(response, "village") == {str(areas.village_a1.pk), str(areas.village_a2.pk)}


def test_the_pairing_list_offers_the_cadres_of_the_unit_chosen(client, register, admin_user):
    client.force_login(admin_user)
    url = reverse("register:pairings")
    assert choices(client.get(url, DAY), "cadre") == set()
    unit = Cadre.objects.order_by("pk").first().unit
    offered = choices(client.get(url, {**DAY, "unit": unit.pk}), "cadre")
    assert offered == {str(pk) for pk in unit.cadres.values_list("pk", flat=True)} and len(offered) > 1
    cadre = Cadre.objects.exclude(unit=unit).first()
    response = client.get(url, {**DAY, "cadre": cadre.pk})
    assert choices(response, "cadre") == {str(cadre.pk)}
    assert {p.cadre_id for p in response.context["object_list"]} == {cadre.pk}


def page(client, **query):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, {**DAY, **query})
    assert response.status_code == 200
    return response, len(queries)


def test_a_deep_page_shows_the_rows_at_its_place_decorated_in_the_same_queries(client, register, admin_user):
    client.force_login(admin_user)
    codes = list(Household.objects.order_by("code").values_list("code", flat=True))
    _, first_queries = page(client)
    deep, deep_queries = page(client, page=4)
    rows = list(deep.context["object_list"])
    assert [h.code for h in rows] == codes[150:200]
    assert all(h.head_name and h.member_count >= 1 for h in rows)
    assert deep_queries == first_queries
    assert deep.context["paginator"].count == 300
    last, _ = page(client, page="last", sort="-code")
    assert [h.code for h in last.context["object_list"]] == codes[::-1][250:]


def test_a_list_sorted_by_a_computed_column_still_pages_in_order(client, register, admin_user):
    client.force_login(admin_user)
    sizes = [h.member_count for p in (1, 2) for h in page(client, sort="-members", page=p)[0].context["object_list"]]
    assert sizes == sorted(sizes, reverse=True) and len(sizes) == 100


@pytest.mark.parametrize(("view", "key", "total"), [
    (HouseholdList, "code", True),  # unique: its index gives the order of a deep page as it is
    (IndustryProjectList, "name", True),
    (HouseholdList, "village", False),  # two fields of another table
    (HouseholdList, "head", False),  # computed
    (HouseholdList, "exit_year", False),
    (PersonList, "name", False),
    (PlacementList, "start", False),
])
def test_only_a_column_of_one_unique_field_is_sorted_without_a_tie_break_by_pk(view, key, total):
    column = next(column for column in view.columns if column.key == key)
    assert column.orders_totally(view.model) is total


def test_the_household_list_sorted_by_code_pages_by_the_code_alone(client, register, admin_user):
    client.force_login(admin_user)
    codes = list(Household.objects.order_by("-code").values_list("code", flat=True))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, {**DAY, "sort": "-code", "page": 2})
    assert [h.code for h in response.context["object_list"]] == codes[50:100]
    keys = next(q["sql"] for q in queries if "OFFSET 50" in q["sql"])
    order = re.search(r"ORDER BY ([^()]*) LIMIT 50 OFFSET 50", keys).group(1)
    assert "code" in order and '"id"' not in order
