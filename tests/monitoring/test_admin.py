import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from monitoring.models import MonitoringCase, MonitoringMeasure
from tests import factories

from . import builders

pytestmark = pytest.mark.django_db
D = datetime.date


def url(model, action, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{action}", args=args)


def queries(client, address):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def add_measures(case):
    """One measure of each kind."""
    household = case.household
    pairing = factories.pairing(household, D(2021, 2, 1))
    builders.measure(case, placement=factories.placement(factories.person(household), D(2021, 2, 1)))
    builders.measure(case, pairing=pairing)
    builders.measure(case, household_project=factories.household_project(household, D(2021, 2, 1)))
    builders.measure(case, industry_benefit=factories.beneficiary(factories.industry_project(), household,
                                                                  D(2021, 2, 1)))
    builders.measure(case, assistance=factories.assistance(pairing, D(2021, 2, 3)))
    builders.measure(case, description="临时救助", start=D(2021, 2, 1))


def test_case_page_lists_its_measures_without_a_query_per_measure(client, admin_user, areas):
    client.force_login(admin_user)
    case = builders.case(factories.household(areas.village_a1), causes=("illness", "natural_disaster"))
    builders.measure(case, description="走访", start=D(2021, 1, 20))
    queries(client, url(MonitoringCase, "change", case.pk))  # warm the content-type cache
    small, _ = queries(client, url(MonitoringCase, "change", case.pk))
    add_measures(case)
    add_measures(builders.case(factories.household(areas.village_a1)))
    large, page = queries(client, url(MonitoringCase, "change", case.pk))
    assert large == small
    assert "临时救助" in page and "风险" in page and "县级审定" in page
    for model in (MonitoringCase, MonitoringMeasure):
        small_list, _ = queries(client, url(model, "changelist"))
        for _ in range(3):
            add_measures(builders.case(factories.household(areas.village_b1)))
        large_list, _ = queries(client, url(model, "changelist"))
        assert large_list == small_list, model.__name__


def test_admin_lists_only_the_cases_of_the_users_area(client, township_staff, areas):
    own = builders.case(factories.household(areas.village_a2, code="OWN-1"), causes=("natural_disaster",))
    other = builders.case(factories.household(areas.village_b1, code="OTHER-1"))
    client.force_login(township_staff)
    _, listing = queries(client, url(MonitoringCase, "changelist"))
    assert "OWN-1" in listing and "OTHER-1" not in listing and "因自然灾害" in listing
    assert client.get(url(MonitoringCase, "change", own.pk)).status_code == 200
    assert client.get(url(MonitoringCase, "change", other.pk)).status_code == 302  # "does not exist"
