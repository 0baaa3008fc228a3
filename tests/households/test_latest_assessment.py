"""`Assessment.objects.latest_on(date)` / `latest_set_on(date)`: each household's latest assessment on or
before the date, the same rows with DISTINCT ON (PostgreSQL) as with the anti-join of every engine."""

import datetime

import pytest
from django.db.models import Exists, OuterRef

from households.models import Assessment
from tests import factories as f

D = datetime.date


@pytest.mark.django_db
def test_the_latest_assessment_of_each_household_on_a_date(areas):
    first, second, third = (f.household(areas.village_a1) for _ in range(3))
    for household, dates in ((first, [D(2020, 1, 5), D(2020, 6, 1), D(2021, 2, 1)]),
                             (second, [D(2020, 9, 9)]), (third, [D(2021, 5, 5)])):
        for day in dates:
            f.assessment(household, day)
    for day in (D(2019, 12, 31), D(2020, 6, 1), D(2020, 10, 31), D(2021, 12, 31)):
        later = Assessment.objects.filter(household=OuterRef("household"), date__gt=OuterRef("date"), date__lte=day)
        anti_join = set(Assessment.objects.filter(date__lte=day).exclude(Exists(later)).values_list("pk", flat=True))
        assert set(Assessment.objects.latest_on(day).values_list("pk", flat=True)) == anti_join
        assert set(Assessment.objects.latest_set_on(day).values_list("pk", flat=True)) == anti_join
        in_a1 = Assessment.objects.filter(household__village=areas.village_a1)
        assert set(in_a1.latest_set_on(day).values_list("pk", flat=True)) == anti_join
    assert {(a.household_id, a.date) for a in Assessment.objects.latest_on(D(2020, 10, 31))} == {
        (first.pk, D(2020, 6, 1)), (second.pk, D(2020, 9, 9))}
