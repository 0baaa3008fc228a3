"""The import applies the models' own rules: every constraint and validator of a model it writes has a row here.

A new constraint or validator on one of these models fails `test_every_constraint_has_a_row` (or the
validator test) until a row shows the import refusing it, with the model's message, or a reason why no
workbook can break it. `workbooks.rules` evaluates check constraints in Python: compared here with the
database on every one of them.
"""

import datetime
import decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.models import CheckConstraint, Value

from tests import factories
from tests.monitoring.test_workbook_sheet import case_row
from workbooks import rules
from workbooks.registry import handlers
from workbooks.service import register_import

from .conftest import OTHER_ID, household_sheets, xlsx

WRITTEN = ["households.Household", "households.Person", "households.Assessment", "households.IncomeRecord",
           "projects.IndustryProject", "projects.IndustryBeneficiary", "projects.EmploymentPlacement",
           "projects.Employer", "projects.Training", "projects.Pairing", "projects.Cadre", "projects.Unit",
           "projects.AssistanceRecord", "projects.HouseholdProject", "monitoring.MonitoringCase"]
REPEATED = "与第2行是同一条记录。"
NOT_IMPORTED = {
    "household_removal_has_reason": "removal from the register is recorded in the administration, never by a workbook",
    "one_cadre_per_name_and_unit": "the import looks a cadre up by name and unit and creates it once",
    "household_type_agrees_with_register": "no column sets the household type: identification through the 监测对象 "
                                           "sheet sets 监测户, and 脱贫户 / 一般农户 follow the register status",
    "monitoring_identified_has_date": "the 监测对象 sheet holds identified cases only: 识别日期 is required and 状态 "
                                      "is never 识别中 or 未纳入监测",
}


def message_of(name):
    model = next(apps.get_model(label) for label in WRITTEN
                 if any(c.name == name for c in apps.get_model(label)._meta.constraints))
    return rules.message(next(c for c in model._meta.constraints if c.name == name))


def changed(sheet, index, **cells):
    return lambda sheets: sheets[sheet][index].update(cells)


def repeated(sheet):
    return lambda sheets: sheets[sheet].append(dict(sheets[sheet][0]))


def monitoring(**cells):
    return lambda sheets: sheets.update({"监测对象": [case_row(**cells)]})


OWN = None  # the expected message is the constraint's own
CONSTRAINTS = {
    "registered_household_has_category_cause_year": (changed("家庭成员", 0, 主要致贫原因=None), OWN),
    "monitored_household_has_no_register_data": (changed("家庭成员", 0, 贫困户属性=None, 主要致贫原因=None), OWN),
    "household_exit_not_before_registration": (changed("家庭成员", 0, 脱贫年度=2015), OWN),
    "one_head_per_household": ("register-head", OWN),
    "one_assessment_per_household_and_date": (repeated("两不愁三保障"), REPEATED),
    "one_income_record_per_household_and_year": (repeated("收入"), REPEATED),
    "households_incomerecord_wage_income_not_negative": (changed("收入", 0, 工资性收入=-1), "金额不能为负数"),
    "households_incomerecord_business_income_not_negative": (changed("收入", 0, 生产经营性收入=-1), "金额不能为负数"),
    "households_incomerecord_property_income_not_negative": (changed("收入", 0, 财产性收入=-1), "金额不能为负数"),
    "households_incomerecord_transfer_income_not_negative": (changed("收入", 0, 转移性收入=-1), "金额不能为负数"),
    "households_incomerecord_business_costs_not_negative": (changed("收入", 0, 生产经营性支出=-1), "金额不能为负数"),
    "households_incomerecord_medical_expenditure_not_negative": (changed("收入", 0, 合规自付医疗支出=-1), "金额不能为负数"),  # noqa: E501
    "households_incomerecord_education_expenditure_not_negative": (changed("收入", 0, 合规自付教育支出=-1), "金额不能为负数"),  # noqa: E501
    "projects_industryproject_end_not_before_start": (changed("产业项目", 0, 结束日期="2018-01-01"), OWN),
    "projects_industryproject_investment_not_negative": (changed("产业项目", 0, 总投资=-1), "金额不能为负数"),
    "industry_return_rate_is_a_percentage": (changed("产业项目", 0, 年收益率=120), "确保该值小于或等于100"),
    "industry_location_matches_level": (changed("产业项目", 0, 层级="乡级"), OWN),
    "projects_industrybeneficiary_end_not_before_start": (changed("产业带动", 0, 结束日期="2018-01-01"), OWN),
    "projects_industrybeneficiary_yearly_amount_not_negative": (changed("产业带动", 0, 年收益=-1), "金额不能为负数"),
    "one_benefit_per_project_household_way_start": (repeated("产业带动"), REPEATED),
    "projects_employmentplacement_end_not_before_start": (changed("就业", 0, 结束日期="2020-01-01"), OWN),
    "projects_employmentplacement_monthly_income_not_negative": (changed("就业", 0, 月收入=-1), "金额不能为负数"),
    "placement_employer_unless_flexible": (changed("就业", 0, 就业单位=None), OWN),
    "one_placement_per_person_channel_start": (repeated("就业"), REPEATED),
    "one_training_per_person_course_date": (repeated("培训"), REPEATED),
    "projects_pairing_end_not_before_start": (changed("结对帮扶", 0, 结束日期="2018-01-01"), OWN),
    "one_pairing_per_cadre_household_start": (repeated("结对帮扶"), REPEATED),
    "projects_assistancerecord_amount_not_negative": (changed("帮扶记录", 0, 金额=-1), "金额不能为负数"),
    "projects_householdproject_end_not_before_start": (changed("到户项目", 0, 结束日期="2020-01-01"), OWN),
    "projects_householdproject_funds_not_negative": (changed("到户项目", 0, 扶持资金=-1), "金额不能为负数"),
    "projects_householdproject_expected_income_not_negative": (changed("到户项目", 0, 预期年收益=-1), "金额不能为负数"),
    "one_household_project_per_name_start": (repeated("到户项目"), REPEATED),
    "one_open_monitoring_case_per_household": (
        lambda sheets: sheets.update({"监测对象": [case_row(), case_row(识别日期="2021-02-01")]}),
        "该户在这段时间已有监测记录"),
    "monitoring_cleared_not_before_identified": (
        monitoring(状态="风险已消除", 风险消除日期="2020-12-31", 风险消除原因="务工"), OWN),
    "monitoring_cleared_has_date_and_reason": (monitoring(状态="风险已消除"), OWN),
    "monitoring_open_has_no_clearance": (monitoring(风险消除日期="2021-02-01"), OWN),
    "monitoring_identified_not_before_discovered": (monitoring(发现日期="2021-01-11"), OWN),
    "monitoring_method_only_when_clearing": (monitoring(风险消除方式="自然消除"), OWN),
}


def test_every_constraint_has_a_row():
    names = {c.name for label in WRITTEN for c in apps.get_model(label)._meta.constraints}

    assert names == set(CONSTRAINTS) | set(NOT_IMPORTED)


@pytest.mark.parametrize("name", sorted(CONSTRAINTS))
def test_the_import_refuses_what_the_constraint_refuses(areas, name):
    change, expected = CONSTRAINTS[name]
    sheets = household_sheets()
    if change == "register-head":
        household = factories.household(areas.village_a1, code="HH001", head=None)
        factories.person(household, name="老户主", relation="head", id_number=OTHER_ID)
        sheets = {"家庭成员": sheets["家庭成员"][:1]}
    else:
        change(sheets)

    result = register_import(source=xlsx(sheets), user=None, dry_run=True, filename="t.xlsx")

    expected = message_of(name) if expected is OWN else expected
    assert any(expected in str(issue) for issue in result.errors), [str(i) for i in result.errors]


def bad_values(validator, field):
    """Values the validator refuses."""
    kind = type(validator).__name__
    if kind == "MaxLengthValidator":
        return ["长" * (validator.limit_value + 1)]
    if kind == "MinValueValidator":
        if field is not None and field.name.endswith("year") and validator.limit_value < 1000:
            return []  # no four-digit year lies below it: the column's own four-digit rule is stricter
        return [validator.limit_value - 1]
    if kind == "MaxValueValidator":
        if field is not None and field.name.endswith("year") and validator.limit_value > 9999:
            return []  # no four-digit year lies above it
        return [validator.limit_value + 1]
    if kind == "DecimalValidator":
        return [decimal.Decimal("1." + "1" * ((validator.decimal_places or 0) + 1))]
    if kind == "RegexValidator":
        return ["12345"]
    if getattr(validator, "__name__", "") == "validate_register_year":
        return [2012]  # a four-digit year before the register began
    if getattr(validator, "__name__", "") == "validate_household_code":
        return ["户 编号"]  # outside every household code pattern, the tests' permissive one included
    return ["2113021972"]  # the ID number and disability certificate validators


def column_rules():
    """(sheet, header, field, validator) of every column parsed by a model field or validator."""
    found = []
    for sheet in handlers():
        for column in sheet.columns:
            field = getattr(column.parse, "model_field", None)
            if field is not None:
                found += [(sheet.name, column.header, field, v) for v in field.validators]
            validator = getattr(column.parse, "validator", None)
            if validator is not None:
                found.append((sheet.name, column.header, None, validator))
    return found


COLUMN_RULES = column_rules()


def _name(validator):
    return getattr(validator, "__name__", type(validator).__name__)


@pytest.mark.parametrize(("sheet", "header", "field", "validator"), COLUMN_RULES,
                         ids=[f"{r[0]}:{r[1]}:{_name(r[3])}" for r in COLUMN_RULES])
def test_a_column_refuses_what_its_fields_validator_refuses_with_its_message(sheet, header, field, validator):
    column = next(c for h in handlers() if h.name == sheet for c in h.columns if c.header == header)
    for value in bad_values(validator, field):
        with pytest.raises(ValidationError) as own:  # the field's own message (its error_messages applied)
            field.run_validators(field.to_python(value)) if field is not None else validator(value)
        with pytest.raises(ValidationError) as refused:
            column.parse(value)
        assert set(own.value.messages) <= set(refused.value.messages)


def test_every_validated_field_of_a_written_model_is_a_column_or_not_imported():
    columns = {(r[2].model._meta.label, r[2].name) for r in COLUMN_RULES if r[2] is not None}
    columns |= {("households.Person", "id_number"), ("households.Person", "disability_certificate"),
                ("households.Person", "phone"), ("households.Household", "phone")}  # parsed by their validators
    validated = {(label, f.name) for label in WRITTEN for f in apps.get_model(label)._meta.concrete_fields
                 if f.validators and not f.primary_key and not f.choices}

    assert validated - columns == NOT_A_COLUMN


NOT_A_COLUMN = {  # fields no workbook column fills: edited in the administration, or derived
    ("households.Household", "removal_reason"), ("households.Household", "house_renovated_year"),
    ("households.Household", "address"), ("households.Household", "version"), ("households.Person", "version"),
    ("households.Household", "member_count"),  # kept by the database (households/member_count.py)
    ("projects.Employer", "address"), ("projects.Employer", "phone"),
    ("projects.Cadre", "phone"), ("monitoring.MonitoringCase", "risk_note"),
    ("monitoring.MonitoringCase", "income_per_member"),
    # years: read by parse_year, stricter (four digits, 1900–2100) than the fields' small-integer bounds
    # (registered_year is a column: the register-year rule of its field applies on import)
    ("households.Household", "exit_year"),
    ("households.IncomeRecord", "year"),
}


CHECKS = [(apps.get_model(label), c) for label in WRITTEN for c in apps.get_model(label)._meta.constraints
          if isinstance(c, CheckConstraint)]


@pytest.mark.parametrize(("model", "constraint"), CHECKS, ids=[c.name for _m, c in CHECKS])
def test_rules_judge_a_check_constraint_as_the_database_does(db, model, constraint):
    names = rules.fields_of(constraint.condition)
    for values in _samples(model, names):
        against = {}
        for name, value in values.items():
            field = model._meta.get_field(name)
            against[name] = Value(value, output_field=field.target_field if field.is_relation else field)
        assert rules.holds(constraint.condition, values) == constraint.condition.check(against), (
            constraint.name, values)


def _samples(model, names):
    """Value sets over the fields a condition names: each field empty, low and high, in turn."""
    options = {
        "registered": [True, False], "category": ["", "general"], "poverty_cause": ["", "illness"],
        "registered_year": [None, 2016], "exit_year": [None, 2015, 2019], "removed_in_error": [False, True],
        "removal_reason": ["", "错误"], "start": [datetime.date(2020, 1, 1)], "end": [None, datetime.date(2019, 1, 1),
                                                                             datetime.date(2021, 1, 1)],
        "return_rate": [-1, 50, 120], "level": ["district", "township", "village"], "township": [None, 1],
        "village": [None, 1], "channel": ["flexible", "enterprise"], "employer": [None, 1],
        "identified_on": [datetime.date(2021, 1, 1), None], "cleared_on": [None, datetime.date(2020, 1, 1),
                                                                           datetime.date(2022, 1, 1)],
        "discovered_on": [datetime.date(2020, 12, 20), datetime.date(2021, 2, 1)],
        "status": ["monitoring", "identifying", "clearing", "cleared", "not_identified"],
        "clearance_reason": ["", "务工"], "clearance_method": ["", "assisted"],
        "household_type": ["", "poverty", "monitored", "general"],
    }
    for name in names:
        if name not in options:
            boolean = model._meta.get_field(name).get_internal_type() == "BooleanField"
            options[name] = [False, True] if boolean else [-1, 0, 1]
    base = {name: options[name][0] for name in names}
    samples = [dict(base)]
    for name in names:
        samples += [{**base, name: value} for value in options[name]]
        samples += [{**base, **{other: options[other][-1] for other in names if other != name}}]
    return samples
