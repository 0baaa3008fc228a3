"""Every indicator on hand-built cases, each with its edge; every count equals its list."""

import datetime

import pytest

from households.scope import Scope
from reports.indicators import INDICATORS, Figures, coverage, coverage_by_area
from tests import factories as f

pytestmark = pytest.mark.django_db
D = datetime.date
AS_OF = D(2020, 10, 31)
DAY = datetime.timedelta(days=1)


def check(key, user, scope, numerator, denominator):
    """The figure, its three lists and the all-at-once report agree with the expected rows."""
    indicator = INDICATORS[key]
    numerator, denominator = {r.pk for r in numerator}, {r.pk for r in denominator}
    expected = Figures(len(numerator), len(denominator))
    assert indicator.figures(user, scope) == expected
    assert coverage(user, scope)[key] == expected
    assert set(indicator.rows(user, scope, "numerator").values_list("pk", flat=True)) == numerator
    assert set(indicator.rows(user, scope, "gap").values_list("pk", flat=True)) == denominator - numerator
    assert set(indicator.rows(user, scope, "denominator").values_list("pk", flat=True)) == denominator
    assert indicator.rows(user, scope, "numerator").count() == expected.numerator
    assert indicator.rows(user, scope, "gap").count() == expected.gap


@pytest.fixture
def scope():
    return Scope(AS_OF)


def worker(village, **fields):
    """A household whose head cannot work, holding one labor-capable member."""
    hh = f.household(village, head_labor="none", **fields)
    return f.person(hh, labor_capacity="ordinary")


def test_employment_counts_placements_in_force_on_the_date_once_per_person(areas, admin_user, scope):
    v = areas.village_a1
    ended_before, starts_after, ends_on_date, two_jobs, never = (worker(v) for _ in range(5))
    f.placement(ended_before, D(2020, 1, 1), AS_OF - DAY)
    f.placement(starts_after, AS_OF + DAY)
    f.placement(ends_on_date, D(2020, 4, 1), AS_OF)
    f.placement(two_jobs, D(2020, 4, 1))
    f.placement(two_jobs, D(2020, 5, 1), channel="flexible")
    weak = worker(v)
    weak.labor_capacity = "weak"
    weak.save()
    f.placement(weak, D(2019, 1, 1))
    f.placement(f.person(f.household(v, head_labor="none"), labor_capacity="lost"), D(2020, 1, 1))
    f.placement(f.person(f.household(v, head_labor="none"), status="deceased"), D(2020, 1, 1))
    f.placement(f.person(f.household(v, head_labor="none"), status="moved_out"), D(2020, 1, 1))
    f.placement(worker(v, registered=False), D(2020, 1, 1))
    f.placement(worker(v, removed_in_error=True, removal_reason="错评"), D(2020, 1, 1))
    check("employment", admin_user, scope, [ends_on_date, two_jobs, weak],
          [ended_before, starts_after, ends_on_date, two_jobs, never, weak])


@pytest.mark.parametrize(
    ("key", "make"),
    [
        ("pairing", lambda hh, start, end=None: f.pairing(hh, start, end)),
        ("household_project", lambda hh, start, end=None: f.household_project(hh, start, end)),
        ("industry_benefit",
         lambda hh, start, end=None: f.beneficiary(f.industry_project(start=D(2018, 1, 1)), hh, start, end)),
    ],
)
def test_dated_household_records_count_households_with_one_in_force_on_the_date(
        areas, admin_user, scope, key, make):
    v = areas.village_a2
    ended_before, starts_after, ends_on_date, two_records, without = (f.household(v) for _ in range(5))
    make(ended_before, D(2019, 1, 1), AS_OF - DAY)
    make(starts_after, AS_OF + DAY)
    make(ends_on_date, D(2019, 1, 1), AS_OF)
    make(two_records, D(2019, 1, 1))
    make(two_records, D(2020, 1, 1))
    exited = f.household(v, exit_year=2019)
    make(exited, D(2019, 1, 1))
    make(f.household(v, registered=False), D(2019, 1, 1))
    make(f.household(v, removed_in_error=True, removal_reason="错评"), D(2019, 1, 1))
    check(key, admin_user, scope, [ends_on_date, two_records, exited],
          [ended_before, starts_after, ends_on_date, two_records, without, exited])


def test_medical_insurance_counts_current_registered_members(areas, admin_user, scope):
    hh = f.household(areas.village_a1, head_labor="none")
    head = hh.members.get()
    insured = f.person(hh, medical_insurance=True)
    f.person(hh, medical_insurance=True, status="deceased")
    f.person(hh, medical_insurance=True, status="moved_out")
    f.person(f.household(areas.village_a1, registered=False, head=None), medical_insurance=True)
    check("medical_insurance", admin_user, scope, [insured], [head, insured])


def test_income_above_line_judges_net_income_per_current_member_against_the_years_line(
        areas, admin_user, scope):
    f.poverty_line(2020, 4000, 5000)
    v = areas.village_b1

    def family(size, **income):
        hh = f.household(v)
        for _ in range(size - 1):
            f.person(hh)
        f.income(hh, 2020, **income)
        return hh

    at_line = family(2, wages=9000, costs=1000)  # 8000 / 2 = 4000
    below = family(2, wages="7999.98")  # 3999.99
    above = family(1, business=5000, transfer=100)
    shrunk = family(3, wages=8000)  # a deceased third member leaves 4000 per member
    shrunk.members.exclude(relation="head").filter(pk=shrunk.members.last().pk).update(status="deceased")
    no_members = f.household(v, head=None)
    f.income(no_members, 2020, wages=100000)
    last_year_only = f.household(v)
    f.income(last_year_only, 2019, wages=100000)
    f.household(v)  # no income record at all: outside the denominator
    check("income_above_line", admin_user, scope, [at_line, above, shrunk],
          [at_line, below, above, shrunk, no_members])


def test_income_above_line_without_a_line_for_the_year_covers_nobody(areas, admin_user, scope):
    hh = f.household(areas.village_a1)
    f.income(hh, 2020, wages=100000)
    check("income_above_line", admin_user, scope, [], [hh])


def test_two_assurances_takes_the_latest_assessment_on_or_before_the_date(areas, admin_user, scope):
    v = areas.village_a1
    improved, worsened, later_failure, only_later, passes = (f.household(v) for _ in range(5))
    f.household(v)  # never assessed: outside the denominator
    f.assessment(improved, D(2019, 6, 1), housing=False)
    f.assessment(improved, D(2020, 6, 1))
    f.assessment(worsened, D(2019, 6, 1))
    f.assessment(worsened, AS_OF, medical=False)
    f.assessment(later_failure, D(2020, 6, 1))
    f.assessment(later_failure, AS_OF + DAY, food=False)
    f.assessment(only_later, AS_OF + DAY)
    f.assessment(passes, D(2020, 1, 2))
    check("two_no_worries_three_assurances", admin_user, scope, [improved, later_failure, passes],
          [improved, worsened, later_failure, passes])


def test_exited_counts_exit_years_up_to_the_dates_year(areas, admin_user, scope):
    v = areas.village_a1
    this_year, earlier, next_year, not_yet = (
        f.household(v, exit_year=2020), f.household(v, exit_year=2017),
        f.household(v, exit_year=2021), f.household(v))
    f.household(v, exit_year=2019, removed_in_error=True, removal_reason="错评")
    check("exited", admin_user, scope, [this_year, earlier], [this_year, earlier, next_year, not_yet])
    check("exited", admin_user, Scope(D(2019, 12, 31)), [earlier], [this_year, earlier, next_year, not_yet])


def test_an_empty_area_has_null_rates_never_zero_or_one(areas, admin_user):
    f.placement(worker(areas.village_a1), D(2020, 1, 1))
    figures = coverage(admin_user, Scope(AS_OF, areas.township_b))
    for key, figure in figures.items():
        assert figure == Figures(0, 0), key
        assert figure.rate is None, key
        assert figure.as_dict("x")["rate"] is None


def test_rate_is_rounded_to_four_decimals():
    assert Figures(2, 3).rate == 0.6667
    assert Figures(3, 3).rate == 1.0
    assert Figures(0, 3).rate == 0.0


def test_a_township_scope_does_not_count_a_neighbours_household(areas, admin_user):
    mine = worker(areas.village_a2)
    f.placement(mine, D(2020, 1, 1))
    neighbour = worker(areas.village_b1)
    f.placement(neighbour, D(2020, 1, 1))
    f.pairing(neighbour.household, D(2020, 1, 1))
    scope_a = Scope(AS_OF, areas.township_a)
    check("employment", admin_user, scope_a, [mine], [mine])
    check("pairing", admin_user, scope_a, [], [mine.household])
    check("employment", admin_user, Scope(AS_OF, areas.township_a, areas.village_a1), [], [])


def test_a_township_account_counts_only_its_township_even_for_a_district_scope(areas, township_staff):
    mine, neighbour = worker(areas.village_a1), worker(areas.village_b1)
    for person in (mine, neighbour):
        f.placement(person, D(2020, 1, 1))
    check("employment", township_staff, Scope(AS_OF), [mine], [mine])


def test_by_area_lists_every_township_with_its_own_figures(areas, admin_user, scope):
    a, b = worker(areas.village_a1), worker(areas.village_b1)
    f.placement(a, D(2020, 1, 1))
    empty = f.township("红旗街道", "211302002")
    rows = dict(coverage_by_area(admin_user, scope))
    assert set(rows) == {areas.township_a, areas.township_b, empty}
    assert rows[areas.township_a]["employment"] == Figures(1, 1)
    assert rows[areas.township_b]["employment"] == Figures(0, 1)
    assert rows[empty]["employment"].rate is None
    assert {b.household.pk} == set(INDICATORS["pairing"].rows(admin_user, Scope(AS_OF, areas.township_b), "gap")
                                   .values_list("pk", flat=True))
    by_village = dict(coverage_by_area(admin_user, Scope(AS_OF, areas.township_a)))
    assert set(by_village) == {areas.village_a1, areas.village_a2}
    assert by_village[areas.village_a1]["employment"] == Figures(1, 1)
    assert coverage_by_area(admin_user, Scope(AS_OF, areas.township_a, areas.village_a1)) == []


def test_by_area_totals_add_up_to_the_district(areas, admin_user, scope):
    for village in (areas.village_a1, areas.village_a2, areas.village_b1):
        f.placement(worker(village), D(2020, 1, 1))
        worker(village)
    district = coverage(admin_user, scope)
    rows = coverage_by_area(admin_user, scope)
    for key in INDICATORS:
        assert sum(figs[key].numerator for _, figs in rows) == district[key].numerator
        assert sum(figs[key].denominator for _, figs in rows) == district[key].denominator
