"""The case page: the household, the causes and the measures; adding a measure; closing the case."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from monitoring.models import MonitoringCase, MonitoringMeasure
from tests import factories
from tests.monitoring import builders

from .conftest import page_text

pytestmark = pytest.mark.django_db
D = datetime.date


def case_url(case, name="case"):
    return reverse(f"monitoring:{name}", args=[case.pk])


@pytest.fixture
def records(at_risk):
    """A-WATCHED's records of help (its pairing is already a measure of its case)."""
    household = at_risk.watched
    member = household.members.exclude(relation="head").get()
    return {
        "placement": factories.placement(member, D(2021, 3, 1), channel="public_welfare", monthly_income=1200),
        "household_project": factories.household_project(household, D(2021, 3, 5), name="养鸡"),
        "industry_benefit": factories.beneficiary(factories.industry_project(name="光伏电站"), household,
                                                  D(2021, 1, 1)),
        "assistance": factories.assistance(at_risk.pairing, D(2021, 3, 2), kind="money_goods", amount=500),
    }


def test_the_case_page_shows_the_household_the_causes_and_the_measures(client, at_risk, records, township_staff):
    client.force_login(township_staff)
    response = client.get(case_url(at_risk.case))
    assert response.status_code == 200
    page = page_text(response)
    for text in ["A-WATCHED", "长宝营子村", "钱监测", "脱贫不稳定户", "部门筛查预警", "2021-02-01", "其他",
                 "监测中", "2019年脱贫"]:
        assert text in page, text
    assert f'href="{reverse("register:household", args=[at_risk.watched.pk])}"' in page
    assert response.context["page"].measures[0].text.startswith(at_risk.pairing.cadre.name)
    offered = [value for _group, options in response.context["page"].records for value, _l, _r in options]
    assert sorted(offered) == sorted(f"{kind}:{record.pk}" for kind, record in records.items())
    assert 'action="{}"'.format(case_url(at_risk.case, "add_measure")) in page
    assert 'action="{}"'.format(case_url(at_risk.case, "close_case")) in page


def test_a_case_outside_the_area_is_not_found(client, at_risk, township_staff, village_staff):
    client.force_login(township_staff)
    assert client.get(case_url(at_risk.other_case)).status_code == 404
    client.force_login(village_staff)
    assert client.get(case_url(at_risk.cleared_case)).status_code == 404  # village A2
    assert client.get(case_url(at_risk.case)).status_code == 200


def test_a_leader_reads_the_case_without_the_forms_and_may_not_post(client, at_risk, leader):
    client.force_login(leader)
    page = page_text(client.get(case_url(at_risk.case)))
    assert "A-WATCHED" in page and "<form method=\"post\" action=\"/monitoring/cases/" not in page
    assert client.post(case_url(at_risk.case, "add_measure"), {"description": "x", "start": "2021-03-01"}
                       ).status_code == 403
    assert client.post(case_url(at_risk.case, "close_case"), {"cleared_on": "2021-03-01", "reason": "x"}
                       ).status_code == 403
    assert at_risk.case.measures.count() == 1 and MonitoringCase.objects.get(pk=at_risk.case.pk).is_open


@pytest.mark.parametrize("kind", ["placement", "household_project", "industry_benefit", "assistance"])
def test_a_clerk_links_a_record_of_the_household_as_a_measure(client, at_risk, records, township_staff, kind):
    client.force_login(township_staff)
    response = client.post(case_url(at_risk.case, "add_measure"), {"link": f"{kind}:{records[kind].pk}"})
    assert response.status_code == 302 and response["Location"] == case_url(at_risk.case) + "#measures"
    measure = at_risk.case.measures.get(kind=kind)
    assert measure.linked == records[kind] and measure.history.get().history_user == township_staff
    page = page_text(client.get(response["Location"]))
    assert "帮扶措施已登记。" in page
    offered = [value for _group, options in client.get(case_url(at_risk.case)).context["page"].records
               for value, _l, _r in options]
    assert f"{kind}:{records[kind].pk}" not in offered  # a record is linked once


def test_a_clerk_records_a_measure_in_words_with_its_dates(client, at_risk, township_staff):
    client.force_login(township_staff)
    data = {"link": "", "description": "落实临时救助", "start": "2021-03-01", "end": "2021-03-31"}
    assert client.post(case_url(at_risk.case, "add_measure"), data).status_code == 302
    measure = at_risk.case.measures.get(kind="other")
    assert (measure.description, measure.start, measure.end) == ("落实临时救助", D(2021, 3, 1), D(2021, 3, 31))


MEASURE_ERRORS = [
    ({}, ["帮扶措施：请选择关联记录，或填写措施内容。", "开始日期：请填写措施开始的日期。"]),
    ({"description": "落实临时救助"}, ["开始日期：请填写措施开始的日期。"]),
    ({"start": "2021-03-01"}, ["帮扶措施：请选择关联记录，或填写措施内容。"]),
    ({"description": "救助", "start": "2021-3-1x"}, ["开始日期：请按 YYYY-MM-DD 格式填写，例如 2021-06-30。"]),
    ({"description": "救助", "start": "2021-03-01", "end": "03/31/2021"},
     ["结束日期：请按 YYYY-MM-DD 格式填写，例如 2021-06-30。"]),
    ({"description": "救助", "start": "2021-03-10", "end": "2021-03-01"}, ["结束日期：不能早于开始日期。"]),
    ({"description": "救" * 201, "start": "2021-03-01"}, ["帮扶措施：最多 200 个字（现有 201 个）。"]),
    ({"link": "placement:999999"}, ["关联记录：请从本户的记录中选择。"]),
    ({"link": "pairing:{pairing}"}, ["关联记录：请从本户的记录中选择。"]),  # already a measure: not offered
    ({"link": "assistance:{assistance}", "start": "2021-03-01"},
     ["开始日期、结束日期：关联记录的措施以该记录的日期为准，请留空。"]),
]


@pytest.mark.parametrize(("data", "messages"), MEASURE_ERRORS)
def test_a_wrong_measure_is_refused_with_the_message_and_saves_nothing(client, at_risk, records, township_staff,
                                                                       data, messages):
    values = {"pairing": at_risk.pairing.pk, "assistance": records["assistance"].pk,
              "tomorrow": timezone.localdate() + datetime.timedelta(days=1)}
    data = {key: value.format(**values) for key, value in data.items()}
    client.force_login(township_staff)
    response = client.post(case_url(at_risk.case, "add_measure"), data)
    assert response.status_code == 400
    form = response.context["measure_form"]
    assert [message for errors in form.errors.values() for message in errors] == messages
    page = page_text(response)
    for message in messages:
        assert message in page
    assert MonitoringMeasure.objects.count() == 1


def test_a_measure_of_another_households_record_is_refused(client, at_risk, township_staff):
    other_pairing = factories.pairing(at_risk.low, D(2021, 1, 1))
    client.force_login(township_staff)
    response = client.post(case_url(at_risk.case, "add_measure"), {"link": f"pairing:{other_pairing.pk}"})
    assert response.status_code == 400
    assert "关联记录：请从本户的记录中选择。" in page_text(response)


def test_a_clerk_closes_the_case_when_the_risk_is_gone(client, at_risk, township_staff, caplog):
    client.force_login(township_staff)
    data = {"cleared_on": "2021-03-20", "reason": "公益性岗位就业，收入稳定"}
    response = client.post(case_url(at_risk.case, "close_case"), data)
    assert response.status_code == 302 and response["Location"] == case_url(at_risk.case)
    case = MonitoringCase.objects.get(pk=at_risk.case.pk)
    assert (case.status, case.cleared_on, case.clearance_reason) == ("cleared", D(2021, 3, 20), data["reason"])
    page = page_text(client.get(response["Location"]))
    assert "户 A-WATCHED 风险已于2021-03-20消除。" in page
    assert "监测47天" in page
    assert case_url(at_risk.case, "close_case") not in page and case_url(at_risk.case, "add_measure") not in page
    assert "action=monitoring_close_case" in caplog.text


CLOSE_ERRORS = [
    ({"reason": "收入稳定"}, ["风险消除日期：请填写日期。"]),
    ({"cleared_on": "2021-03-20"}, ["风险消除原因：请说明风险消除的原因。"]),
    ({"cleared_on": "2021-03-20", "reason": "   "}, ["风险消除原因：请说明风险消除的原因。"]),
    ({"cleared_on": "20210320", "reason": "收入稳定"}, ["风险消除日期：请按 YYYY-MM-DD 格式填写，例如 2021-06-30。"]),
    ({"cleared_on": "2021-01-31", "reason": "收入稳定"}, ["风险消除日期不能早于识别日期。"]),
    ({"cleared_on": "{tomorrow}", "reason": "收入稳定"}, ["风险消除日期不能晚于今天。"]),
    ({"cleared_on": "2021-03-20", "reason": "稳" * 201}, ["风险消除原因：最多 200 个字（现有 201 个）。"]),
]


@pytest.mark.parametrize(("data", "messages"), CLOSE_ERRORS)
def test_a_wrong_closure_is_refused_with_the_message_and_the_case_stays_open(client, at_risk, township_staff,
                                                                             data, messages):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    data = {key: value.format(tomorrow=tomorrow) for key, value in data.items()}
    client.force_login(township_staff)
    response = client.post(case_url(at_risk.case, "close_case"), data)
    assert response.status_code == 400
    form = response.context["close_form"]
    assert [message for errors in form.errors.values() for message in errors] == messages
    for message in messages:
        assert message in page_text(response)
    case = MonitoringCase.objects.get(pk=at_risk.case.pk)
    assert (case.status, case.cleared_on, case.clearance_reason) == ("monitoring", None, "")
    assert response.context["case"].is_open  # the page shows the case as it is saved


def test_a_closed_case_takes_no_measure_and_cannot_close_again(client, at_risk, township_staff):
    client.force_login(township_staff)
    cleared = at_risk.cleared_case
    response = client.post(case_url(cleared, "add_measure"), {"description": "救助", "start": "2021-03-01"})
    assert response.status_code == 400
    assert "只能为监测中的对象添加帮扶措施。" in page_text(response)
    response = client.post(case_url(cleared, "close_case"), {"cleared_on": "2021-03-02", "reason": "x"})
    assert response.status_code == 400
    assert "该监测对象的风险已消除。" in page_text(response)
    assert not cleared.measures.exists()


@pytest.mark.parametrize("name", ["add_measure", "close_case"])
def test_the_forms_answer_post_only_and_404_outside_the_area(client, at_risk, township_staff, name):
    client.force_login(township_staff)
    assert client.get(case_url(at_risk.case, name)).status_code == 405
    assert client.post(case_url(at_risk.other_case, name), {}).status_code == 404


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_case_pages_query_count_is_pinned_and_does_not_grow(client, at_risk, records, township_staff,
                                                                django_assert_max_num_queries):
    client.force_login(township_staff)
    url = case_url(at_risk.case)
    # Session, user, area, permissions (2), the case with its household and members (2), the measures,
    # the five kinds of linkable records, the header's area name.
    with django_assert_max_num_queries(14):
        client.get(url)
    before = _queries(client, url)
    for n in range(4):
        member = factories.person(at_risk.watched, name=f"成员{n}")
        placement = factories.placement(member, D(2021, 1, 1 + n))
        builders.measure(at_risk.case, placement=placement)
        factories.household_project(at_risk.watched, D(2021, 1, 1 + n))
        pairing = factories.pairing(at_risk.watched, D(2020, 1, 1 + n))
        builders.measure(at_risk.case, assistance=factories.assistance(pairing, D(2021, 1, 1 + n)))
        builders.measure(at_risk.case, description=f"措施{n}", start=D(2021, 2, 1 + n))
    assert _queries(client, url) == before
