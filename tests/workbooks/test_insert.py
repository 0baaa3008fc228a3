"""The import's inserts (workbooks/insert.py) send what `bulk_create` sends and write the same rows."""

import datetime
from decimal import Decimal

import pytest
from django.apps import apps
from django.db import connection, models
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from households.choices import Health
from households.models import Household, Person
from households.validators import complete_id_number
from workbooks.insert import KeyPool, _plan, build, bulk_insert, copy_line, copy_text, prepared

from .test_model_rules import WRITTEN


def sample(field, variant):
    """A value of the field's kind: 0 the usual one, 1 None, 2 one of another type than the usual."""
    if variant == 1:
        return None
    if field.is_relation:
        return 1 if variant == 0 else "1"
    if field.choices:
        return field.choices[0][0]
    kind = field.get_internal_type()
    if kind in ("CharField", "TextField"):
        return "长宝营子村 No. 7" if variant == 0 else 7
    if kind == "BooleanField":
        return True if variant == 0 else 1
    if kind.endswith("IntegerField"):
        return 7 if variant == 0 else "7"
    if kind == "DateField":
        return datetime.date(2020, 4, 1) if variant == 0 else datetime.datetime(2020, 4, 1, 8, 30)
    if kind == "DateTimeField":
        return timezone.now()
    if kind == "DecimalField":
        return Decimal("12.50") if variant == 0 else 12.5
    return field.get_default()


@pytest.mark.parametrize("variant", [0, 1, 2], ids=["usual", "none", "other-type"])
@pytest.mark.parametrize("label", WRITTEN)
def test_values_are_prepared_as_bulk_create_prepares_them(label, variant):
    model = apps.get_model(label)
    fields, _head, _row, _tail, kinds, _checks = _plan(model, "default")
    obj = model()
    for field in fields:
        setattr(obj, field.attname, sample(field, variant))
    expected = [field.get_db_prep_save(field.pre_save(obj, True), connection) for field in fields]
    assert prepared(obj, kinds, connection) == expected


def test_only_plain_field_classes_take_the_short_way():
    _fields, _head, _row, _tail, kinds, _checks = _plan(Person, "default")
    short = {field.name for field, _attname, kind, _prepare in kinds if kind is not None}
    assert {"name", "id_number", "household", "medical_insurance", "birth_date", "version"} <= short
    assert all(type(field) in (models.CharField, models.TextField, models.BooleanField, models.DateField,
                               models.ForeignKey, models.PositiveIntegerField, models.PositiveSmallIntegerField,
                               models.IntegerField, models.SmallIntegerField, models.BigIntegerField,
                               models.PositiveBigIntegerField)
               for field, _attname, kind, _prepare in kinds if kind is not None)


def people(household, start):
    """Three new people of `household`, one with every optional field blank."""
    found = []
    for n in range(3):
        person = Person(household=household, name=f"张{n}", relation="spouse" if n else "head",
                        id_number=complete_id_number(f"21130219800101{start + n:03d}"), labor_capacity="ordinary",
                        ethnicity=("汉族", "a\tb\\c\nd\re \\N", "")[n], work_months=n * 3 if n else None,
                        serious_illness_insurance=None if n == 2 else bool(n))
        person.fill_from_id_number()
        found.append(person)
    return found


@pytest.mark.django_db
def test_rows_written_are_those_bulk_create_writes(areas):
    households = [Household(code=f"211302201001-{n:04d}", village=areas.village_a1, registered=bool(n % 2),
                            category="general" if n % 2 else "", poverty_cause="illness" if n % 2 else "",
                            registered_year=2016 if n % 2 else None, first_identified=datetime.date(2014, 5, 1))
                  for n in range(4)]
    ours, django = households[:2], households[2:]
    assert bulk_insert(Household, ours, batch_size=1) == ours
    Household.objects.bulk_create(django)
    assert all(h.pk and not h._state.adding and h._state.db == "default" for h in households)
    ours_people = people(ours[0], 1) + people(ours[1], 4)
    django_people = people(django[0], 1 + 10) + people(django[1], 4 + 10)
    with CaptureQueriesContext(connection) as queries:
        bulk_insert(Person, ours_people, batch_size=2)
    # PostgreSQL: one COPY, keys from the sequence (the COPY is not in Django's query log); else INSERTs of 2.
    if connection.vendor == "postgresql":
        assert [("nextval" in q["sql"], "INSERT" in q["sql"]) for q in queries] == [(True, False)]
    else:
        assert [("nextval" in q["sql"], "INSERT" in q["sql"]) for q in queries] == [(False, True)] * 3
    Person.objects.bulk_create(django_people)

    def rows(objs):
        model = type(objs[0])
        found = model.objects.filter(pk__in=[o.pk for o in objs]).order_by("pk").values()
        return [{k: v for k, v in row.items() if k not in ("id", "code", "household_id", "id_number", "birth_date")}
                for row in found]

    assert [o.pk for o in ours_people] == sorted(o.pk for o in ours_people)
    assert rows(ours) == rows(django)
    assert rows(ours_people) == rows(django_people)


@pytest.mark.django_db
def test_objects_bulk_create_would_treat_differently_go_through_it(areas):
    unsaved = Household(code="211302201001-0009", village=areas.village_a1, registered=False)
    person = Person(household=unsaved, name="王五", relation="head", labor_capacity="ordinary",
                    id_number=complete_id_number("21130219800101099"))
    with pytest.raises(ValueError, match="unsaved related object"):
        bulk_insert(Person, [person], batch_size=10)  # bulk_create's own refusal


@pytest.mark.parametrize("label", WRITTEN)
def test_build_builds_what_the_model_builds(label):
    model = apps.get_model(label)
    fields, _head, _row, _tail, _kinds, _checks = _plan(model, "default")
    given = {field.attname: sample(field, 0) for field in fields[::2]}

    def state(obj):
        return {k: v for k, v in obj.__dict__.items() if k != "_state"}

    assert state(build(model, given)) == state(model(**given))
    assert build(model, given)._state.adding and build(model, given).pk is None
    with pytest.raises(TypeError, match="unexpected"):
        build(model, {**given, "not_a_field": 1})


@pytest.mark.parametrize("values", [
    ("张三", None, 7, True, False, datetime.date(2020, 4, 1), Decimal("12.50"), ""),
    ("a\tb", "c\\d", "e\nf\rg", "\\N", None),
    (Health.HEALTHY, "普通劳动力", 0),
])
def test_copy_line_writes_each_value_as_copy_text(values):
    assert copy_line(values) == "\t".join(copy_text(v) for v in values)
    assert copy_text(Health.HEALTHY) == "healthy"
    assert copy_text("a\tb\\c\nd\re") == "a\\tb\\\\c\\nd\\re" and copy_text(None) == "\\N"


@pytest.mark.django_db
def test_people_by_id_number_are_those_the_orm_finds(areas):
    from tests import factories
    from workbooks.sheets.members import people_with_id_numbers

    household = factories.household(areas.village_a1)
    other = factories.person(household)
    head = household.members.get(relation="head")
    numbers = [other.id_number, head.id_number, complete_id_number("21130219800101009")]
    found = sorted(p.pk for p in people_with_id_numbers(numbers))
    assert found == sorted(Person.objects.filter(id_number__in=numbers).values_list("pk", flat=True))
    assert len(found) == 2 and list(people_with_id_numbers([])) == []


@pytest.mark.django_db
def test_keys_reserved_for_one_import_are_each_used_once(areas):
    pool = KeyPool()
    households = [Household(code=f"211302201001-{n:04d}", village=areas.village_a1, registered=False)
                  for n in range(7)]
    for start in range(0, 7, 2):
        bulk_insert(Household, households[start:start + 2], batch_size=500, keys=pool)
    pks = [h.pk for h in households]
    assert len(set(pks)) == 7 and pks == sorted(pks)
    assert sorted(Household.objects.values_list("pk", flat=True)) == pks
