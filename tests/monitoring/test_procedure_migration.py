"""A register holding cases of the old shape (one boolean per risk cause, no steps) migrates onto the
procedure: risks in order with 收入骤减/支出骤增 kept as notes of 其他, a step for each known date, the
households become 监测户, and measures get their national category."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("monitoring", "0002_tables_named_for_the_app"), ("households", "0004_labor_capable_index"),
          ("projects", "0004_monitoring_moves_to_its_own_app")]
AFTER = [("monitoring", "0005_old_risk_columns_removed")]
D = datetime.date


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_old_cases_get_their_risks_steps_and_categories():
    old = migrate(BEFORE)
    Township, Village = old.get_model("households", "Township"), old.get_model("households", "Village")
    Household, Person = old.get_model("households", "Household"), old.get_model("households", "Person")
    Case, Measure = old.get_model("monitoring", "MonitoringCase"), old.get_model("monitoring", "MonitoringMeasure")
    Placement = old.get_model("projects", "EmploymentPlacement")
    Employer = old.get_model("projects", "Employer")
    village = Village.objects.create(name="迁移村", code="211302902001",
                                     township=Township.objects.create(name="迁移乡", code="211302902"))

    def household(code):
        return Household.objects.create(code=code, village=village, registered_year=2014, category="general",
                                        poverty_cause="illness", exit_year=2019)

    flood = Case.objects.create(household=household("M-1"), type="unstable", identified_by="screening",
                                identified_on=D(2021, 3, 1), status="monitoring", risk_disaster=True,
                                risk_income_drop=True, risk_expense_surge=True, risk_other=True, risk_note="房屋受损")
    person = Person.objects.create(household=flood.household, name="迁移", id_number="211302198001010011",
                                   relation="head", labor_capacity="ordinary",
                                   birth_date=D(1980, 1, 1), sex="male")
    job = Placement.objects.create(person=person, channel="public_welfare", start=D(2021, 3, 5),
                                   employer=Employer.objects.create(name="村委会"), monthly_income=500)
    Measure.objects.create(case=flood, kind="placement", placement=job)
    Case.objects.create(household=household("M-2"), type="sudden_hardship", identified_by="self_report",
                        identified_on=D(2020, 5, 1), status="cleared", cleared_on=D(2020, 12, 1),
                        clearance_reason="康复", risk_illness=True)

    new = migrate(AFTER)

    Case = new.get_model("monitoring", "MonitoringCase")
    flood, healed = Case.objects.order_by("household__code")
    risks = new.get_model("monitoring", "CaseRisk").objects.order_by("case", "position")
    assert [(r.case_id, r.position, r.risk, r.note) for r in risks] == [
        (flood.pk, 1, "natural_disaster", ""), (flood.pk, 2, "other", "收入骤减；支出骤增；房屋受损"),
        (healed.pk, 1, "illness", "")]
    steps = new.get_model("monitoring", "CaseStep").objects.order_by("case", "pk")
    assert [(s.case_id, s.step, s.date, s.approved) for s in steps] == [
        (flood.pk, "county_decision", D(2021, 3, 1), True), (healed.pk, "county_decision", D(2020, 5, 1), True),
        (healed.pk, "clear_county_decision", D(2020, 12, 1), True)]
    assert (flood.discovered_on, flood.step, healed.step) == (D(2021, 3, 1), "county_decision",
                                                              "clear_county_decision")
    assert set(new.get_model("households", "Household").objects.values_list("household_type", flat=True)) == {
        "monitored"}
    assert new.get_model("monitoring", "MonitoringMeasure").objects.get().category == "public_welfare_post"
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
