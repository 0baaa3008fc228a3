"""A staff member's day in a real browser: dashboard → gap list → filter → export → household file."""

import datetime
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from households.models import Household, Person, Township
from households.scope import DistrictReader, Scope
from reports.indicators import INDICATORS

from .conftest import log_in

pytestmark = pytest.mark.browser

AS_OF = datetime.date(2020, 10, 31)


def gap_codes(township=None):
    """The household codes of the industry-benefit gap, as the indicator defines them."""
    rows = INDICATORS["industry_benefit"].rows(DistrictReader(), Scope(AS_OF, township), "gap")
    return sorted(rows.values_list("code", flat=True))


def test_from_a_gap_on_the_dashboard_to_a_household_file(page, live_server, district_admin_account, tmp_path):
    log_in(page, live_server, "district_office")
    expect(page).to_have_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/?as_of={AS_OF}")
    page.locator('a[href*="indicator=industry_benefit"][href*="part=gap"]').first.click()
    expect(page.locator("h1")).to_have_text("贫困户")
    expect(page.locator(".drilldown")).to_contain_text("缺口")
    rows = page.locator("table.data-table tbody tr")
    expect(rows).to_have_count(len(gap_codes()))

    township = Township.objects.get(name="长宝营子乡")
    expected = gap_codes(township)
    assert 0 < len(expected) < len(gap_codes())
    page.get_by_text("筛选条件").click()  # the filter box opens
    page.select_option("#id_township", label="长宝营子乡")
    page.get_by_role("button", name="筛选").click()
    expect(rows).to_have_count(len(expected))
    expect(page.locator(".drilldown")).to_contain_text("缺口")  # the filter kept the figure
    assert sorted(rows.locator("td:first-child a").all_inner_texts()) == expected

    with page.expect_download() as download_info:
        page.get_by_role("link", name="导出本名单（XLSX）").click()
    path = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(path)
    sheet = load_workbook(path, read_only=True)["贫困户"]
    exported = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(exported) == expected  # exactly the households on screen, one row each

    rows.first.locator("td:first-child a").click()
    expect(page.locator("h1")).to_have_text(re.compile(f"^户档案 {re.escape(expected[0])} · 户主 "))
    for heading in ["家庭成员", "就业安置", "结对帮扶及帮扶记录", "到户项目", "产业项目带动", "历年收入",
                    "最近一次两不愁三保障评估", "修改记录"]:
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
    expect(page.locator(".breadcrumbs")).to_contain_text(expected[0])


def test_find_a_household_by_a_members_id_number_in_two_steps(page, live_server, district_admin_account):
    person = Person.objects.exclude(relation="head").select_related("household").first()
    log_in(page, live_server, "district_office")
    page.fill("#site-search-q", person.id_number)                       # step one
    page.press("#site-search-q", "Enter")
    page.get_by_role("link", name=person.household.code).click()        # step two
    expect(page.locator("h1")).to_have_text(f"户档案 {person.household.code} · 户主 {person.household.head().name}")
    expect(page.locator("#members-h + .table-wrap")).to_contain_text(person.name)


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (390, 844)])
def test_pages_fit_the_screen_without_sideways_scrolling(page, live_server, district_admin_account, width, height):
    page.set_viewport_size({"width": width, "height": height})
    log_in(page, live_server, "district_office")
    household = Household.objects.registered().first()
    for path in ["/households/", "/people/", f"/households/{household.pk}/"]:
        page.goto(live_server.url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} is {overflow}px wider than a {width}px screen"
        expect(page.locator(".site-nav")).to_be_visible()


def test_printing_shows_the_records_without_the_controls(page, live_server, district_admin_account):
    log_in(page, live_server, "district_office")
    page.goto(f"{live_server.url}/households/?dibao=no")
    page.emulate_media(media="print")
    for selector in [".site-nav", ".filters", ".site-search"]:
        expect(page.locator(selector)).to_be_hidden()
    expect(page.locator("table.data-table")).to_be_visible()
    expect(page.locator("h1")).to_have_text(re.compile("贫困户"))
