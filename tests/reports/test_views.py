"""The dashboard, the coverage JSON and the downloads: access, agreement, drill-down links, query counts."""

import csv
import datetime
import io
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from reports.aggregates import mark_all_stale
from reports.indicators import INDICATORS, drilldown
from reports.trend import DASHBOARD_MONTHS
from tests import factories as f
from tests.monitoring import builders as monitoring

pytestmark = pytest.mark.django_db
D = datetime.date
AS_OF = "2020-10-31"
URLS = ("reports:dashboard", "reports:coverage_json", "reports:by_area_csv", "reports:by_area_xlsx")


@pytest.fixture
def district(areas):
    """Workers in both townships, some employed; households paired in A only."""
    f.poverty_line(2020, 4000, 5000)
    for village, employed in ((areas.village_a1, True), (areas.village_a1, False), (areas.village_a2, True),
                              (areas.village_b1, True), (areas.village_b1, False)):
        hh = f.household(village, head_labor="none")
        worker = f.person(hh)
        if employed:
            f.placement(worker, D(2020, 1, 1))
        if village != areas.village_b1:
            f.pairing(hh, D(2019, 1, 1))
    return areas


def logged_in(client, user):
    client.force_login(user)
    return client


def report_of(client, **query):
    response = client.get(reverse("reports:coverage_json"), {"as_of": AS_OF, **query})
    assert response.status_code == 200
    return response.json()


@pytest.mark.parametrize("name", URLS)
def test_anonymous_is_sent_to_the_login_page(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", URLS)
def test_an_account_without_an_area_finds_nothing(client, outsider, name):
    assert logged_in(client, outsider).get(reverse(name)).status_code == 404


@pytest.mark.parametrize("name", URLS)
def test_the_pages_only_read(client, leader, name):
    assert logged_in(client, leader).post(reverse(name)).status_code == 405


@pytest.mark.parametrize("persona", ["admin_user", "district_staff", "township_staff", "village_staff", "leader"])
def test_every_staff_account_sees_its_dashboard_as_home_page(request, client, district, persona):
    response = logged_in(client, request.getfixturevalue(persona)).get("/")
    assert response.status_code == 200
    assert response.resolver_match.view_name == "reports:dashboard"


def test_the_dashboard_shows_the_jsons_figures_with_links_to_their_lists(client, district, admin_user):
    client = logged_in(client, admin_user)
    response = client.get("/", {"as_of": AS_OF})
    report = report_of(client)
    shown = {fig["key"]: fig for fig in response.context["figures"]}
    for key, figure in report["indicators"].items():
        assert {k: shown[key][k] for k in figure} == figure
    html = response.content.decode()
    assert 'href="/people/?as_of=2020-10-31&amp;indicator=employment&amp;part=numerator">3</a>' in html
    assert 'href="/people/?as_of=2020-10-31&amp;indicator=employment&amp;part=gap">2</a>' in html
    assert 'href="/households/?as_of=2020-10-31&amp;indicator=pairing&amp;part=gap">2</a>' in html
    assert "就业率" in html and "60.0%" in html


def test_every_link_opens_exactly_the_rows_it_counts(client, district, admin_user):
    response = logged_in(client, admin_user).get("/", {"as_of": AS_OF})
    figures = response.context["figures"] + [fig for row in response.context["rows"] for fig in row["figures"]]
    checked = 0
    for figure in figures:
        for part in ("numerator", "gap", "denominator"):
            url = figure["links"][part]
            path, query = urlsplit(url).path, dict(parse_qsl(urlsplit(url).query))
            assert path == reverse(INDICATORS[figure["key"]].list_name)
            drill = drilldown(admin_user, query, unit=INDICATORS[figure["key"]].unit)
            assert drill.rows.count() == figure[part], (figure["key"], part, query)
            checked += 1
    assert checked == 3 * len(INDICATORS) * 3  # the district and its two townships
    gap = response.context["figures"][0]["links"]["gap"]
    assert client.get(gap).status_code == 200


def test_the_by_area_table_links_each_township_and_sorts_on_the_server(client, district, admin_user):
    client = logged_in(client, admin_user)
    rows = client.get("/", {"as_of": AS_OF}).context["rows"]
    assert [row["area"]["name"] for row in rows] == ["孙家湾镇", "长宝营子乡"]
    assert rows[1]["url"] == f"?as_of={AS_OF}&township={district.township_a.pk}"
    villages = client.get("/" + rows[1]["url"]).context["rows"]
    assert [row["area"]["name"] for row in villages] == ["长宝营子村", "嘎岔村"]
    by_pairing = client.get("/", {"as_of": AS_OF, "sort": "pairing", "dir": "desc"}).context["rows"]
    assert [row["area"]["name"] for row in by_pairing] == ["长宝营子乡", "孙家湾镇"]
    html = client.get("/", {"as_of": AS_OF}).content.decode()
    assert '<rect class="bar-fill" x="0" y="0" width="66.7" height="6">' in html
    assert "style=" not in html and "<script" not in html


def test_a_township_account_counts_only_its_township(client, district, township_staff):
    client = logged_in(client, township_staff)
    report = report_of(client)
    assert report["area"]["name"] == "长宝营子乡"
    assert report["indicators"]["employment"]["numerator"] == 2
    assert report["indicators"]["employment"]["denominator"] == 3
    assert [row["area"]["name"] for row in report["by_area"]] == ["长宝营子村", "嘎岔村"]
    figures = client.get("/", {"as_of": AS_OF}).context["figures"]
    assert (figures[0]["numerator"], figures[0]["denominator"]) == (2, 3)
    assert client.get("/", {"township": district.township_b.pk}).status_code == 404
    assert client.get(reverse("reports:coverage_json"), {"area": "孙家湾镇"}).status_code == 404


def test_the_json_takes_the_area_by_name_and_keeps_rates_to_four_decimals(client, district, admin_user):
    report = report_of(logged_in(client, admin_user), area="长宝营子乡")
    assert report["area"]["level"] == "township"
    assert report["indicators"]["employment"]["rate"] == 0.6667
    assert report["indicators"]["income_above_line"]["rate"] is None
    assert set(report) >= {"as_of", "area", "indicators", "by_area", "totals", "monitoring"}


@pytest.mark.parametrize("name", URLS)
def test_a_malformed_date_answers_400_with_the_chinese_message(client, admin_user, areas, name):
    response = logged_in(client, admin_user).get(reverse(name), {"as_of": "2020-02-30"})
    assert response.status_code == 400
    assert "统计日期：请按 YYYY-MM-DD 格式填写，例如 2020-10-31。" in response.content.decode()


def test_the_downloads_hold_the_same_figures_as_the_json(client, district, admin_user):
    client = logged_in(client, admin_user)
    report = report_of(client)
    csv_response = client.get(reverse("reports:by_area_csv"), {"as_of": AS_OF})
    assert csv_response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in csv_response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig"))))
    assert rows[0][:6] == ["地区", "代码", "就业率：覆盖", "就业率：总数", "就业率：缺口", "就业率：比率"]
    assert [row[0] for row in rows[1:]] == ["孙家湾镇", "长宝营子乡", "合计：双塔区"]
    assert rows[3][2:6] == ["3", "5", "2", "0.6"]
    assert rows[2][2:6] == [str(report["by_area"][1]["indicators"]["employment"][k])
                            for k in ("numerator", "denominator", "gap", "rate")]
    xlsx = client.get(reverse("reports:by_area_xlsx"), {"as_of": AS_OF})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == rows[0]
    assert values[3][:6] == ["合计：双塔区", "211302", 3, 5, 2, 0.6]
    assert sheet.cell(row=4, column=6).number_format == "0.00%"


# The dashboard's queries from the per-village aggregates: every village stale, and none.
COLD_DASHBOARD, WARM_DASHBOARD = 78, 20


def _queries(client):
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/", {"as_of": AS_OF}).status_code == 200
    return len(captured)


def _add_townships(district):
    for n in range(4):
        township = f.township(f"新增乡{n}", f"21130230{n}")
        village = f.village(township)
        for _ in range(5):
            hh = f.household(village, head_labor="none")
            f.placement(f.person(hh), D(2020, 1, 1))
            f.pairing(hh, D(2020, 1, 1))
            f.assistance(hh.pairings.get(), D(2020, 2, 1), kind="problem_solved")
            case = monitoring.case(hh, type="sudden_hardship", identified_on=D(2020, 4, 1))
            monitoring.measure(case, pairing=hh.pairings.get())
            monitoring.cleared_case(f.household(village, head_labor="none"), D(2020, 2, 1), D(2020, 5, 1))


def test_the_live_dashboards_query_count_does_not_grow_with_townships_or_households(
        client, district, district_staff, django_assert_max_num_queries, settings):
    settings.FIGURES_FROM_AGGREGATES = False
    client = logged_in(client, district_staff)
    # One cleared monitoring case, so the monitoring section runs all of its queries from the start.
    monitoring.cleared_case(f.household(district.village_a1), D(2020, 3, 1), D(2020, 6, 30))
    # 22 for the register's figures, by-area table and totals; for the monitoring section 4 (households,
    # cases, steps, the days to clear) and one per line of the worklist (7); 2 a month (people, households)
    # for the monthly lines before the as-of date, whose own point is the figures above.
    with django_assert_max_num_queries(22 + 4 + 7 + 2 * (DASHBOARD_MONTHS - 1)):
        client.get("/", {"as_of": AS_OF})
    before = _queries(client)
    _add_townships(district)
    assert _queries(client) == before


def test_the_aggregated_dashboards_query_count_does_not_grow_with_townships_or_households(
        client, district, district_staff, django_assert_max_num_queries):
    client = logged_in(client, district_staff)
    monitoring.cleared_case(f.household(district.village_a1), D(2020, 3, 1), D(2020, 6, 30))
    # Cold (every village stale): the live queries grouped by village, once for the as-of date and
    # once for the months before it, and the aggregates' own reads and writes (reports/aggregates.py).
    with django_assert_max_num_queries(COLD_DASHBOARD):
        client.get("/", {"as_of": AS_OF})
    warm = _queries(client)
    with django_assert_max_num_queries(WARM_DASHBOARD):
        client.get("/", {"as_of": AS_OF})
    mark_all_stale()
    cold = _queries(client)
    _add_townships(district)  # every new village stale, the others fresh
    assert _queries(client) == cold
    assert _queries(client) == warm
    mark_all_stale()
    assert _queries(client) == cold
