"""No page's query count grows with its rows: each is pinned, and adding rows leaves it unchanged."""

import datetime
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories

START = datetime.date(2019, 1, 1)
_numbers = itertools.count(1)


def grow(areas, project, count, household=None):
    """Add `count` households (or, given `household`, that many more records to it) with every kind of row."""
    for _ in range(count):
        n = next(_numbers)
        target = household or factories.household(areas.village_a1 if n % 2 else areas.village_a2, code=f"Q{n:04d}")
        member = factories.person(target, name=f"成员{n}")
        factories.placement(member, START + datetime.timedelta(days=n))
        factories.training(member, START + datetime.timedelta(days=n))
        pairing = factories.pairing(target, START + datetime.timedelta(days=n))
        factories.assistance(pairing, START + datetime.timedelta(days=n))
        factories.household_project(target, START + datetime.timedelta(days=n))
        factories.industry_project(name=f"产业{n}")
        factories.beneficiary(project, target, START + datetime.timedelta(days=n))
        factories.income(target, 2000 + n, wages=10000)
        factories.assessment(target, START + datetime.timedelta(days=n))
        target.dibao = not target.dibao
        target.save()  # one more history entry


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


# Pinned budgets: the session, the user and the area, permission checks, the filter choices, the count
# and the page itself. A change that adds a query per row breaks the growth test; one that adds a
# query per page must raise the budget here deliberately.
LISTS = {
    "register:households": 10,
    "register:people": 10,
    "register:placements": 11,
    "register:pairings": 12,
    "register:assistance": 12,
    "register:household_projects": 10,
    "register:industry_projects": 10,
}
QUERY = "?as_of=2020-10-31&sort=-{sort}"
SORTS = {
    "register:households": "members", "register:people": "age", "register:placements": "start",
    "register:pairings": "assistance", "register:assistance": "date", "register:household_projects": "funds",
    "register:industry_projects": "beneficiaries",
}


@pytest.fixture
def project(areas):
    return factories.industry_project(name="光伏扶贫电站")


@pytest.mark.parametrize("name", list(LISTS))
def test_a_list_query_count_is_pinned_and_does_not_grow_with_rows(
    client, areas, project, township_staff, name, django_assert_max_num_queries
):
    client.force_login(township_staff)
    url = reverse(name) + QUERY.format(sort=SORTS[name])
    grow(areas, project, 2)
    few = queries(client, url)
    grow(areas, project, 10)
    assert queries(client, url) == few
    with django_assert_max_num_queries(LISTS[name]):
        client.get(url)


@pytest.mark.parametrize(
    "query", ["?indicator=employment&part=gap&as_of=2020-10-31", "?indicator=income_above_line&part=denominator"]
)
def test_a_drilled_down_list_does_not_grow_with_rows(client, areas, project, township_staff, query):
    client.force_login(township_staff)
    name = "register:people" if "employment" in query else "register:households"
    grow(areas, project, 2)
    few = queries(client, reverse(name) + query)
    grow(areas, project, 10)
    assert queries(client, reverse(name) + query) == few <= LISTS[name] + 1


FILE_BUDGET = 18  # the household, 9 prefetches, placements, 2 histories; session, user, area, permissions


@pytest.mark.parametrize("persona", ["admin_user", "township_staff"])
def test_the_household_file_query_count_is_pinned_and_does_not_grow(
    client, areas, project, persona, request, django_assert_max_num_queries
):
    household = factories.household(areas.village_a1, code="FILE")
    url = reverse("register:household", args=[household.pk])
    client.force_login(request.getfixturevalue(persona))
    grow(areas, project, 1, household)
    few = queries(client, url)
    grow(areas, project, 8, household)
    assert queries(client, url) == few
    with django_assert_max_num_queries(FILE_BUDGET):
        client.get(url)


def test_the_person_page_query_count_is_pinned_and_does_not_grow(
    client, areas, project, township_staff, django_assert_max_num_queries
):
    household = factories.household(areas.village_a1, code="PERSON")
    person = household.head()
    url = reverse("register:person", args=[person.pk])
    client.force_login(township_staff)
    few = queries(client, url)
    for n in range(6):
        factories.placement(person, START + datetime.timedelta(days=n))
        factories.training(person, START + datetime.timedelta(days=n))
    assert queries(client, url) == few
    with django_assert_max_num_queries(9):
        client.get(url)
