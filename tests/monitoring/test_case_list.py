"""The list of monitoring cases: filters, search, scoping, export, and the drill-down of every figure."""

import datetime
import io
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from households.scope import Scope
from monitoring.figures import FIGURES, PARTS, monitoring_section
from monitoring.models import MonitoringCase
from tests import factories
from tests.monitoring import builders

from .conftest import AS_OF, page_text

pytestmark = pytest.mark.django_db
URL = reverse("monitoring:cases")
D = datetime.date


def codes(response):
    """The household codes of every case on the list (all pages)."""
    return sorted(case.household.code for case in response.context["paginator"].object_list)


@pytest.fixture
def more(at_risk):
    """Two more cases in township A: a sudden-hardship case found by self-report for a disaster with a
    free-text measure, and an edge case identified in 2020."""
    hardship = factories.household(at_risk.village_a2, code="A-HARD", head="吴灾害")
    case = builders.case(hardship, identified_by="self_report", causes=("natural_disaster", "other"),
                         identified_on=D(2021, 3, 10))
    builders.measure(case, description="临时救助", start=D(2021, 3, 12))
    builders.case(at_risk.edge, type="edge", identified_by="cadre_visit", causes=("illness",),
                  identified_on=D(2020, 12, 1))
    return at_risk


def test_a_township_clerk_lists_the_cases_of_the_township(client, more, township_staff):
    client.force_login(township_staff)
    response = client.get(URL)
    assert response.status_code == 200
    assert codes(response) == ["A-CLEARED", "A-EDGE", "A-HARD", "A-WATCHED"]
    page = page_text(response)
    assert "B-LOW" not in page and "房中村" not in page
    assert "因自然灾害、其他" in page and "钱监测" in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"type": "unstable"}, ["A-WATCHED"]),
        ({"type": "edge"}, ["A-EDGE"]),
        ({"identified_by": "self_report"}, ["A-CLEARED", "A-HARD"]),
        ({"status": "cleared"}, ["A-CLEARED"]),
        ({"status": "monitoring"}, ["A-EDGE", "A-HARD", "A-WATCHED"]),
        ({"cause": "natural_disaster"}, ["A-HARD"]),
        ({"step": "clear_county_decision"}, ["A-CLEARED"]),
        ({"returned": "no"}, ["A-CLEARED", "A-EDGE", "A-HARD", "A-WATCHED"]),
        ({"cause": "illness"}, ["A-CLEARED", "A-EDGE"]),
        ({"identified_from": "2021-01-01"}, ["A-CLEARED", "A-HARD", "A-WATCHED"]),
        ({"identified_from": "2021-01-06", "identified_to": "2021-03-09"}, ["A-WATCHED"]),
        ({"village": "{a2}"}, ["A-CLEARED", "A-EDGE", "A-HARD"]),
        ({"township": "{a}"}, ["A-CLEARED", "A-EDGE", "A-HARD", "A-WATCHED"]),
        ({"q": "吴灾"}, ["A-HARD"]),
        ({"q": "A-ED"}, ["A-EDGE"]),
        ({"household": "{watched}"}, ["A-WATCHED"]),
    ],
)
def test_each_filter_narrows_the_list(client, more, township_staff, query, expected):
    client.force_login(township_staff)
    values = {"a": more.township_a.pk, "a2": more.village_a2.pk, "watched": more.watched.pk}
    query = {key: value.format(**values) for key, value in query.items()}
    assert codes(client.get(URL, query)) == expected


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"identified_from": "2021-13-01"}, "识别日期起：输入一个有效的日期。"),
        ({"identified_from": "2021-03-01", "identified_to": "2021-02-01"}, "识别日期止：不能早于“识别日期起”。"),
        ({"type": "poor"}, "监测类型：选择一个有效的选项。 poor 不在可用的选项中。"),
    ],
)
def test_a_wrong_filter_lists_nothing_and_names_the_field(client, more, township_staff, query, message):
    client.force_login(township_staff)
    response = client.get(URL, query)
    assert codes(response) == []
    assert message in page_text(response)


def test_a_household_outside_the_area_lists_nothing(client, more, township_staff):
    client.force_login(township_staff)
    assert codes(client.get(URL, {"household": more.other.pk})) == []


def test_the_export_writes_the_cases_on_the_list(client, more, township_staff):
    client.force_login(township_staff)
    response = client.get(URL, {"status": "monitoring", "export": "xlsx"})
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    rows = list(book["监测对象"].iter_rows(values_only=True))
    assert rows[0] == ("户编号", "监测类型", "识别方式", "风险类型", "识别日期", "状态", "风险消除日期", "风险消除原因",
                       "风险消除方式", "发现日期", "是否返贫")
    assert sorted(row[0] for row in rows[1:]) == ["A-EDGE", "A-HARD", "A-WATCHED"]
    hard = next(row for row in rows if row[0] == "A-HARD")
    assert hard[1:4] == ("突发严重困难户", "农户自主申报", "因自然灾害、其他（其他风险）")


# The drill-down: each monitoring figure opens exactly the cases it counts.

def flat_section(section):
    """Every figure of the section (counted with its parts) by its key; the steps' counts as numerators."""
    return {
        **{f"monitoring_type_{key}": fig for key, fig in section["by_type"].items()},
        **{f"monitoring_found_{key}": fig for key, fig in section["by_found"].items()},
        **{f"monitoring_risk_{key}": fig for key, fig in section["by_risk"].items()},
        "monitoring_returned": section["returned_to_poverty"],
        "monitoring_measures": section["monitoring_measures"],
        "monitoring_cleared": section["monitoring_cleared"],
        **{f"monitoring_cleared_{key}": fig for key, fig in section["cleared_by_method"].items()},
        **{f"monitoring_step_{key}": {"numerator": line["count"]} for key, line in section["procedure"].items()},
    }


@pytest.mark.parametrize("persona", ["admin_user", "township_staff", "village_staff"])
@pytest.mark.parametrize("as_of", [AS_OF, D(2021, 1, 10), D(2020, 12, 31)])
def test_every_figure_and_part_opens_the_list_of_its_count(client, more, request, persona, as_of):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    section = flat_section(monitoring_section(user, Scope.for_user(user, as_of)))
    assert set(section) == set(FIGURES)
    for key, figure in section.items():
        for part in (part for part in PARTS if part in figure):
            response = client.get(URL, {"indicator": key, "part": part, "as_of": as_of.isoformat()})
            assert response.status_code == 200
            assert response.context["total"] == figure[part], (persona, as_of, key, part)


def test_a_drilled_down_list_names_its_figure_and_keeps_it_through_the_filters(client, more, admin_user):
    client.force_login(admin_user)
    query = {"indicator": "monitoring_measures", "part": "gap", "as_of": AS_OF.isoformat()}
    response = client.get(URL, query)
    assert codes(response) == ["A-EDGE", "B-LOW"]
    page = page_text(response)
    assert "来自统计" in page and "帮扶措施落实率" in page and "缺口" in page
    assert 'name="indicator" value="monitoring_measures"' in page
    assert codes(client.get(URL, {**query, "township": more.township_b.pk})) == ["B-LOW"]
    assert codes(client.get(URL, {**query, "type": "edge"})) == ["A-EDGE"]


@pytest.mark.parametrize("query", [
    {"indicator": "employment"},                          # a register figure, not a monitoring one
    {"indicator": "monitoring_measures", "part": "half"},
    {"indicator": "no_such_figure"},
])
def test_a_link_that_names_no_monitoring_figure_is_not_found(client, more, admin_user, query):
    client.force_login(admin_user)
    assert client.get(URL, query).status_code == 404


def test_a_drill_down_outside_the_area_is_not_found(client, more, township_staff):
    client.force_login(township_staff)
    query = {"indicator": "monitoring_measures", "part": "gap", "township": more.township_b.pk}
    assert client.get(URL, query).status_code == 404


def test_the_dashboards_monitoring_links_open_their_lists(client, more, admin_user):
    client.force_login(admin_user)
    response = client.get("/", {"as_of": AS_OF.isoformat()})
    html = page_text(response)
    links = [href.replace("&amp;", "&") for href in
             __import__("re").findall(r'href="(/monitoring/\?[^"]+)"', html)]
    section = flat_section(response.context["report"]["monitoring"])
    checked = set()
    for link in links:
        query = dict(parse_qsl(urlsplit(link).query))
        expected = section[query["indicator"]][query["part"]]
        assert client.get(link).context["total"] == expected, link
        checked.add(query["indicator"])
    # Every figure with a count links to its list (a count of 0 is not a link).
    assert checked == {key for key, figure in section.items() if figure.get("numerator")}
    assert {"monitoring_type_unstable", "monitoring_risk_illness", "monitoring_step_county_decision",
            "monitoring_measures", "monitoring_cleared"} <= checked


def _queries(client):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL, {"as_of": AS_OF.isoformat()}).status_code == 200
    return len(captured)


def test_the_query_count_is_pinned_and_does_not_grow_with_rows(client, more, township_staff,
                                                                django_assert_max_num_queries):
    client.force_login(township_staff)
    # Session, user, area, permissions (2), the filter choices (townships, villages), the count, the
    # page, its risks, the header's area name.
    with django_assert_max_num_queries(11):
        client.get(URL, {"as_of": AS_OF.isoformat()})
    before = _queries(client)
    for n in range(5):
        household = factories.household(more.village_a1, code=f"N{n}")
        case = builders.case(household, identified_on=D(2021, 1, 2))
        builders.measure(case, description="救助", start=D(2021, 1, 3))
        builders.cleared_case(factories.household(more.village_a2, code=f"C{n}"), D(2020, 1, 1), D(2020, 5, 1))
    assert MonitoringCase.objects.for_user(township_staff).count() > 10
    assert _queries(client) == before
