"""The Area value: one owner of the user → area rule, resolved once, failing closed."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from households.area import NOWHERE_AREA, Area
from households.models import Household, Township, Village
from households.scope import DistrictReader
from monitoring.screening import area_within, screen_for_user
from tests import factories
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def test_each_persona_resolves_to_its_area(areas, district_staff, township_staff, village_staff, leader, outsider):
    assert Area.of_user(district_staff) == Area.district()
    assert Area.of_user(leader) == Area.district()
    assert Area.of_user(township_staff) == Area.township(areas.township_a.pk)
    assert Area.of_user(village_staff) == Area.village(areas.village_a1.pk, areas.township_a.pk)
    assert Area.of_user(outsider) is NOWHERE_AREA
    assert Area.of_user(None) is NOWHERE_AREA
    assert Area.of_user(DistrictReader()) == Area.district()


def test_a_user_area_is_resolved_once_per_user_object(areas):
    user = make_user("once", township=areas.township_a)
    user = type(user).objects.get(pk=user.pk)
    with CaptureQueriesContext(connection) as first:
        Area.of_user(user)
    with CaptureQueriesContext(connection) as again:
        for _ in range(5):
            Area.of_user(user)
    assert len(first) == 1 and len(again) == 0


@pytest.mark.parametrize(
    ("outer", "inner", "contained"),
    [
        ("district", "township_a", True),
        ("district", "village_b1", True),
        ("township_a", "village_a2", True),
        ("township_a", "village_b1", False),
        ("township_a", "township_b", False),
        ("village_a1", "village_a1", True),
        ("village_a1", "village_a2", False),
        ("village_a1", "township_a", False),
        ("nowhere", "village_a1", False),
        ("district", "nowhere", False),
    ],
)
def test_contains(areas, outer, inner, contained):
    def area(name):
        if name == "district":
            return Area.district()
        if name == "nowhere":
            return NOWHERE_AREA
        place = getattr(areas, name)
        return Area.of(village=place) if isinstance(place, Village) else Area.of(township=place)

    assert area(outer).contains(area(inner)) is contained


def test_the_q_of_each_area_finds_its_households(areas):
    households = {key: factories.household(getattr(areas, key)) for key in ("village_a1", "village_a2", "village_b1")}

    def found(area):
        return set(Household.objects.filter(area.households_q()).values_list("pk", flat=True))

    assert found(Area.district()) == {h.pk for h in households.values()}
    assert found(Area.of(township=areas.township_a)) == {households["village_a1"].pk, households["village_a2"].pk}
    assert found(Area.of(village=areas.village_b1)) == {households["village_b1"].pk}
    assert found(NOWHERE_AREA) == set()
    assert set(Township.objects.for_area(Area.of(village=areas.village_b1))) == {areas.township_b}


def test_a_staff_account_without_an_area_screens_nothing(areas, outsider):
    """Screening used to fall back to the whole district for an account without an area."""
    low = factories.household(areas.village_a1, exit_year=2019)
    factories.income(low, 2020, wages=100)
    assert not screen_for_user(user=outsider, as_of=datetime.date(2021, 3, 31)).exists()
    assert area_within(outsider)("household__") == NOWHERE_AREA.households_q("household__")
    assert area_within(outsider, township=areas.township_a)("") == NOWHERE_AREA.households_q()


def test_request_area_is_the_users_area(client, township_staff, areas):
    from django.urls import reverse

    client.force_login(township_staff)
    response = client.get(reverse("register:households"))
    assert response.wsgi_request.area == Area.township(areas.township_a.pk)
