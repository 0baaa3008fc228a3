"""The household file: everything recorded about one household, on one page, within its area."""

import datetime

import pytest
from django.urls import reverse

from households.roles import Role
from tests import factories
from tests.conftest import make_user


def file_url(household):
    return reverse("register:household", args=[household.pk])


def test_the_file_shows_everything_the_district_records(client, world, township_staff):
    client.force_login(township_staff)
    response = client.get(file_url(world.paired))
    page = response.content.decode()
    spouse_id = world.spouse.id_number
    for text in [
        "A-PAIRED", "长宝营子乡", "长宝营子村", "低保贫困户", "因病", "2019年脱贫",
        # members: labor capacity, health, school, insurance, current job
        "李运吉", "王秀英", "户主", "丧失劳动力", "长期慢性病", "非在校生", "朝阳凌凌水泥有限公司",
        spouse_id[:6] + "********" + spouse_id[-4:],
        # placements, pairing with cadre, unit and assistance, projects, income against the line
        "2800.00", "王楷茗", "区扶贫办", "米面油", "养羊", "12000.00", "光伏扶贫电站",
        "10000.00", "4000", "达标",
        # the latest assessment
        "2020-06-01", "五项全部达标",
    ]:
        assert text in page, text
    assert spouse_id not in page


def test_the_file_sets_net_income_per_member_against_that_years_line(client, world, admin_user):
    factories.poverty_line(2019, 3700)
    factories.income(world.plain, 2019, wages=8000)  # 2 current members: 4,000 ≥ 3,700
    client.force_login(admin_user)
    rows = client.get(file_url(world.plain)).context["file"].income
    assert [(row.record.year, row.per_member, row.line, row.meets_line) for row in rows] == [
        (2020, 2250, 4000, False), (2019, 4000, 3700, True),
    ]


def test_the_file_shows_the_latest_assessment_only(client, world, admin_user):
    factories.assessment(world.paired, datetime.date(2020, 9, 1), housing=False)
    client.force_login(admin_user)
    response = client.get(file_url(world.paired))
    assert response.context["file"].latest_assessment.date == datetime.date(2020, 9, 1)
    assert "未全部达标" in response.content.decode()


def test_a_household_with_nothing_recorded_says_what_to_do(client, areas, admin_user):
    household = factories.household(areas.village_a1, code="EMPTY", head=None)
    client.force_login(admin_user)
    page = client.get(file_url(household)).content.decode()
    for text in ["尚未登记家庭成员", "暂无就业安置记录", "尚未落实帮扶责任人", "暂无到户项目", "暂无收入记录",
                 "尚未评估"]:
        assert text in page, text


def test_users_who_may_edit_see_links_to_the_admin(client, world, admin_user):
    client.force_login(admin_user)
    page = client.get(file_url(world.paired)).content.decode()
    # A member's details are changed on the site's own page (casework), the rest in the admin.
    assert reverse("casework:member_edit", args=[world.paired.pk, world.spouse.pk]) in page
    for name, pk in [
        ("households/household", world.paired.pk),
        ("projects/employmentplacement", world.job.pk), ("projects/pairing", world.pairing.pk),
        ("households/incomerecord", world.paired.income_records.get().pk),
    ]:
        assert f"/admin/{name}/{pk}/change/" in page, name


def test_a_read_only_leader_sees_no_edit_links(client, world, leader):
    client.force_login(leader)
    response = client.get(file_url(world.paired))
    assert response.status_code == 200
    assert "/change/" not in response.content.decode()


def test_the_history_names_the_fields_changed_and_never_their_values(client, world, admin_user):
    world.paired.category = "general"
    world.paired.save()
    world.spouse.phone = "13912345678"
    world.spouse.save()
    client.force_login(admin_user)
    response = client.get(file_url(world.paired))
    changes = response.context["file"].history
    assert (changes[0].record, changes[0].kind, changes[0].fields) == ("王秀英", "修改", ("联系电话",))
    assert (changes[1].record, changes[1].kind, changes[1].fields) == ("本户信息", "修改", ("贫困户属性",))
    history = response.content.decode().split("修改记录")[1]
    assert "13912345678" not in history and world.spouse.id_number not in history


@pytest.mark.parametrize("persona", ["township_staff", "village_staff"])
def test_a_household_outside_the_area_is_not_found(client, world, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(file_url(world.other)).status_code == 404


def test_an_account_without_an_area_finds_no_household(client, world, outsider):
    client.force_login(outsider)
    assert client.get(file_url(world.paired)).status_code == 404


def test_the_file_requires_login(client, world):
    response = client.get(file_url(world.paired))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_file_cannot_be_posted_to(client, world, admin_user):
    client.force_login(admin_user)
    assert client.post(file_url(world.paired)).status_code == 405


def test_an_account_without_the_view_permission_is_refused(client, world, areas):
    user = make_user("no_rights", township=areas.township_a, role=Role.TOWNSHIP_STAFF)
    user.groups.clear()
    client.force_login(user)
    assert client.get(file_url(world.paired)).status_code == 403
