"""家庭成员: one row per person; the rows sharing a 户编号 form a household, read from its 户主 row."""

from itertools import groupby

from django.core.exceptions import ValidationError
from django.db.models import Case, Count, IntegerField, Value, When
from django.utils.translation import gettext as _

from households.choices import Category, Health, LaborCapacity, PersonStatus, PovertyCause, Relation, SchoolStage, Sex
from households.conflicts import ID_NUMBER_TAKEN
from households.models import Household, Person
from households.models.household import validate_phone
from households.validators import sex_from_id

from ..registry import Column, SheetHandler, register
from ..values import (
    LIST_SEPARATOR,
    NO,
    YES,
    choice_parser,
    label_of,
    model_field_parser,
    parse_year,
    parse_yes_no,
    text,
    validator_parser,
)
from .base import CODE_TAKEN, OUTSIDE_AREA, area_filter, constraint_message, household_column, id_number_column, scoped

HEAD = Relation.HEAD
HOUSEHOLD_FIELDS = (
    "village_id", "registered", "category", "poverty_cause", "secondary_cause_1", "secondary_cause_2",
    "registered_year", "exit_year",
)
PERSON_FIELDS = (
    "name", "relation", "labor_capacity", "health", "school_stage", "medical_insurance", "status", "phone",
)


def parse_causes(value):
    """Up to two other causes of poverty, separated by 、."""
    parse = choice_parser(PovertyCause)
    causes = [parse(part) for part in text(value).split(LIST_SEPARATOR) if part.strip()]
    if len(causes) > 2:
        raise ValidationError(_("Give at most two other causes, separated by 、."))
    return [*causes, "", ""][:2]


class HouseholdState:
    """What the file has said so far about one household code."""

    __slots__ = ("first_row", "head_row", "village_id")

    def __init__(self, first_row, head_row=None, village_id=None):
        self.first_row = first_row
        self.head_row = head_row
        self.village_id = village_id


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
    )

    # Reading ------------------------------------------------------------------------------------

    def parse(self, row, cells, ctx):
        record = super().parse(row, cells, ctx)
        if record is None:
            # Rows of other sheets about this household or person are skipped, not reported again.
            ctx.rejected["household"].add(text(cells[0]))
            ctx.rejected["person"].add(text(cells[4]).upper())
            return None
        if record["sex"] and record["sex"] != sex_from_id(record["id_number"]):
            ctx.error(self.name, row, self.header("sex"), _("The sex does not match the ID number."))
            ctx.rejected["person"].add(record["id_number"])
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

    @property
    def ids_kind(self):
        return f"{self.name}:ids"  # ID number -> (row, household code)

    @property
    def households_kind(self):
        return f"{self.name}:households"  # household code -> (first row, head's row, village)

    def import_batch(self, records, ctx):
        pending = ctx.state(self.name).setdefault("pending", {})
        # What earlier batches said about this batch's households and ID numbers (keys.py), then this batch.
        codes = {r["household_code"] for r in records}
        households = {code: HouseholdState(row, head_row, village_id)
                      for code, (row, _code, head_row, village_id) in ctx.keys.get(self.households_kind, codes).items()}
        earlier = list(households)
        found = ctx.keys.get(self.ids_kind, [r["id_number"] for r in records])
        ids = {number: (row, code) for number, (row, code, _h, _v) in found.items()}
        known = set(ids)
        records = [r for r in records if self.check_row(r, households, ids, ctx)]
        ctx.keys.add(self.ids_kind, [(number, row, code, None, None)
                                     for number, (row, code) in ids.items() if number not in known])
        ctx.keys.discard(self.households_kind, earlier)
        ctx.keys.add(self.households_kind, [(code, hs.first_row, None, hs.head_row, hs.village_id)
                                            for code, hs in households.items()])
        codes = {r["household_code"] for r in records}
        existing = {h.code: h for h in Household.objects.filter(code__in=codes)}
        by_code = {}
        for record in records:
            by_code.setdefault(record["household_code"], []).append(record)
        for code in by_code:
            by_code[code] = pending.pop(code, []) + by_code[code]

        members, household_updates, household_creates = [], [], []
        for code, rows in by_code.items():
            household = existing.get(code)
            if household is not None and not ctx.village_in_area(household.village_id):
                # The same words as for a code taken inside the area: whether it is elsewhere is not told.
                for r in rows:
                    ctx.error(self.name, r.row, self.header("household_code"), _(CODE_TAKEN))
                ctx.rejected["household"].add(code)
                continue
            head = next((r for r in rows if r["relation"] == HEAD), None)
            if head is None:
                if household is None:
                    pending[code] = rows  # the head row comes later in the file
                    continue
            else:
                values = self.household_values(head, households[code].village_id, household, ctx)
                if values is None:
                    ctx.rejected["household"].add(code)
                    continue
                if household is None:
                    household = Household(code=code, **values)
                    household_creates.append(household)
                else:
                    changed = [f for f in HOUSEHOLD_FIELDS if getattr(household, f) != values[f]]
                    if changed:
                        for f in changed:
                            setattr(household, f, values[f])
                        household.version += 1
                        household_updates.append(household)
                        head["household_changes"] = [self.household_header(f) for f in changed]
            if code in ctx.rejected["household"]:
                continue
            members.extend((household, r) for r in rows)

        ctx.update(Household, household_updates, set(HOUSEHOLD_FIELDS) | {"version"})
        ctx.create(Household, household_creates)
        self.import_people(members, ctx)

    def check_row(self, record, households, ids, ctx):
        """Checks of one row against the rest of the file: place, one head, an ID in one household."""
        code, row = record["household_code"], record.row
        hs = households.get(code)
        if hs is None:
            hs = households[code] = HouseholdState(row)
        ok = True
        township_id = ctx.township_id(record["township"])
        village_id = ctx.village_id(township_id, record["village"])
        if township_id is None:
            ctx.error(self.name, row, self.header("township"), _("No township of this name."))
            ok = False
        elif village_id is None:
            ctx.error(self.name, row, self.header("village"), _("The township has no village of this name."))
            ok = False
        elif not ctx.village_in_area(village_id):
            ctx.error(self.name, row, self.header("village"), _(OUTSIDE_AREA))
            ok = False
        elif hs.village_id is None:
            hs.village_id = village_id
        elif hs.village_id != village_id:
            ctx.error(self.name, row, self.header("village"),
                      _("Another row of this household names a different township or village."))
            ok = False
        seen = ids.get(record["id_number"])
        if seen is not None:
            message = (_("This person is already in row %(row)s.") if seen[1] == code
                       else _("This ID number is already in row %(row)s, household %(code)s."))
            ctx.error(self.name, row, self.header("id_number"), message % {"row": seen[0], "code": seen[1]})
            ok = False
        else:
            ids[record["id_number"]] = (row, code)
        if record["relation"] == HEAD:
            if hs.head_row is not None:
                ctx.error(self.name, row, self.header("relation"),
                          _("This household already has a head of household in row %(row)s.") % {"row": hs.head_row})
                ok = False
            else:
                hs.head_row = row
        if not ok:
            ctx.rejected["household"].add(code)
            ctx.rejected["person"].add(record["id_number"])
        return ok

    def household_values(self, head, village_id, household, ctx):
        """The household's fields from its head's row, or None when they break a rule."""
        registered = bool(head["category"])
        values = {
            "village_id": village_id, "registered": registered, "category": head["category"],
            "poverty_cause": head["poverty_cause"], "secondary_cause_1": head["secondary_causes"][0],
            "secondary_cause_2": head["secondary_causes"][1], "registered_year": head["registered_year"],
            "exit_year": head["exit_year"],
        }
        required = _("Required on the head's row of a household on the register.")
        problems = []
        if registered or (household is not None and household.registered):
            problems += [(key, required) for key in ("category", "poverty_cause", "registered_year") if not head[key]]
        elif head["exit_year"] is not None:
            problems.append(("exit_year", constraint_message(Household, "monitored_household_has_no_register_data")))
        if head["exit_year"] and head["registered_year"] and head["exit_year"] < head["registered_year"]:
            problems.append(("exit_year", constraint_message(Household, "household_exit_not_before_registration")))
        for key, message in problems:
            ctx.error(self.name, head.row, self.header(key), message)
        return None if problems else values

    def household_header(self, field):
        return {"village_id": self.header("village"), "registered": self.header("category"),
                "secondary_cause_1": self.header("secondary_causes"),
                "secondary_cause_2": self.header("secondary_causes")}.get(field) or self.header(field)

    def import_people(self, members, ctx):
        """Create or update the people of households now on the register."""
        if not members:
            return
        people = {p.id_number: p for p in Person.objects.filter(id_number__in=[r["id_number"] for _hh, r in members])}
        heads = dict(
            Person.objects.filter(household__in=[h.pk for h, _r in members], relation=HEAD)
            .values_list("household_id", "id_number")
        )
        in_file = {r["id_number"] for _hh, r in members}
        creates, demotions, updates = [], [], []
        for household, record in members:
            person = people.get(record["id_number"])
            if person is not None and person.household_id != household.pk:
                ctx.error(self.name, record.row, self.header("id_number"), str(ID_NUMBER_TAKEN))
                ctx.identifier_conflicts.append((record["id_number"], household.code, f"{self.name} {record.row}"))
                continue
            old_head = heads.get(household.pk)
            if record["relation"] == HEAD and old_head not in (None, record["id_number"]) and old_head not in in_file:
                ctx.error(self.name, record.row, self.header("relation"),
                          constraint_message(Person, "one_head_per_household"))
                continue
            values = {name: record[name] for name in PERSON_FIELDS}
            if person is None:
                person = Person(household=household, id_number=record["id_number"], **values)
                person.fill_from_id_number()
                creates.append(person)
                ctx.count(self.name, "created")
                continue
            changed = [name for name in PERSON_FIELDS if getattr(person, name) != values[name]]
            columns = [self.header(name) for name in changed] + record.get("household_changes", [])
            if not columns:
                ctx.count(self.name, "unchanged")
                continue
            ctx.count(self.name, "updated")
            ctx.note_update(self.name, record.row, columns)
            if changed:
                was_head = person.relation == HEAD
                for name in changed:
                    setattr(person, name, values[name])
                person.version += 1
                (demotions if was_head and person.relation != HEAD else updates).append(person)
        fields = set(PERSON_FIELDS) | {"version"}
        ctx.update(Person, demotions, fields)  # a head stepping down first: one head per household
        ctx.update(Person, updates, fields)
        ctx.create(Person, creates)

    def warn_duplicates(self, ctx):
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
            ids = ctx.keys.get(self.ids_kind, [id_number for members in groups for id_number, *_rest in members])
            found = []
            for members in groups:
                for id_number, code, *_values in members:
                    if id_number in ids:
                        others = sorted({m[1] for m in members} - {code})
                        if others:
                            found.append((ids[id_number][0], "、".join(others[:3])))
            for row, codes in sorted(found):
                ctx.warn(self.name, row, self.header(column), message % {"code": codes})

    def finish(self, ctx):
        state = ctx.state(self.name)
        pending = state.get("pending", {})
        for rows in pending.values():
            ctx.error(self.name, rows[0].row, self.header("relation"), _("This household has no head of household."))
        # Households of the file without a head row, in code order, a thousand at a time.
        headless = {}
        for code, first_row, *_rest in ctx.keys.scan(self.households_kind, head_row_null=True):
            if code not in pending:
                headless[code] = first_row
            if len(headless) >= 1000:
                self.report_headless(headless, ctx)
                headless = {}
        self.report_headless(headless, ctx)
        self.warn_duplicates(ctx)

    def report_headless(self, headless, ctx):
        """Report the households (code -> first row) neither the file nor the register gives a head."""
        if not headless:
            return
        with_head = set(Household.objects.filter(code__in=headless, members__relation=HEAD)
                        .values_list("code", flat=True))
        for code, first_row in headless.items():
            if code not in with_head and code not in ctx.rejected["household"]:
                ctx.error(self.name, first_row, self.header("relation"), _("This household has no head of household."))

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
        household = person.household
        cells = [
            household.code, household.village.township.name, household.village.name, person.name,
            identifiers(person.id_number, "id"), label_of(Relation)[person.relation], label_of(Sex)[person.sex],
            label_of(LaborCapacity)[person.labor_capacity], label_of(Health)[person.health],
            label_of(SchoolStage)[person.school_stage], YES if person.medical_insurance else NO,
            label_of(PersonStatus)[person.status], identifiers(person.phone, "phone") or None,
        ]
        if person.relation != HEAD:
            return [*cells, None, None, None, None, None]
        causes = [label_of(PovertyCause)[c] for c in (household.secondary_cause_1, household.secondary_cause_2) if c]
        return [
            *cells, label_of(Category).get(household.category), label_of(PovertyCause).get(household.poverty_cause),
            LIST_SEPARATOR.join(causes) or None, household.registered_year, household.exit_year,
        ]
