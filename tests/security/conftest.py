"""Fixtures of the security suite: the district of tests/access (a family in each village) and helpers."""

import pytest
from django.test import Client

from tests.access.conftest import family, world  # noqa: F401  (the same district as the access tests)


@pytest.fixture
def browser_for():
    """A signed-in test client for a user: browser_for(user)."""

    def make(user):
        browser = Client()
        browser.force_login(user)
        return browser

    return make
