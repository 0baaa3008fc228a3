"""Item 9 of issue #12: no value in a query string answers a server error. Every list, report, JSON and
download URL is walked with a table of bad values for each of its parameters: dates out of range, huge
and negative integers, unknown ids, wrong types, very long strings, NUL and wildcard characters.

The lists and their parameters come from the URLconf and the lists' own filter sets, so a list or a
filter added later is walked without editing this file.
"""

import pytest
from django.urls import resolve

from pages.listing import RegisterListView
from tests.access.admin_forms import admin_url
from tests.access.urlwalk import walk

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"
LONG = "长" * 5000
# Values every parameter gets, whatever it means.
ANY = [LONG, "\x00", "%_%", "' OR 1=1 --"]
BAD = {
    "date": ["9999-12-31", "0001-01-01", "2020-02-30", "20201031", "today"],
    "int": [HUGE, f"-{HUGE}", "-1", "1.5", "1e400", "NaN", "abc"],
    "id": [HUGE, "-1", "999999", "1.0", "abc"],
    "choice": ["nonsense"],
}
KINDS = {
    "as_of": "date", "date_from": "date", "date_to": "date", "identified_from": "date", "identified_to": "date",
    "year": "int", "income_year": "int", "exit_year": "int", "age_min": "int", "age_max": "int", "page": "int",
    "income_min": "int", "income_max": "int", "funds_min": "int", "funds_max": "int",
    "township": "id", "village": "id", "employer": "id", "unit": "id", "cadre": "id", "household": "id",
}
# Parameters of the list views that are not filters of their filter sets.
LIST_EXTRAS = ["sort", "page", "export", "qt"]
# The report, JSON and download views: their parameters (Scope.from_query and the views).
REPORTS = {
    "/": ["as_of", "area", "township", "village", "sort", "dir"],
    "/reports/coverage.json": ["as_of", "area", "township", "village"],
    "/reports/by-area.csv": ["as_of", "area", "township", "village", "sort", "dir"],
    "/reports/by-area.xlsx": ["as_of", "area", "township", "village", "sort", "dir"],
    "/monitoring/screening/": ["as_of", "area", "township", "village", "rule", "monitored", "page", "export"],
    "/workbook/export.xlsx": ["area", "township", "village"],
}
# Drill-downs: a real indicator with bad dates and areas, and bad indicators.
DRILLS = {"/households/": "paired", "/people/": "employment", "/monitoring/": "monitoring_type_poverty_prone"}


def list_urls():
    """(url, view class) of every staff list, from the URLconf."""
    found = {}
    for _name, url, pattern in walk():
        view_class = getattr(pattern.callback, "view_class", None)
        if view_class is not None and issubclass(view_class, RegisterListView) and "<" not in url:
            found[url] = view_class
    return sorted(found.items())


def values_for(param):
    return BAD.get(KINDS.get(param, "choice"), BAD["choice"]) + ANY


def list_cases():
    for url, view_class in list_urls():
        for param in [*view_class.filterset_class.base_filters, *LIST_EXTRAS]:
            yield url, param


CASES = [*list_cases(), *((url, param) for url, params in REPORTS.items() for param in params)]


def test_the_walk_covers_every_list_and_report():
    urls = {url for url, _param in CASES}
    assert {"/households/", "/people/", "/placements/", "/pairings/", "/assistance/", "/household-projects/",
            "/industry-projects/", "/monitoring/", "/", "/reports/coverage.json", "/monitoring/screening/"} <= urls
    assert len(CASES) > 120


def assert_no_server_error(client, url, params):
    response = client.get(url, params)
    assert response.status_code < 500, (url, params, response.status_code)
    if response.status_code == 302:  # a search term moved behind a token: follow it
        followed = client.get(response["Location"])
        assert followed.status_code < 500, (url, params, followed.status_code)
    return response


@pytest.fixture
def admin_browser(world, district_admin, browser_for):
    return browser_for(district_admin)


@pytest.mark.parametrize(("url", "param"), CASES, ids=[f"{url} {param}" for url, param in CASES])
def test_no_bad_value_of_a_parameter_answers_a_server_error(url, param, admin_browser):
    for value in values_for(param):
        assert_no_server_error(admin_browser, url, {param: value})


@pytest.mark.parametrize("url", sorted(DRILLS))
@pytest.mark.parametrize("as_of", BAD["date"])
def test_a_drilldown_with_a_bad_date_answers_no_server_error(url, as_of, admin_browser):
    for part in ("numerator", "gap", "denominator", "nonsense"):
        assert_no_server_error(admin_browser, url, {"indicator": DRILLS[url], "part": part, "as_of": as_of})


@pytest.mark.parametrize("url", sorted(DRILLS))
@pytest.mark.parametrize("indicator", ["nonsense", LONG, "\x00", "monitoring_cleared", "employment", "paired"])
def test_a_drilldown_with_a_bad_indicator_answers_no_server_error(url, indicator, admin_browser):
    assert_no_server_error(admin_browser, url, {"indicator": indicator, "part": "gap", "village": HUGE})


@pytest.mark.parametrize("url", ["/households/", "/people/", "/monitoring/"])
def test_bad_values_together_with_an_export(url, admin_browser):
    assert_no_server_error(admin_browser, url, {"export": "xlsx", "as_of": "9999-12-31", "age_min": HUGE, "q": LONG})


@pytest.mark.parametrize("path", ["/households/{}/", "/people/{}/", "/monitoring/cases/{}/"])
@pytest.mark.parametrize("pk", [HUGE, "999999", "0"])
def test_unknown_and_huge_record_ids_answer_404(path, pk, admin_browser):
    url = path.format(pk)
    resolve(url)
    assert admin_browser.get(url).status_code == 404


@pytest.mark.parametrize(
    "params",
    [{"o": "99"}, {"o": "-1.x"}, {"p": HUGE}, {"p": "-1"}, {"q": LONG}, {"q": "\x00"}, {"_facets": HUGE},
     {"all": ""}, {"date_hierarchy": "x"}, {"start__year": HUGE}, {"start__month": "13"}, {"start__day": "0"}],
    ids=lambda params: "&".join(f"{key}={value[:12]!r}" for key, value in params.items()),
)
def test_admin_changelists_answer_no_server_error(params, admin_browser):
    from households.models import Household, Person
    from projects.models import EmploymentPlacement

    for model in (Household, Person, EmploymentPlacement):
        assert_no_server_error(admin_browser, admin_url(model, "changelist"), params)


@pytest.mark.parametrize("term", [LONG, "\x00", "%_%", HUGE])
@pytest.mark.parametrize("method", ["get", "post"])
def test_admin_pickers_answer_no_server_error(term, method, admin_browser):
    params = {"term": term, "app_label": "projects", "model_name": "householdproject", "field_name": "household"}
    response = getattr(admin_browser, method)("/admin/autocomplete/", params)
    assert response.status_code == 200
