"""A village clerk's day and a leader's, walked in a real browser on the demo data.

The clerk: log in → dashboard → the employment gap → household file → record a placement → record a visit →
print the card → the dashboard's employment figure has moved by one.
The leader: dashboard → monthly trend → a township → a gap list → its export.
"""

import datetime
import re

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from households.models import Household, Township, Village
from households.roles import Role
from households.scope import DistrictReader, Scope
from projects.models import AssistanceRecord, EmploymentPlacement
from reports.indicators import INDICATORS
from tests.conftest import make_user

from .conftest import log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def village_clerk(demo):
    """The clerk of 嘎岔村, where 吴秀英's job ended in June 2020."""
    village = Village.objects.get(name="嘎岔村")
    return make_user("gacha_clerk", township=village.township, village=village, role=Role.VILLAGE_STAFF,
                     is_staff=True)


@pytest.fixture
def district_leader(demo):
    return make_user("leader_zhang", role=Role.LEADER, is_staff=True)


def employment_counts(page):
    """(covered, gap) of the employment figure on the dashboard."""
    figure = page.locator("article.figure").first
    expect(figure.locator("h2")).to_have_text("就业率")
    covered = int(figure.locator(".counts div").nth(0).locator("dd").inner_text().replace(",", ""))
    gap = int(figure.locator(".counts div").nth(2).locator("dd").inner_text().replace(",", ""))
    return covered, gap


def test_a_village_clerks_day(page, live_server, village_clerk):
    today = timezone.localdate()
    log_in(page, live_server, "gacha_clerk")
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.locator("h1")).to_contain_text("嘎岔村")
    covered, gap = employment_counts(page)
    assert gap == 1

    page.locator("article.figure").first.locator(".counts .gap a").click()         # the gap list
    expect(page.locator(".drilldown")).to_contain_text("缺口")
    row = page.locator("table.data-table tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("吴秀英")
    household = Household.objects.get(members__name="吴秀英")
    row.get_by_role("link", name=household.code).click()                           # the household file
    expect(page.locator("h1")).to_have_text(f"户档案 {household.code} · 户主 马春生")

    page.get_by_role("link", name="登记就业").click()                                # click 1
    page.select_option("#id_person", label="吴秀英（配偶）")
    page.select_option("#id_channel", label="企业就业")
    page.fill("#id_employer_name", "朝阳凌凌水泥有限公司")
    expect(page.locator("#id_start")).to_have_value(today.isoformat())
    page.fill("#id_monthly_income", "2600")
    page.get_by_role("button", name="保存就业").click()                              # click 2
    expect(page.locator(".messages")).to_contain_text("已为 吴秀英 登记就业：企业就业（朝阳凌凌水泥有限公司）")
    expect(page).to_have_url(re.compile(r"#placements-h$"))
    assert EmploymentPlacement.objects.get(person__name="吴秀英", end=None).history.get().history_user == village_clerk

    page.get_by_role("link", name="登记帮扶记录").click()
    page.select_option("#id_kind", label="走访")
    page.fill("#id_note", "了解务工情况")
    page.get_by_role("button", name="保存记录").click()
    expect(page.locator(".messages")).to_contain_text(f"已登记帮扶记录：{today:%Y-%m-%d}，走访。")
    assert AssistanceRecord.objects.filter(pairing__household=household, note="了解务工情况").count() == 1

    page.get_by_role("link", name="打印明白卡").click()
    card = page.locator("article.household-card")
    expect(card).to_have_count(1)
    expect(card).to_contain_text("企业就业 · 朝阳凌凌水泥有限公司")
    expect(card).to_contain_text(f"{today.year} 年帮扶 1 次")
    page.emulate_media(media="print")
    expect(page.locator(".site-nav")).to_be_hidden()
    expect(page.locator(".card-toolbar")).to_be_hidden()
    page.emulate_media(media="screen")

    page.get_by_role("link", name="首页/统计").click()
    assert employment_counts(page) == (covered + 1, gap - 1)


def test_a_leaders_day(page, live_server, district_leader, tmp_path):
    as_of = datetime.date(2020, 10, 31)
    log_in(page, live_server, "leader_zhang")
    expect(page.locator(".site-nav")).not_to_contain_text("导入导出")
    page.goto(f"{live_server.url}/?as_of={as_of}")
    expect(page.locator("svg.sparkline")).to_have_count(8)

    page.get_by_role("link", name="月度走势").click()                                # the trend
    expect(page.locator("h1")).to_have_text("双塔区：各项指标月度走势")
    expect(page.locator(".trend-table tbody tr")).to_have_count(12)  # as many months as the dashboard

    page.locator(".sub-areas").get_by_role("link", name="长宝营子乡").click()          # a township
    expect(page.locator("h1")).to_have_text("长宝营子乡：各项指标月度走势")
    township = Township.objects.get(name="长宝营子乡")
    expected = sorted(INDICATORS["industry_benefit"].rows(DistrictReader(), Scope(as_of, township), "gap")
                      .values_list("code", flat=True))
    assert expected
    first_row = page.locator(".trend-table tbody tr").first
    expect(first_row.locator("th")).to_have_text(as_of.isoformat())
    first_row.locator("td").nth(3).locator(".gap a").click()                        # a list: the gap
    expect(page.locator(".drilldown")).to_contain_text("产业带动")
    rows = page.locator("table.data-table tbody tr")
    expect(rows).to_have_count(len(expected))

    with page.expect_download() as download_info:                                   # its export
        page.get_by_role("link", name="导出本名单（XLSX）").click()
    download = download_info.value
    assert download.suggested_filename == f"贫困户_产业带动缺口_长宝营子乡_{as_of}.xlsx"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    sheet = load_workbook(path, read_only=True)["贫困户"]
    assert sorted(row[0] for row in sheet.iter_rows(min_row=2, values_only=True)) == expected
