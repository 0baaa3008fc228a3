"""The dates figures were asked for (`reports.aggregates._touch`): one statement whatever the clock says."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from reports import aggregates
from reports.models import FiguresDate

D = datetime.date
LONG_AGO = aggregates.TOUCH_EVERY + datetime.timedelta(minutes=1)  # how long before the request
LATELY = datetime.timedelta(minutes=1)


@pytest.mark.django_db
@pytest.mark.parametrize(("stored", "moved"), [
    (None, True),  # never asked for: recorded now
    (LONG_AGO, True),  # asked for more than TOUCH_EVERY ago: moved on
    (LATELY, False),  # asked for lately: left as it is (no write)
], ids=["new", "long-ago", "lately"])
def test_a_date_asked_for_is_recorded_in_one_statement(stored, moved):
    day, now = D(2020, 10, 31), timezone.now()
    if stored is not None:
        stored = now - stored
        FiguresDate.objects.create(as_of=day, asked_at=stored)

    with CaptureQueriesContext(connection) as queries:
        aggregates._touch([day, D(2020, 9, 30), day])

    assert len(queries) == 1
    asked = dict(FiguresDate.objects.values_list("as_of", "asked_at"))
    assert set(asked) == {day, D(2020, 9, 30)}
    assert (asked[day] >= now) is moved
    if not moved:
        assert asked[day] == stored


@pytest.mark.django_db
def test_no_date_no_statement():
    with CaptureQueriesContext(connection) as queries:
        aggregates._touch([])

    assert len(queries) == 0 and not FiguresDate.objects.exists()
