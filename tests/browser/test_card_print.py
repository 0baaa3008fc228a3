"""The household cards print one A4 page per household (Chromium's own PDF printer)."""

import pytest

from households.models import Household, Village
from tests import factories as f
from tests.reports.test_print import pages

from .conftest import log_in

pytestmark = pytest.mark.browser
A4_PORTRAIT_POINTS = (595, 842)


@pytest.mark.usefixtures("district_admin_account")
def test_a_villages_cards_print_as_one_a4_page_each(page, live_server):
    village = Village.objects.get(name="长宝营子村")
    for n in range(2):
        household = f.household(village, code=f"211302201001-01{n:02d}")
        f.person(household)
    log_in(page, live_server, "district_office")
    page.goto(f"{live_server.url}/villages/{village.pk}/cards/")
    cards = page.locator("article.household-card").count()
    assert cards == Household.objects.registered().filter(village=village).count() >= 2
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    assert pages(pdf) == [A4_PORTRAIT_POINTS] * cards
