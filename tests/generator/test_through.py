"""`generate_district --published --through 2026`: the published district continued year by year, the
same for a seed, its 2020 unchanged, every case's steps in the procedure's order, and figures for
30 November 2026 that show monitoring at work."""

import datetime
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from generator.monitoring_records import state_of
from generator.published import plan_published
from households.models import PovertyLine
from monitoring.choices import Step
from monitoring.models import MonitoringCase
from monitoring.procedure import STEPS

D = datetime.date
END = D(2026, 11, 30)
GOLDEN = Path(__file__).resolve().parent.parent / "data" / "published_coverage_2020-10-31.json"


@pytest.fixture(scope="module")
def plans():
    return plan_published(seed=7), plan_published(seed=7, through=2026)


def test_the_continuation_leaves_2020_as_it_was(plans):
    published, continued = plans
    assert [(f.code, f.exit_year, f.size) for f in continued.families[:len(published.families)]] == [
        (f.code, f.exit_year, f.size) for f in published.families]
    assert [r for r in continued.incomes if r[1] <= 2020] == published.incomes
    assert [a for a in continued.assessments if a[1].year <= 2020] == published.assessments
    for before, after in zip(published.placements, continued.placements, strict=False):
        assert before[:4] == after[:4] and (before[4] == after[4] or after[4] > D(2020, 10, 31))


def test_the_same_seed_continues_the_same_way(plans):
    again = plan_published(seed=7, through=2026)
    assert [(c.family, c.discovered_on, c.risks, c.steps, c.measures) for c in again.cases] == [
        (c.family, c.discovered_on, c.risks, c.steps, c.measures) for c in plans[1].cases]
    other = plan_published(seed=8, through=2026)
    assert [c.discovered_on for c in other.cases] != [c.discovered_on for c in plans[1].cases]


def test_every_generated_case_walks_the_procedure_in_order(plans):
    cases = plans[1].cases
    assert len(cases) > 300
    states = set()
    for case in cases:
        previous = None
        for step, day, approved, start, end, _note in case.steps:
            assert D(2021, 1, 1) <= day <= END
            if previous is None:
                assert step == Step.DISCOVERY
            else:
                assert step in STEPS[Step(previous[0])].next, (case.family, case.steps)
                assert day >= previous[1] and (previous[4] is None or day >= previous[4])
            if STEPS[Step(step)].notice:
                assert (end - start).days + 1 >= 5
            assert (approved is None) != STEPS[Step(step)].review
            previous = (step, day, approved, start, end)
            if approved is False:
                break
        states.add(state_of(case)[0])
    assert states == {"identifying", "monitoring", "clearing", "cleared", "not_identified"}
    assert sum(case.returned for case in cases) > 5


@pytest.fixture(scope="module")
def continued(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("generate_district", "--published", "--seed", "7", "--through", "2026", stdout=StringIO())
        yield
        call_command("flush", "--no-input", verbosity=0)


def coverage(*args):
    out = StringIO()
    call_command("coverage", *args, "--format", "json", stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.django_db
def test_the_continued_district_keeps_2020_and_shows_monitoring_at_work_in_2026(continued):
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))["district"]
    report = coverage("--as-of", "2020-10-31")
    assert report["indicators"] == golden["indicators"] and report["totals"] == golden["totals"]
    today = coverage("--as-of", END.isoformat())
    section = today["monitoring"]
    assert section["households"]["count"] > 50
    assert section["monitoring_measures"]["numerator"] > 0
    assert section["returned_to_poverty"]["numerator"] > 0
    assert sum(f["numerator"] for f in section["cleared_by_method"].values()) == section["monitoring_cleared"][
        "numerator"] > 0
    assert sum(1 for line in section["overdue"].values() if line["count"]) >= 4
    assert today["indicators"]["income_above_line"]["denominator"] == 4146
    assert set(PovertyLine.objects.filter(year__gte=2021).values_list("year", flat=True)) == set(range(2021, 2027))
    for case in MonitoringCase.objects.order_by("?")[:40]:
        case.full_clean()


def test_through_needs_the_published_district_and_a_year_it_knows(db):
    from django.core.management.base import CommandError

    for args in (["--households", "10", "--through", "2026"], ["--published", "--through", "2030"],
                 ["--published", "--through", "2020"]):
        with pytest.raises(CommandError) as raised:
            call_command("generate_district", *args, stdout=StringIO())
        assert "--through" in str(raised.value)
