"""The dashboard prints on one A4 landscape page (Chromium's own PDF printer)."""

import re

import pytest

from tests import factories as f
from tests.browser.conftest import (  # noqa: F401  (fixtures used by name)
    browser_context_args,
    browser_type_launch_args,
    demo,
    district_admin_account,
    log_in,
)

pytestmark = pytest.mark.browser
A4_LANDSCAPE_POINTS = (842, 595)


def pages(pdf):
    """The page sizes (in points) of a PDF from Chromium."""
    boxes = re.findall(rb"/MediaBox\s*\[([\d.\s]+)\]", pdf)
    return [tuple(round(float(n)) for n in box.decode().split()[2:]) for box in boxes]


def printed(page, live_server, query):
    page.goto(f"{live_server.url}/?{query}")
    return page.pdf(prefer_css_page_size=True, print_background=True)


@pytest.mark.usefixtures("district_admin_account")
def test_the_district_dashboard_prints_on_one_a4_landscape_page(page, live_server):
    log_in(page, live_server, "district_office")
    assert pages(printed(page, live_server, "as_of=2020-10-31")) == [A4_LANDSCAPE_POINTS]


@pytest.mark.usefixtures("district_admin_account")
def test_a_township_with_many_villages_still_prints_on_one_page(page, live_server):
    township = f.township("测试镇", "211302109")
    for n in range(14):
        f.household(f.village(township, f"第{n + 1}村", f"211302109{n + 1:03d}"))
    log_in(page, live_server, "district_office")
    assert pages(printed(page, live_server, f"as_of=2020-10-31&township={township.pk}")) == [A4_LANDSCAPE_POINTS]
