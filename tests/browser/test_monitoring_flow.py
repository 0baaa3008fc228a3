"""One case in a real browser, walked by the three levels that own its steps: the village clerk finds the
household and records the village's steps, the township reviews, the district decides; then back down
for clearing the risk, to the county's decision that it is cleared."""

import datetime

import pytest
from playwright.sync_api import expect

from households.models import Household, Township, Village
from households.roles import Role
from monitoring.models import MonitoringCase
from tests.conftest import make_user

from .conftest import log_in

pytestmark = pytest.mark.browser
D = datetime.date
CODE = "211302201001-J001"  # 孙秀兰 of 长宝营子村, never registered; her 2024 case was cleared in 2025


@pytest.fixture
def clerks(demo):
    township = Township.objects.get(name="长宝营子乡")
    make_user("village_clerk", township=township, village=Village.objects.get(name="长宝营子村"),
              role=Role.VILLAGE_STAFF)
    make_user("township_clerk", township=township, role=Role.TOWNSHIP_STAFF)
    make_user("district_clerk", role=Role.DISTRICT_STAFF, is_staff=True)
    return Household.objects.get(code=CODE)


def record(page, label, day, *, approved=None, notice_end=None, method=None, note=None):
    """Fill the form of the next step (named `label`) and record it."""
    form = page.locator("form#next-step")
    expect(form.locator("h3")).to_have_text(f"下一环节：{label}")
    form.locator("#id_date").fill(day.isoformat())
    if notice_end:
        form.locator("#id_notice_end").fill(notice_end.isoformat())
    if approved is not None:
        form.get_by_label("通过", exact=True).check()
    if method:
        form.locator("#id_clearance_method").select_option(label=method)
    if note:
        form.locator("#id_note").fill(note)
    form.get_by_role("button", name=f"登记“{label}”").click()
    expect(page.locator(".messages")).to_contain_text(f"“{label}”已登记")


def open_case(page, live_server, username, case):
    page.context.clear_cookies()
    log_in(page, live_server, username)
    page.goto(f"{live_server.url}/monitoring/cases/{case.pk}/")


def test_three_levels_walk_one_case_from_discovery_to_the_county_decision_and_to_clearing(page, live_server, clerks):
    household = clerks
    log_in(page, live_server, "village_clerk")
    page.locator(".site-nav").get_by_role("link", name="防返贫监测").click()
    page.locator(".sub-nav").get_by_role("link", name="发现风险户").click()
    page.locator("#id_household").fill(CODE)
    page.locator("#id_monitoring_type").select_option(label="边缘易致贫户")
    page.locator("#id_identified_by").select_option(label="干部走访排查")
    page.locator("#id_discovered_on").fill("2026-11-02")
    page.locator("#id_returned_to_poverty").check()
    page.locator("#id_risk_1").select_option(label="因病")
    page.locator("#id_risk_2").select_option(label="其他")
    page.locator("#id_risk_2_note").fill("医疗支出增加")
    page.get_by_role("button", name="登记发现").click()
    expect(page.locator(".messages")).to_contain_text(f"户 {CODE} 已登记为发现风险")
    case = MonitoringCase.objects.get(household=household, status="identifying")

    record(page, "入户核实", D(2026, 11, 3))
    record(page, "农户承诺授权", D(2026, 11, 3))
    record(page, "民主评议", D(2026, 11, 4), approved=True)
    record(page, "村内公示", D(2026, 11, 5), notice_end=D(2026, 11, 9))
    expect(page.locator("form#next-step")).to_have_count(0)  # the township's turn
    page.goto(f"{live_server.url}/monitoring/notices/?village={household.village_id}&as_of=2026-11-06")
    expect(page.locator(".notice-table")).to_contain_text("孙秀兰")
    expect(page.locator(".notice-table")).not_to_contain_text(household.members.get().id_number)

    open_case(page, live_server, "township_clerk", case)
    record(page, "乡镇审核", D(2026, 11, 10), approved=True)
    open_case(page, live_server, "district_clerk", case)
    record(page, "县级审定", D(2026, 11, 11), approved=True)
    expect(page.locator(".page-head .tags")).to_contain_text("监测中")
    expect(page.locator(".page-head .tags")).to_contain_text("返贫")

    open_case(page, live_server, "village_clerk", case)
    page.locator("#id_category").select_option(label="健康帮扶")
    page.locator("#id_description").fill("落实大病医疗救助")
    page.locator("#id_start").fill("2026-11-12")
    page.get_by_role("button", name="登记措施").click()
    expect(page.locator(".messages")).to_contain_text("帮扶措施已登记。")
    record(page, "入户核实（风险消除）", D(2026, 11, 13), method="帮扶消除", note="医疗救助到位，收入稳定")
    expect(page.locator(".messages")).not_to_contain_text("没有收入记录")  # her 2026 income is on record
    record(page, "民主评议（风险消除）", D(2026, 11, 14), approved=True)
    record(page, "村内公示（风险消除）", D(2026, 11, 15), notice_end=D(2026, 11, 19))
    open_case(page, live_server, "township_clerk", case)
    record(page, "乡镇审核（风险消除）", D(2026, 11, 20), approved=True)
    open_case(page, live_server, "district_clerk", case)
    record(page, "县级审定（风险消除）", D(2026, 11, 21), approved=True)
    expect(page.locator(".messages")).to_contain_text("上级将对该对象进行核查")  # sooner than six months
    expect(page.locator(".page-head .tags")).to_contain_text("风险已消除")
    expect(page.locator("#steps table tbody tr")).to_have_count(12)

    case.refresh_from_db()
    assert (case.status, case.identified_on, case.cleared_on, case.clearance_method) == (
        "cleared", D(2026, 11, 11), D(2026, 11, 21), "assisted")
    assert case.returned_to_poverty and case.risk_causes_display() == "因病、其他"
    assert [step.user.username for step in case.steps.order_by("pk")] == [
        "village_clerk"] * 5 + ["township_clerk", "district_clerk"] + ["village_clerk"] * 3 + [
        "township_clerk", "district_clerk"]
