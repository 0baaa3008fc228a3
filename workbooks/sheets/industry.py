"""产业项目 (industry projects, matched by name) and 产业带动 (households benefiting from them)."""

from django.db.models import Q
from django.utils.translation import gettext as _

from projects.choices import BenefitWay, IndustryLevel
from projects.models import IndustryBeneficiary, IndustryProject

from .. import rules
from ..context import Place
from ..registry import Column, register
from ..values import choice_parser, decimal_of, label_of, model_field_parser, parse_date, text
from .base import (
    OUTSIDE_AREA,
    RecordSheet,
    household_column,
    money,
    resolve_households,
    scoped,
    skip_rejected,
)
from .records import check_dates

project_name = Column("项目名称", "name", model_field_parser(IndustryProject, "name"), required=True)


@register
class IndustryProjectSheet(RecordSheet):
    name = "产业项目"
    order = 20
    model = IndustryProject
    columns = (
        project_name,
        Column("层级", "level", choice_parser(IndustryLevel), required=True),
        Column("乡镇", "township", text, default=""),
        Column("行政村", "village", text, default=""),
        money(IndustryProject, "investment", required=True, header="总投资"),
        Column("开始日期", "start", parse_date, required=True),
        Column("结束日期", "end", parse_date),
        Column("年收益率", "return_rate", model_field_parser(IndustryProject, "return_rate", decimal_of),
               required=True),
    )
    key_fields = ("name",)
    update_fields = ("level", "township_id", "village_id", "investment", "start", "end", "return_rate")
    related = ("township", "village")
    ordering = ("name",)

    def resolve(self, records, ctx):
        placed = [r for r in records if self.place(r, ctx)]
        known = IndustryProject.objects.filter(name__in=[r["name"] for r in placed])
        locked = {p.name for p in known if not self.may_change(p, ctx)}
        kept = []
        for record in placed:
            if record["name"] in locked:
                ctx.error(self.name, record.row, self.header("name"), _(OUTSIDE_AREA), value=record["name"])
            else:
                kept.append(record)
        kept_ids = {id(r) for r in kept}
        for record in records:
            if id(record) not in kept_ids:
                ctx.rejected.industry_projects.setdefault(record["name"], Place(self.name, record.row))
        return kept

    def place(self, record, ctx):
        """Fill in the township and village; report unknown places, places outside the area, a wrong level."""
        township_id = village_id = None
        if record["township"]:
            township_id = ctx.township_id(record["township"])
            if township_id is None:
                ctx.error(self.name, record.row, self.header("township"), _("There is no township “%(value)s”.")
                          % {"value": record["township"]})
                return False
        if record["village"]:
            village_id = ctx.village_id(township_id, record["village"])
            if village_id is None:
                ctx.error(self.name, record.row, self.header("village"), _("%(township)s has no village “%(value)s”.")
                          % {"township": record["township"], "value": record["village"]})
                return False
        broken = rules.broken(IndustryProject, {"level": record["level"], "township_id": township_id,
                                                "village_id": village_id}, names={"industry_location_matches_level"})
        if broken:
            ctx.error(self.name, record.row, self.header("level"), rules.message(broken[0]),
                      value=label_of(IndustryLevel)[record["level"]])
            return False
        allowed = (ctx.village_in_area(village_id) if village_id else
                   ctx.township_in_area(township_id) if township_id else ctx.area.is_district)
        if not allowed:
            ctx.error(self.name, record.row, self.header("level"), _(OUTSIDE_AREA),
                      value=label_of(IndustryLevel)[record["level"]])
            return False
        record["township_id"], record["village_id"] = township_id, village_id
        return True

    def existing(self, rows, ctx):
        return {(p.name,): p for p in IndustryProject.objects.filter(name__in=[v["name"] for _record, v in rows])}

    def may_change(self, project, ctx):
        if project.village_id:
            return ctx.village_in_area(project.village_id)
        if project.township_id:
            return ctx.township_in_area(project.township_id)
        return ctx.area.is_district

    def values(self, r):
        return {name: r[name] for name in ("name", *self.update_fields)}

    def check(self, record, values, ctx):
        return check_dates(self, record, values, ctx)

    def queryset(self, user, area=None):
        projects = scoped(IndustryProject, user)
        if area is None:
            return projects
        if area._meta.model_name == "township":
            here = Q(township=area) | Q(beneficiaries__household__village__township=area)
        else:
            here = Q(village=area) | Q(beneficiaries__household__village=area)
        return projects.filter(pk__in=IndustryProject.objects.filter(here).values("pk"))

    def export_row(self, obj, identifiers):
        return [obj.name, label_of(IndustryLevel)[obj.level], obj.township.name if obj.township else None,
                obj.village.name if obj.village else None, obj.investment, obj.start, obj.end, obj.return_rate]


@register
class BeneficiarySheet(RecordSheet):
    name = "产业带动"
    order = 65
    model = IndustryBeneficiary
    columns = (
        Column("项目名称", "project", model_field_parser(IndustryProject, "name"), required=True),
        household_column,
        Column("带动方式", "way", choice_parser(BenefitWay), required=True),
        Column("开始日期", "start", parse_date, required=True),
        Column("结束日期", "end", parse_date),
        money(IndustryBeneficiary, "yearly_amount", header="年收益"),
    )
    key_fields = ("project_id", "household_id", "way", "start")
    update_fields = ("end", "yearly_amount")
    related = ("project", "household")
    ordering = ("project__name", "household__code", "start", "way")

    def resolve(self, records, ctx):
        records = skip_rejected(self, records, ctx, "project", ctx.rejected.industry_projects,
                                _("industry project %(key)s"))
        records = resolve_households(self, records, ctx)
        projects = dict(scoped(IndustryProject, ctx.user).filter(name__in={r["project"] for r in records})
                        .values_list("name", "pk"))
        kept = []
        for record in records:
            record["project_id"] = projects.get(record["project"])
            if record["project_id"] is None:
                ctx.error(self.name, record.row, self.header("project"),
                          _("No industry project of this name on the register or in this file."),
                          value=record["project"])
            else:
                kept.append(record)
        return kept

    def values(self, r):
        return {"project_id": r["project_id"], "household_id": r["household_id"], "way": r["way"],
                "start": r["start"], "end": r["end"], "yearly_amount": r["yearly_amount"]}

    def check(self, record, values, ctx):
        return check_dates(self, record, values, ctx)

    def export_row(self, obj, identifiers):
        return [obj.project.name, obj.household.code, label_of(BenefitWay)[obj.way], obj.start, obj.end,
                obj.yearly_amount]
