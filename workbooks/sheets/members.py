"""家庭成员: one row per person; the rows sharing a 户编号 form a household, read from its 户主 row."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Case, IntegerField, Value, When
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
from households.conflicts import ID_NUMBER_TAKEN
from households.models import Household, Person
from households.models.household import validate_phone
from households.validators import normalize_id_number, sex_from_id, validate_disability_certificate

from .. import rules
from ..context import Place
from ..insert import build
from ..keys import KeyKind, SeenHousehold, SeenId
from ..registry import Column, SheetHandler, register
from ..values import (
    LIST_SEPARATOR,
    choice_parser,
    model_field_parser,
    parse_date,
    parse_year,
    parse_yes_no,
    text,
    validator_parser,
)
from .base import CODE_TAKEN, OUTSIDE_AREA, area_filter, constraint_message, household_column, id_number_column, scoped
from .member_rows import export_row, warn_duplicates

HEAD = Relation.HEAD
HOUSEHOLD_FIELDS = (
    "village_id", "registered", "category", "poverty_cause", "secondary_cause_1", "secondary_cause_2",
    "registered_year", "exit_year", "natural_village", "first_identified", "dilapidated_house",
    "safe_drinking_water", "phone",
)
PERSON_FIELDS = (
    "name", "relation", "labor_capacity", "health", "school_stage", "medical_insurance", "status", "phone",
    "person_code", "ethnicity", "education", "work_status", "work_months", "serious_illness_insurance",
    "disability_certificate",
)
# The column a household field is read from (record key), where the two names differ.
HOUSEHOLD_KEYS = {"village_id": "village", "registered": "category", "secondary_cause_1": "secondary_causes",
                  "secondary_cause_2": "secondary_causes", "phone": "household_phone"}
# Where a broken household constraint is reported (the first of these columns left blank, else the last).
CONSTRAINT_COLUMNS = {
    "registered_household_has_category_cause_year": ("category", "poverty_cause", "registered_year"),
    "monitored_household_has_no_register_data": ("exit_year",),
    "household_exit_not_before_registration": ("exit_year",),
    "household_removal_has_reason": ("category",),
}
IDS = KeyKind("家庭成员:ids", SeenId)
HOUSEHOLDS = KeyKind("家庭成员:households", SeenHousehold)


def parse_causes(value):
    """Up to two other causes of poverty, separated by 、."""
    parse = choice_parser(PovertyCause)
    causes = [parse(part) for part in text(value).split(LIST_SEPARATOR) if part.strip()]
    if len(causes) > 2:
        raise ValidationError(_("Give at most two other causes, separated by 、."))
    return [*causes, "", ""][:2]


def optional(header, key, parse, default=""):
    """A column the national register's files have and the register's older files do not."""
    return Column(header, key, parse, default=default, kept_when_absent=True)


def people_with_id_numbers(numbers):
    """The people of the register holding these ID numbers.

    On PostgreSQL each number is looked up by its index (a lateral join): asked for a thousand at once, the
    planner would rather scan every person, 15–35 ms a batch at 100,000 people (docs/PERFORMANCE.md, 13); the
    number is unique, and LIMIT 1 keeps the planner from turning the lookups back into one hash join.
    """
    if connection.vendor != "postgresql" or not numbers:
        return Person.objects.filter(id_number__in=numbers).order_by()
    table, column = (connection.ops.quote_name(name) for name in (Person._meta.db_table, "id_number"))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT found.id FROM unnest(%s::text[]) AS wanted (number) CROSS JOIN LATERAL "
                       f"(SELECT id FROM {table} WHERE {column} = wanted.number LIMIT 1) AS found", [list(numbers)])
        pks = [pk for (pk,) in cursor.fetchall()]
    return Person.objects.filter(pk__in=pks).order_by() if pks else []


@register
class MembersSheet(SheetHandler):
    name = "家庭成员"
    order = 10
    columns = (
        household_column,
        Column("乡镇", "township", text, required=True),
        Column("行政村", "village", text, required=True),
        Column("姓名", "name", model_field_parser(Person, "name"), required=True),
        id_number_column,
        Column("与户主关系", "relation", choice_parser(Relation), required=True),
        Column("性别", "sex", choice_parser(Sex)),
        Column("劳动技能", "labor_capacity", choice_parser(LaborCapacity), required=True),
        Column("健康状况", "health", choice_parser(Health), default=Health.HEALTHY),
        Column("在校生状况", "school_stage", choice_parser(SchoolStage), default=SchoolStage.NONE),
        Column("参加医疗保险", "medical_insurance", parse_yes_no, default=False),
        Column("人员状态", "status", choice_parser(PersonStatus), default=PersonStatus.NORMAL),
        Column("联系电话", "phone", validator_parser(validate_phone), default=""),
        Column("贫困户属性", "category", choice_parser(Category), default=""),
        Column("主要致贫原因", "poverty_cause", choice_parser(PovertyCause), default=""),
        Column("其他致贫原因", "secondary_causes", parse_causes, default=("", "")),
        Column("识别年度", "registered_year", model_field_parser(Household, "registered_year", parse_year)),
        Column("脱贫年度", "exit_year", parse_year),
        optional("自然村", "natural_village", model_field_parser(Household, "natural_village")),
        optional("人编号", "person_code", model_field_parser(Person, "person_code")),
        optional("民族", "ethnicity", model_field_parser(Person, "ethnicity")),
        optional("文化程度", "education", choice_parser(Education)),
        optional("务工状况", "work_status", choice_parser(WorkStatus)),
        optional("务工时间（月）", "work_months", model_field_parser(Person, "work_months"), None),
        optional("大病保险", "serious_illness_insurance", parse_yes_no, None),
        optional("残疾证号", "disability_certificate",
                 validator_parser(validate_disability_certificate, lambda v: normalize_id_number(text(v)))),
        optional("首次识别时间", "first_identified", parse_date, None),
        optional("危房户", "dilapidated_house", parse_yes_no, None),
        optional("饮水安全", "safe_drinking_water", parse_yes_no, None),
        optional("户联系电话", "household_phone", validator_parser(validate_phone)),
    )

    @dataclass
    class State:
        """Households whose head row has not come yet (code -> their rows), and the columns the file has."""

        pending: dict = field(default_factory=dict)

    # Reading ------------------------------------------------------------------------------------

    def parse(self, row, cells, ctx):
        record = super().parse(row, cells, ctx)
        if record is None:
            # Rows of other sheets about this household or person are left out, not reported again.
            place = Place(self.name, row)
            ctx.rejected.households.setdefault(text(cells[0]), place)
            ctx.rejected.people.setdefault(normalize_id_number(text(cells[4]))[:18], place)
            return None
        given = normalize_id_number(text(cells[4]))
        if len(given) > 18 and not record["disability_certificate"]:
            record["disability_certificate"] = given  # a 残疾证号 in place of the ID number
        if record["registered_year"] is None and record["first_identified"] is not None:
            record["registered_year"] = record["first_identified"].year
        if record["sex"] and record["sex"] != sex_from_id(record["id_number"]):
            ctx.error(self.name, row, self.header("sex"), _("The sex does not match the ID number."),
                      value=cells[6])
            ctx.rejected.people.setdefault(record["id_number"], Place(self.name, row))
            return None
        return record

    def batches(self, rows, ctx):
        """Batches that end between households, so a household's rows are written together."""
        batch = []
        for record in super().batches(rows, ctx):
            for item in record:
                if len(batch) >= self.batch_size and item["household_code"] != batch[-1]["household_code"]:
                    yield batch
                    batch = []
                batch.append(item)
        if batch:
            yield batch

    # Importing ----------------------------------------------------------------------------------

    ids_kind = IDS
    households_kind = HOUSEHOLDS

    def import_batch(self, records, ctx):
        pending = ctx.state(self).pending
        # What earlier batches said about this batch's households and ID numbers (keys.py), then this batch.
        codes = {r["household_code"] for r in records}
        households = ctx.keys.get(HOUSEHOLDS, codes)
        earlier = list(households)
        ids = ctx.keys.get(IDS, [r["id_number"] for r in records])
        known = set(ids)
        kept = []
        for record in records:
            if self.check_row(record, households, ids, ctx):
                kept.append(record)
        ctx.keys.add(IDS, {number: seen for number, seen in ids.items() if number not in known})
        ctx.keys.discard(HOUSEHOLDS, earlier)
        ctx.keys.add(HOUSEHOLDS, households)
        # order_by(): dicts and sets need no order (the model's order would join people with their households)
        codes = {r["household_code"] for r in kept}
        existing = {h.code: h for h in Household.objects.filter(code__in=codes).order_by()}
        with_head = set(Person.objects.filter(household__in=[h.pk for h in existing.values()], relation=HEAD).order_by()
                        .values_list("household_id", flat=True))
        by_code = {}
        for record in kept:
            by_code.setdefault(record["household_code"], []).append(record)
        for code in by_code:
            by_code[code] = pending.pop(code, []) + by_code[code]

        members, household_updates, household_creates = [], [], []
        for code, rows in by_code.items():
            household = existing.get(code)
            if code in ctx.rejected.households:
                self.skip_household(rows, ctx, code)
                continue
            if household is not None and not ctx.village_in_area(household.village_id):
                # The same words as for a code taken inside the area: whether it is elsewhere is not told.
                for r in rows:
                    ctx.error(self.name, r.row, self.header("household_code"), _(CODE_TAKEN), value=code)
                ctx.rejected.households.setdefault(code, Place(self.name, rows[0].row))
                continue
            head = next((r for r in rows if r["relation"] == HEAD), None)
            if head is None:
                if household is None or household.pk not in with_head:
                    pending[code] = rows  # the head row comes later in the file
                    continue
            else:
                values = self.household_values(head, households[code].village_id, household, ctx)
                if values is None:
                    ctx.rejected.households.setdefault(code, Place(self.name, head.row))
                    self.skip_household([r for r in rows if r is not head], ctx, code)
                    continue
                if household is None:
                    household = build(Household, {"code": code, **values})
                    household_creates.append(household)
                else:
                    changed = [f for f in values if getattr(household, f) != values[f]]
                    if changed:
                        for f in changed:
                            setattr(household, f, values[f])
                        household.version += 1
                        household_updates.append(household)
                        head["household_changes"] = [self.household_header(f) for f in changed]
            members.extend((household, r) for r in rows)

        ctx.update(Household, household_updates, set(HOUSEHOLD_FIELDS) | {"version"})
        ctx.create(Household, household_creates)
        self.import_people(members, ctx, {h.pk for h in household_creates})

    def skip_household(self, rows, ctx, code):
        """Leave out the rows of a household another of whose rows was rejected."""
        place = ctx.rejected.households[code]
        for r in rows:
            ctx.rejected.people.setdefault(r["id_number"], place)
            if r.row != place.row:
                ctx.skip_dependent(self.name, r.row, place, _("household %(key)s") % {"key": code})

    def check_row(self, record, households, ids, ctx):
        """Checks of one row against the rest of the file: place, one head, an ID in one household."""
        code, row = record["household_code"], record.row
        hs = households.get(code)
        if hs is None:
            hs = households[code] = SeenHousehold(row)
        ok = True
        township_id = ctx.township_id(record["township"])
        village_id = ctx.village_id(township_id, record["village"])
        if township_id is None:
            ctx.error(self.name, row, self.header("township"), _("There is no township “%(value)s”.")
                      % {"value": record["township"]})
            ok = False
        elif village_id is None:
            ctx.error(self.name, row, self.header("village"), _("%(township)s has no village “%(value)s”.")
                      % {"township": record["township"], "value": record["village"]})
            ok = False
        elif not ctx.village_in_area(village_id):
            ctx.error(self.name, row, self.header("village"), _(OUTSIDE_AREA), value=record["village"])
            ok = False
        elif hs.village_id is None:
            hs.village_id = village_id
        elif hs.village_id != village_id:
            ctx.error(self.name, row, self.header("village"),
                      _("Another row of this household names a different township or village."),
                      value=record["village"])
            ok = False
        seen = ids.get(record["id_number"])
        if seen is not None:
            message = (_("This person is already in row %(row)s.") if seen.household_code == code
                       else _("This ID number is already in row %(row)s, household %(code)s."))
            ctx.error(self.name, row, self.header("id_number"),
                      message % {"row": seen.row, "code": seen.household_code}, value=record["id_number"])
            ok = False
        else:
            ids[record["id_number"]] = SeenId(row, code)
        if record["relation"] == HEAD:
            if hs.head_row is not None:
                ctx.error(self.name, row, self.header("relation"),
                          _("This household already has a head of household in row %(row)s.") % {"row": hs.head_row})
                ok = False
            else:
                hs.head_row = row
        if not ok:
            ctx.rejected.households.setdefault(code, Place(self.name, row))
            ctx.rejected.people.setdefault(record["id_number"], Place(self.name, row))
        return ok

    def household_values(self, head, village_id, household, ctx):
        """The household's fields from its head's row, or None when they break one of the model's rules."""
        values = {
            "village_id": village_id,
            "registered": bool(head["category"]) or (household is not None and household.registered),
            "category": head["category"], "poverty_cause": head["poverty_cause"],
            "secondary_cause_1": head["secondary_causes"][0], "secondary_cause_2": head["secondary_causes"][1],
            "registered_year": head["registered_year"], "exit_year": head["exit_year"],
            "natural_village": head["natural_village"], "first_identified": head["first_identified"],
            "dilapidated_house": head["dilapidated_house"], "safe_drinking_water": head["safe_drinking_water"],
            "phone": head["household_phone"],
        }
        absent = ctx.absent.get(self.name, set())
        for name in list(values):
            if HOUSEHOLD_KEYS.get(name, name) in absent:
                if household is None:
                    values[name] = Household._meta.get_field(name).get_default()
                else:
                    del values[name]
        current = {f.attname: getattr(household, f.attname) for f in Household._meta.concrete_fields} \
            if household is not None else {"removed_in_error": False, "removal_reason": ""}
        broken = rules.broken(Household, {**current, **values})
        for constraint in broken:
            keys = CONSTRAINT_COLUMNS.get(constraint.name, ("category",))
            key = next((k for k in keys if head[k] in (None, "")), keys[-1])
            ctx.error(self.name, head.row, self.header(key), rules.message(constraint), value=head[key])
        return None if broken else values

    def household_header(self, field_name):
        return self.header(HOUSEHOLD_KEYS.get(field_name, field_name))

    def import_people(self, members, ctx, created=frozenset()):
        """Create or update the people of households now on the register (`created`: the keys of those this
        batch created)."""
        if not members:
            return
        people = {p.id_number: p for p in people_with_id_numbers([r["id_number"] for _hh, r in members])}
        heads = dict(  # of the households on the register before this batch (those it created have none yet)
            Person.objects.filter(household__in=[h.pk for h, _r in members if h.pk not in created], relation=HEAD)
            .order_by().values_list("household_id", "id_number")
        )
        in_file = {r["id_number"] for _hh, r in members}
        absent = ctx.absent.get(self.name, set())
        fields = [name for name in PERSON_FIELDS if name not in absent]
        creates, demotions, updates = [], [], []
        for household, record in members:
            person = people.get(record["id_number"])
            if person is not None and person.household_id != household.pk:
                ctx.error(self.name, record.row, self.header("id_number"), str(ID_NUMBER_TAKEN),
                          value=record["id_number"])
                ctx.identifier_conflicts.append((record["id_number"], household.code, f"{self.name} {record.row}"))
                continue
            old_head = heads.get(household.pk)
            if record["relation"] == HEAD and old_head not in (None, record["id_number"]) and old_head not in in_file:
                ctx.error(self.name, record.row, self.header("relation"),
                          constraint_message(Person, "one_head_per_household"))
                continue
            if person is None:
                person = build(Person, {"household_id": household.pk, "id_number": record["id_number"],
                                        **{name: record[name] for name in PERSON_FIELDS}})
                person.fill_from_id_number()
                creates.append(person)
                ctx.count(self.name, "created")
                continue
            changed = [name for name in fields if getattr(person, name) != record[name]]
            columns = [self.header(name) for name in changed] + record.get("household_changes", [])
            if not columns:
                ctx.count(self.name, "unchanged")
                continue
            ctx.count(self.name, "updated")
            ctx.note_update(self.name, record.row, columns)
            if changed:
                was_head = person.relation == HEAD
                for name in changed:
                    setattr(person, name, record[name])
                person.version += 1
                (demotions if was_head and person.relation != HEAD else updates).append(person)
        written = set(PERSON_FIELDS) | {"version"}
        ctx.update(Person, demotions, written)  # a head stepping down first: one head per household
        ctx.update(Person, updates, written)
        ctx.create(Person, creates)

    def finish(self, ctx):
        for code, rows in ctx.state(self).pending.items():
            ctx.error(self.name, rows[0].row, self.header("relation"), _("This household has no head of household."))
            ctx.rejected.households.setdefault(code, Place(self.name, rows[0].row))
            self.skip_household(rows[1:], ctx, code)
        warn_duplicates(self, ctx)

    # Writing ------------------------------------------------------------------------------------

    def queryset(self, user, area=None):
        return area_filter(scoped(Person, user), "household__village", area)

    def coerce(self, queryset):
        if queryset.model is Household:
            return Person.objects.filter(household__in=queryset.values("pk"))
        return queryset

    def prepare(self, queryset):
        head_first = Case(When(relation=HEAD, then=Value(0)), default=Value(1), output_field=IntegerField())
        return queryset.select_related("household__village__township").order_by("household__code", head_first, "pk")

    def export_row(self, person, identifiers):
        return export_row(person, identifiers)
