"""纳入监测 from a row of the screening page: one POST, permission-checked, all or nothing."""

import datetime
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from monitoring.models import MonitoringCase
from tests import factories

from .conftest import AS_OF, page_text  # AS_OF is 2021-03-31

pytestmark = pytest.mark.django_db
SCREENING = reverse("monitoring:screening")


def open_url(household):
    return reverse("monitoring:open_case", args=[household.pk])


def post_open(client, household, as_of="2021-03-31", **data):
    return client.post(open_url(household), {"as_of": as_of, **data})


def test_a_clerk_opens_a_case_in_one_step_with_what_the_row_proposes(client, at_risk, township_staff, caplog):
    client.force_login(township_staff)
    response = post_open(client, at_risk.low, next=f"{SCREENING}?as_of=2021-03-31")
    case = MonitoringCase.objects.get(household=at_risk.low)
    assert response.status_code == 302 and response["Location"] == reverse("monitoring:case", args=[case.pk])
    assert (case.type, case.identified_by, case.discovered_on, case.identified_on) == (
        "unstable", "screening", AS_OF, None)
    assert [(r.risk, r.note) for r in case.risks.all()] == [("other", "人均纯收入低于监测标准")]
    assert (case.status, case.step) == ("identifying", "discovery") and case.is_open
    assert case.income_per_member == Decimal("4000.00")
    assert case.risk_note == "2020年人均纯收入4,000.00元，低于监测标准5,000.00元"
    assert case.history.get().history_user == township_staff
    page = page_text(client.get(response["Location"]))
    assert "户 A-LOW 已登记为发现风险（脱贫不稳定户），下一步请登记入户核实。" in page
    assert "action=monitoring_open_case" in caplog.text and "张低收" not in caplog.text


def test_a_household_never_registered_is_opened_as_an_edge_household(client, at_risk, village_staff, areas):
    edge_in_a1 = factories.household(areas.village_a1, code="A1-EDGE", registered=False)
    factories.income(edge_in_a1, 2020, wages=1000)
    client.force_login(village_staff)
    post_open(client, edge_in_a1)
    assert MonitoringCase.objects.get(household=edge_in_a1).type == "edge"


def test_the_row_after_opening_is_marked_and_has_no_button(client, at_risk, township_staff):
    client.force_login(township_staff)
    post_open(client, at_risk.low)
    page = page_text(client.get(SCREENING, {"as_of": AS_OF.isoformat()}))
    assert open_url(at_risk.low) not in page
    assert page.count("自2021-03-31起识别中") == 1


def test_the_form_needs_its_csrf_token(at_risk, township_staff):
    client = Client(enforce_csrf_checks=True)
    client.force_login(township_staff)
    assert post_open(client, at_risk.low).status_code == 403
    assert not MonitoringCase.objects.filter(household=at_risk.low).exists()
    page = page_text(client.get(SCREENING, {"as_of": AS_OF.isoformat()}))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    assert post_open(client, at_risk.low, csrfmiddlewaretoken=token).status_code == 302
    assert MonitoringCase.objects.filter(household=at_risk.low).count() == 1


def test_a_leader_may_not_open_a_case(client, at_risk, leader):
    client.force_login(leader)
    assert post_open(client, at_risk.low).status_code == 403
    assert not MonitoringCase.objects.filter(household=at_risk.low).exists()


def test_a_household_outside_the_area_is_not_found(client, at_risk, township_staff):
    client.force_login(township_staff)
    safe_other = factories.household(at_risk.village_b1, code="B-NEW", exit_year=2019)
    factories.income(safe_other, 2020, wages=100)
    assert post_open(client, safe_other).status_code == 404
    assert post_open(client, at_risk.low).status_code == 302  # the same request inside the area


def test_only_post_opens_a_case(client, at_risk, township_staff):
    client.force_login(township_staff)
    assert client.get(open_url(at_risk.low)).status_code == 405


@pytest.mark.parametrize(
    ("code", "as_of", "message"),
    [
        ("A-WATCHED", "2021-03-31", "户 A-WATCHED 未纳入监测：该户已在监测中。"),
        ("A-SAFE", "2021-03-31", "户 A-SAFE 未纳入监测：截至2021-03-31，该户未触发任何筛查规则。"),
        ("A-LOW", "2021/03/31", "户 A-LOW 未纳入监测：统计日期：请按 YYYY-MM-DD 格式填写，例如 2020-10-31。"),
        ("A-LOW", "", "户 A-LOW 未纳入监测：截至{today}，该户未触发任何筛查规则。"),
        ("FUTURE", "{tomorrow}", "户 FUTURE 未纳入监测：发现日期不能晚于今天。"),
    ],
)
def test_a_refused_opening_saves_nothing_and_says_why(client, at_risk, township_staff, code, as_of, message):
    today = timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    factories.assessment(factories.household(at_risk.village_a1, code="FUTURE"), today, food=False)
    household = at_risk.low.__class__.objects.get(code=code)
    before = MonitoringCase.objects.count()
    client.force_login(township_staff)
    back = f"{SCREENING}?as_of=2021-03-31&rule=low_income"
    response = post_open(client, household, as_of=as_of.format(tomorrow=tomorrow), next=back)
    assert response.status_code == 302 and response["Location"] == back
    assert MonitoringCase.objects.count() == before
    page = page_text(client.get(back))
    assert message.format(today=today.isoformat()) in page


def test_opening_twice_keeps_one_case(client, at_risk, township_staff):
    client.force_login(township_staff)
    post_open(client, at_risk.low)
    second = post_open(client, at_risk.low)
    assert second["Location"] == f"{SCREENING}?as_of=2021-03-31"
    assert MonitoringCase.objects.filter(household=at_risk.low).count() == 1


def test_a_return_address_off_the_screening_page_is_not_followed(client, at_risk, township_staff):
    client.force_login(township_staff)
    response = post_open(client, at_risk.safe, next="https://elsewhere.example/monitoring/screening/")
    assert response["Location"] == f"{SCREENING}?as_of=2021-03-31"
    response = post_open(client, at_risk.safe, next="/admin/")
    assert response["Location"] == f"{SCREENING}?as_of=2021-03-31"
