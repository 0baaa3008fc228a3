"""The case page: the household, the risks, the steps and the measures; adding a measure; recording the
next step of the procedure."""

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


def test_the_case_page_shows_the_household_the_risks_the_steps_and_the_measures(client, at_risk, records,
                                                                               township_staff):
    client.force_login(township_staff)
    response = client.get(case_url(at_risk.case))
    assert response.status_code == 200
    page = page_text(response)
    for text in ["A-WATCHED", "长宝营子村", "钱监测", "脱贫不稳定户", "部门筛查预警", "2021-02-01", "其他",
                 "监测中", "2019年脱贫", "县级审定"]:
        assert text in page, text
    assert f'href="{reverse("register:household", args=[at_risk.watched.pk])}"' in page
    assert response.context["page"].measures[0].text.startswith(at_risk.pairing.cadre.name)
    offered = [value for _group, options in response.context["page"].records for value, _l, _r in options]
    assert sorted(offered) == sorted(f"{kind}:{record.pk}" for kind, record in records.items())
    assert 'action="{}"'.format(case_url(at_risk.case, "add_measure")) in page
    # The next step (the clearing's home visit) is the village's: the township sees no form for it.
    assert 'action="{}"'.format(case_url(at_risk.case, "record_step")) not in page
    assert "下一环节由其他账号" in page


def test_the_village_clerk_sees_the_form_of_the_next_step(client, at_risk, village_staff):
    client.force_login(village_staff)
    response = client.get(case_url(at_risk.case))
    assert [form.rule.step for form in response.context["step_forms"]] == ["clear_visit"]
    assert 'action="{}"'.format(case_url(at_risk.case, "record_step")) in page_text(response)


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
    assert client.post(case_url(at_risk.case, "record_step"), {"step": "clear_visit", "date": "2021-03-01"}
                       ).status_code == 403
    assert at_risk.case.measures.count() == 1 and MonitoringCase.objects.get(pk=at_risk.case.pk).is_open


@pytest.mark.parametrize("kind", ["placement", "household_project", "industry_benefit", "assistance"])
def test_a_clerk_links_a_record_of_the_household_as_a_measure(client, at_risk, records, township_staff, kind):
    client.force_login(township_staff)
    response = client.post(case_url(at_risk.case, "add_measure"), {"link": f"{kind}:{records[kind].pk}",
                                                                   "category": "employment"})
    assert response.status_code == 302 and response["Location"] == case_url(at_risk.case) + "#measures"
    measure = at_risk.case.measures.get(kind=kind)
    assert measure.linked == records[kind] and measure.history.get().history_user == township_staff
    assert measure.category == "employment"
    page = page_text(client.get(response["Location"]))
    assert "帮扶措施已登记。" in page
    offered = [value for _group, options in client.get(case_url(at_risk.case)).context["page"].records
               for value, _l, _r in options]
    assert f"{kind}:{records[kind].pk}" not in offered  # a record is linked once


def test_a_clerk_records_a_measure_in_words_with_its_dates(client, at_risk, township_staff):
    client.force_login(township_staff)
    cadre = at_risk.pairing.cadre
    data = {"link": "", "description": "落实临时救助", "start": "2021-03-01", "end": "2021-03-31",
            "category": "safety_net", "cadre": str(cadre.pk)}
    assert client.post(case_url(at_risk.case, "add_measure"), data).status_code == 302
    measure = at_risk.case.measures.get(kind="other")
    assert (measure.description, measure.start, measure.end, measure.category, measure.cadre) == (
        "落实临时救助", D(2021, 3, 1), D(2021, 3, 31), "safety_net", cadre)


MEASURE_ERRORS = [
    ({"category": "none"},
     ["措施类别：请从列表中选择。", "帮扶措施：请选择关联记录，或填写措施内容。", "开始日期：请填写措施开始的日期。"]),
    ({"category": "tea", "description": "落实临时救助", "start": "2021-03-01"}, ["措施类别：请从列表中选择。"]),
    ({"cadre": "999999", "description": "落实临时救助", "start": "2021-03-01"},
     ["帮扶责任人：请从本户的结对帮扶干部中选择。"]),
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
    data = {"category": "other", **{key: value.format(**values) for key, value in data.items()}}
    data = {key: value for key, value in data.items() if key != "category" or value != "none"}
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
    response = client.post(case_url(at_risk.case, "add_measure"), {"link": f"pairing:{other_pairing.pk}",
                                                                   "category": "social"})
    assert response.status_code == 400
    assert "关联记录：请从本户的记录中选择。" in page_text(response)


def test_the_village_clerk_records_the_clearing_home_visit(client, at_risk, village_staff, caplog):
    client.force_login(village_staff)
    data = {"step": "clear_visit", "date": "2021-03-20", "clearance_method": "assisted",
            "note": "公益性岗位就业，收入稳定"}
    response = client.post(case_url(at_risk.case, "record_step"), data)
    assert response.status_code == 302 and response["Location"] == case_url(at_risk.case) + "#steps"
    case = MonitoringCase.objects.get(pk=at_risk.case.pk)
    assert (case.status, case.step, case.clearance_method) == ("clearing", "clear_visit", "assisted")
    step = case.steps.get(step="clear_visit")
    assert (step.date, step.note, step.user) == (D(2021, 3, 20), data["note"], village_staff)
    page = page_text(client.get(response["Location"]))
    assert "“入户核实（风险消除）”已登记" in page
    assert "action=monitoring_record_step" in caplog.text


STEP_ERRORS = [
    ({"date": "2021-03-20", "note": "收入稳定"}, ["消除方式：请从列表中选择。"]),
    ({"date": "2021-03-20", "clearance_method": "assisted"}, ["风险消除原因：请说明风险消除的原因。"]),
    ({"date": "20210320", "clearance_method": "assisted", "note": "收入稳定"},
     ["日期：请按 YYYY-MM-DD 格式填写，例如 2026-11-30。"]),
    ({"clearance_method": "assisted", "note": "收入稳定"}, ["日期：请填写该环节的日期。"]),
    ({"date": "2021-01-31", "clearance_method": "assisted", "note": "收入稳定"},
     ["日期不能早于上一环节的日期（2021-02-01）。"]),
    ({"date": "{tomorrow}", "clearance_method": "assisted", "note": "收入稳定"}, ["环节日期不能晚于今天。"]),
    ({"date": "2021-03-20", "clearance_method": "assisted", "note": "稳" * 201},
     ["说明：最多 200 个字（现有 201 个）。"]),
    ({"date": "2021-03-20", "clearance_method": "gone", "note": "收入稳定"}, ["消除方式：请从列表中选择。"]),
]


@pytest.mark.parametrize(("data", "messages"), STEP_ERRORS)
def test_a_wrong_step_is_refused_with_the_message_and_the_case_stays_as_it_was(client, at_risk, village_staff,
                                                                             data, messages):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    data = {"step": "clear_visit", **{key: value.format(tomorrow=tomorrow) for key, value in data.items()}}
    client.force_login(village_staff)
    response = client.post(case_url(at_risk.case, "record_step"), data)
    assert response.status_code == 400
    form = response.context["step_forms"][0]
    assert [message for errors in form.errors.values() for message in errors] == messages
    for message in messages:
        assert message in page_text(response)
    case = MonitoringCase.objects.get(pk=at_risk.case.pk)
    assert (case.status, case.step, case.steps.count()) == ("monitoring", "county_decision", 1)


def test_a_step_that_is_not_next_or_not_the_accounts_is_refused(client, at_risk, village_staff, township_staff):
    client.force_login(village_staff)
    response = client.post(case_url(at_risk.case, "record_step"), {"step": "clear_notice", "date": "2021-03-20"})
    assert response.status_code == 400
    assert "不能登记这一环节" in page_text(response)
    client.force_login(township_staff)
    response = client.post(case_url(at_risk.case, "record_step"), {
        "step": "clear_visit", "date": "2021-03-20", "clearance_method": "assisted", "note": "收入稳定"})
    assert response.status_code == 400
    assert MonitoringCase.objects.get(pk=at_risk.case.pk).steps.count() == 1


def test_a_closed_case_takes_no_measure_and_no_step(client, at_risk, township_staff, district_staff):
    client.force_login(township_staff)
    cleared = at_risk.cleared_case
    response = client.post(case_url(cleared, "add_measure"), {"description": "救助", "start": "2021-03-01",
                                                               "category": "other"})
    assert response.status_code == 400
    assert "只能为监测中的对象添加帮扶措施。" in page_text(response)
    client.force_login(district_staff)
    response = client.post(case_url(cleared, "record_step"), {"step": "clear_county_decision",
                                                               "date": "2021-03-02", "approved": "yes"})
    assert response.status_code == 400
    assert not cleared.measures.exists() and cleared.steps.count() == 2


@pytest.mark.parametrize("name", ["add_measure", "record_step"])
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
    # Session, user, area, permissions (2), the case with its household, members and risks (3), the
    # measures, the steps, the household's cadres, the five kinds of linkable records, the header's area.
    with django_assert_max_num_queries(17):
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
        at_risk.case.steps.create(step="clear_visit" if n == 0 else "clear_appraisal", date=D(2021, 3, 1 + n),
                                  approved=None if n == 0 else False, user=township_staff)
    assert _queries(client, url) == before
