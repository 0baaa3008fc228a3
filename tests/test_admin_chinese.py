"""The admin in Chinese: django-axes' pages and filters, history values, change reasons, the user list."""

import re

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.urls import reverse

from households.models import Person
from tests import factories

ENGLISH = re.compile(r"\b(Attempt Time|IP Address|User Agent|Path|Failed Logins|Status|Expiration|Locked Out|"
                     r"Logout Time|Access lock out|Get full name|None|Axes)\b")


def headers(html):
    """The column headers and filter titles of an admin changelist."""
    columns = re.findall(r'<th scope="col"[^>]*>.*?<(?:a|span)[^>]*>([^<]*)<', html, re.S)
    filters = re.findall(r"<summary>\s*([^<]*?)\s*</summary>", html)
    return [text.strip() for text in columns + filters if text.strip()]


@pytest.fixture
def lockouts(db):
    AccessAttempt.objects.create(username="someone", ip_address="10.0.0.1", user_agent="x", http_accept="*/*",
                                 path_info="/accounts/login/", get_data="", post_data="", failures_since_start=5)
    AccessLog.objects.create(username="someone", ip_address="10.0.0.1", user_agent="x", http_accept="*/*",
                             path_info="/accounts/login/")
    AccessFailureLog.objects.create(username="someone", ip_address="10.0.0.1", user_agent="x", http_accept="*/*",
                                    path_info="/accounts/login/", locked_out=True)


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        (AccessAttempt, ["尝试时间", "IP 地址", "浏览器标识", "用户名", "路径", "失败次数", "剩余尝试次数"]),
        (AccessLog, ["尝试时间", "退出时间", "IP 地址", "用户名", "浏览器标识", "路径"]),
        (AccessFailureLog, ["尝试时间", "IP 地址", "用户名", "浏览器标识", "路径", "已锁定"]),
    ],
    ids=["attempts", "logs", "failures"],
)
def test_the_lockout_pages_are_in_chinese(lockouts, admin_user, client, model, expected):
    client.force_login(admin_user)
    html = client.get(reverse(f"admin:axes_{model._meta.model_name}_changelist")).content.decode()
    shown = headers(html)
    assert all(name in shown for name in expected), shown
    assert not ENGLISH.search(" ".join(shown)), shown


def test_the_admin_index_names_the_lockout_app_in_chinese(admin_user, client):
    client.force_login(admin_user)
    html = client.get(reverse("admin:index")).content.decode()
    assert "登录锁定" in html and ">Axes<" not in html
    assert "登录尝试" in html and "登录日志" in html


def test_the_attempt_page_says_how_many_tries_are_left(lockouts, admin_user, client):
    AccessAttempt.objects.update(failures_since_start=3)
    client.force_login(admin_user)
    html = client.get(reverse("admin:axes_accessattempt_changelist")).content.decode()
    assert "2 次尝试机会剩余" in html


def test_history_shows_choice_labels_and_no_none_reason(areas, admin_user, client):
    household = factories.household(areas.village_a1)
    person = factories.person(household, health="disabled")
    person.health = "serious"
    person.medical_insurance = True
    person.save()
    client.force_login(admin_user)
    html = client.get(reverse("admin:households_person_history", args=[person.pk])).content.decode()
    changes = re.sub(r"\s+", " ", html)
    assert "健康状况:</strong> 残疾 &nbsp;&rarr;&nbsp;&nbsp;患有大病" in changes
    assert "参加基本医疗保险:</strong> 否 &nbsp;&rarr;&nbsp;&nbsp;是" in changes
    assert "disabled" not in changes and "serious" not in changes
    assert not re.search(r"<td>\s*None\s*</td>", html)


def test_history_masks_identifiers_for_those_who_may_not_see_them(areas, village_staff, client):
    household = factories.household(areas.village_a1)
    person = Person.objects.get(household=household)
    person.phone = "13812345678"
    person.save()
    client.force_login(village_staff)
    html = client.get(reverse("admin:households_person_history", args=[person.pk])).content.decode()
    assert "13812345678" not in html and "138****5678" in html


def test_the_user_list_columns_are_in_chinese(admin_user, client):
    client.force_login(admin_user)
    html = client.get(reverse("admin:auth_user_changelist")).content.decode()
    shown = headers(html)
    assert "姓名" in shown and "Get full name" not in html
