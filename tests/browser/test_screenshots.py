"""Screenshots of the dashboard, the trend, a list, a household file, a recording page and a card, from the demo.

`SCREENSHOTS_DIR=docs/screenshots .venv/bin/pytest tests/browser/test_screenshots.py` refreshes the
pictures the README shows; without it they go to a temporary folder and are only checked.
"""

import datetime
import os
from pathlib import Path

import pytest

from households.models import Household

from .conftest import log_in

pytestmark = pytest.mark.browser

AS_OF = datetime.date(2020, 10, 31)
PNG = b"\x89PNG\r\n\x1a\n"


def test_screenshots_of_the_pages_the_readme_shows(page, live_server, district_staff_account, tmp_path):
    folder = Path(os.environ.get("SCREENSHOTS_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    household = Household.objects.get(members__name="李运吉")
    shots = {
        "dashboard.png": (f"/?as_of={AS_OF}", 1366),
        "households.png": (f"/households/?indicator=industry_benefit&part=gap&as_of={AS_OF}", 1366),
        "household-file.png": (f"/households/{household.pk}/", 1366),
        "households-phone.png": ("/people/?labor_capable=yes", 390),
        "trend.png": (f"/reports/trend/?as_of={AS_OF}&months=24", 1366),
        "placement-form.png": (f"/households/{household.pk}/placements/new/", 1366),
        "card.png": (f"/households/{household.pk}/card/", 1366),
    }
    log_in(page, live_server, district_staff_account.username)
    for name, (path, width) in shots.items():
        page.set_viewport_size({"width": width, "height": 768 if width > 600 else 844})
        page.goto(live_server.url + path)
        page.screenshot(path=folder / name, full_page=True)
        assert (folder / name).read_bytes().startswith(PNG), name
