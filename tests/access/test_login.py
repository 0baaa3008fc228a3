"""Login hardening: lockout after 5 failures for 15 minutes, the audit log, idle sessions, logout."""

import datetime
import logging

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from households.audit import LAST_ACTIVITY
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"


def attempt(client, username, password, ip="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def fail(client, username, times, ip="10.0.0.1"):
    """Fail `times` logins; the fifth failure is answered with the lockout page."""
    for n in range(1, times + 1):
        assert attempt(client, username, "wrong-password", ip).status_code == (429 if n >= 5 else 200)


def test_right_password_logs_in(client, village_staff):
    response = attempt(client, "village_staff", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/"


def test_four_failures_do_not_lock(client, village_staff):
    fail(client, "village_staff", 4)
    assert attempt(client, "village_staff", PASSWORD).status_code == 302


def test_five_failures_lock_the_account_with_a_chinese_page(client, village_staff):
    fail(client, "village_staff", 5)
    locked = attempt(client, "village_staff", PASSWORD)
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "账号已锁定" in page and "密码已连续输错 5 次" in page and "15 分钟内不能登录" in page
    assert "_auth_user_id" not in client.session


# Locking by account and address together, and per address (issue #12): tests/security/test_lockout.py.


def test_the_admin_login_is_locked_too(client, village_staff):
    for _ in range(5):
        client.post(reverse("admin:login"), {"username": "village_staff", "password": "nope"})
    assert client.post(reverse("admin:login"), {"username": "village_staff", "password": PASSWORD}).status_code == 429


def test_the_lock_ends_after_15_minutes(client, village_staff):
    fail(client, "village_staff", 5)
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=14))
    assert attempt(client, "village_staff", PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    assert attempt(client, "village_staff", PASSWORD).status_code == 302


def test_a_successful_login_clears_the_failures(client, village_staff):
    fail(client, "village_staff", 4)
    assert attempt(client, "village_staff", PASSWORD).status_code == 302
    client.logout()
    fail(client, "village_staff", 4)
    assert attempt(client, "village_staff", PASSWORD).status_code == 302


def audit_lines(caplog):
    return [record.getMessage() for record in caplog.records if record.name == "shuangta.audit"]


def test_logins_failures_and_lockouts_are_audited_without_secrets(client, village_staff, caplog):
    caplog.set_level(logging.INFO, logger="shuangta.audit")
    attempt(client, "village_staff", PASSWORD)
    client.post(reverse("logout"), REMOTE_ADDR="10.0.0.1")
    fail(client, "village_staff", 5)
    attempt(client, "village_staff", PASSWORD)
    lines = audit_lines(caplog)
    assert lines[0] == f"action=login outcome=success user_id={village_staff.pk} username=village_staff ip=10.0.0.1"
    assert lines[1] == f"action=logout outcome=success user_id={village_staff.pk} username=village_staff ip=10.0.0.1"
    failure = "action=login outcome=failure username=village_staff ip=10.0.0.1"
    lockout = "action=lockout outcome=locked username=village_staff ip=10.0.0.1"
    assert lines[2:6] == [failure] * 4
    assert sorted(lines[6:8]) == [lockout, failure]  # the fifth failure locks
    text = "\n".join(lines) + caplog.text
    assert "wrong-password" not in text and PASSWORD not in text
    times = [record.created for record in caplog.records if record.name == "shuangta.audit"]
    assert times == sorted(times)  # each line carries its time (the formatter prints it)


def test_audit_never_writes_identifiers_it_is_handed(caplog):
    from households.audit import audit

    caplog.set_level(logging.INFO, logger="shuangta.audit")
    audit("export", username="clerk", rows=12, id_number="211302197403150013", phone="13904211234")
    assert audit_lines(caplog) == [
        "action=export outcome=success username=clerk rows=12 id_number=[redacted] phone=[redacted]"]


def session_row(client):
    return Session.objects.get(session_key=client.session.session_key)


def test_session_ends_after_30_minutes_without_a_request(client, village_staff):
    client.force_login(village_staff)
    row = session_row(client)
    assert abs((row.expire_date - timezone.now()) - datetime.timedelta(minutes=30)) < datetime.timedelta(seconds=5)
    assert client.get(reverse("admin:index")).status_code == 200
    Session.objects.filter(pk=row.pk).update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_activity_keeps_the_session_alive(client, village_staff):
    client.force_login(village_staff)
    Session.objects.filter(pk=session_row(client).pk).update(
        expire_date=timezone.now() + datetime.timedelta(minutes=5))
    session = client.session
    session[LAST_ACTIVITY] -= 25 * 60  # the last request was 25 minutes ago
    session.save()
    Session.objects.filter(pk=session.session_key).update(expire_date=timezone.now() + datetime.timedelta(minutes=5))
    assert client.get(reverse("admin:index")).status_code == 200
    left = session_row(client).expire_date - timezone.now()
    assert datetime.timedelta(minutes=29) < left <= datetime.timedelta(minutes=30)


def test_requests_within_a_minute_do_not_rewrite_the_session(client, village_staff):
    client.force_login(village_staff)
    before = session_row(client).expire_date
    client.get(reverse("admin:index"))
    assert session_row(client).expire_date == before


def test_logout_ends_the_session_on_the_server(client, village_staff):
    client.force_login(village_staff)
    key = client.session.session_key
    assert client.post(reverse("logout")).status_code == 302
    assert not Session.objects.filter(session_key=key).exists()
    client.cookies["sessionid"] = key  # a copied cookie is worth nothing now
    assert client.get(reverse("admin:index")).status_code == 302


@pytest.mark.parametrize(
    ("password", "message"),
    [("shuang2020", None), ("sh2020abc", "密码太短：至少需要 10 个字符。"),
     ("1234567890", "这个密码太常见了。")],
)
def test_passwords_need_ten_characters(password, message):
    if message is None:
        validate_password(password)
        return
    with pytest.raises(ValidationError) as raised:
        validate_password(password)
    assert message in raised.value.messages
