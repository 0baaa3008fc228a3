"""The `monitoring` section of the one report: dashboard, coverage JSON and the `coverage` command."""

import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from households.scope import DistrictReader, Scope
from monitoring.figures import monitoring_section

from .conftest import AS_OF, page_text

pytestmark = pytest.mark.django_db


def test_the_json_carries_the_monitoring_section_of_the_users_area(client, at_risk, township_staff):
    client.force_login(township_staff)
    report = client.get(reverse("reports:coverage_json"), {"as_of": AS_OF.isoformat()}).json()
    section = report["monitoring"]
    assert section == json.loads(json.dumps(monitoring_section(township_staff, Scope.for_user(township_staff, AS_OF))))
    assert section["households"] == {"label": "监测户", "count": 1}  # A-WATCHED; B-LOW is township B's
    assert section["by_type"]["unstable"]["numerator"] == 1
    assert section["by_found"]["screening"]["numerator"] == 1
    assert section["monitoring_measures"] == {
        "label": "帮扶措施落实率", "numerator": 1, "denominator": 1, "gap": 0, "rate": 1.0}
    assert section["monitoring_cleared"]["numerator"] == 1 and section["median_days_to_clear"] == 55


def test_the_dashboard_shows_how_many_are_watched_and_how_many_have_help_in_hand(client, at_risk, admin_user):
    client.force_login(admin_user)
    response = client.get("/", {"as_of": AS_OF.isoformat()})
    html = page_text(response)
    assert "防返贫监测" in html
    monitoring = response.context["report"]["monitoring"]
    assert monitoring["households"]["count"] == 2
    assert monitoring["monitoring_measures"]["rate"] == 0.5
    assert '<rect class="bar-fill" x="0" y="0" width="50.0" height="6">' in html
    assert "/monitoring/?as_of=2021-03-31&amp;indicator=monitoring_measures&amp;part=gap" in html
    assert "style=" not in html and "<script" not in html


def test_the_dashboard_of_a_township_counts_only_its_cases(client, at_risk, township_staff):
    client.force_login(township_staff)
    response = client.get("/", {"as_of": AS_OF.isoformat()})
    assert response.context["report"]["monitoring"]["households"]["count"] == 1
    assert "indicator=monitoring_type_unstable" in page_text(response)


def test_the_coverage_command_prints_the_section_as_json_and_as_a_table(at_risk):
    out = io.StringIO()
    call_command("coverage", "--as-of", AS_OF.isoformat(), "--format", "json", stdout=out)
    report = json.loads(out.getvalue())
    assert report["monitoring"] == json.loads(json.dumps(monitoring_section(DistrictReader(), Scope(AS_OF))))
    out = io.StringIO()
    call_command("coverage", "--as-of", AS_OF.isoformat(), stdout=out)
    text = out.getvalue()
    assert "监测户：2户（按监测类型：脱贫不稳定户 2、边缘易致贫户 0、突发严重困难户 0；" in text
    assert "帮扶措施落实率" in text and "50.00%" in text
    assert "风险消除用时中位数：55 天；按消除方式：帮扶消除 0、自然消除 0。" in text
    assert "按主要风险：因病 1、其他 1；返贫：0。" in text
    assert "各环节：发现 0、入户核实 0" in text and "县级审定 2" in text
    assert "工作台：识别超时未审定 0、" in text


def test_the_navigation_and_the_household_file_lead_to_the_monitoring_pages(client, at_risk, township_staff, leader):
    client.force_login(township_staff)
    page = page_text(client.get(reverse("register:household", args=[at_risk.watched.pk])))
    assert f'href="/monitoring/?household={at_risk.watched.pk}"' in page
    assert '<a href="/monitoring/">防返贫监测</a>' in page
    page = page_text(client.get(reverse("monitoring:screening")))
    assert '<a href="/monitoring/" aria-current="page">防返贫监测</a>' in page
