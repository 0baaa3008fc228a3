"""Menus offer only what the account can use: a read-only leader is not offered 导入导出 (it would answer 403)."""

import re

import pytest
from django.urls import reverse

ROLES = ("admin_user", "district_admin", "district_staff", "township_staff", "village_staff", "leader")


def menu(client):
    html = client.get(reverse("register:households")).content.decode()
    nav = html.split('class="site-nav"')[1].split("</nav>")[0]
    return re.findall(r'<a href="([^"]+)"', nav)


@pytest.mark.parametrize("role", ROLES)
def test_every_menu_entry_opens_for_the_account(role, request, client):
    user = request.getfixturevalue(role)
    client.force_login(user)
    for url in menu(client):
        assert client.get(url).status_code == 200, (role, url)


@pytest.mark.parametrize(("role", "offered"), [("village_staff", True), ("leader", False)])
def test_import_and_export_is_offered_only_to_those_who_may_import(role, offered, request, client):
    client.force_login(request.getfixturevalue(role))
    assert (reverse("workbook:index") in menu(client)) is offered
