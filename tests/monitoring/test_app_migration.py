"""A register holding monitoring cases migrates from the layout where monitoring lived in `projects`
to the monitoring app: the cases, measures, history and content types come along."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

OLD_HEAD = [
    ("households", "0004_labor_capable_index"), ("projects", "0003_list_order_indexes"), ("monitoring", None),
]
NEW_HEAD = [("monitoring", "0002_tables_named_for_the_app"), ("projects", "0004_monitoring_moves_to_its_own_app")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state([t for t in targets if t[1]]).apps


@pytest.mark.django_db(transaction=True)
def test_cases_and_measures_survive_the_move_to_the_monitoring_app():
    old = migrate(OLD_HEAD)
    Township, Village = old.get_model("households", "Township"), old.get_model("households", "Village")
    Household = old.get_model("households", "Household")
    Case, Measure = old.get_model("projects", "MonitoringCase"), old.get_model("projects", "MonitoringMeasure")
    ContentType = old.get_model("contenttypes", "ContentType")
    ContentType.objects.get_or_create(app_label="projects", model="monitoringcase")
    township = Township.objects.create(name="迁移乡", code="211302901")
    village = Village.objects.create(name="迁移村", code="211302901001", township=township)
    household = Household.objects.create(
        code="2113029010010001", village=village, registered_year=2014, category="general", poverty_cause="illness"
    )
    case = Case.objects.create(
        household=household, type="edge", identified_by="cadre_visit", risk_illness=True,
        identified_on=datetime.date(2021, 3, 1), status="monitoring",
    )
    Measure.objects.create(case=case, kind="other", description="医疗救助", start=datetime.date(2021, 3, 5))

    new = migrate(NEW_HEAD)

    Case, Measure = new.get_model("monitoring", "MonitoringCase"), new.get_model("monitoring", "MonitoringMeasure")
    moved = Case.objects.get()
    assert (moved.household_id, moved.type, moved.risk_illness) == (household.pk, "edge", True)
    assert list(Measure.objects.values_list("case_id", "description")) == [(moved.pk, "医疗救助")]
    ContentType = new.get_model("contenttypes", "ContentType")
    assert ContentType.objects.filter(app_label="monitoring", model="monitoringcase").exists()
    assert not ContentType.objects.filter(app_label="projects", model="monitoringcase").exists()
    tables = connection.introspection.table_names()
    assert "monitoring_monitoringcase" in tables and "projects_monitoringcase" not in tables
    migrate(executor_leaf_nodes())


def executor_leaf_nodes():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()
