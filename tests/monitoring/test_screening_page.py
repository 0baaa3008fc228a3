"""The 风险筛查 page: households at risk in the user's area with the reasons, monitored ones marked."""

import io
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from tests import factories
from tests.monitoring import builders

from .conftest import AS_OF, household_of_two, page_text

pytestmark = pytest.mark.django_db
URL = reverse("monitoring:screening")
QUERY = {"as_of": AS_OF.isoformat()}


def listed(response):
    return {row.household.code: row for row in response.context["rows"]}


def test_anonymous_goes_to_login_and_an_account_without_an_area_finds_nothing(client, outsider):
    assert client.get(URL).status_code == 302
    client.force_login(outsider)
    assert client.get(URL).status_code == 404


def test_the_page_only_reads(client, leader):
    client.force_login(leader)
    assert client.post(URL).status_code == 405


def test_a_township_clerk_sees_the_households_at_risk_of_the_township_and_why(client, at_risk, township_staff):
    client.force_login(township_staff)
    response = client.get(URL, QUERY)
    assert response.status_code == 200
    rows = listed(response)
    assert set(rows) == {"A-LOW", "A-EDGE", "A-WATCHED"}
    page = page_text(response)
    assert "2020年人均纯收入4,000.00元，低于监测标准5,000.00元" in page
    assert "最近一次两不愁三保障评估（2021-01-15）未达标：住房安全有保障" in page
    assert "B-LOW" not in page and "房中村" not in page
    assert "长宝营子乡：风险筛查" in page and "共 3 户" in page


def test_households_already_under_monitoring_are_marked_once_with_their_case(client, at_risk, township_staff):
    client.force_login(township_staff)
    response = client.get(URL, QUERY)
    rows = listed(response)
    assert rows["A-WATCHED"].open_case == at_risk.case
    assert [row.household.code for row in response.context["rows"]].count("A-WATCHED") == 1
    page = page_text(response)
    assert f'href="{reverse("monitoring:case", args=[at_risk.case.pk])}"' in page
    assert "2021-02-01起监测中" in page
    # A row to open a case for each household not yet watched, none for the watched one.
    assert page.count('action="/monitoring/screening/') == 2
    assert reverse("monitoring:open_case", args=[at_risk.watched.pk]) not in page
    assert response.context["counts"]["total"] == 3 and response.context["counts"]["monitored"] == 1


def test_a_leader_reads_the_list_without_the_button(client, at_risk, leader):
    client.force_login(leader)
    page = page_text(client.get(URL, QUERY))
    assert "A-LOW" in page and "B-LOW" in page
    assert "纳入监测</button>" not in page


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ({"rule": "low_income"}, {"A-LOW", "A-EDGE", "B-LOW"}),
        ({"rule": "assessment"}, {"A-WATCHED"}),
        ({"monitored": "yes"}, {"A-WATCHED", "B-LOW"}),
        ({"monitored": "no"}, {"A-LOW", "A-EDGE"}),
        ({"rule": "low_income", "monitored": "no"}, {"A-LOW", "A-EDGE"}),
        ({"area": "孙家湾镇"}, {"B-LOW"}),
        ({"area": "嘎岔村"}, {"A-EDGE"}),
        ({"as_of": "2019-06-30"}, set()),  # no income record for 2018 or 2019, no assessment yet
    ],
)
def test_the_rule_monitoring_and_area_pickers_narrow_the_list(client, at_risk, admin_user, query, codes):
    client.force_login(admin_user)
    assert set(listed(client.get(URL, {**QUERY, **query}))) == codes


def test_the_rule_counts_are_of_the_whole_area_and_link_to_their_list(client, at_risk, admin_user):
    client.force_login(admin_user)
    response = client.get(URL, {**QUERY, "rule": "assessment"})
    rules = {rule["key"]: rule for rule in response.context["rules"]}
    assert rules["low_income"]["count"] == 3 and rules["assessment"]["count"] == 1
    assert rules["assessment"]["current"]
    assert set(listed(client.get(URL + rules["low_income"]["url"]))) == {"A-LOW", "A-EDGE", "B-LOW"}


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"as_of": "2021-02-30"}, "统计日期：请按 YYYY-MM-DD 格式填写，例如 2020-10-31。"),
        ({"rule": "no_such_rule"}, "筛查规则：请从列表中选择。"),
        ({"monitored": "maybe"}, "是否已纳入监测：请选择是、否或全部。"),
    ],
)
def test_a_wrong_picker_value_answers_400_with_the_message(client, at_risk, admin_user, query, message):
    client.force_login(admin_user)
    response = client.get(URL, query)
    assert response.status_code == 400
    assert message in page_text(response)


def test_an_area_outside_the_users_is_not_found(client, at_risk, township_staff):
    client.force_login(township_staff)
    assert client.get(URL, {"township": at_risk.township_b.pk}).status_code == 404
    assert client.get(URL, {"area": "房中村"}).status_code == 404


def test_the_list_is_paginated_with_the_total(client, at_risk, admin_user):
    for n in range(52):
        household = household_of_two(at_risk.village_a1, f"P{n:03d}", exit_year=2019)
        factories.income(household, 2020, wages=100)
    client.force_login(admin_user)
    first = client.get(URL, QUERY)
    assert len(first.context["rows"]) == 50
    assert first.context["page_obj"].paginator.count == 56
    second = client.get(URL, {**QUERY, "page": 2})
    assert len(second.context["rows"]) == 6
    assert "第 2 页，共 2 页" in page_text(second)


def test_the_export_holds_every_row_of_the_list_with_the_reasons(client, at_risk, township_staff, caplog):
    client.force_login(township_staff)
    response = client.get(URL, {**QUERY, "export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0] == ("户编号", "乡镇（街道）", "村（社区）", "户主", "登记状态", "筛查规则", "原因", "监测状态")
    by_code = {row[0]: row for row in rows[1:]}
    assert set(by_code) == {"A-LOW", "A-EDGE", "A-WATCHED"}
    assert by_code["A-LOW"][3:] == ("张低收", "建档立卡户", "人均纯收入低于监测标准",
                                    "2020年人均纯收入4,000.00元，低于监测标准5,000.00元", "未纳入监测")
    assert by_code["A-EDGE"][4] == "监测户"
    assert by_code["A-WATCHED"][7] == "2021-02-01起监测中（脱贫不稳定户）"
    assert "action=workbook_export" in caplog.text and "张低收" not in caplog.text


_codes = itertools.count()


def _queries(client):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL, QUERY).status_code == 200
    return len(captured)


def test_the_query_count_is_pinned_and_does_not_grow_with_rows(client, at_risk, township_staff,
                                                                django_assert_max_num_queries):
    client.force_login(township_staff)
    # Session, user, area and its township, permissions (2), the rule counts, the page's count, the
    # page, the cases of its households, the area picker (villages, townships), the header's area name.
    with django_assert_max_num_queries(13):
        client.get(URL, QUERY)
    before = _queries(client)
    for n in range(6):
        household = household_of_two(at_risk.village_a2, f"G{next(_codes):03d}", exit_year=2019)
        factories.income(household, 2020, wages=100)
        if n % 2:
            builders.case(household, type="unstable", identified_on=AS_OF)
    assert _queries(client) == before
