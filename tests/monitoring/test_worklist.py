"""The worklist on the demo as of 2026-11-30: every line's count equals its list, for the district, a
township and a village; the district sees it per township; each row says what to do."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from households.models import Township, Village
from households.roles import Role
from households.scope import Scope
from monitoring.worklist import ITEMS
from tests.conftest import make_user

from .conftest import page_text

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 30)
WORKLIST = reverse("monitoring:worklist")


@pytest.fixture
def demo(db):
    call_command("loaddata", "areas", "demo", verbosity=0)
    township = Township.objects.get(name="长宝营子乡")
    village = Village.objects.get(name="长宝营子村")
    return {
        "district": make_user("district_clerk", role=Role.DISTRICT_STAFF, is_staff=True),
        "township": make_user("township_clerk", township=township, role=Role.TOWNSHIP_STAFF),
        "village": make_user("village_clerk", township=township, village=village, role=Role.VILLAGE_STAFF),
    }


def lines(response):
    return {line["item"].key: line for line in response.context["lines"]}


def list_total(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.context["page_obj"].paginator.count


@pytest.mark.parametrize("level", ["district", "township", "village"])
def test_every_count_equals_its_list(client, demo, level):
    user = demo[level]
    client.force_login(user)
    response = client.get(WORKLIST, {"as_of": TODAY.isoformat()})
    assert response.status_code == 200
    shown = lines(response)
    assert set(shown) == set(ITEMS)
    scope = Scope.for_user(user, TODAY)
    for key, line in shown.items():
        assert line["count"] == ITEMS[key].count(user, scope) == list_total(client, line["url"]), (level, key)
        for cell in line.get("cells", []):
            assert cell["count"] == list_total(client, cell["url"]), (level, key, cell["url"])
        if line.get("cells"):
            assert sum(cell["count"] for cell in line["cells"]) == line["count"]


def test_the_demo_village_has_something_on_every_line_but_one(client, demo):
    client.force_login(demo["village"])
    counts = {key: line["count"] for key, line in lines(client.get(WORKLIST, {"as_of": TODAY.isoformat()})).items()}
    assert counts == {"overdue_identification": 1, "notice_due": 1, "no_measure": 1, "measures_ending": 1,
                      "cleared_early": 0, "unmonitored_low_income": 1, "jobless_capable": 1}
    client.force_login(demo["township"])
    township = lines(client.get(WORKLIST, {"as_of": TODAY.isoformat()}))
    assert township["cleared_early"]["count"] == 1  # 刘治清 of 骆驼山子村


def test_the_district_sees_the_worklist_per_township(client, demo):
    client.force_login(demo["district"])
    response = client.get(WORKLIST, {"as_of": TODAY.isoformat()})
    assert [area.name for area in response.context["areas"]] == list(
        Township.objects.order_by("code").values_list("name", flat=True))
    page = page_text(response)
    assert "双塔区工作台" in page and "识别超时未审定" in page


def test_each_row_carries_its_action(client, demo):
    client.force_login(demo["village"])
    rows = {}
    for key in ITEMS:
        rows[key] = page_text(client.get(reverse("monitoring:worklist_list", args=[key]), {"as_of": TODAY}))
    overdue = rows["overdue_identification"]
    assert "211302201001-0002" in overdue and "登记识别下一环节" in overdue
    assert "登记乡镇审核" in rows["notice_due"]
    assert "张国强" in rows["no_measure"] and "#measures" in rows["no_measure"]
    assert "大病医疗救助" in rows["measures_ending"] and "续接或新增帮扶措施" in rows["measures_ending"]
    assert 'action="/monitoring/screening/' in rows["unmonitored_low_income"] and "纳入监测" in rows[
        "unmonitored_low_income"]
    assert "张国强" in rows["jobless_capable"] and "登记就业" in rows["jobless_capable"]
    for html in rows.values():
        assert not re.search(r"\d{17}[\dX]", html)  # never a whole ID number


def test_township_and_village_accounts_see_their_worklist_first_on_the_dashboard(client, demo):
    for level, first in (("village", True), ("township", True), ("district", False)):
        client.force_login(demo[level])
        page = page_text(client.get("/", {"as_of": TODAY.isoformat()}))
        assert ('class="totals worklist-banner' in page) is first, level
        if first:
            assert page.index("worklist-banner") < page.index('class="figures"')


def test_an_unknown_line_or_an_area_outside_is_not_found(client, demo):
    client.force_login(demo["village"])
    assert client.get(reverse("monitoring:worklist_list", args=["everything"])).status_code == 404
    other = Township.objects.get(name="孙家湾镇")
    assert client.get(WORKLIST, {"township": other.pk}).status_code == 404
    response = client.get(WORKLIST, {"as_of": "2026-13-01"})
    assert response.status_code == 400 and "统计日期" in page_text(response)


def test_the_worklist_pages_query_counts_are_pinned(client, demo, django_assert_max_num_queries):
    client.force_login(demo["district"])
    # Session, user, area, permissions (2), the townships, one grouped count per line (7), the area
    # picker (townships), the header's area name.
    with django_assert_max_num_queries(15):
        client.get(WORKLIST, {"as_of": TODAY.isoformat()})
    # ... and a list: session, user, area, permissions (2), count, page, the header's area name.
    with django_assert_max_num_queries(9):
        client.get(reverse("monitoring:worklist_list", args=["measures_ending"]), {"as_of": TODAY.isoformat()})
