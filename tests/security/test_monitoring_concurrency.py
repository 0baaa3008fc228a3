"""Concurrent monitoring writes (issue #12, item 11): every step and measure service locks the case's row
and re-reads its state under the lock. Threads on PostgreSQL, each with its own connection: ten clerks
recording the clearing decision at once give one decision; a measure sent while the case is being
cleared waits for the clearing and is refused, never added to a cleared case."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction

from monitoring.models import CaseStep, MonitoringCase, MonitoringMeasure
from monitoring.services import monitoring_add_measure, monitoring_record_step
from tests import factories
from tests.monitoring import builders

D = datetime.date
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are PostgreSQL's (SQLite locks the file)"),
]


def in_threads(count, work):
    """Run `work(n)` in `count` threads started together; return [(n, result or exception)]."""
    start = threading.Barrier(count)
    results = []

    def run(n):
        try:
            start.wait()
            results.append((n, work(n)))
        except Exception as exc:
            results.append((n, exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.fixture
def clearing(areas, village_staff, township_staff, district_staff):
    """A case at the township's review of its clearing, waiting for the county's decision."""
    factories.poverty_line(2021, 4000, monitoring_threshold=5000)
    household = factories.household(areas.village_a1, exit_year=2019)
    factories.income(household, 2021, wages=20000)
    case = builders.case(household, identified_on=D(2021, 1, 10))
    users = {"village": village_staff, "township": township_staff, "district": district_staff}
    return builders.walk(case, users, builders.CLEAR[:4], D(2021, 8, 2)), users


def test_ten_simultaneous_clearing_decisions_record_one(clearing):
    case, users = clearing

    def decide(n):
        return monitoring_record_step(user=users["district"], case=MonitoringCase.objects.get(pk=case.pk),
                                      step="clear_county_decision", date=D(2021, 8, 20), approved=True,
                                      note=f"第{n}次审定")

    results = in_threads(10, decide)
    done = [result for _n, result in results if not isinstance(result, Exception)]
    refused = [result for _n, result in results if isinstance(result, ValidationError)]
    assert len(done) == 1 and len(refused) == 9, results
    assert {tuple(exc.messages) for exc in refused} == {("该监测对象已办结（风险已消除），不能再登记环节。",)}
    case.refresh_from_db()
    assert (case.status, case.clearance_reason) == ("cleared", done[0].step.note)
    assert CaseStep.objects.filter(case=case, step="clear_county_decision").count() == 1


def test_a_measure_sent_while_the_case_is_cleared_waits_and_is_refused(clearing):
    case, users = clearing
    added = []
    locked = threading.Event()

    def add(n):
        locked.wait(10)
        return monitoring_add_measure(case=MonitoringCase.objects.get(pk=case.pk), user=users["village"],
                                      description="临时救助", start=D(2021, 8, 1), category="social")

    worker = threading.Thread(target=lambda: added.append(in_threads(1, add)))
    worker.start()
    with transaction.atomic():
        # The clearing decision holds the case's row until it commits; the measure waits for it.
        monitoring_record_step(user=users["district"], case=case, step="clear_county_decision", date=D(2021, 8, 20),
                               approved=True)
        locked.set()
        worker.join(timeout=2)
        assert worker.is_alive()  # still waiting for the row
    worker.join(timeout=60)
    [(_n, result)] = added[0]
    assert isinstance(result, ValidationError), result
    assert result.messages == ["只能为监测中的对象添加帮扶措施。"]
    assert not MonitoringMeasure.objects.filter(case=case).exists()


def test_ten_clerks_opening_one_household_open_one_case(areas, village_staff):
    from django.db import IntegrityError

    from monitoring.services import monitoring_open_case

    household = factories.household(areas.village_a1)

    def open_case(n):
        return monitoring_open_case(household=household, user=village_staff, monitoring_type="sudden_hardship",
                                    identified_by="self_report", risks=["illness"], discovered_on=D(2021, 3, 1))

    results = in_threads(10, open_case)
    assert sum(1 for _n, result in results if isinstance(result, MonitoringCase)) == 1
    assert all(isinstance(result, (MonitoringCase, ValidationError, IntegrityError)) for _n, result in results)
    assert MonitoringCase.objects.filter(household=household).count() == 1
