"""A township clerk's monitoring day in a real browser: screening → open a case → a measure → risk cleared."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from households.models import Household, Township
from households.roles import Role
from monitoring.models import MonitoringCase
from tests import factories
from tests.conftest import make_user

from .conftest import log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def clerk(demo):
    """A clerk of 长宝营子乡, and a household there whose latest assessment (yesterday) failed."""
    township = Township.objects.get(name="长宝营子乡")
    household = Household.objects.get(code="211302201001-0001")  # 侯国义, 长宝营子村, exited 2020
    factories.assessment(household, timezone.localdate() - datetime.timedelta(days=1), housing=False)
    make_user("township_clerk", township=township, role=Role.TOWNSHIP_STAFF, is_staff=True)
    return household


def test_a_township_clerk_opens_a_case_from_the_screening_records_a_measure_and_closes_it(
        page, live_server, clerk):
    household = clerk
    log_in(page, live_server, "township_clerk")
    page.locator(".site-nav").get_by_role("link", name="防返贫监测").click()
    page.get_by_role("link", name="风险筛查").click()
    expect(page.locator("h1")).to_have_text("长宝营子乡：风险筛查")

    row = page.locator("table.data-table tbody tr", has_text=household.code)
    expect(row).to_contain_text("住房安全有保障")  # the reason in words
    row.get_by_role("button", name="纳入监测").click()

    expect(page.locator("h1")).to_have_text(f"监测对象 {household.code}")
    expect(page.locator(".messages")).to_contain_text(f"已将户 {household.code} 纳入监测（脱贫不稳定户）")
    case = MonitoringCase.objects.get(household=household, status="monitoring")

    pairing = household.pairings.get()
    page.select_option("#id_link", value=f"pairing:{pairing.pk}")
    page.get_by_role("button", name="登记措施").click()
    expect(page.locator(".messages")).to_contain_text("帮扶措施已登记。")
    expect(page.locator("#measures table")).to_contain_text(pairing.cadre.name)

    today = timezone.localdate().isoformat()
    page.fill("#id_cleared_on", today)
    page.fill("#id_reason", "危房改造完成，住房安全有保障")
    page.get_by_role("button", name="确认风险消除").click()
    expect(page.locator(".messages")).to_contain_text(f"户 {household.code} 风险已于{today}消除。")
    expect(page.locator(".page-head .tags")).to_contain_text("风险已消除")
    expect(page.get_by_role("button", name="确认风险消除")).to_have_count(0)

    case.refresh_from_db()
    assert (case.status, case.clearance_reason) == ("cleared", "危房改造完成，住房安全有保障")
    assert [measure.pairing for measure in case.measures.all()] == [pairing]
