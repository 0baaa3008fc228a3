"""Every admin page answers for a superuser, in Chinese, and no changelist's queries grow with its rows."""

import datetime

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from households.models import Household, Township, Village
from households.roles import AUDIT_MODELS
from projects.models import IndustryProject, Pairing
from tests import factories

D = datetime.date
# The register's models; the read-only record of refused ID numbers is tested in tests/security.
MODELS = [model for model in admin.site._registry if model._meta.app_label in {"households", "projects", "monitoring"}
          and model._meta.label_lower not in AUDIT_MODELS]


@pytest.fixture
def demo(db):
    call_command("loaddata", "areas", "demo", verbosity=0)


def admin_url(model, action, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{action}", args=args)


def test_every_register_model_is_in_the_admin():
    names = {model.__name__ for model in MODELS}
    assert names >= {
        "Township", "Village", "Household", "Person", "IncomeRecord", "PovertyLine", "Assessment",
        "Employer", "EmploymentPlacement", "Training", "HouseholdProject", "IndustryProject",
        "IndustryBeneficiary", "Unit", "Cadre", "Pairing", "AssistanceRecord", "StaffProfile",
    }


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_changelist_add_and_change_pages_answer_for_a_superuser(model, demo, client, admin_user):
    from households.models import StaffProfile

    if model is StaffProfile:
        StaffProfile.objects.create(user=admin_user)
    client.force_login(admin_user)
    assert client.get(admin_url(model, "changelist")).status_code == 200
    assert client.get(admin_url(model, "add")).status_code == 200
    obj = model._default_manager.first()
    assert obj is not None, f"the demo fixtures hold no {model.__name__}"
    response = client.get(admin_url(model, "change", obj.pk))
    assert response.status_code == 200
    assert client.get(admin_url(model, "history", obj.pk)).status_code == 200


def test_admin_speaks_chinese(demo, client, admin_user):
    client.force_login(admin_user)
    page = client.get(admin_url(Household, "changelist")).content.decode()
    assert "双塔区建档立卡贫困户管理系统" in page
    assert "户编号" in page and "贫困户属性" in page


def grow(extra):
    """Add `extra` households, each with a family, work, pairing, project, income and assessment."""
    village = Village.objects.first()
    project = IndustryProject.objects.first()
    for _ in range(extra):
        hh = factories.household(village)
        spouse = factories.person(hh)
        factories.placement(spouse, D(2020, 1, 1))
        factories.training(spouse, D(2020, 2, 2))
        pairing = factories.pairing(hh, D(2020, 1, 1))
        factories.assistance(pairing, D(2020, 3, 3), kind="money_goods", amount=100)
        factories.household_project(hh, D(2020, 4, 4))
        factories.beneficiary(project, hh, D(2020, 5, 5))
        factories.income(hh, 2020, wages=8000)
        factories.assessment(hh, D(2020, 10, 1))
        factories.village(Township.objects.first())
        factories.employer()
        factories.cadre()


def changelist_queries(client, model):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(admin_url(model, "changelist")).status_code == 200
    return len(captured)


def test_changelist_queries_do_not_grow_with_rows(demo, client, admin_user):
    client.force_login(admin_user)
    before = {model: changelist_queries(client, model) for model in MODELS}
    grow(12)
    after = {model: changelist_queries(client, model) for model in MODELS}
    grown = {m.__name__: (before[m], after[m]) for m in MODELS if after[m] != before[m]}
    assert not grown, f"changelist queries grew with rows: {grown}"


def test_household_change_page_queries_do_not_grow_with_members(demo, client, admin_user):
    client.force_login(admin_user)
    hh = Household.objects.get(code="211302101001-0001")
    with CaptureQueriesContext(connection) as small:
        client.get(admin_url(Household, "change", hh.pk))
    for year in range(2010, 2016):
        factories.person(hh, relation="other")
        factories.income(hh, year)
    with CaptureQueriesContext(connection) as large:
        client.get(admin_url(Household, "change", hh.pk))
    assert len(large) == len(small)


def test_pairing_change_page_lists_assistance_without_a_query_per_record(demo, client, admin_user):
    client.force_login(admin_user)
    pairing = Pairing.objects.first()
    with CaptureQueriesContext(connection) as small:
        client.get(admin_url(Pairing, "change", pairing.pk))
    for day in range(1, 8):
        factories.assistance(pairing, D(2020, 7, day), kind="visit")
    with CaptureQueriesContext(connection) as large:
        client.get(admin_url(Pairing, "change", pairing.pk))
    assert len(large) == len(small)
