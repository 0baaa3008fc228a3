"""Item 10 of issue #12: one clerk's typos do not lock the office. Failures are counted per username and
address together (5), with a much looser limit per address (AXES_ADDRESS_FAILURE_LIMIT) against password
spraying; the address comes from X-Forwarded-For only through TRUSTED_PROXY_COUNT trusted proxies."""

import logging

import pytest
from django.conf import settings
from django.test import override_settings

from households.client_ip import client_ip
from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"
OFFICE = "10.1.1.1"
PROXY = "10.0.0.2"


def attempt(client, username, password, **meta):
    meta.setdefault("REMOTE_ADDR", OFFICE)
    return client.post(LOGIN, {"username": username, "password": password}, **meta)


def fail(client, username, times, **meta):
    return [attempt(client, username, "wrong-password", **meta).status_code for _ in range(times)]


@pytest.fixture
def office(areas):
    """Two clerks of one township office, behind the same address."""
    return make_user("clerk_a", township=areas.township_a), make_user("clerk_b", township=areas.township_a)


def test_one_clerks_typos_do_not_lock_another_clerk_at_the_same_address(office, client):
    assert fail(client, "clerk_a", 5) == [200, 200, 200, 200, 429]
    assert attempt(client, "clerk_b", PASSWORD).status_code == 302


def test_the_clerk_who_typed_wrongly_is_locked_even_with_the_right_password(office, client):
    fail(client, "clerk_a", 5)
    locked = attempt(client, "clerk_a", PASSWORD)
    assert locked.status_code == 429 and "密码已连续输错 5 次" in locked.content.decode()


def test_spraying_one_address_with_many_usernames_locks_the_address(office, client):
    limit = settings.AXES_ADDRESS_FAILURE_LIMIT
    for n in range(limit - 1):
        assert fail(client, f"guess{n}", 1) == [200]
    assert attempt(client, "clerk_b", PASSWORD).status_code == 302, "below the address limit"
    client.logout()
    assert fail(client, "guess-last", 1) == [429]
    locked = attempt(client, "clerk_b", PASSWORD)
    assert locked.status_code == 429 and "此网络地址" in locked.content.decode()
    assert attempt(client, "clerk_b", PASSWORD, REMOTE_ADDR="10.9.9.9").status_code == 302


def test_a_successful_login_clears_only_its_own_failures(office, client):
    fail(client, "clerk_a", 4)
    fail(client, "clerk_b", 4)
    assert attempt(client, "clerk_b", PASSWORD).status_code == 302
    client.logout()
    assert fail(client, "clerk_a", 1) == [429], "clerk_a's four failures still count"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_clerks_are_told_apart_by_forwarded_address(office, client):
    behind = {"REMOTE_ADDR": PROXY}
    assert fail(client, "clerk_a", 5, HTTP_X_FORWARDED_FOR="192.168.5.10", **behind)[-1] == 429
    assert attempt(client, "clerk_a", PASSWORD, HTTP_X_FORWARDED_FOR="192.168.5.11", **behind).status_code == 302


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_a_client_cannot_escape_the_lock_by_writing_its_own_forwarded_header(office, client):
    behind = {"REMOTE_ADDR": PROXY}
    fail(client, "clerk_a", 5, HTTP_X_FORWARDED_FOR="192.168.5.10", **behind)
    forged = attempt(client, "clerk_a", PASSWORD, HTTP_X_FORWARDED_FOR="1.2.3.4, 192.168.5.10", **behind)
    assert forged.status_code == 429


def test_without_trusted_proxies_the_forwarded_header_is_ignored(office, client):
    fail(client, "clerk_a", 5, HTTP_X_FORWARDED_FOR="1.1.1.1")
    assert attempt(client, "clerk_a", PASSWORD, HTTP_X_FORWARDED_FOR="2.2.2.2").status_code == 429


@pytest.mark.parametrize(
    ("count", "remote", "forwarded", "expected"),
    [
        (0, "10.0.0.2", "1.1.1.1", "10.0.0.2"),  # no trusted proxy: the header is the client's word
        (1, "10.0.0.2", "1.1.1.1", "1.1.1.1"),
        (1, "10.0.0.2", "6.6.6.6, 1.1.1.1", "1.1.1.1"),  # the left part was written by the client
        (2, "10.0.0.3", "6.6.6.6, 1.1.1.1, 10.0.0.2", "1.1.1.1"),
        (2, "10.0.0.3", "10.0.0.2", "10.0.0.3"),  # fewer entries than proxies: not through them all
        (1, "10.0.0.2", "not-an-address", "10.0.0.2"),
        (1, "10.0.0.2", "", "10.0.0.2"),
        (1, "10.0.0.2", "2001:db8::1", "2001:db8::1"),
    ],
)
def test_the_client_address(count, remote, forwarded, expected, rf):
    request = rf.get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    with override_settings(TRUSTED_PROXY_COUNT=count):
        assert client_ip(request) == expected


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_the_audit_log_names_the_forwarded_address(office, client, caplog):
    with caplog.at_level(logging.INFO, logger="shuangta.audit"):
        attempt(client, "clerk_a", "wrong-password", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="192.168.5.10")
    assert "ip=192.168.5.10" in caplog.text and f"ip={PROXY}" not in caplog.text
