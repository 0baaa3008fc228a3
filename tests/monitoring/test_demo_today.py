"""`make run` opens on today's date: the demo's dashboard for today shows monitoring at work."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from households.models import Township
from households.roles import Role
from tests.conftest import make_user

from .conftest import page_text

pytestmark = pytest.mark.django_db


def test_the_demo_dashboard_for_today_shows_non_empty_monitoring_figures(client):
    call_command("loaddata", "areas", "demo", verbosity=0)
    client.force_login(make_user("district_clerk", role=Role.DISTRICT_STAFF, is_staff=True))
    response = client.get("/")  # no date: today
    assert response.context["scope"].as_of == timezone.localdate()
    section = response.context["report"]["monitoring"]
    assert section["households"]["count"] >= 4
    assert section["monitoring_measures"]["numerator"] >= 3
    assert sum(figure["numerator"] for figure in section["by_risk"].values()) == section["households"]["count"]
    assert section["returned_to_poverty"]["numerator"] >= 1
    assert sum(line["count"] for line in section["procedure"].values()) >= 5
    assert sum(line["count"] for line in section["overdue"].values()) >= 5
    page = page_text(response)
    assert "各环节监测对象" in page and "工作台" in page and "主要风险" in page
    assert response.context["report"]["indicators"]["income_above_line"]["denominator"] > 0  # incomes of this year


def test_the_demo_township_clerk_lands_on_a_worklist_with_work_to_do(client):
    call_command("loaddata", "areas", "demo", verbosity=0)
    client.force_login(make_user("township_clerk", township=Township.objects.get(name="长宝营子乡"),
                                 role=Role.TOWNSHIP_STAFF))
    page = page_text(client.get("/"))
    assert page.index("worklist-banner") < page.index('class="figures"')
    assert 'class="has-work"' in page
