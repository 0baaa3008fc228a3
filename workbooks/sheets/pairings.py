"""结对帮扶 (a cadre paired with a household) and 帮扶记录 (assistance given under a pairing)."""

from django.utils.translation import gettext as _

from projects.choices import AssistanceKind
from projects.models import AssistanceRecord, Cadre, Pairing, Unit

from ..registry import Column, register
from ..values import choice_parser, label_of, model_field_parser, parse_date
from .base import RecordSheet, household_column, money, resolve_households
from .records import check_dates


def cadres_for(records, ctx):
    """{(cadre name, unit name): cadre pk}, creating the units and cadres the file names for the first time."""
    unit_names = {r["unit"] for r in records}
    units = dict(Unit.objects.filter(name__in=unit_names).values_list("name", "pk"))
    for unit in ctx.create(Unit, [Unit(name=name) for name in sorted(unit_names - units.keys())]):
        units[unit.name] = unit.pk
    wanted = {(r["cadre"], r["unit"]) for r in records}
    known = {
        (name, unit): pk
        for pk, name, unit in Cadre.objects.filter(unit__name__in=unit_names, name__in={c for c, _unit in wanted})
        .values_list("pk", "name", "unit__name")
    }
    new = [Cadre(name=name, unit_id=units[unit]) for name, unit in sorted(wanted - known.keys())]
    for cadre in ctx.create(Cadre, new):
        known[(cadre.name, next(u for u, pk in units.items() if pk == cadre.unit_id))] = cadre.pk
    return known


@register
class PairingSheet(RecordSheet):
    name = "结对帮扶"
    order = 50
    model = Pairing
    columns = (
        household_column,
        Column("帮扶责任人", "cadre", model_field_parser(Cadre, "name"), required=True),
        Column("帮扶单位", "unit", model_field_parser(Unit, "name"), required=True),
        Column("开始日期", "start", parse_date, required=True),
        Column("结束日期", "end", parse_date),
    )
    key_fields = ("cadre_id", "household_id", "start")
    update_fields = ("end",)
    related = ("household", "cadre", "cadre__unit")
    ordering = ("household__code", "start", "cadre__unit__name", "cadre__name")

    def resolve(self, records, ctx):
        records = resolve_households(self, records, ctx)
        cadres = cadres_for(records, ctx) if records else {}
        for record in records:
            record["cadre_id"] = cadres[(record["cadre"], record["unit"])]
        return records

    def values(self, r):
        return {"cadre_id": r["cadre_id"], "household_id": r["household_id"], "start": r["start"], "end": r["end"]}

    def check(self, record, values, ctx):
        return check_dates(self, record, values, ctx)

    def export_row(self, obj, identifiers):
        return [obj.household.code, obj.cadre.name, obj.cadre.unit.name, obj.start, obj.end]


def pick_pairing(pairings, day):
    """The pairing in force on `day`, else the latest started before it, else the earliest."""
    active = [p for p in pairings if p[1] <= day and (p[2] is None or p[2] >= day)]
    started = [p for p in pairings if p[1] <= day]
    chosen = max(active or started, key=lambda p: p[1]) if active or started else min(pairings, key=lambda p: p[1])
    return chosen[0]


@register
class AssistanceSheet(RecordSheet):
    name = "帮扶记录"
    order = 52
    model = AssistanceRecord
    columns = (
        household_column,
        Column("帮扶责任人", "cadre", model_field_parser(Cadre, "name"), required=True),
        Column("日期", "date", parse_date, required=True),
        Column("类型", "kind", choice_parser(AssistanceKind), required=True),
        money(AssistanceRecord, "amount", header="金额"),
        Column("说明", "note", model_field_parser(AssistanceRecord, "note"), default=""),
    )
    key_fields = ("pairing_id", "date", "kind")
    update_fields = ("amount", "note")
    parent_field = "pairing_id"
    area_path = "pairing__household__village"
    related = ("pairing__household", "pairing__cadre")
    ordering = ("pairing__household__code", "date", "kind", "pairing__cadre__name", "pk")

    def resolve(self, records, ctx):
        records = resolve_households(self, records, ctx)
        pairings = {}
        for pk, household_id, cadre, start, end in Pairing.objects.filter(
            household_id__in={r["household_id"] for r in records}
        ).values_list("pk", "household_id", "cadre__name", "start", "end"):
            pairings.setdefault((household_id, cadre), []).append((pk, start, end))
        kept = []
        for record in records:
            found = pairings.get((record["household_id"], record["cadre"]))
            if not found:
                ctx.error(self.name, record.row, self.header("cadre"),
                          _("This cadre is not paired with the household, on the register or in this file."),
                          value=record["cadre"])
                continue
            record["pairing_id"] = pick_pairing(found, record["date"])
            kept.append(record)
        return kept

    def values(self, r):
        return {"pairing_id": r["pairing_id"], "date": r["date"], "kind": r["kind"], "amount": r["amount"],
                "note": r["note"]}

    def export_row(self, obj, identifiers):
        return [obj.pairing.household.code, obj.pairing.cadre.name, obj.date, label_of(AssistanceKind)[obj.kind],
                obj.amount, obj.note or None]
