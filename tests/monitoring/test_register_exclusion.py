"""A monitored-only household and its members count in no register indicator, only in monitoring."""

import datetime

import pytest

from households.models import Person
from households.scope import Scope
from monitoring.figures import FIGURES, monitoring_section
from reports.indicators import INDICATORS, PARTS, coverage
from tests import factories
from tests.monitoring import builders

pytestmark = pytest.mark.django_db
D = datetime.date
AS_OF = D(2021, 6, 30)


def give_everything(household):
    """Every record any register indicator counts: a job, a pairing, projects, insurance, income, assessment."""
    for member in household.members.all():
        factories.placement(member, D(2021, 1, 1))
        member.medical_insurance = True
        member.save()
    factories.pairing(household, D(2021, 1, 1))
    factories.household_project(household, D(2021, 1, 1))
    factories.beneficiary(factories.industry_project(), household, D(2021, 1, 1))
    factories.income(household, 2021, wages=50000)
    factories.assessment(household, D(2021, 3, 1))


@pytest.fixture
def two_households(areas):
    factories.poverty_line(2021, 4100, monitoring_threshold=5200)
    registered = factories.household(areas.village_a1, code="REG", exit_year=2019)
    factories.person(registered)
    watched = factories.household(areas.village_a1, code="EDGE", registered=False)
    factories.person(watched)
    for household in (registered, watched):
        give_everything(household)
    case = builders.case(watched, type="edge", identified_by="cadre_visit", identified_on=D(2021, 2, 1))
    builders.measure(case, pairing=watched.pairings.get())
    return registered, watched


def test_a_monitored_only_household_is_in_no_register_indicator(two_households, admin_user, township_staff):
    _registered, watched = two_households
    members = set(Person.objects.filter(household=watched).values_list("pk", flat=True))
    assert len(members) == 2
    for user in (admin_user, township_staff):
        scope = Scope.for_user(user, AS_OF)
        figures = coverage(user, scope)
        for key, indicator in INDICATORS.items():
            for part in PARTS:
                rows = set(indicator.rows(user, scope, part).values_list("pk", flat=True))
                outside = members if indicator.unit == "person" else {watched.pk}
                assert not rows & outside, (key, part)
            # Only the registered household (and its two members) is counted, and all of it is covered.
            expected = 2 if indicator.unit == "person" else 1
            assert (figures[key].numerator, figures[key].denominator) == (expected, expected), key


def test_the_same_household_is_counted_by_the_monitoring_figures(two_households, admin_user):
    _registered, watched = two_households
    scope = Scope(AS_OF)
    section = monitoring_section(admin_user, scope)
    assert section["households"]["count"] == 1
    assert section["by_type"]["edge"]["numerator"] == 1
    assert section["monitoring_measures"]["numerator"] == 1
    rows = FIGURES["monitoring_measures"].rows(admin_user, scope, "numerator")
    assert list(rows.values_list("pk", flat=True)) == [watched.pk]
