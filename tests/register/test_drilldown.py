"""The dashboard's drill-down links land on the lists, and a figure and its list never disagree."""

import datetime

import pytest
from django.urls import reverse

from households.scope import Scope
from reports.indicators import INDICATORS, PARTS

from .conftest import AS_OF, pks

LIST = {"household": "register:households", "person": "register:people"}


@pytest.mark.parametrize("part", PARTS)
@pytest.mark.parametrize("key", list(INDICATORS))
def test_the_list_behind_a_figure_holds_exactly_its_rows(client, world, township_staff, key, part):
    indicator = INDICATORS[key]
    client.force_login(township_staff)
    response = client.get(reverse(LIST[indicator.unit]), {"indicator": key, "part": part, "as_of": AS_OF})
    scope = Scope.for_user(township_staff, AS_OF)
    expected = set(indicator.rows(township_staff, scope, part).values_list("pk", flat=True))
    figures = indicator.figures(township_staff, scope)
    assert pks(response) == expected
    assert response.context["total"] == getattr(figures, part)


def test_a_gap_link_with_an_area_lists_the_gap_of_that_area(client, world, areas, admin_user):
    client.force_login(admin_user)
    query = {"indicator": "pairing", "part": "gap", "as_of": AS_OF, "township": areas.township_a.pk}
    response = client.get(reverse("register:households"), query)
    assert pks(response) == {world.plain.pk}
    page = response.content.decode()
    assert "来自统计" in page and "缺口" in page and "长宝营子乡" in page


def test_filters_narrow_a_drilled_down_list_and_keep_the_figure(client, world, areas, admin_user):
    client.force_login(admin_user)
    query = {"indicator": "employment", "part": "denominator", "as_of": AS_OF, "village": areas.village_a1.pk}
    response = client.get(reverse("register:people"), {**query, "employed": "yes"})
    assert pks(response) == {world.paired.head().pk}
    page = response.content.decode()
    assert 'name="indicator" value="employment"' in page and 'name="part" value="denominator"' in page


def test_the_drilled_down_list_is_the_same_after_another_day_of_records(client, world, admin_user):
    """The date is the link's, not today's: a pairing that starts later does not change the gap."""
    client.force_login(admin_user)
    from tests import factories

    factories.pairing(world.plain, datetime.date(2021, 1, 1))
    query = {"indicator": "pairing", "part": "gap", "as_of": AS_OF}
    assert pks(client.get(reverse("register:households"), query)) == {world.plain.pk, world.other.pk}


@pytest.mark.parametrize(
    ("url", "query"),
    [
        ("register:households", {"indicator": "no_such_figure"}),
        ("register:households", {"indicator": "pairing", "part": "half"}),
        ("register:households", {"indicator": "employment"}),  # a figure about people
        ("register:people", {"indicator": "pairing"}),         # a figure about households
    ],
)
def test_a_drill_down_link_that_names_no_figure_of_the_list_is_not_found(client, world, admin_user, url, query):
    client.force_login(admin_user)
    assert client.get(reverse(url), query).status_code == 404


def test_a_drill_down_link_outside_the_area_is_not_found(client, world, areas, township_staff):
    client.force_login(township_staff)
    query = {"indicator": "pairing", "part": "gap", "township": areas.township_b.pk}
    assert client.get(reverse("register:households"), query).status_code == 404


def test_a_malformed_date_on_a_drill_down_link_lists_nothing_and_says_why(client, world, admin_user):
    client.force_login(admin_user)
    response = client.get(reverse("register:households"), {"indicator": "pairing", "as_of": "31/10/2020"})
    assert response.status_code == 200
    assert pks(response) == set()
    assert "YYYY-MM-DD" in response.content.decode()
