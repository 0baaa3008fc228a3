"""Item 14 of issue #12: 400, 403, 404, 500 and CSRF failures answer a Chinese page inside the site's
layout, with a way back, and never Django's English default pages."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

LAYOUT = 'class="site-header"'
HOME_LINK = 'href="/"'


def assert_error_page(response, status, heading):
    page = response.content.decode()
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    assert '<html lang="zh-hans">' in page
    assert LAYOUT in page, "the error page is drawn inside the site's layout"
    assert heading in page
    assert "返回首页" in page and HOME_LINK in page
    for english in ("Not Found", "Bad Request", "Forbidden", "Server Error", "CSRF verification failed"):
        assert english not in page
    return page


def test_404_is_chinese_inside_the_layout_with_the_navigation(client, village_staff):
    client.force_login(village_staff)
    page = assert_error_page(client.get("/households/999999/"), 404, "页面不存在")
    assert 'class="site-nav"' in page, "a signed-in user keeps the navigation on the error page"


def test_404_offers_the_page_the_visitor_came_from(client, village_staff):
    client.force_login(village_staff)
    page = assert_error_page(client.get("/households/999999/", HTTP_REFERER="http://testserver/people/"),
                             404, "页面不存在")
    assert 'href="http://testserver/people/"' in page and "返回上一页" in page


def test_a_foreign_referer_is_not_offered_as_the_way_back(client, village_staff):
    client.force_login(village_staff)
    page = assert_error_page(client.get("/households/999999/", HTTP_REFERER="http://evil.example/"), 404, "页面不存在")
    assert "evil.example" not in page


def test_403_for_a_read_only_account_is_chinese(client, leader):
    client.force_login(leader)
    assert_error_page(client.get("/admin/households/household/add/"), 403, "没有权限")


def test_400_for_a_forbidden_admin_lookup_is_chinese(client, admin_user):
    client.force_login(admin_user)
    assert_error_page(client.get("/admin/households/household/?members__name__startswith=x"), 400, "请求无法处理")


def test_400_for_an_unknown_host_is_chinese(client):
    assert_error_page(client.get("/accounts/login/", HTTP_HOST="evil.example"), 400, "请求无法处理")


def test_csrf_failure_is_chinese(db, village_staff):
    client = Client(enforce_csrf_checks=True)
    client.force_login(village_staff)
    assert_error_page(client.post("/accounts/logout/"), 403, "表单已过期")


@pytest.mark.urls("tests.security.error_urls")
def test_500_is_chinese_and_shows_nothing_of_the_failure(db, village_staff):
    client = Client(raise_request_exception=False)
    client.force_login(village_staff)
    page = assert_error_page(client.get("/boom/"), 500, "服务器出错")
    assert "RuntimeError" not in page and "a failure the page must not show" not in page


def test_an_anonymous_visitor_gets_the_layout_without_the_staff_navigation(client, db):
    response = client.get("/no-such-page/")
    page = assert_error_page(response, 404, "页面不存在")
    assert 'class="site-nav"' not in page
