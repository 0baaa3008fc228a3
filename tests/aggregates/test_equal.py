"""The reports summed from per-village aggregates equal the live counts after any sequence of writes.

A seeded random walk applies writes through every write path (ORM save, queryset update, delete,
bulk_create, a workbook import, the generator, the monitoring services, raw SQL) and after each compares
the report (district, a township, a village; today, 2020-10-31 and another date) and the district's trend
read from the aggregates with the same counted live (`FIGURES_FROM_AGGREGATES = False`).
"""

import datetime
import random
from dataclasses import replace

import pytest
from django.db import connection
from django.utils import timezone

from generator.scale import generate_scale
from households.models import Assessment, Household, Person, PovertyLine, Village
from households.scope import DistrictReader, Scope
from households.validators import complete_id_number
from monitoring.choices import IdentifiedBy, MonitoringType
from monitoring.models import MonitoringCase
from monitoring.services import monitoring_add_measure, monitoring_open_case
from projects.models import EmploymentPlacement, HouseholdProject
from reports.aggregates import mark_all_stale
from reports.report import build_report
from reports.trend import trend
from tests import factories as f
from tests.monitoring import builders as monitoring
from tests.workbooks.conftest import household_sheets, member, spouse, xlsx
from workbooks.service import register_import

D = datetime.date
DATES = (D(2020, 10, 31), D(2021, 6, 30))
STEPS = 16


def reports(settings, user, scopes):
    """The reports of `scopes` and the district's trend: (aggregated, live)."""
    def all_of():
        return [build_report(user, scope) for scope in scopes] + [
            [(day, figures) for day, figures in trend(user, scopes[0], 12)]]

    aggregated = all_of()
    settings.FIGURES_FROM_AGGREGATES = False
    try:
        live = all_of()
    finally:
        settings.FIGURES_FROM_AGGREGATES = True
    return aggregated, live


def assert_equal(settings, user, areas, step):
    scopes = []
    for day in (timezone.localdate(), *DATES):
        scopes += [Scope(day), Scope(day, areas.township_a), Scope(day, areas.township_a, areas.village_a1),
                   Scope(day, areas.township_b)]
    aggregated, live = reports(settings, user, scopes)
    for scope, left, right in zip([*scopes, "trend"], aggregated, live, strict=True):
        assert left == right, f"step {step}: {scope}"


class Writes:
    """The write paths, each applied to a random part of the register."""

    def __init__(self, rng, areas, user):
        self.rng, self.areas, self.user, self.n = rng, areas, user, 0

    def village(self):
        return self.rng.choice(list(Village.objects.all()))

    def household(self):
        return self.rng.choice(list(Household.objects.all()))

    def person(self):
        return self.rng.choice(list(Person.objects.all()))

    def day(self):
        return D(2020, 1, 1) + datetime.timedelta(days=self.rng.randrange(0, 700))

    def orm_household(self):
        hh = f.household(self.village(), head_labor=self.rng.choice(["ordinary", "none", "skilled"]),
                         exit_year=self.rng.choice([None, 2019, 2020]))
        f.person(hh, labor_capacity="ordinary")
        f.income(hh, self.rng.choice([2020, 2021]), wages=self.rng.randrange(0, 20000, 500))
        f.assessment(hh, self.day())

    def orm_save(self):
        person = self.person()
        person.status = self.rng.choice(["normal", "normal", "deceased"])
        person.medical_insurance = not person.medical_insurance
        person.save()

    def orm_records(self):
        hh, start = self.household(), self.day()
        f.pairing(hh, start)
        f.assistance(hh.pairings.first(), start + datetime.timedelta(days=3), kind="money_goods", amount=300)
        f.household_project(hh, start, funds=self.rng.randrange(100, 5000))
        members = list(hh.members.all())
        if members:
            f.placement(members[0], start, self.rng.choice([None, start + datetime.timedelta(days=90)]))
            f.training(members[0], start)

    def queryset_update(self):
        hh = self.household()
        if self.rng.random() < 0.5:
            Household.objects.filter(pk=hh.pk).update(village=self.village())
        else:
            Household.objects.filter(pk=hh.pk).update(exit_year=self.rng.choice([None, 2018, 2020]),
                                                      dibao=self.rng.random() < 0.5)

    def delete(self):
        for model in (EmploymentPlacement, HouseholdProject, Assessment):
            rows = list(model.objects.all())
            if rows:
                self.rng.choice(rows).delete()

    def bulk_create(self):
        people = list(Person.objects.all())
        EmploymentPlacement.objects.bulk_create([
            EmploymentPlacement(person=person, employer=f.employer(), channel="enterprise", start=self.day(),
                                monthly_income=1000)
            for person in self.rng.sample(people, min(3, len(people)))
        ])

    def workbook_import(self):
        self.n += 1
        code = f"WB{self.n:04d}"
        head_id = complete_id_number(f"21130219700501{2 * self.n + 1:03d}")
        spouse_id = complete_id_number(f"21130219720302{2 * self.n + 600:03d}")
        sheets = household_sheets()
        sheets["家庭成员"] = [member(code, 证件号码=head_id), spouse(code, 证件号码=spouse_id)]
        for name in ("结对帮扶", "帮扶记录", "到户项目", "收入", "两不愁三保障", "产业带动"):
            sheets[name] = [{**row, "户编号": code} for row in sheets[name]]
        sheets["就业"] = [{**row, "证件号码": head_id} for row in sheets["就业"]]
        sheets["培训"] = [{**row, "证件号码": spouse_id} for row in sheets["培训"]]
        sheets["产业项目"] = [{**row, "项目名称": f"光伏电站{self.n}"} for row in sheets["产业项目"]]
        sheets["产业带动"] = [{**row, "项目名称": f"光伏电站{self.n}"} for row in sheets["产业带动"]]
        result = register_import(source=xlsx(sheets), user=None, dry_run=False, filename="t.xlsx")
        assert not result.errors, result.errors

    def generator(self):
        generate_scale(households=15, seed=self.rng.randrange(1000))

    def monitoring(self):
        hh = self.rng.choice(list(Household.objects.filter(monitoring_cases__isnull=True)))
        monitoring_open_case(household=hh, user=self.user, monitoring_type=MonitoringType.SUDDEN_HARDSHIP,
                             identified_by=IdentifiedBy.CADRE_VISIT, risks=["illness"], discovered_on=self.day())
        case = self.rng.choice(list(MonitoringCase.objects.filter(status="monitoring")))
        monitoring_add_measure(case=case, user=self.user, description="医疗救助", start=self.day())
        if self.rng.random() < 0.5:
            cleared_on = D(2020, 2, 1) + datetime.timedelta(days=self.rng.randrange(30, 600))
            monitoring.cleared_case(f.household(self.village()), D(2020, 2, 1), cleared_on)

    def raw_sql(self):
        person, hh = self.person(), self.household()
        with connection.cursor() as cursor:
            cursor.execute("UPDATE households_person SET labor_capacity = %s, status = %s WHERE id = %s",
                           [self.rng.choice(["ordinary", "none"]), self.rng.choice(["normal", "deceased"]), person.pk])
            cursor.execute("UPDATE households_household SET village_id = %s WHERE id = %s", [self.village().pk, hh.pk])
            cursor.execute("UPDATE projects_pairing SET \"end\" = %s WHERE id IN (SELECT id FROM projects_pairing "
                           "ORDER BY id LIMIT 2)", [self.day()])
            cursor.execute("DELETE FROM households_incomerecord WHERE id IN (SELECT id FROM households_incomerecord "
                           "ORDER BY id DESC LIMIT 1)")

    def poverty_line(self):
        PovertyLine.objects.filter(year=self.rng.choice([2020, 2021])).update(
            amount=self.rng.choice([3000, 4000, 6000]))

    def operations(self):
        return [self.orm_household, self.orm_save, self.orm_records, self.queryset_update, self.delete,
                self.bulk_create, self.workbook_import, self.generator, self.monitoring, self.raw_sql,
                self.poverty_line]


@pytest.fixture
def register(areas):
    f.poverty_line(2020, 4000, 5000)
    f.poverty_line(2021, 4100, 5100)
    for village in (areas.village_a1, areas.village_a2, areas.village_b1):
        for _ in range(2):
            hh = f.household(village)
            f.income(hh, 2020, wages=6000)
            f.placement(hh.members.get(), D(2020, 3, 1))
            f.pairing(hh, D(2019, 1, 1))
    monitoring.cleared_case(f.household(areas.village_a2), D(2020, 2, 1), D(2020, 6, 1))
    monitoring.case(f.household(areas.village_b1), identified_on=D(2020, 3, 1))
    return areas


@pytest.mark.django_db
@pytest.mark.parametrize("seed", [1, 2])
def test_aggregated_reports_equal_live_ones_after_every_write(seed, register, admin_user, settings):
    writes = Writes(random.Random(seed), register, admin_user)
    assert_equal(settings, admin_user, register, "start")
    operations = writes.operations()
    for step in range(STEPS):
        operation = operations[step % len(operations)] if step < len(operations) else writes.rng.choice(operations)
        operation()
        assert_equal(settings, admin_user, register, f"{step}: {operation.__name__}")


@pytest.mark.django_db
def test_a_cold_start_equals_the_live_count(register, admin_user, settings):
    assert_equal(settings, admin_user, register, "warm up")
    mark_all_stale()
    assert_equal(settings, admin_user, register, "cold")


@pytest.mark.django_db
def test_the_trend_of_a_township_reads_the_aggregates(register, township_staff, settings):
    scope = Scope(D(2020, 10, 31), register.township_a)
    aggregated = trend(township_staff, scope, 12)
    settings.FIGURES_FROM_AGGREGATES = False
    assert trend(township_staff, scope, 12) == aggregated
    assert trend(DistrictReader(), replace(scope, as_of=D(2021, 1, 31)), 12) == trend(
        township_staff, replace(scope, as_of=D(2021, 1, 31)), 12)
