"""Each figure's monthly course: counted by the coverage definitions at every month end, as JSON, on the trend
page and as a line on the dashboard, in a fixed number of queries a month."""

import datetime
import io
import json
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from reports.sparkline import sparkline
from reports.trend import DASHBOARD_MONTHS, trend_dates
from tests import factories as f

D = datetime.date
AS_OF = "2020-10-31"


@pytest.fixture
def changing(areas):
    """A district whose gaps close over 2020: jobs start in March and June, a pairing in May, one job ends."""
    f.poverty_line(2020, 4000, 5000)
    a1 = [f.household(areas.village_a1, head_labor="ordinary") for _ in range(3)]
    b1 = f.household(areas.village_b1, head_labor="ordinary")
    f.placement(a1[0].members.get(), D(2020, 3, 10))
    f.placement(a1[1].members.get(), D(2020, 6, 1), D(2020, 8, 31))
    f.placement(b1.members.get(), D(2019, 1, 1))
    f.pairing(a1[2], D(2020, 5, 20))
    f.pairing(b1, D(2019, 6, 1))
    return areas


@pytest.mark.parametrize(
    ("as_of", "months", "first", "last_two"),
    [
        (D(2020, 10, 31), 12, D(2019, 11, 30), [D(2020, 9, 30), D(2020, 10, 31)]),
        (D(2020, 3, 15), 13, D(2019, 3, 31), [D(2020, 2, 29), D(2020, 3, 15)]),
        (D(2021, 1, 5), 24, D(2019, 2, 28), [D(2020, 12, 31), D(2021, 1, 5)]),
    ],
    ids=["a month end", "mid-month in a leap year", "across two year ends"],
)
def test_the_points_are_the_month_ends_before_the_date_then_the_date(as_of, months, first, last_two):
    dates = trend_dates(as_of, months)
    assert len(dates) == months and dates[0] == first and dates[-2:] == last_two
    assert dates == sorted(set(dates))


def coverage_command(as_of, area=""):
    out = io.StringIO()
    call_command("coverage", "--as-of", as_of, "--format", "json", *(["--area", area] if area else []), stdout=out)
    return json.loads(out.getvalue())["indicators"]


@pytest.mark.parametrize("area", ["", "长宝营子乡", "长宝营子村"], ids=["district", "township", "village"])
def test_each_months_point_equals_the_coverage_command_at_that_months_end(changing, admin_user, client, area):
    client.force_login(admin_user)
    body = client.get(reverse("reports:trend_json"), {"as_of": AS_OF, "months": 12, "area": area}).json()
    assert body["months"] == 12 and body["dates"][-1] == AS_OF
    for index in (0, 4, 6, 9, 11):  # 2019-11-30, 2020-03-31, 2020-05-31, 2020-08-31, 2020-10-31
        day = body["dates"][index]
        expected = coverage_command(day, area)
        for key, figure in body["indicators"].items():
            point = figure["points"][index]
            assert point["date"] == day
            assert {k: point[k] for k in ("numerator", "denominator", "gap", "rate")} == {
                k: expected[key][k] for k in ("numerator", "denominator", "gap", "rate")}, (key, day)


def test_the_trend_follows_the_records_month_by_month(changing, admin_user, client):
    client.force_login(admin_user)
    body = client.get(reverse("reports:trend_json"), {"as_of": AS_OF, "months": 12}).json()
    employment = [(p["date"][:7], p["numerator"]) for p in body["indicators"]["employment"]["points"]]
    assert employment[3:] == [("2020-02", 1), ("2020-03", 2), ("2020-04", 2), ("2020-05", 2), ("2020-06", 3),
                              ("2020-07", 3), ("2020-08", 3), ("2020-09", 2), ("2020-10", 2)]
    pairing = [p["gap"] for p in body["indicators"]["pairing"]["points"]]
    assert pairing[5] == 3 and pairing[6] == 2  # paired on 2020-05-20: the April end counts it out, May in
    assert body["area"] == {"name": "双塔区", "level": "district", "code": "211302"}


@pytest.mark.parametrize(
    ("months", "message"),
    [
        ("11", "月数：“11”不是 12 到 24 之间的整数。"),
        ("25", "月数：“25”不是 12 到 24 之间的整数。"),
        ("abc", "月数：“abc”不是 12 到 24 之间的整数。"),
        ("12.5", "月数：“12.5”不是 12 到 24 之间的整数。"),
        ("-12", "月数：“-12”不是 12 到 24 之间的整数。"),
        ("9" * 40, f"月数：“{'9' * 20}”不是 12 到 24 之间的整数。"),
    ],
    ids=["too few", "too many", "words", "a fraction", "negative", "very long"],
)
def test_a_bad_number_of_months_is_refused_with_its_message(changing, admin_user, client, months, message):
    client.force_login(admin_user)
    response = client.get(reverse("reports:trend_json"), {"as_of": AS_OF, "months": months})
    assert response.status_code == 400 and response.json() == {"error": {"months": [message]}}
    page = client.get(reverse("reports:trend"), {"as_of": AS_OF, "months": months})
    assert page.status_code == 400 and message in page.content.decode()


def test_the_json_defaults_to_24_months_and_keeps_to_the_users_area(changing, township_staff, client):
    client.force_login(township_staff)
    body = client.get(reverse("reports:trend_json"), {"as_of": AS_OF}).json()
    assert body["months"] == 24 and len(body["indicators"]["employment"]["points"]) == 24
    assert body["area"]["name"] == "长宝营子乡"
    assert client.get(reverse("reports:trend_json"), {"area": "孙家湾镇"}).status_code == 404
    bad = client.get(reverse("reports:trend_json"), {"as_of": "2020-02-30"})
    assert bad.status_code == 400 and "as_of" in bad.json()["error"]


def test_the_trend_costs_two_queries_a_month_however_many_records(changing, admin_user, client, areas,
                                                                  django_assert_max_num_queries):
    client.force_login(admin_user)
    fixed = 8 + 10  # session, user, area look-ups; the aggregates' reads and writes (reports/aggregates.py)
    with django_assert_max_num_queries(fixed + 2 * 24):
        client.get(reverse("reports:trend_json"), {"as_of": AS_OF})
    with django_assert_max_num_queries(fixed + 4 + 2 * 24):  # the page: the area picker and the sub-areas too
        client.get(reverse("reports:trend"), {"as_of": AS_OF})
    for n in range(6):
        township = f.township(f"新增乡{n}", f"21130230{n}")
        hh = f.household(f.village(township))
        f.placement(hh.members.get(), D(2020, 2, 1))
    with django_assert_max_num_queries(fixed + 2 * 24):
        client.get(reverse("reports:trend_json"), {"as_of": AS_OF})
    with django_assert_max_num_queries(fixed + 4 + 2 * 24):
        client.get(reverse("reports:trend"), {"as_of": AS_OF})


def test_the_dashboard_draws_each_figures_line_and_links_to_the_trend(changing, admin_user, client):
    client.force_login(admin_user)
    response = client.get("/", {"as_of": AS_OF})
    html = response.content.decode()
    lines = re.findall(r'<svg class="sparkline"[^>]*aria-label="([^"]*)"', html)
    assert len(lines) == 8 and lines[0] == "就业率：25.0% → 50.0%"
    assert f'href="/reports/trend/?as_of={AS_OF}&amp;months={DASHBOARD_MONTHS}#trend-employment"' in html
    assert "style=" not in html and "<script" not in html
    assert response.context["figures"][0]["trend"].last == response.context["figures"][0]["rate"]


def test_the_trend_page_opens_each_township_and_each_months_list(changing, admin_user, client, areas):
    client.force_login(admin_user)
    html = client.get(reverse("reports:trend"), {"as_of": AS_OF, "months": 12}).content.decode()
    assert f'href="/reports/trend/?as_of={AS_OF}&amp;township={areas.township_a.pk}&amp;months=12"' in html
    assert "/people/?as_of=2020-05-31&amp;indicator=employment&amp;part=gap" in html
    township = client.get(reverse("reports:trend"), {"as_of": AS_OF, "township": areas.township_a.pk})
    assert "长宝营子乡：各项指标月度走势" in township.content.decode()
    assert f"village={areas.village_a1.pk}" in township.content.decode()


@pytest.mark.parametrize(
    ("rates", "segments", "dot", "scale"),
    [
        ([0.5, 0.75, 1.0], ("3.0,37.0 80.0,20.0 157.0,3.0",), (157.0, 3.0), (0.5, 1.0)),
        ([0.9, None, 0.9, 0.9], ("105.7,20.0 157.0,20.0",), (157.0, 20.0), (0.89, 0.91)),
        ([None, None], (), None, (None, None)),
        ([1.0, 1.0], ("3.0,3.0 157.0,3.0",), (157.0, 3.0), (0.98, 1.0)),
        ([0.0, 0.0], ("3.0,37.0 157.0,37.0",), (157.0, 37.0), (0.0, 0.02)),
    ],
    ids=["rising", "a month without a rate breaks the line", "nothing to count", "flat at 100%", "flat at 0%"],
)
def test_a_line_is_scaled_to_its_own_range_and_broken_where_a_rate_is_missing(rates, segments, dot, scale):
    line = sparkline(rates)
    assert line.segments == segments and line.dot == dot
    assert (line.low, line.high) == (pytest.approx(scale[0]), pytest.approx(scale[1]))
