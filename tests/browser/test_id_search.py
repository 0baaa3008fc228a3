"""Issue #12 item 4 and #16 in a real browser: a whole ID number typed into the top search box or into an
admin picker never appears in any URL the browser requests, and still finds the household."""

import pytest
from playwright.sync_api import expect

from households.models import Person

from .conftest import log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def requested(page):
    """Every request the page makes: (method, url)."""
    seen = []
    page.on("request", lambda request: seen.append((request.method, request.url)))
    return seen


def test_the_top_search_box_keeps_an_id_number_out_of_every_url(page, live_server, district_staff_account,
                                                                 requested):
    person = Person.objects.select_related("household").order_by("pk").first()
    log_in(page, live_server, "district_clerk")
    page.fill("#site-search-q", person.id_number)
    page.press("#site-search-q", "Enter")
    page.wait_for_load_state()
    expect(page.locator("table.data-table tbody tr")).to_have_count(1)
    expect(page.locator("table.data-table tbody")).to_contain_text(person.household.code)
    assert "qt=" in page.url
    assert [url for _method, url in requested if person.id_number in url] == []


def test_an_admin_picker_posts_the_id_number_and_shows_the_household(page, live_server, district_staff_account,
                                                                    requested):
    person = Person.objects.select_related("household__village").order_by("pk").first()
    log_in(page, live_server, "district_clerk")
    page.goto(f"{live_server.url}/admin/projects/householdproject/add/")
    page.locator(".field-household .select2-selection").click()
    page.locator(".select2-search__field").fill(person.id_number)
    option = page.locator(".select2-results__option", has_text=person.household.code)
    expect(option).to_be_visible()
    expect(option).to_contain_text(person.household.village.name)
    expect(option).to_contain_text("********")
    pickers = [(method, url) for method, url in requested if "/admin/autocomplete/" in url]
    assert pickers and {method for method, _url in pickers} == {"POST"}
    assert [url for _method, url in requested if person.id_number in url] == []
