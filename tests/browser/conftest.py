"""Browser tests: pytest-playwright driving Debian's Chromium against a live server with the demo data."""

import os
from pathlib import Path

import pytest
from django.core.management import call_command

from households.roles import Role
from tests.conftest import PASSWORD, make_user

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch Debian's Chromium (`playwright install` cannot download browsers here).

    Without it the browser tests are skipped with the reason, except in CI, where they must run.
    """
    if not CHROMIUM.exists():
        reason = f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}: CI must run the browser tests.")
        pytest.skip(reason)
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """A Chinese-speaking browser at an office screen's size that accepts downloads."""
    return {**browser_context_args, "locale": "zh-CN", "viewport": {"width": 1366, "height": 768},
            "accept_downloads": True}


@pytest.fixture
def demo(transactional_db):
    """The areas and demo households of `make run`, committed so the live server sees them."""
    call_command("loaddata", "areas", "demo", verbosity=0)


@pytest.fixture
def district_admin_account(demo):
    return make_user("district_office", superuser=True, profile=False)


@pytest.fixture
def district_staff_account(demo):
    """District staff: the whole district, ID and phone numbers masked."""
    return make_user("district_clerk", role=Role.DISTRICT_STAFF, is_staff=True)


def log_in(page, live_server, username):
    """Log in through the login page and wait for the page it leads to."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()
