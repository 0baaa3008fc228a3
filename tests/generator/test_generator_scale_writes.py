"""The scale mode writing to the database: history rows, bounded batches, constraints back after COPY.

Each test starts from an empty register (no module-wide register here: these tests write their own).
"""

import pytest
from django.core.management import call_command
from django.db import connection

from generator import scale
from generator.scale import bulk, generate_scale
from generator.scale.sample import MODELS
from households.models import Household, Person
from projects.models import EmploymentPlacement


@pytest.mark.django_db
def test_with_history_every_generated_row_has_its_history_row():
    counts = generate_scale(households=60, seed=2, history=True)
    assert Household.history.filter(history_change_reason="generated", history_type="+").count() == 60
    assert Person.history.count() == counts["households.person"] == Person.objects.count()
    assert EmploymentPlacement.history.count() == EmploymentPlacement.objects.count()


@pytest.mark.django_db
def test_rows_are_written_in_bounded_batches_with_the_same_result(monkeypatch):
    """Pending rows never exceed one batch of households, and the batch size changes nothing written."""
    pending = []
    flush = bulk.RowSink.flush

    def counting_flush(self):
        pending.append(sum(len(rows) for rows in self.rows.values()))
        flush(self)

    monkeypatch.setattr(bulk.RowSink, "flush", counting_flush)
    monkeypatch.setattr(scale, "FLUSH", 25)
    generate_scale(households=200, seed=9)
    assert len(pending) == 200 // 25 + 1
    assert max(pending) < 25 * 40  # about 15 rows a household
    small_batches = list(Person.objects.order_by("pk").values_list("id_number", "household__code", "labor_capacity"))
    call_command("flush", "--no-input", verbosity=0)
    monkeypatch.setattr(scale, "FLUSH", 5000)
    generate_scale(households=200, seed=9)
    assert list(Person.objects.order_by("pk").values_list("id_number", "household__code", "labor_capacity")) == (
        small_batches)


def constraints_and_indexes():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = ANY(%s::regclass[]) UNION ALL "
            "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s)",
            [[m._meta.db_table for m in MODELS]] * 2,
        )
        return sorted(cursor.fetchall())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY and deferred indexes are PostgreSQL's")
@pytest.mark.django_db
def test_on_postgresql_every_constraint_and_index_is_back_after_the_load():
    before = constraints_and_indexes()
    assert any("FOREIGN KEY" in definition for _, _, definition in before)
    generate_scale(households=150, seed=4)
    assert constraints_and_indexes() == before
    assert Person.objects.count() > 150
