"""A small district at risk, screened on 2021-03-31: who trips which rule, who is already monitored."""

import datetime
from types import SimpleNamespace

import pytest

from tests import factories
from tests.monitoring import builders

D = datetime.date
AS_OF = D(2021, 3, 31)


def household_of_two(village, code, **fields):
    """A household of two current members (net income per member is half the household's)."""
    household = factories.household(village, code=code, **fields)
    factories.person(household, labor_capacity="none")
    return household


@pytest.fixture
def lines(db):
    factories.poverty_line(2020, 4000, monitoring_threshold=5000)
    factories.poverty_line(2021, 4100, monitoring_threshold=5200)


@pytest.fixture
def at_risk(areas, lines):
    """Township A: A-LOW (exited, 4,000 yuan a member in 2020), A-EDGE (never registered, low income),
    A-WATCHED (exited, failed assessment, already under monitoring with a pairing as measure),
    A-SAFE (income above the threshold), A-CLEARED (a case cleared on 2021-03-01).
    Township B: B-LOW (exited, low income)."""
    low = household_of_two(areas.village_a1, "A-LOW", head="张低收", exit_year=2019)
    factories.income(low, 2020, wages=8000)
    edge = household_of_two(areas.village_a2, "A-EDGE", head="赵边缘", registered=False)
    factories.income(edge, 2020, wages=6000)
    watched = household_of_two(areas.village_a1, "A-WATCHED", head="钱监测", exit_year=2019)
    factories.income(watched, 2020, wages=30000)
    factories.assessment(watched, D(2021, 1, 15), housing=False)
    pairing = factories.pairing(watched, D(2020, 6, 1))
    case = builders.case(watched, type="unstable", identified_by="screening", causes=("other",),
                         identified_on=D(2021, 2, 1))
    builders.measure(case, pairing=pairing)
    safe = household_of_two(areas.village_a2, "A-SAFE", head="孙安全", exit_year=2019)
    factories.income(safe, 2020, wages=20000)
    cleared = household_of_two(areas.village_a2, "A-CLEARED", head="李消除", exit_year=2018)
    cleared_case = builders.cleared_case(cleared, D(2021, 1, 5), D(2021, 3, 1), identified_by="self_report")
    other = household_of_two(areas.village_b1, "B-LOW", head="周外乡", exit_year=2019)
    factories.income(other, 2020, wages=7000)
    other_case = builders.case(other, type="unstable", identified_by="cadre_visit", identified_on=D(2021, 1, 1))
    return SimpleNamespace(low=low, edge=edge, watched=watched, safe=safe, cleared=cleared, other=other,
                           case=case, pairing=pairing, cleared_case=cleared_case, other_case=other_case,
                           **vars(areas))


def page_text(response):
    """The page's HTML as text."""
    return response.content.decode()
