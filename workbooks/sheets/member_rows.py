"""家庭成员 rows written out, and the warning of possible duplicates once the sheet is imported."""

from itertools import groupby

from django.db.models import Count
from django.utils.translation import gettext as _

from households.choices import (
    Category,
    Education,
    Health,
    LaborCapacity,
    PersonStatus,
    PovertyCause,
    Relation,
    SchoolStage,
    Sex,
    WorkStatus,
)
from households.models import Person

from ..values import LIST_SEPARATOR, NO, YES, label_of
from .base import scoped


def yes_no(value):
    """是 / 否, or None for unknown."""
    return None if value is None else (YES if value else NO)


def export_row(person, identifiers, *, household_on_every_row=False):
    """The cells of one person, in the columns of the 家庭成员 sheet; household columns on the head's row
    (or on every row, as the national register writes them)."""
    household = person.household
    cells = [
        household.code, household.village.township.name, household.village.name, person.name,
        identifiers(person.id_number, "id"), label_of(Relation)[person.relation], label_of(Sex)[person.sex],
        label_of(LaborCapacity)[person.labor_capacity], label_of(Health)[person.health],
        label_of(SchoolStage)[person.school_stage], YES if person.medical_insurance else NO,
        label_of(PersonStatus)[person.status], identifiers(person.phone, "phone") or None,
    ]
    person_cells = [
        person.person_code or None, person.ethnicity or None,
        label_of(Education)[person.education] if person.education else None,
        label_of(WorkStatus)[person.work_status] if person.work_status else None, person.work_months,
        yes_no(person.serious_illness_insurance), identifiers(person.disability_certificate, "id") or None,
    ]
    if person.relation != Relation.HEAD and not household_on_every_row:
        return [*cells, None, None, None, None, None, None, *person_cells, None, None, None, None]
    causes = [label_of(PovertyCause)[c] for c in (household.secondary_cause_1, household.secondary_cause_2) if c]
    return [
        *cells, label_of(Category).get(household.category), label_of(PovertyCause).get(household.poverty_cause),
        LIST_SEPARATOR.join(causes) or None, household.registered_year, household.exit_year,
        household.natural_village or None, *person_cells, household.first_identified,
        yes_no(household.dilapidated_house), yes_no(household.safe_drinking_water),
        identifiers(household.phone, "phone") or None,
    ]


def warn_duplicates(handler, ctx):
    """Warn of people of the file sharing a name and birth date, or a phone, with another household.

    Run once the sheet is written, as two grouped queries over the user's area (neither column is
    indexed, so one scan instead of one per batch), read in order and kept only for groups that
    span households.
    """
    people = scoped(Person, ctx.user)
    checks = (
        (("name", "birth_date"), "name",
         _("Possible duplicate: same name and birth date as a member of household %(code)s.")),
        (("phone",), "phone", _("Possible duplicate: same phone as a member of household %(code)s.")),
    )
    for fields, column, message in checks:
        shared = (people.exclude(**{fields[0]: ""}).values(*fields)
                  .annotate(households=Count("household", distinct=True)).filter(households__gt=1))
        rows = (people.filter(**{f"{fields[0]}__in": shared.values(fields[0])}).order_by(*fields)
                .values_list("id_number", "household__code", *fields).iterator(chunk_size=2000))
        groups = []  # only groups spanning households can warn; the others are dropped as they are read
        for _values, group in groupby(rows, key=lambda person: person[2:]):
            members = list(group)
            if len({code for _id_number, code, *_values in members}) > 1:
                groups.append(members)
        ids = ctx.keys.get(handler.ids_kind, [id_number for members in groups for id_number, *_rest in members])
        found = []
        for members in groups:
            for id_number, code, *_values in members:
                if id_number in ids:
                    others = sorted({m[1] for m in members} - {code})
                    if others:
                        found.append((ids[id_number].row, "、".join(others[:3])))
        for row, codes in sorted(found):
            ctx.warn(handler.name, row, handler.header(column), message % {"code": codes})
