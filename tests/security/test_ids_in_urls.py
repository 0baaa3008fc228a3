"""Item 4 of issue #12 (and the pickers of issue #16): a whole ID number typed into any search — the top
box, a list's box, an admin changelist, an admin picker — never appears in a URL (access logs, history,
Referer). Search forms post to /search/, which keeps such a term in the session behind a token."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from households.models import Household, Person
from projects.models import EmploymentPlacement, HouseholdProject
from tests.access.admin_forms import admin_url

pytestmark = pytest.mark.django_db

LISTS = ["/households/", "/people/", "/placements/", "/pairings/", "/assistance/", "/household-projects/",
         "/industry-projects/", "/monitoring/"]


def urls_in(page):
    """Every address a page links to or submits to."""
    return re.findall(r'(?:href|action|src)="([^"]*)"', page)


def search(browser, term, next_path="/households/", **fields):
    return browser.post("/search/", {"q": term, "next": next_path, **fields})


def test_the_top_search_box_posts_to_the_search_view(world, village_staff, browser_for):
    page = browser_for(village_staff).get("/").content.decode()
    form = re.search(r'<form class="site-search[^>]*>', page).group(0)
    assert 'method="post"' in form and 'action="/search/"' in form


def test_a_whole_id_number_searched_from_the_top_box_is_not_in_the_address(world, village_staff, browser_for):
    browser = browser_for(village_staff)
    number = world.village_a1.spouse.id_number
    response = search(browser, number, register="all")
    assert response.status_code == 302
    location = response["Location"]
    assert number not in location and "qt=" in location and "register=all" in location
    listing = browser.get(location)
    assert [hh.pk for hh in listing.context["object_list"]] == [world.village_a1.household.pk]
    page = listing.content.decode()
    assert not [url for url in urls_in(page) if number in url]


@pytest.mark.parametrize("path", LISTS)
def test_every_list_takes_its_search_by_post_and_hides_an_id_number(path, world, district_admin, browser_for):
    browser = browser_for(district_admin)
    page = browser.get(path).content.decode()
    assert re.search(r'<form class="filters[^"]*" method="post" action="/search/"', page), path
    number = world.village_a1.spouse.id_number
    response = search(browser, number, path)
    assert response.status_code == 302 and urlsplit(response["Location"]).path == path
    assert number not in response["Location"]
    shown = browser.get(response["Location"])
    assert shown.status_code == 200
    assert not [url for url in urls_in(shown.content.decode()) if number in url]


def test_a_hidden_search_finds_the_same_rows_as_the_plain_one_did(world, township_staff, browser_for):
    browser = browser_for(township_staff)
    number = world.village_a1.spouse.id_number
    shown = browser.get(search(browser, number, "/people/", register="all")["Location"])
    assert [p.pk for p in shown.context["object_list"]] == [world.village_a1.spouse.pk]


def test_an_id_number_in_a_link_is_moved_out_of_the_address_at_once(world, village_staff, browser_for):
    browser = browser_for(village_staff)
    number = world.village_a1.spouse.id_number
    response = browser.get("/people/", {"q": number, "register": "all", "sort": "age"})
    assert response.status_code == 302
    query = parse_qs(urlsplit(response["Location"]).query)
    assert number not in response["Location"] and query["register"] == ["all"] and query["sort"] == ["age"]
    assert [p.pk for p in browser.get(response["Location"]).context["object_list"]] == [world.village_a1.spouse.pk]


def test_a_name_search_stays_readable_in_the_address(world, village_staff, browser_for):
    response = search(browser_for(village_staff), "户主", "/people/")
    assert parse_qs(urlsplit(response["Location"]).query)["q"] == ["户主"]


def test_the_export_of_a_hidden_search_keeps_the_token(world, village_staff, browser_for):
    browser = browser_for(village_staff)
    number = world.village_a1.spouse.id_number
    page = browser.get(search(browser, number, "/people/", register="all")["Location"]).content.decode()
    export = "/people/" + next(url for url in urls_in(page) if "export=xlsx" in url).replace("&amp;", "&")
    assert "qt=" in export and number not in export
    assert browser.get(export)["Content-Type"].startswith("application/vnd.openxmlformats")


def test_a_token_is_worth_nothing_in_another_session(world, village_staff, township_staff, browser_for):
    number = world.village_a1.spouse.id_number
    location = search(browser_for(village_staff), number, "/people/", register="all")["Location"]
    other = browser_for(township_staff).get(location)
    assert other.status_code == 200 and list(other.context["object_list"]) != [world.village_a1.spouse]
    assert "搜索已过期" in other.content.decode()


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/people/", "people/", "/people/\x00",
                                    "/\\evil.example/"])
def test_the_search_view_only_sends_to_pages_of_this_site(target, world, village_staff, browser_for):
    response = search(browser_for(village_staff), "户主", target)
    assert response["Location"].startswith("/?") or response["Location"] == "/"


def test_the_search_view_takes_no_get(world, village_staff, browser_for):
    assert browser_for(village_staff).get("/search/", {"q": "x"}).status_code == 405


# The admin --------------------------------------------------------------------------------------


def test_the_admin_search_form_posts(world, village_staff, browser_for):
    page = browser_for(village_staff).get(admin_url(Person, "changelist")).content.decode()
    form = re.search(r'<form id="changelist-search"[^>]*>', page).group(0)
    assert 'method="post"' in form and 'action="/search/"' in form


@pytest.mark.parametrize("model", [Person, Household, EmploymentPlacement])
def test_an_id_number_in_an_admin_search_is_moved_out_of_the_address(model, world, village_staff, browser_for):
    browser = browser_for(village_staff)
    number = world.village_a1.spouse.id_number
    response = browser.get(admin_url(model, "changelist"), {"q": number})
    assert response.status_code == 302 and number not in response["Location"]
    listing = browser.get(response["Location"])
    assert listing.status_code == 200 and listing.context["cl"].result_count == 1
    assert not [url for url in urls_in(listing.content.decode()) if number in url]


def test_an_admin_search_posted_to_the_search_view_finds_the_person(world, village_staff, browser_for):
    browser = browser_for(village_staff)
    number = world.village_a1.spouse.id_number
    response = search(browser, number, admin_url(Person, "changelist"))
    assert number not in response["Location"]
    assert [p.pk for p in browser.get(response["Location"]).context["cl"].result_list] == [world.village_a1.spouse.pk]


# The admin's pickers (issue #16): POST, and a line that tells the right record ---------------------


def pick(browser, method, term, *, app_label, model_name, field_name):
    params = {"term": term, "app_label": app_label, "model_name": model_name, "field_name": field_name}
    response = getattr(browser, method)("/admin/autocomplete/", params)
    assert response.status_code == 200
    return [row["text"] for row in response.json()["results"]]


PERSON_PICKER = {"app_label": "projects", "model_name": "employmentplacement", "field_name": "person"}
HOUSEHOLD_PICKER = {"app_label": "projects", "model_name": "householdproject", "field_name": "household"}


def test_the_pickers_post_what_is_typed(world, village_staff):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(village_staff)
    page = browser.get(admin_url(HouseholdProject, "change", world.village_a1.household_project.pk))
    html = page.content.decode()
    picker = re.search(r'<select[^>]*data-field-name="household"[^>]*>', html).group(0)
    assert 'data-ajax--type="POST"' in picker
    assert "/static/js/admin_autocomplete_post.js" in html
    token = page.cookies["csrftoken"].value
    refused = browser.post("/admin/autocomplete/", {"term": "户主", **HOUSEHOLD_PICKER})
    assert refused.status_code == 403, "the picker's POST is protected against cross-site requests"
    accepted = browser.post("/admin/autocomplete/", {"term": "户主", **HOUSEHOLD_PICKER}, HTTP_X_CSRFTOKEN=token)
    assert accepted.status_code == 200


def test_a_person_picker_finds_by_whole_id_number_and_shows_it_masked(world, village_staff, browser_for):
    browser = browser_for(village_staff)
    spouse = world.village_a1.spouse
    [line] = pick(browser, "post", spouse.id_number, **PERSON_PICKER)
    masked = spouse.id_number[:6] + "********" + spouse.id_number[-4:]
    assert line == f"{spouse.name} · {masked} · {spouse.household.code} · 长宝营子村"


def test_a_picker_given_a_number_in_the_address_finds_nothing(world, village_staff, browser_for):
    assert pick(browser_for(village_staff), "get", world.village_a1.spouse.id_number, **PERSON_PICKER) == []


@pytest.mark.parametrize("by", ["code", "head", "member id"])
def test_a_household_picker_finds_by_code_name_or_whole_id(by, world, village_staff, browser_for):
    family = world.village_a1
    term = {"code": family.household.code, "head": family.head.name, "member id": family.spouse.id_number}[by]
    lines = pick(browser_for(village_staff), "post", term, **HOUSEHOLD_PICKER)
    masked_head = family.head.id_number[:6] + "********" + family.head.id_number[-4:]
    assert f"{family.household.code} · {family.head.name} · 长宝营子乡长宝营子村 · {masked_head}" in lines
    assert all(family.head.id_number not in line for line in lines)


def test_the_administrator_sees_whole_numbers_in_the_pickers(world, district_admin, browser_for):
    lines = pick(browser_for(district_admin), "post", world.village_b1.household.code, **HOUSEHOLD_PICKER)
    assert any(world.village_b1.head.id_number in line for line in lines)


def test_a_partial_id_number_finds_nothing_for_a_masked_user(world, village_staff, browser_for):
    assert pick(browser_for(village_staff), "post", world.village_a1.spouse.id_number[:14], **PERSON_PICKER) == []
