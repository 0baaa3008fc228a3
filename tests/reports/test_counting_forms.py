"""The counting forms of the indicators (ids in a set, one pass over the areas) give exactly the figures
of the lists behind them (issue #8's optimisations must not change a single number)."""

import datetime

import pytest

from generator.scale import generate_scale
from households.scope import DistrictReader, Scope
from projects.models import EmploymentPlacement, Pairing
from reports.indicators import INDICATORS, coverage, coverage_by_area, coverage_with_areas

AS_OF = datetime.date(2020, 10, 31)


@pytest.fixture
def register(db):
    """A small generated register with gaps in every dated figure."""
    generate_scale(households=260, seed=11)
    Pairing.objects.filter(household__code__endswith="7").update(end=datetime.date(2020, 6, 30))
    EmploymentPlacement.objects.filter(person__household__code__endswith="3").delete()
    return DistrictReader()


@pytest.mark.parametrize("key", list(INDICATORS))
@pytest.mark.parametrize("as_of", [AS_OF, datetime.date(2019, 12, 31)])
def test_every_counted_figure_equals_its_lists(register, key, as_of):
    indicator = INDICATORS[key]
    scope = Scope(as_of)
    figures = indicator.figures(register, scope)
    assert figures.numerator == indicator.rows(register, scope, "numerator").count()
    assert figures.gap == indicator.rows(register, scope, "gap").count()
    assert figures.denominator == indicator.rows(register, scope, "denominator").count() > 0


def test_the_gaps_made_above_show_in_the_figures(register):
    figures = coverage(register, Scope(AS_OF))
    assert 0 < figures["pairing"].gap < figures["pairing"].denominator
    assert 0 < figures["employment"].gap < figures["employment"].denominator


@pytest.mark.parametrize("as_of", [AS_OF, datetime.date(2019, 12, 31)])
def test_the_scope_summed_from_its_areas_equals_the_scope_counted_directly(register, as_of):
    scope = Scope(as_of)
    figures, by_area = coverage_with_areas(register, scope)
    assert figures == coverage(register, scope)
    assert by_area == coverage_by_area(register, scope)
    assert len(by_area) == 1
    township = by_area[0][0]
    township_figures, villages = coverage_with_areas(register, Scope(as_of, township))
    assert township_figures == coverage(register, Scope(as_of, township))
    assert len(villages) == 3
    village = villages[0][0]
    assert coverage_with_areas(register, Scope(as_of, township, village)) == (
        coverage(register, Scope(as_of, township, village)), [])


@pytest.fixture
def watched(register):
    """Edge cases of the watch lists beside the generated register: no current members, net below 0,
    a deceased member, no income record, a household outside the register."""
    from households.models import PovertyLine, Village
    from tests import factories as f

    village = Village.objects.order_by("pk").first()
    PovertyLine.objects.filter(year=AS_OF.year).update(monitoring_threshold=5000)
    emptied = f.household(village, head=None, exit_year=2019, dibao=True)
    f.income(emptied, AS_OF.year, costs=900)  # net below 0, but nobody to divide it among
    f.household(village, head=None)  # remaining poor without members: a household, no people
    losing = f.household(village, exit_year=2018, dibao=True)
    f.person(losing, status="deceased")
    f.income(losing, AS_OF.year, wages=100, costs=300)
    f.household(village, exit_year=2019)  # no income record for the year
    monitored = f.household(village, registered=False)
    f.income(monitored, AS_OF.year, wages=10)
    return register


@pytest.mark.parametrize("as_of", [AS_OF, datetime.date(2019, 12, 31)])  # 2019 has no monitoring threshold
def test_the_watch_totals_equal_their_lists_and_the_lists_people(watched, as_of):
    from households.models import Person
    from reports.indicators import WATCH_LISTS
    from reports.totals import watch

    scopes = [Scope(as_of)]
    township = coverage_by_area(watched, scopes[0])[0][0]
    scopes.append(Scope(as_of, township))
    for scope in scopes:
        totals = watch(watched, scope)
        listed = {}
        for key, indicator in WATCH_LISTS.items():
            rows = indicator.rows(watched, scope, "numerator")
            people = Person.objects.for_user(watched).registered().filter(household__in=rows)
            listed[key] = people
            assert totals[key] == {"households": rows.count(), "people": people.count()}
            expected = as_of.year == 2020 or key == "remaining_poor"
            assert (totals[key]["households"] > 0) == expected
        in_dibao = (listed["remaining_poor"] | listed["low_income_exited"]).filter(household__dibao=True)
        assert totals["safety_net"]["people"] == in_dibao.count() > 0
