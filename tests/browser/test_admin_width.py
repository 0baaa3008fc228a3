"""The admin's household page, with its member table, fits an office screen of 1366 pixels."""

import pytest

from households.models import Household

from .conftest import log_in

pytestmark = pytest.mark.browser


@pytest.mark.usefixtures("district_admin_account")
def test_the_household_page_with_its_members_fits_1366_pixels(page, live_server):
    household = Household.objects.get(members__name="李运吉")
    page.set_viewport_size({"width": 1366, "height": 768})
    log_in(page, live_server, "district_office")
    page.goto(f"{live_server.url}/admin/households/household/{household.pk}/change/")
    assert page.locator("#members-group").is_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    members = page.evaluate("document.querySelector('#members-group').scrollWidth - "
                            "document.querySelector('#members-group').clientWidth")
    assert overflow <= 0 and members <= 0, (overflow, members)
