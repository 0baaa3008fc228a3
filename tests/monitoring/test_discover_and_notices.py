"""A household found at risk (the discovery form) and the village's printable public notice."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from monitoring.models import MonitoringCase
from monitoring.services import monitoring_open_case
from tests import factories

from . import builders
from .conftest import page_text

pytestmark = pytest.mark.django_db
D = datetime.date
DISCOVER = reverse("monitoring:discover")
NOTICES = reverse("monitoring:notices")


def form(**overrides):
    data = {"household": "A1-0001", "monitoring_type": "sudden_hardship", "identified_by": "self_report",
            "discovered_on": "2021-03-01", "risk_1": "illness"}
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def household(areas):
    return factories.household(areas.village_a1, code="A1-0001", head="吴发现", exit_year=2019)


def test_a_village_clerk_records_a_household_found_at_risk(client, household, village_staff):
    client.force_login(village_staff)
    assert 'value="A1-0001"' in page_text(client.get(DISCOVER, {"household": "A1-0001"}))
    response = client.post(DISCOVER, form(risk_2="other", risk_2_note="支出骤增", returned_to_poverty="on"))
    case = MonitoringCase.objects.get(household=household)
    assert response.status_code == 302 and response["Location"] == reverse("monitoring:case", args=[case.pk])
    assert (case.status, case.step, case.discovered_on, case.returned_to_poverty) == (
        "identifying", "discovery", D(2021, 3, 1), True)
    assert [(r.risk, r.note) for r in case.risks.all()] == [("illness", ""), ("other", "支出骤增")]


TOMORROW = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
ERRORS = [
    (form(household=""), ["户编号：请填写本辖区内一户的户编号。"]),
    (form(household="B1-0001"), ["户编号：本辖区没有户编号为 B1-0001 的户。"]),
    (form(household="X" * 31), ["户编号：最多 30 个字符。"]),
    (form(monitoring_type=None), ["监测类型：请从列表中选择。"]),
    (form(identified_by="rumour"), ["识别方式：请从列表中选择。"]),
    (form(discovered_on="2021/03/01"), ["发现日期：请按 YYYY-MM-DD 格式填写，例如 2026-11-30。"]),
    (form(discovered_on=None), ["发现日期：请填写日期。"]),
    (form(risk_1=None), ["风险1：请从列表中选择。"]),
    (form(risk_2="illness"), ["风险2：“因病”重复填写。"]),
    (form(risk_2="other"), ["风险2说明：请说明其他风险的具体内容。"]),
    (form(risk_3_note="看病"), ["风险3：请选择说明所对应的风险。"]),
    (form(risk_4="flood"), ["风险4：请从列表中选择。"]),
    (form(risk_1_note="很" * 101), ["风险1说明：最多 100 个字。"]),
    (form(risk_note="很" * 201), ["风险说明：最多 200 个字（现有 201 个）。"]),
    (form(discovered_on=TOMORROW), ["发现日期不能晚于今天。"]),
]


@pytest.mark.parametrize(("data", "messages"), ERRORS)
def test_a_wrong_discovery_is_refused_with_the_message_and_saves_nothing(client, household, village_staff,
                                                                         areas, data, messages):
    factories.household(areas.village_b1, code="B1-0001")
    client.force_login(village_staff)
    response = client.post(DISCOVER, data)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert [message for field in errors.values() for message in field] == messages
    assert not MonitoringCase.objects.exists()


def test_a_second_discovery_of_a_household_under_monitoring_is_refused(client, household, village_staff):
    builders.case(household)
    client.force_login(village_staff)
    response = client.post(DISCOVER, form())
    assert response.status_code == 400 and "该户已在监测中。" in page_text(response)


def test_a_leader_may_not_record_a_discovery(client, household, leader):
    client.force_login(leader)
    assert client.get(DISCOVER).status_code == 403
    assert client.post(DISCOVER, form()).status_code == 403


@pytest.fixture
def on_notice(areas, village_staff, township_staff, district_staff):
    """Two households of 长宝营子村 on the identification notice from 2021-03-05; one of 嘎岔村."""
    users = {"village": village_staff, "township": township_staff, "district": district_staff}
    cases = []
    for code, village, group in (("A1-1", areas.village_a1, "3组"), ("A1-2", areas.village_a1, "1组"),
                                 ("A2-1", areas.village_a2, "2组")):
        household = factories.household(village, code=code, head=f"户主{code}", natural_village=group,
                                        phone="13900000000")
        factories.person(household, health="serious")
        case = monitoring_open_case(household=household, user=township_staff, monitoring_type="sudden_hardship",
                                    identified_by="self_report", risks=["illness", ("other", "住院费用高")],
                                    discovered_on=D(2021, 3, 1))
        if village == areas.village_a1:
            case = builders.walk(case, users, builders.IDENTIFY[:4], D(2021, 3, 2))
        cases.append(case)
    return cases


def test_the_notice_lists_the_villages_households_on_notice_and_nothing_private(client, on_notice, areas,
                                                                                 township_staff):
    client.force_login(township_staff)
    response = client.get(NOTICES, {"village": areas.village_a1.pk, "as_of": "2021-03-06"})
    assert response.status_code == 200
    page = page_text(response)
    assert "长宝营子村防止返贫监测对象识别公示" in page
    assert "公示期自2021-03-05至2021-03-09" in page
    assert page.index("户主A1-2") < page.index("户主A1-1")  # by natural village
    for text in ("1组", "脱贫户", "突发严重困难户", "因病、其他", "长宝营子村村民委员会"):
        assert text in page, text
    id_numbers = [person.id_number for case in on_notice for person in case.household.members.all()]
    for private in ("1390000", "住院费用高", "患有大病", *id_numbers):
        assert private not in page, private
    assert "A2-1" not in page and 'href="/static/css/notice.css"' in page and "style=" not in page


def test_a_notice_of_another_phase_or_day_lists_nobody(client, on_notice, areas, township_staff):
    client.force_login(township_staff)
    assert "本村没有正在公示的农户" in page_text(client.get(NOTICES, {"village": areas.village_a1.pk,
                                                                     "as_of": "2021-03-06", "phase": "clear"}))
    assert "本村没有正在公示的农户" in page_text(client.get(NOTICES, {"village": areas.village_a1.pk,
                                                                     "as_of": "2021-03-04"}))


def test_without_a_village_the_notice_page_offers_the_villages_of_the_area(client, on_notice, areas,
                                                                         township_staff, village_staff):
    client.force_login(township_staff)
    page = page_text(client.get(NOTICES))
    assert "长宝营子村" in page and "嘎岔村" in page and "房中村" not in page
    assert client.get(NOTICES, {"village": areas.village_b1.pk}).status_code == 404
    client.force_login(village_staff)
    assert "长宝营子村防止返贫监测对象识别公示" in page_text(client.get(NOTICES, {"as_of": "2021-03-06"}))
