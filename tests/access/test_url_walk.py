"""Every URL of the project, admin included, sends an anonymous visitor to the login page.

The URLs come from the URLconf, so pages added later are walked without editing this test.
"""

from urllib.parse import urlparse

import pytest

from .urlwalk import resolves, walk

# The only URL patterns open without logging in, each with the reason. Static files are not URL
# patterns (WhiteNoise serves them before any view) and are open too: the CSS and scripts of the site.
ALLOWED_ANONYMOUS = {
    "login": "the login page itself",
    "admin:login": "the admin's own login page (same accounts, same lockout)",
}

URLS = sorted(set(walk()), key=lambda row: (row[1], row[0]))
WALKED = [row for row in URLS if row[0] not in ALLOWED_ANONYMOUS]
LOGIN_PATHS = {"/accounts/login/", "/admin/login/"}


def test_the_walk_finds_the_admin_and_the_staff_pages():
    names = {name for name, _url, _pattern in URLS}
    assert {"login", "logout", "set_language", "admin:index", "admin:households_household_change",
            "admin:households_household_history", "admin:households_household_simple_history",
            "admin:autocomplete", "admin:auth_user_password_change"} <= names
    assert len(URLS) > 100


@pytest.mark.parametrize(("name", "url", "pattern"), WALKED, ids=[f"{n} {u}" for n, u, _p in WALKED])
def test_anonymous_visitor_is_sent_to_the_login_page(name, url, pattern, client, db):
    assert resolves(url), f"sample URL {url} of {name} reaches no view: add a sample to urlwalk.SAMPLES"
    for method in (client.get, client.post):
        response = method(url)
        assert response.status_code == 302, f"{method.__name__.upper()} {url} answered {response.status_code}"
        assert urlparse(response["Location"]).path in LOGIN_PATHS, response["Location"]


@pytest.mark.parametrize("name", sorted(ALLOWED_ANONYMOUS))
def test_each_allowed_page_is_a_login_form(name, client, db):
    url = next(url for n, url, _p in URLS if n == name)
    response = client.get(url)
    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()


def test_static_files_are_served_without_login(client, db):
    response = client.get("/static/css/site.css")
    assert response.status_code == 200
