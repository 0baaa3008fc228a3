"""The benchmark's references ask for the same rows as the pages they are compared with (issue #17, "fair
references"): the SQL floor gives exactly the report's figures, and the stock admin, set up as a competent
user would, lists exactly the rows of the staff lists."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from households.models import Household, Township
from households.scope import DistrictReader, Scope
from reports.indicators import coverage

from ..generator.test_generator import D

AS_OF = D(2020, 10, 31)


@pytest.fixture(scope="module")
def register(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("generate_district", "--households", "400", "--seed", "3", stdout=StringIO())
        yield Township.objects.filter(villages__households__isnull=False).order_by("code").first()
        call_command("flush", "--no-input", verbosity=0)


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the floor is PostgreSQL SQL (ROLLUP)")
def test_the_floor_gives_the_reports_figures_for_the_district_and_a_township(register):
    from bench.floor import floor_figures, report_figures

    district = floor_figures(AS_OF)
    assert district == report_figures(DistrictReader(), AS_OF)
    assert district[None]["employment"][1] > 0
    township = floor_figures(AS_OF, register.pk)
    assert township == report_figures(DistrictReader(), AS_OF, register.pk)
    assert len(township) > 2  # the township and its villages


@pytest.mark.django_db
@pytest.mark.urls("bench.stock_admin")
def test_the_stock_admin_lists_the_rows_of_the_staff_lists(register, admin_client):
    households = admin_client.get(
        f"/bench-admin/households/household/?village__township__id__exact={register.pk}"
        "&registered__exact=1&removed_in_error__exact=0&exited=yes")
    assert households.status_code == 200
    expected = Household.objects.registered().filter(village__township=register, exit_year__lte=AS_OF.year)
    assert households.context["cl"].result_count == expected.count() > 0
    assert "exit_year__exact" not in households.content.decode()  # no whole-table DISTINCT of exit years

    people = admin_client.get(
        "/bench-admin/households/person/?labor_capacity__in=ordinary,skilled,weak&status__exact=normal"
        "&household__registered__exact=1&household__removed_in_error__exact=0&employed=no")
    assert people.status_code == 200
    employment = coverage(DistrictReader(), Scope(AS_OF))["employment"]
    assert people.context["cl"].result_count == employment.gap > 0
