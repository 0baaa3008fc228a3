"""The screening counted as sets of ids in one grouped pass (issue #8) gives exactly the lists behind it:
every rule's count, the total and the households under monitoring equal the rows listed for them, and
the row-by-row flags of a page agree with the counted ones, for the district, a township and a village."""

import datetime

import pytest
from django.utils import timezone

from generator.scale import generate_scale
from households.models import Assessment, Household, IncomeRecord, Person, Township
from households.roles import Role
from monitoring.rules import RULES
from monitoring.screening import counts_for_user, decorate, screen_for_user
from projects.models import EmploymentPlacement
from tests import factories
from tests.conftest import make_user

from . import builders

AS_OF = datetime.date(2020, 10, 31)


@pytest.fixture
def register(db):
    """A small generated register (income below the 2020 threshold in many households, no assessment
    failing) with every other rule made to trip somewhere, and edge cases beside it."""
    generate_scale(households=220, seed=5)
    households = list(Household.objects.order_by("pk"))
    raised = IncomeRecord.objects.filter(household__in=households[::7], year=AS_OF.year - 1)
    raised.update(wage_income=90000)  # the year's income is now less than half the year before's
    # Large out-of-pocket medical costs: the income less them falls below the threshold.
    IncomeRecord.objects.filter(household__in=households[5::8], year=AS_OF.year).update(medical_expenditure=40000)
    Assessment.objects.filter(household__in=households[1::6]).update(housing=False)
    EmploymentPlacement.objects.filter(person__household__in=households[2::9], start__lte=datetime.date(2020, 6, 1)
                                       ).update(end=datetime.date(2020, 6, 30))
    for household in households[3::11]:  # generated without history: a first version, then the change
        person = household.members.exclude(health__in=("serious", "disabled")).order_by("pk").first()
        if person is None:
            continue
        person.save()
        Person.history.filter(id=person.pk).update(history_date=on(datetime.date(2020, 1, 1)))
        person.health = "serious"
        person.save()
        Person.history.filter(id=person.pk, health="serious").update(history_date=on(datetime.date(2020, 9, 1)))
    for household in households[4::13]:
        builders.case(household, identified_on=datetime.date(2020, 9, 1))
    village = households[0].village
    emptied = factories.household(village, head=None, exit_year=2019)  # low income but nobody in it
    factories.income(emptied, AS_OF.year, costs=100)
    removed = factories.household(village, exit_year=2019, removed_in_error=True, removal_reason="错评")
    factories.assessment(removed, datetime.date(2020, 5, 1), food=False)
    return households


def on(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def scopes(register):
    village = register[0].village
    return [{}, {"township": village.township}, {"township": village.township, "village": village}]


@pytest.mark.parametrize("scope", [0, 1, 2])
def test_every_counted_rule_equals_its_list_and_the_pages_flags(register, scope):
    user = make_user("screen", superuser=True, profile=False)
    area = scopes(register)[scope]
    counts = counts_for_user(user=user, as_of=AS_OF, **area)
    listed = screen_for_user(user=user, as_of=AS_OF, **area)
    rows = list(decorate(listed, AS_OF))
    assert counts["total"] == listed.count() == len(rows) > 0
    assert counts["monitored"] == sum(1 for row in rows if row.under_monitoring) > 0
    for rule in RULES:
        by_rule = screen_for_user(user=user, as_of=AS_OF, rule=rule.key, **area)
        flagged_rows = {row.pk for row in rows if getattr(row, f"trips_{rule.key}")}
        assert counts[rule.key] == by_rule.count() == len(flagged_rows) > 0, rule.key
        assert set(by_rule.values_list("pk", flat=True)) == flagged_rows


def test_a_township_account_counts_its_own_township_only(register):
    township = register[0].village.township
    other = Township.objects.create(name="外乡", code="211302999")
    clerk = make_user("clerk", township=township, role=Role.TOWNSHIP_STAFF)
    district = make_user("district", superuser=True, profile=False)
    assert counts_for_user(user=clerk, as_of=AS_OF) == counts_for_user(
        user=district, as_of=AS_OF, township=township)
    assert counts_for_user(user=district, as_of=AS_OF, township=other)["total"] == 0


def test_the_listed_count_follows_the_rule_and_monitoring_filters(register):
    from django.db.models import Q

    user = make_user("screen", superuser=True, profile=False)
    counts = counts_for_user(user=user, as_of=AS_OF, listed=Q(trips_job_loss=True) & Q(under_monitoring=False))
    listed = screen_for_user(user=user, as_of=AS_OF, rule="job_loss").filter(under_monitoring=False)
    assert counts["listed"] == listed.count() > 0
