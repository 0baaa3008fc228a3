"""Monitoring figures: each count and its list share one definition, within the user's area."""

import datetime
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from households.models import Household, Person
from households.scope import Scope
from monitoring.figures import FIGURES, PARTS, median_days_to_clear, monitoring_section
from tests import factories

from . import builders

pytestmark = pytest.mark.django_db
D = datetime.date
AS_OF = D(2021, 6, 30)


def monitored_only(village, code):
    return factories.household(village, code=code, registered=False, category="", poverty_cause="",
                               registered_year=None)


@pytest.fixture
def watched(areas):
    """Cases across townships A and B, around the as-of date 2021-06-30."""
    a1, a2, b1 = areas.village_a1, areas.village_a2, areas.village_b1
    h1 = factories.household(a1, code="H1", exit_year=2019)
    case1 = builders.case(h1, type="unstable", identified_by="screening", identified_on=D(2021, 1, 10))
    builders.measure(case1, placement=factories.placement(factories.person(h1), D(2021, 2, 1)))
    h2 = monitored_only(a1, "H2")
    case2 = builders.case(h2, type="edge", identified_by="cadre_visit", identified_on=D(2021, 3, 1))
    builders.measure(case2, description="临时救助", start=D(2021, 3, 5), end=D(2021, 5, 31))
    builders.cleared_case(factories.household(a1, code="H3"), D(2021, 2, 1), D(2021, 4, 2),
                          identified_by="self_report")
    builders.cleared_case(factories.household(a2, code="H4"), D(2020, 11, 1), D(2021, 6, 30))
    builders.case(monitored_only(a2, "H5"), type="edge", identified_by="screening", identified_on=D(2021, 7, 1))
    h6 = factories.household(b1, code="H6", exit_year=2018)
    case6 = builders.case(h6, type="unstable", identified_by="self_report", identified_on=D(2020, 6, 1))
    builders.measure(case6, assistance=factories.assistance(factories.pairing(h6, D(2020, 6, 1)), D(2021, 1, 5)))
    builders.cleared_case(factories.household(b1, code="H7"), D(2020, 5, 1), D(2020, 12, 31))
    builders.cleared_case(factories.household(b1, code="H8"), D(2021, 1, 1), D(2021, 3, 1))
    return SimpleNamespace(h2=h2, **vars(areas))


def codes(queryset):
    """Household codes of a list of households or of cases."""
    return {row.code if isinstance(row, Household) else row.household.code for row in queryset}


def test_district_figures(watched, admin_user):
    section = monitoring_section(admin_user, Scope(AS_OF))
    assert section["households"]["count"] == 3
    assert {k: v["numerator"] for k, v in section["by_type"].items()} == {
        "unstable": 2, "edge": 1, "sudden_hardship": 0}
    assert {k: v["numerator"] for k, v in section["by_found"].items()} == {
        "self_report": 1, "cadre_visit": 1, "screening": 1}
    assert section["monitoring_measures"] == {
        "label": "帮扶措施落实率", "numerator": 2, "denominator": 3, "gap": 1, "rate": 0.6667}
    assert section["monitoring_cleared"] == {
        "label": "本年风险消除", "numerator": 3, "denominator": 6, "gap": 3, "rate": 0.5}
    assert section["median_days_to_clear"] == 60


def test_each_figure_counts_its_own_list(watched, admin_user, township_staff, village_staff):
    scopes = [
        (admin_user, Scope(AS_OF)),
        (admin_user, Scope(AS_OF, watched.township_a)),
        (admin_user, Scope(AS_OF, watched.township_b)),
        (township_staff, Scope(AS_OF)),
        (village_staff, Scope(AS_OF)),
        (admin_user, Scope(D(2021, 3, 31), watched.township_a, watched.village_a1)),
    ]
    for user, scope in scopes:
        section = monitoring_section(user, scope)
        flat = {**{f"monitoring_type_{k}": v for k, v in section["by_type"].items()},
                **{f"monitoring_found_{k}": v for k, v in section["by_found"].items()},
                **{f"monitoring_risk_{k}": v for k, v in section["by_risk"].items()},
                "monitoring_returned": section["returned_to_poverty"],
                "monitoring_measures": section["monitoring_measures"],
                "monitoring_cleared": section["monitoring_cleared"],
                **{f"monitoring_cleared_{k}": v for k, v in section["cleared_by_method"].items()}}
        steps = {f"monitoring_step_{k}": line["count"] for k, line in section["procedure"].items()}
        assert set(flat) | set(steps) == set(FIGURES)
        for key, count in steps.items():
            flat[key] = {**FIGURES[key].figures(user, scope)}
            assert flat[key]["numerator"] == count, key
        for key, figure in FIGURES.items():
            lists = {part: figure.rows(user, scope, part) for part in PARTS}
            assert flat[key]["numerator"] == lists["numerator"].count() == len(set(lists["numerator"]))
            assert flat[key]["denominator"] == lists["denominator"].count()
            assert flat[key]["gap"] == lists["gap"].count()
            assert codes(lists["numerator"]) | codes(lists["gap"]) == codes(lists["denominator"])
            assert figure.figures(user, scope) == flat[key]
        households = FIGURES["monitoring_measures"].rows(user, scope, "denominator").count()
        assert section["households"]["count"] == households


def test_figures_are_scoped_to_the_users_area(watched, township_staff, village_staff, outsider):
    measures = FIGURES["monitoring_measures"]
    cleared = FIGURES["monitoring_cleared"]
    assert codes(measures.rows(township_staff, Scope(AS_OF), "denominator")) == {"H1", "H2"}
    assert codes(measures.rows(township_staff, Scope(AS_OF, watched.township_b), "denominator")) == set()
    assert codes(measures.rows(village_staff, Scope(AS_OF), "gap")) == {"H2"}
    assert codes(cleared.rows(township_staff, Scope(AS_OF), "numerator")) == {"H3", "H4"}
    assert codes(cleared.rows(village_staff, Scope(AS_OF), "numerator")) == {"H3"}
    assert median_days_to_clear(township_staff, Scope(AS_OF)) == 150.5
    assert median_days_to_clear(village_staff, Scope(AS_OF)) == 60
    section = monitoring_section(outsider, Scope(AS_OF))
    assert section["households"]["count"] == 0 and section["median_days_to_clear"] is None
    assert section["monitoring_measures"]["rate"] is None


def test_a_monitored_only_household_stays_off_the_register(watched):
    assert watched.h2 in Household.objects.monitored_only()
    assert watched.h2 not in Household.objects.registered()
    assert not Person.objects.registered().filter(household=watched.h2).exists()
    assert Person.objects.filter(household=watched.h2).exists()


def test_monitoring_section_queries_do_not_grow_with_cases(watched, admin_user, django_assert_max_num_queries):
    with CaptureQueriesContext(connection) as small:
        monitoring_section(admin_user, Scope(AS_OF))
    for n in range(8):
        household = factories.household(watched.village_b1, code=f"G{n}")
        builders.cleared_case(household, D(2021, 1, 1), D(2021, 2, n + 1))
        case = builders.case(household, identified_on=D(2021, 2, n + 1))
        if n % 2:
            builders.measure(case, description="走访", start=D(2021, 2, n + 1))
    with CaptureQueriesContext(connection) as large:
        section = monitoring_section(admin_user, Scope(AS_OF))
    assert section["households"]["count"] == 3 + 8
    assert section["monitoring_measures"]["numerator"] == 2 + 4
    assert section["monitoring_cleared"]["numerator"] == 3 + 8
    assert len(large) == len(small)
    # Households, cases, steps, the median, and one count per line of the worklist.
    with django_assert_max_num_queries(4 + 7):
        monitoring_section(admin_user, Scope(AS_OF))
