"""Each screening rule with a household that trips it and one that just does not."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from households.models import Household, Person
from monitoring.screening import screen, screen_for_user, screening_counts, screening_rows
from tests import factories

from . import builders

pytestmark = pytest.mark.django_db
D = datetime.date
AS_OF = D(2021, 3, 31)


def screened(as_of=AS_OF):
    rows = screening_rows(screen(Household.objects.all(), as_of), as_of)
    return {row.household.code: row for row in rows}


def reasons(as_of=AS_OF):
    return {code: [(r.rule, r.text) for r in row.reasons] for code, row in screened(as_of).items()}


@pytest.fixture
def lines(db):
    factories.poverty_line(2019, 3747)
    factories.poverty_line(2020, 4000, monitoring_threshold=5000)
    factories.poverty_line(2021, 4100, monitoring_threshold=5200)


def household_of_two(code, **fields):
    household = factories.household(code=code, **fields)
    factories.person(household, labor_capacity="none")
    return household


# low_income


def test_low_income_trips_below_the_threshold_and_not_at_it(lines):
    below = household_of_two("BELOW")
    factories.income(below, 2020, wages="9999.98")  # 4,999.99 per member
    at = household_of_two("AT")
    factories.income(at, 2020, wages=10000)
    assert reasons() == {"BELOW": [("low_income", "2020年人均纯收入4,999.99元，低于监测标准5,000.00元")]}


def test_low_income_reads_the_as_of_year_else_the_year_before(lines):
    household = household_of_two("H")
    factories.income(household, 2020, wages=8000)
    assert "H" in screened(D(2021, 3, 31))  # 2020 is read: 4,000 per member
    factories.income(household, 2021, wages=12000)
    assert "H" not in screened(D(2021, 12, 31))  # 2021 is read: 6,000 per member, above 5,200
    factories.income(household, 2022, wages=2000)
    assert screened(D(2022, 3, 31))["H"].rules == ["income_drop"]  # 2022 has no threshold
    assert "H" not in screened(D(2024, 1, 1))  # no record for 2023 or 2024


def test_low_income_is_silent_without_a_threshold_or_members(lines):
    no_threshold = household_of_two("NO-THRESHOLD")
    factories.income(no_threshold, 2019, wages=100)
    empty = factories.household(code="EMPTY", head=None)
    factories.income(empty, 2020, wages=100)
    moved = factories.household(code="MOVED")
    Person.objects.filter(household=moved).update(status="moved_out")
    factories.income(moved, 2020, wages=100)
    assert screened(D(2020, 12, 31)) == {}


# income_drop


def test_income_drop_trips_when_income_falls_by_more_than_half(lines):
    fell = household_of_two("FELL")
    factories.income(fell, 2019, wages=30000)
    factories.income(fell, 2020, wages="12999.98", transfer=2000)
    half = household_of_two("HALF")
    factories.income(half, 2019, wages=24000)
    factories.income(half, 2020, wages=12000)
    assert reasons() == {"FELL": [
        ("income_drop", "收入减少一半以上：人均纯收入由2019年的15,000.00元降至2020年的7,499.99元"),
    ]}


def test_income_drop_needs_a_positive_year_before(lines):
    household = household_of_two("ZERO")
    factories.income(household, 2019)
    factories.income(household, 2020, wages=11000)
    assert screened() == {}


# job_loss


def worker_household(code, end, **person_fields):
    household = factories.household(code=code, head_labor="none")
    worker = factories.person(household, **person_fields)
    factories.placement(worker, D(2020, 3, 1), end)
    return household, worker


def test_job_loss_trips_when_every_job_ended_more_than_60_days_ago():
    worker_household("61-DAYS", D(2021, 1, 29))
    worker_household("60-DAYS", D(2021, 1, 30))
    worker_household("ONGOING", None)
    assert reasons() == {"61-DAYS": [
        ("job_loss", "家中有劳动能力成员的工作均已于2021-01-29前结束，超过60天未再就业"),
    ]}


def test_job_loss_is_not_tripped_while_another_member_works_or_a_new_job_started():
    _, worker = worker_household("NEW-JOB", D(2020, 10, 1))
    factories.placement(worker, D(2021, 2, 1), D(2021, 3, 1), channel="flexible")
    household, _ = worker_household("OTHER-WORKS", D(2020, 10, 1))
    factories.placement(factories.person(household), D(2020, 1, 1))
    assert screened() == {}


def test_job_loss_counts_only_current_labor_capable_members():
    worker_household("NOT-CAPABLE", D(2020, 10, 1), labor_capacity="lost")
    worker_household("DECEASED", D(2020, 10, 1), status="deceased")
    household, _ = worker_household("FUTURE-JOB", D(2020, 10, 1))
    factories.placement(factories.person(household), D(2021, 4, 1))
    assert list(screened()) == ["FUTURE-JOB"]


# new_health


def set_health(person, health, when):
    """Change the person's health through save() (as staff do), then date that change `when`."""
    person.health = health
    person.save()
    version = person.history.order_by("-history_date", "-history_id").first()
    Person.history.filter(history_id=version.history_id).update(history_date=when)


def at(day, hour=12):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def member(code, created=None, **fields):
    household = factories.household(code=code, head_labor="none")
    person = factories.person(household, relation="spouse", **fields)
    person.history.update(history_date=at(created or D(2020, 1, 1)))
    return person


def test_new_health_trips_for_a_change_within_90_days_and_not_one_day_earlier():
    set_health(member("DAY-90"), "serious", at(D(2021, 1, 1), 0))
    set_health(member("DAY-91"), "disabled", at(D(2020, 12, 31), 23))
    assert reasons() == {"DAY-90": [("new_health", "配偶于2021-01-01新登记为患有大病")]}


def test_new_health_reads_only_a_change_to_the_status_that_still_holds():
    set_health(member("DISABLED"), "disabled", at(D(2021, 3, 31), 23))
    set_health(member("CHRONIC"), "chronic", at(D(2021, 3, 1)))
    recovered = member("RECOVERED")
    set_health(recovered, "serious", at(D(2021, 2, 1)))
    set_health(recovered, "healthy", at(D(2021, 3, 1)))
    set_health(member("WAS-ILL", health="serious"), "disabled", at(D(2021, 3, 1)))
    member("ENTERED-ILL", created=D(2021, 3, 1), health="serious")
    set_health(member("AFTER-DATE"), "serious", at(D(2021, 4, 1), 0))
    assert reasons() == {"DISABLED": [("new_health", "配偶于2021-03-31新登记为残疾")]}


# assessment


def test_assessment_trips_when_the_latest_assessment_fails_a_check():
    failing = factories.household(code="FAILING")
    factories.assessment(failing, D(2020, 10, 1))
    factories.assessment(failing, D(2021, 3, 1), housing=False, medical=False)
    mended = factories.household(code="MENDED")
    factories.assessment(mended, D(2020, 10, 1), housing=False)
    factories.assessment(mended, D(2021, 3, 1))
    factories.assessment(mended, D(2021, 4, 1), food=False)  # after the as-of date
    assert reasons() == {"FAILING": [
        ("assessment", "最近一次两不愁三保障评估（2021-03-01）未达标：基本医疗有保障、住房安全有保障"),
    ]}


# the list


def test_a_household_tripping_several_rules_is_listed_once_with_every_reason(lines):
    household = household_of_two("MANY")
    factories.income(household, 2019, wages=20000)
    factories.income(household, 2020, wages=4000)
    factories.assessment(household, D(2021, 1, 1), food=False)
    row = screened()["MANY"]
    assert row.rules == ["low_income", "income_drop", "assessment"]
    assert row.proposal() == {
        "monitoring_type": "sudden_hardship", "identified_by": "screening",
        "risks": [("other", "人均纯收入低于监测标准；收入骤减；两不愁三保障未达标")], "discovered_on": AS_OF,
        "income_per_member": 2000,
        "risk_note": "2020年人均纯收入2,000.00元，低于监测标准5,000.00元；"
                     "收入减少一半以上：人均纯收入由2019年的10,000.00元降至2020年的2,000.00元；"
                     "最近一次两不愁三保障评估（2021-01-01）未达标：不愁吃",
    }


def test_households_under_monitoring_are_marked_not_repeated():
    watched = factories.household(code="WATCHED")
    factories.assessment(watched, D(2021, 1, 1), food=False)
    case = builders.case(watched, identified_on=D(2021, 2, 1))
    cleared = factories.household(code="CLEARED")
    factories.assessment(cleared, D(2021, 1, 1), food=False)
    builders.cleared_case(cleared, D(2021, 1, 10), D(2021, 3, 1))
    rows = screened()
    assert rows["WATCHED"].open_case == case and rows["CLEARED"].open_case is None
    assert screening_counts(screen(Household.objects.all(), AS_OF)) == {
        "total": 2, "monitored": 1, "low_income": 0, "expenditure": 0, "income_drop": 0, "job_loss": 0,
        "new_health": 0, "assessment": 2,
    }


def test_suggested_type_follows_the_register():
    exited = factories.household(code="EXITED", exit_year=2019)
    edge = factories.household(code="EDGE", registered=False, category="", poverty_cause="",
                               registered_year=None)
    for household in (exited, edge):
        factories.assessment(household, D(2021, 1, 1), food=False)
    rows = screened()
    assert rows["EXITED"].suggested_type() == "unstable"
    assert rows["EDGE"].suggested_type() == "edge"


def test_households_removed_in_error_are_not_screened():
    removed = factories.household(code="REMOVED", removed_in_error=True, removal_reason="错评")
    factories.assessment(removed, D(2021, 1, 1), food=False)
    assert screened() == {}


def test_screening_is_scoped_to_the_users_area(areas, township_staff, village_staff, outsider):
    for village in (areas.village_a1, areas.village_a2, areas.village_b1):
        factories.assessment(factories.household(village, code=f"H-{village.code}"), D(2021, 1, 1), food=False)

    def codes(user, **area):
        return {h.code for h in screen_for_user(user=user, as_of=AS_OF, **area)}

    assert codes(township_staff) == {"H-211302201001", "H-211302201003"}
    assert codes(township_staff, village=areas.village_a2) == {"H-211302201003"}
    assert codes(township_staff, township=areas.township_b) == set()
    assert codes(village_staff) == {"H-211302201001"}
    assert codes(outsider) == set()
    assert codes(township_staff, rule="job_loss") == set()


def build_at_risk(count, offset, lines_year=2020):
    for n in range(count):
        household = household_of_two(f"R{offset + n:03d}")
        factories.income(household, 2019, wages=20000)
        factories.income(household, lines_year, wages=4000)
        factories.assessment(household, D(2021, 1, 1), food=False)
        ill = Person.objects.filter(household=household).last()
        ill.history.update(history_date=at(D(2020, 1, 1)))
        set_health(ill, "serious", at(D(2021, 3, 1)))
        worker = factories.person(household)
        factories.placement(worker, D(2020, 1, 1), D(2020, 12, 1))
        builders.case(household, identified_on=D(2021, 3, 1))


def screening_queries():
    with CaptureQueriesContext(connection) as captured:
        rows = screening_rows(screen(Household.objects.all(), AS_OF), AS_OF)
        screening_counts(screen(Household.objects.all(), AS_OF))
    return len(captured), rows


def test_screening_queries_do_not_grow_with_households(lines, django_assert_max_num_queries):
    build_at_risk(2, 0)
    small, rows = screening_queries()
    assert len(rows) == 2 and all(len(row.reasons) == 5 and row.under_monitoring for row in rows)
    build_at_risk(10, 2)
    large, rows = screening_queries()
    assert len(rows) == 12 and large == small
    with django_assert_max_num_queries(3):
        screening_queries()
