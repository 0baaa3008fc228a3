"""The common shape of a sheet whose rows are records matched by a natural key."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from households.models import Household
from households.validators import normalize_id_number, validate_disability_certificate, validate_id_number

from .. import rules
from ..insert import build
from ..keys import KeyKind, SeenRecord
from ..registry import Column, SheetHandler
from ..values import decimal_of, model_field_parser, text

# A record outside the user's area gets the words of a record that does not exist (no existence oracle).
MISSING_HOUSEHOLD = gettext_noop("No household with this code in your area or in this file.")
MISSING_PERSON = gettext_noop("No person with this ID number in your area or in this file.")
OUTSIDE_AREA = gettext_noop("Outside your area.")
CODE_TAKEN = gettext_noop("A household with this code is already on the register.")


def parse_id_number(value):
    """An ID number checked by the model's own validator; a disability certificate number (残疾证号, 20 or
    22 characters, which the national register gives in place of some ID numbers) gives its holder's."""
    if isinstance(value, float):
        raise ValidationError(_("Format the ID number column as text: Excel has turned this one into a number."))
    value = normalize_id_number(text(value))
    if len(value) in (20, 22):
        validate_disability_certificate(value)
        return value[:18]
    validate_id_number(value)
    return value


id_number_column = Column("证件号码", "id_number", parse_id_number, required=True)
household_column = Column("户编号", "household_code", model_field_parser(Household, "code"), required=True)


def money(model, field, *, header, required=False):
    """A yuan column parsed by the model's money field (its messages: negative, decimals)."""
    default = None if required else model._meta.get_field(field).get_default()
    return Column(header, field, model_field_parser(model, field, decimal_of), required=required, default=default)


def area_filter(queryset, path, area):
    """Rows of `queryset` whose village (reached by `path`) is in `area` (Township, Village or None)."""
    if area is None:
        return queryset
    if area._meta.model_name == "township":
        return queryset.filter(**{f"{path}__township": area})
    return queryset.filter(**{path: area})


def scoped(model, user):
    """Rows the user may see; the command line (no user) sees the whole district."""
    return model.objects.all() if user is None else model.objects.for_user(user)


class RecordSheet(SheetHandler):
    """Rows matched to records by `key_fields`; `update_fields` are what a newer file may change."""

    model = None
    key_fields = ()
    update_fields = ()
    parent_field = "household_id"
    area_path = "household__village"
    related = ()
    ordering = ()

    # Import -------------------------------------------------------------------------------------

    def resolve(self, records, ctx):
        """Records with their foreign keys filled in; rows naming unknown records are reported."""
        return resolve_households(self, records, ctx)

    def values(self, record):
        """The model field values of a record (attnames)."""
        raise NotImplementedError

    def check(self, record, values, ctx):
        """Rules across columns; report and return False when one is broken."""
        return True

    def existing(self, rows, ctx):
        """{key: object} of the records already on the register for these rows."""
        parents = {values[self.parent_field] for _record, values in rows}
        found = self.model.objects.filter(**{f"{self.parent_field}__in": parents})
        return {self.key_of(obj.__dict__): obj for obj in found.order_by("pk")}

    def key_of(self, values):
        return tuple(values[name] for name in self.key_fields)

    @property
    def records_kind(self):
        return KeyKind(f"{self.name}:records", SeenRecord)

    constraint_columns = {}  # constraint name -> the column its message is reported on, where not the rule below

    def constraint_column(self, constraint, record):
        """The column a broken constraint is reported on: the first field it names that the row left
        blank, else the first it names (e.g. the end date of "end not before start")."""
        if constraint.name in self.constraint_columns:
            return self.constraint_columns[constraint.name]
        keys = {c.key for c in self.columns}
        named = [name for name in rules.fields_of(constraint.condition) if name in keys]
        return next((n for n in named if record.get(n) in (None, "")), named[0] if named else self.columns[0].key)

    def header_of(self, field):
        """The column a model field is read from (for the preview's list of changes)."""
        key = field.removesuffix("_id")
        return next((c.header for c in self.columns if c.key in (field, key)), field)

    def import_batch(self, records, ctx):
        rows = []
        for record in self.resolve(records, ctx):
            values = self.values(record)
            if self.check(record, values, ctx):
                rows.append((record, values))
        existing = self.existing(rows, ctx) if rows else {}
        # The keys earlier batches wrote (keys.py), then this batch's.
        kind = self.records_kind
        seen = ctx.keys.get(kind, [repr(self.key_of(v)) for _r, v in rows])
        new, creates, updates, fields = {}, [], [], set()
        for record, values in rows:
            key = self.key_of(values)
            name = repr(key)
            if name in seen:
                ctx.error(self.name, record.row, "", _("The same record is already in row %(row)s.")
                          % {"row": seen[name].row})
                continue
            seen[name] = new[name] = SeenRecord(record.row)
            obj = existing.get(key)
            if obj is None:
                creates.append(build(self.model, values))
                ctx.count(self.name, "created")
                continue
            changed = [name for name in self.update_fields if getattr(obj, name) != values[name]]
            if not changed:
                ctx.count(self.name, "unchanged")
                continue
            for name in changed:
                setattr(obj, name, values[name])
            fields.update(changed)
            updates.append(obj)
            ctx.count(self.name, "updated")
            ctx.note_update(self.name, record.row, [self.header_of(name) for name in changed])
        ctx.keys.add(kind, new)
        ctx.update(self.model, updates, fields)
        ctx.create(self.model, creates)

    # Export -------------------------------------------------------------------------------------

    def queryset(self, user, area=None):
        return area_filter(scoped(self.model, user), self.area_path, area)

    def prepare(self, queryset):
        return queryset.select_related(*self.related).order_by(*self.ordering)


def resolve_households(handler, records, ctx, key="household_code"):
    """Records whose 户编号 names a household in the user's area, with record["household_id"] set."""
    records = skip_rejected(handler, records, ctx, key, ctx.rejected.households, _("household %(key)s"))
    found = ctx.households(r[key] for r in records)
    return _resolve(handler, records, ctx, key, found, _(MISSING_HOUSEHOLD), "household_id")


def resolve_people(handler, records, ctx, key="id_number"):
    """Records whose 证件号码 names a person in the user's area, with record["person_id"] set."""
    records = skip_rejected(handler, records, ctx, key, ctx.rejected.people, _("the person of this ID number"))
    found = ctx.people(r[key] for r in records)
    return _resolve(handler, records, ctx, key, found, _(MISSING_PERSON), "person_id")


def skip_rejected(handler, records, ctx, key, rejected, what):
    """The records whose `key` was not rejected; the others are left out with the place that rejected it."""
    kept = []
    for record in records:
        place = rejected.get(record[key])
        if place is None:
            kept.append(record)
        else:
            ctx.skip_dependent(handler.name, record.row, place, what % {"key": record[key]})
    return kept


def _resolve(handler, records, ctx, key, found, missing, target):
    """Keep the records whose `key` is in `found` ({value: (pk, ..., village_id)}) and in the area."""
    kept = []
    for record in records:
        value = record[key]
        match = found.get(value)
        if match is None or not ctx.village_in_area(match[-1]):
            # Outside the area: the words of a record that does not exist (no existence oracle).
            ctx.error(handler.name, record.row, handler.header(key), missing, value=value)
        else:
            record[target] = match[0]
            kept.append(record)
    return kept


def constraint_message(model, name):
    """The message of one of the model's named constraints (so the import says what the model says)."""
    name = name % {"app_label": model._meta.app_label, "class": model._meta.model_name}
    constraint = next(c for c in model._meta.constraints if c.name == name)
    return str(constraint.get_violation_error_message())
