"""Every write to a table a figure reads marks its villages stale; dates are bounded; a write made while
the figures are counted leaves them stale, never wrong; the stored member count stays right."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from households.models import Household, PovertyLine
from households.scope import DistrictReader, Scope
from monitoring.models import CaseRisk, CaseStep
from projects.models import Cadre, EmploymentPlacement, IndustryBeneficiary, Training
from reports import aggregates
from reports.models import AreaFigures, FiguresDate, VillageVersion
from reports.report import aggregated_parts, build_report
from tests import factories as f
from tests.monitoring import builders as monitoring

D = datetime.date


def versions():
    return dict(VillageVersion.objects.values_list("village_id", "version"))


@pytest.fixture
def world(areas):
    """One household in A1 with a record of every kind, one in B1."""
    f.poverty_line(2020, 4000, 5000)
    hh = f.household(areas.village_a1)
    person = hh.members.get()
    pairing = f.pairing(hh, D(2020, 1, 1))
    project = f.industry_project()
    case = monitoring.case(hh, identified_on=D(2020, 3, 1))
    records = {
        "person": person, "income": f.income(hh, 2020, wages=9000), "assessment": f.assessment(hh, D(2020, 5, 1)),
        "placement": f.placement(person, D(2020, 2, 1)), "training": f.training(person, D(2020, 3, 1)),
        "household_project": f.household_project(hh, D(2020, 1, 1)),
        "beneficiary": f.beneficiary(project, hh, D(2020, 1, 1)), "pairing": pairing,
        "assistance": f.assistance(pairing, D(2020, 4, 1)), "case": case,
        "risk": CaseRisk.objects.filter(case=case).first(), "step": CaseStep.objects.filter(case=case).first(),
        "measure": monitoring.measure(case, pairing=pairing), "household": hh,
    }
    f.household(areas.village_b1)
    return areas, records


# (record, field, new value) for an update of each table a figure reads, through the ORM.
UPDATES = [
    ("household", "dibao", True), ("person", "medical_insurance", False), ("income", "wages", 100),
    ("assessment", "enough_food", False), ("placement", "end", D(2020, 6, 1)), ("training", "course", "电焊"),
    ("household_project", "funds", 5), ("beneficiary", "end", D(2020, 6, 1)), ("pairing", "end", D(2020, 6, 1)),
    ("assistance", "note", "再访"), ("case", "returned_to_poverty", True), ("risk", "note", "变了"),
    ("step", "note", "补记"), ("measure", "category", "employment"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("record", "field", "value"), UPDATES, ids=[row[0] for row in UPDATES])
def test_an_update_of_each_table_marks_its_village_stale_and_no_other(world, record, field, value):
    areas, records = world
    before = versions()
    obj = records[record]
    setattr(obj, field, value)
    obj.save()
    after = versions()
    assert after[areas.village_a1.pk] > before[areas.village_a1.pk]
    assert after[areas.village_b1.pk] == before[areas.village_b1.pk]


@pytest.mark.django_db
@pytest.mark.parametrize("record", ["placement", "training", "beneficiary", "assistance", "measure", "step",
                                    "risk", "income", "assessment", "household_project"])
def test_a_delete_marks_its_village_stale(world, record):
    areas, records = world
    before = versions()
    records[record].delete()
    assert versions()[areas.village_a1.pk] > before[areas.village_a1.pk]
    assert versions()[areas.village_b1.pk] == before[areas.village_b1.pk]


@pytest.mark.django_db
def test_moving_a_household_marks_both_villages_and_a_poverty_line_marks_every_village(world):
    areas, records = world
    before = versions()
    Household.objects.filter(pk=records["household"].pk).update(village=areas.village_b1)
    after = versions()
    assert after[areas.village_a1.pk] > before[areas.village_a1.pk]
    assert after[areas.village_b1.pk] > before[areas.village_b1.pk]
    assert after[areas.village_a2.pk] == before[areas.village_a2.pk]
    PovertyLine.objects.filter(year=2020).update(amount=4100)
    assert all(versions()[v] > after[v] for v in after)


@pytest.mark.django_db
def test_bulk_writes_and_raw_sql_mark_villages_and_a_cadres_unit_marks_its_pairings(world):
    areas, records = world
    before = versions()
    EmploymentPlacement.objects.bulk_create([EmploymentPlacement(
        person=records["person"], employer=f.employer(), channel="enterprise", start=D(2020, 7, 1),
        monthly_income=900)])
    Training.objects.filter(person=records["person"]).update(course="木工")
    middle = versions()
    assert middle[areas.village_a1.pk] >= before[areas.village_a1.pk] + 2
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM projects_industrybeneficiary WHERE id = %s", [records["beneficiary"].pk])
    assert not IndustryBeneficiary.objects.exists()
    cadre = records["pairing"].cadre
    Cadre.objects.filter(pk=cadre.pk).update(unit=f.unit())
    after = versions()
    assert after[areas.village_a1.pk] >= middle[areas.village_a1.pk] + 2
    assert after[areas.village_b1.pk] == before[areas.village_b1.pk]


@pytest.mark.django_db
def test_the_member_count_follows_every_write_of_the_people_and_cannot_be_set(world):
    _areas, records = world
    hh = records["household"]
    second = f.person(hh)
    assert Household.objects.get(pk=hh.pk).member_count == 2
    with connection.cursor() as cursor:
        cursor.execute("UPDATE households_person SET status = 'deceased' WHERE id = %s", [second.pk])
    assert Household.objects.get(pk=hh.pk).member_count == 1
    hh.member_count = 7
    hh.save()
    Household.objects.filter(pk=hh.pk).update(member_count=9)
    assert Household.objects.get(pk=hh.pk).member_count == 1
    second.delete()
    records["person"].household = f.household(_areas.village_b1, head=None)
    records["person"].save()
    assert Household.objects.get(pk=hh.pk).member_count == 0


@pytest.mark.django_db
def test_only_today_and_the_latest_dates_asked_for_are_kept(world, settings):
    settings.FIGURES_KEEP_DATES = 2
    parts = aggregated_parts()
    for day in (D(2020, 1, 31), D(2020, 2, 29), D(2020, 3, 31)):
        aggregates.sums(Scope(day), [day], "coverage", parts["coverage"])
    kept = set(AreaFigures.objects.values_list("as_of", flat=True))
    assert kept == {D(2020, 2, 29), D(2020, 3, 31)}
    assert set(FiguresDate.objects.values_list("as_of", flat=True)) == kept
    report = build_report(DistrictReader(), Scope(D(2020, 1, 31)))  # an old date: counted again on request
    assert report["indicators"]["pairing"]["numerator"] == 1


@pytest.mark.django_db
def test_a_write_committed_while_the_figures_are_counted_leaves_them_stale_not_wrong(world, monkeypatch):
    areas, _records = world
    scope = Scope(D(2020, 10, 31))
    parts = aggregated_parts()
    counts = parts["coverage"]["coverage"].counts

    def count_then_write(user, groups):
        result = counts(user, groups)
        f.pairing(f.household(areas.village_a1), D(2020, 1, 1))  # after the versions were read
        return result

    monkeypatch.setitem(parts["coverage"], "coverage", type(parts["coverage"]["coverage"])(
        count_then_write, parts["coverage"]["coverage"].present))
    total, _areas = aggregates.sums(scope, [scope.as_of], "coverage", parts["coverage"])[scope.as_of]
    assert total["coverage"]["pairing__numerator"] == 1  # what was counted, stored at the old version
    fresh = build_report(DistrictReader(), scope)
    assert fresh["indicators"]["pairing"]["numerator"] == 2  # the stored counts were stale: counted again


@pytest.mark.django_db
def test_a_warm_report_reads_no_register_table(world):
    scope = Scope(D(2020, 10, 31))
    build_report(DistrictReader(), scope)
    with CaptureQueriesContext(connection) as captured:
        build_report(DistrictReader(), scope)
    read = " ".join(q["sql"] for q in captured.captured_queries)
    assert "households_person" not in read and "projects_pairing" not in read


@pytest.mark.django_db
def test_refresh_figures_recounts_the_stale_villages_of_a_date(world):
    from io import StringIO

    from django.core.management import call_command

    areas, records = world
    call_command("refresh_figures", "--as-of", "2020-10-31", stdout=StringIO())

    def stale():
        current = versions()
        stored = AreaFigures.objects.filter(level="village", as_of=D(2020, 10, 31))
        return {row.area_id for row in stored if row.stamp.split(":")[0] != str(current.get(row.area_id, 0))}

    assert AreaFigures.objects.filter(level="village", as_of=D(2020, 10, 31)).count() == 3 * 2  # both parts
    assert stale() == set()
    records["person"].medical_insurance = False
    records["person"].save()
    assert stale() == {areas.village_a1.pk}
    out = StringIO()
    call_command("refresh_figures", stdout=out)
    assert stale() == set() and "2020-10-31" in out.getvalue()


@pytest.mark.django_db
def test_figures_stored_under_other_monitoring_deadlines_are_counted_again(world, settings):
    areas, _records = world
    monitoring.case(f.household(areas.village_a1), identified_on=D(2020, 9, 1))  # no measure
    scope = Scope(D(2020, 10, 31))
    assert build_report(DistrictReader(), scope)["monitoring"]["overdue"]["no_measure"]["count"] == 1
    settings.MONITORING_MEASURE_DAYS = 1000
    aggregated = build_report(DistrictReader(), scope)["monitoring"]["overdue"]
    assert aggregated["no_measure"]["count"] == 0
    settings.FIGURES_FROM_AGGREGATES = False
    assert build_report(DistrictReader(), scope)["monitoring"]["overdue"] == aggregated
