"""Sheets of records hanging off one person or one household: 就业, 培训, 收入, 两不愁三保障, 到户项目."""

from django.utils.translation import gettext as _

from households.models import Assessment, IncomeRecord
from households.models.household import DRINKING_WATER_REQUIRED, SIX_CHECKS_FROM
from projects.choices import Channel, HouseholdProjectType
from projects.models import Employer, EmploymentPlacement, HouseholdProject, Training

from .. import rules
from ..registry import Column, register
from ..values import NO, YES, choice_parser, label_of, model_field_parser, parse_date, parse_year, parse_yes_no
from .base import (
    RecordSheet,
    household_column,
    id_number_column,
    money,
    resolve_people,
)


def check_dates(handler, record, values, ctx):
    """Report the record's check constraints that its values break (an end before the start), with their
    own messages, on the column of the constraint's last field."""
    broken = rules.broken(handler.model, values)
    for constraint in broken:
        column = handler.constraint_column(constraint, record)
        ctx.error(handler.name, record.row, handler.header(column), rules.message(constraint),
                  value=record.get(column))
    return not broken


@register
class PlacementSheet(RecordSheet):
    name = "就业"
    order = 30
    model = EmploymentPlacement
    columns = (
        id_number_column,
        Column("就业方式", "channel", choice_parser(Channel), required=True),
        Column("就业单位", "employer", model_field_parser(Employer, "name"), default=""),
        Column("开始日期", "start", parse_date, required=True),
        Column("结束日期", "end", parse_date),
        money(EmploymentPlacement, "monthly_income", required=True, header="月收入"),
    )
    key_fields = ("person_id", "channel", "start")
    update_fields = ("employer_id", "end", "monthly_income")
    parent_field = "person_id"
    area_path = "person__household__village"
    related = ("person", "person__household", "employer")
    ordering = ("person__household__code", "person__id_number", "start", "channel")

    def resolve(self, records, ctx):
        records = resolve_people(self, records, ctx)
        names = {r["employer"] for r in records if r["employer"]}
        known = dict(Employer.objects.filter(name__in=names).values_list("name", "pk"))
        new = [Employer(name=name) for name in sorted(names - known.keys())]
        for employer in ctx.create(Employer, new):
            known[employer.name] = employer.pk
        for record in records:
            record["employer_id"] = known.get(record["employer"])
        return records

    def values(self, r):
        return {"person_id": r["person_id"], "channel": r["channel"], "employer_id": r["employer_id"],
                "start": r["start"], "end": r["end"], "monthly_income": r["monthly_income"]}

    def check(self, record, values, ctx):
        return check_dates(self, record, values, ctx)

    def export_row(self, obj, identifiers):
        return [identifiers(obj.person.id_number, "id"), label_of(Channel)[obj.channel],
                obj.employer.name if obj.employer else None, obj.start, obj.end, obj.monthly_income]


@register
class TrainingSheet(RecordSheet):
    name = "培训"
    order = 40
    model = Training
    columns = (
        id_number_column,
        Column("培训项目", "course", model_field_parser(Training, "course"), required=True),
        Column("培训日期", "date", parse_date, required=True),
        Column("培训机构", "provider", model_field_parser(Training, "provider"), default=""),
    )
    key_fields = ("person_id", "course", "date")
    update_fields = ("provider",)
    parent_field = "person_id"
    area_path = "person__household__village"
    related = ("person", "person__household")
    ordering = ("person__household__code", "person__id_number", "date", "course")

    def resolve(self, records, ctx):
        return resolve_people(self, records, ctx)

    def values(self, r):
        return {"person_id": r["person_id"], "course": r["course"], "date": r["date"], "provider": r["provider"]}

    def export_row(self, obj, identifiers):
        return [identifiers(obj.person.id_number, "id"), obj.course, obj.date, obj.provider or None]


@register
class IncomeSheet(RecordSheet):
    name = "收入"
    order = 60
    model = IncomeRecord
    columns = (
        household_column,
        Column("年度", "year", parse_year, required=True),
        money(IncomeRecord, "wage_income", header="工资性收入"),
        money(IncomeRecord, "business_income", header="生产经营性收入"),
        money(IncomeRecord, "property_income", header="财产性收入"),
        money(IncomeRecord, "transfer_income", header="转移性收入"),
        money(IncomeRecord, "business_costs", header="生产经营性支出"),
        money(IncomeRecord, "medical_expenditure", header="合规自付医疗支出"),
        money(IncomeRecord, "education_expenditure", header="合规自付教育支出"),
    )
    key_fields = ("household_id", "year")
    update_fields = ("wage_income", "business_income", "property_income", "transfer_income", "business_costs",
                     "medical_expenditure", "education_expenditure")
    related = ("household",)
    ordering = ("household__code", "year")

    def values(self, r):
        return {"household_id": r["household_id"], "year": r["year"],
                **{name: r[name] for name in self.update_fields}}

    def export_row(self, obj, identifiers):
        return [obj.household.code, obj.year, *(getattr(obj, name) for name in self.update_fields)]


@register
class AssessmentSheet(RecordSheet):
    name = "两不愁三保障"
    order = 70
    model = Assessment
    columns = (
        household_column,
        Column("评估日期", "date", parse_date, required=True),
        Column("不愁吃", "food", parse_yes_no, required=True),
        Column("不愁穿", "clothing", parse_yes_no, required=True),
        Column("义务教育有保障", "education", parse_yes_no, required=True),
        Column("基本医疗有保障", "medical", parse_yes_no, required=True),
        Column("住房安全有保障", "housing", parse_yes_no, required=True),
        Column("饮水安全有保障", "drinking_water", parse_yes_no),  # from 2021 (两不愁三保障和饮水安全)
    )
    key_fields = ("household_id", "date")
    update_fields = Assessment.CHECKS
    related = ("household",)
    ordering = ("household__code", "date")

    def values(self, r):
        return {"household_id": r["household_id"], "date": r["date"], **{name: r[name] for name in Assessment.CHECKS}}

    def check(self, record, values, ctx):
        if values["date"] >= SIX_CHECKS_FROM and values["drinking_water"] is None:
            ctx.error(self.name, record.row, self.header("drinking_water"), _(DRINKING_WATER_REQUIRED))
            return False
        return True

    def export_row(self, obj, identifiers):
        return [obj.household.code, obj.date,
                *(None if getattr(obj, name) is None else YES if getattr(obj, name) else NO
                  for name in Assessment.CHECKS)]


@register
class HouseholdProjectSheet(RecordSheet):
    name = "到户项目"
    order = 55
    model = HouseholdProject
    columns = (
        household_column,
        Column("项目类型", "type", choice_parser(HouseholdProjectType), required=True),
        Column("项目名称", "name", model_field_parser(HouseholdProject, "name"), required=True),
        money(HouseholdProject, "funds", required=True, header="扶持资金"),
        Column("开始日期", "start", parse_date, required=True),
        Column("结束日期", "end", parse_date),
        money(HouseholdProject, "expected_income", header="预期年收益"),
    )
    key_fields = ("household_id", "name", "start")
    update_fields = ("type", "funds", "end", "expected_income")
    related = ("household",)
    ordering = ("household__code", "start", "name")

    def values(self, r):
        return {"household_id": r["household_id"], "type": r["type"], "name": r["name"], "funds": r["funds"],
                "start": r["start"], "end": r["end"], "expected_income": r["expected_income"]}

    def check(self, record, values, ctx):
        return check_dates(self, record, values, ctx)

    def export_row(self, obj, identifiers):
        return [obj.household.code, label_of(HouseholdProjectType)[obj.type], obj.name, obj.funds, obj.start,
                obj.end, obj.expected_income]
