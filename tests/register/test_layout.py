"""The shared layout, the login and logout pages, and the access rules every staff page follows."""

import re

import pytest
from django.urls import reverse

from tests.conftest import PASSWORD

PAGES = [
    "register:households", "register:people", "register:placements", "register:pairings",
    "register:assistance", "register:household_projects", "register:industry_projects",
]


def test_the_login_page_is_in_chinese(client):
    page = client.get(reverse("login")).content.decode()
    assert "登录" in page and "用户名" in page and "密码" in page


def test_logging_in_and_out_through_the_pages(client, township_staff):
    response = client.post(reverse("login"), {"username": "township_staff", "password": PASSWORD}, follow=True)
    assert response.context["user"].is_authenticated
    response = client.post(reverse("logout"), follow=True)
    assert not response.context["user"].is_authenticated
    assert response.redirect_chain[-1][0] == reverse("login")
    assert "您已退出登录。如需继续，请重新登录。" in response.content.decode()


@pytest.mark.parametrize("name", PAGES)
def test_every_list_requires_login(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", PAGES)
def test_every_list_answers_an_account_without_an_area_with_not_found(client, outsider, name):
    client.force_login(outsider)
    assert client.get(reverse(name)).status_code == 404


@pytest.mark.parametrize("name", PAGES)
def test_every_list_refuses_writes(client, admin_user, name):
    client.force_login(admin_user)
    assert client.post(reverse(name)).status_code == 405


def test_the_layout_names_the_system_the_user_and_the_area(client, township_staff):
    township_staff.first_name = "立新"
    township_staff.last_name = "张"
    township_staff.save()
    client.force_login(township_staff)
    page = client.get(reverse("register:households")).content.decode()
    assert "双塔区建档立卡贫困户管理系统" in page
    assert "张立新" in page or "立新 张" in page
    assert "长宝营子乡" in page


@pytest.mark.parametrize(
    "label",
    ["首页/统计", "贫困户", "贫困人口", "就业", "结对帮扶", "到户项目", "产业项目", "导入导出"],
)
def test_the_navigation_lists_every_part(client, township_staff, label):
    client.force_login(township_staff)
    nav = client.get(reverse("register:households")).content.decode().split('class="site-nav"')[1].split("</nav>")[0]
    assert f">{label}</a>" in nav


def test_the_navigation_marks_the_current_part(client, township_staff):
    client.force_login(township_staff)
    page = client.get(reverse("register:people")).content.decode()
    assert f'href="{reverse("register:people")}" aria-current="page">贫困人口' in page


def test_the_administration_link_is_for_administrators_only(client, admin_user, leader, areas):
    from tests.conftest import make_user

    client.force_login(admin_user)
    assert 'href="/admin/"' in client.get(reverse("register:households")).content.decode()
    plain = make_user("plain_leader", is_staff=False)
    client.force_login(plain)
    assert 'href="/admin/"' not in client.get(reverse("register:households")).content.decode()


def test_lists_show_breadcrumbs(client, admin_user):
    client.force_login(admin_user)
    page = client.get(reverse("register:assistance")).content.decode()
    crumbs = page.split('class="breadcrumbs"')[1].split("</nav>")[0]
    assert "首页" in crumbs and "结对帮扶" in crumbs and "帮扶记录" in crumbs


def test_pages_carry_no_inline_script_style_or_handler(client, world, admin_user):
    client.force_login(admin_user)
    for url in [reverse(name) for name in PAGES] + [reverse("register:household", args=[world.paired.pk])]:
        page = client.get(url).content.decode()
        # Scripts only as files (<script src=…>), never inline.
        assert not re.search(r"<script(?![^>]*\bsrc=)", page) and "style=" not in page and " onclick=" not in page, url
        assert "http://" not in page and "https://" not in page, url
