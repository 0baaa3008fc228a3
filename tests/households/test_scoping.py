import datetime

import pytest

from households.models import Household, Person, Township, Village
from projects.models import EmploymentPlacement, IndustryProject, Pairing
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def spread(areas):
    """One household in each village, each with a placement and a pairing."""
    rows = {}
    for key in ("village_a1", "village_a2", "village_b1"):
        hh = factories.household(getattr(areas, key))
        factories.placement(hh.members.get(), datetime.date(2020, 1, 1))
        factories.pairing(hh, datetime.date(2020, 1, 1))
        rows[key] = hh
    return rows


def codes(qs):
    return {hh.code for hh in qs}


def test_district_account_and_superuser_see_every_household(spread, district_staff, admin_user):
    assert Household.objects.for_user(district_staff).count() == 3
    assert Household.objects.for_user(admin_user).count() == 3


def test_township_account_sees_its_township_only(spread, township_staff):
    assert codes(Household.objects.for_user(township_staff)) == {
        spread["village_a1"].code, spread["village_a2"].code}
    assert Person.objects.for_user(township_staff).count() == 2
    assert EmploymentPlacement.objects.for_user(township_staff).count() == 2
    assert Pairing.objects.for_user(township_staff).count() == 2


def test_village_account_sees_its_village_only(spread, village_staff, areas):
    assert codes(Household.objects.for_user(village_staff)) == {spread["village_a1"].code}
    assert set(Village.objects.for_user(village_staff)) == {areas.village_a1}
    assert set(Township.objects.for_user(village_staff)) == {areas.township_a}
    assert EmploymentPlacement.objects.for_user(village_staff).count() == 1


def test_account_without_area_and_anonymous_see_nothing(spread, outsider):
    from django.contrib.auth.models import AnonymousUser

    assert not Household.objects.for_user(outsider).exists()
    assert not Household.objects.for_user(AnonymousUser()).exists()
    assert not Township.objects.for_user(outsider).exists()


def test_inactive_account_sees_nothing(spread, district_staff):
    district_staff.is_active = False
    assert not Household.objects.for_user(district_staff).exists()


def test_industry_projects_are_seen_where_they_reach(areas, village_staff, township_staff):
    district = factories.industry_project(level="district")
    own_township = factories.industry_project(level="township", township_=areas.township_a)
    own_village = factories.industry_project(level="village", township_=areas.township_a, village_=areas.village_a1)
    other_village = factories.industry_project(level="village", township_=areas.township_a,
                                               village_=areas.village_a2)
    other_township = factories.industry_project(level="township", township_=areas.township_b)
    assert set(IndustryProject.objects.for_user(village_staff)) == {district, own_township, own_village}
    assert set(IndustryProject.objects.for_user(township_staff)) == {
        district, own_township, own_village, other_village}
    assert other_township not in IndustryProject.objects.for_user(township_staff)
