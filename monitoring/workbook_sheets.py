"""The 监测对象 sheet of the register workbook (IMPORT_FORMAT.md): one row per monitoring case.

Found by the workbook registry's autodiscovery (`<app>.workbook_sheets`). A row is matched to a case
by 户编号 and 识别日期. A 边缘易致贫户 may name a household that is not on the register: it comes from
the 家庭成员 sheet of the same file (贫困户属性 blank), which is imported first. The sheet checks the
rules of `MonitoringCase` row by row and across rows (one period per household at a time, so at most
one open case), so the whole file is refused before the database would refuse a row.

Besides the seven columns of the format, the sheet reads and writes 风险消除原因; a cleared case from a
file without it is recorded with `REASON_NOT_GIVEN`, and a blank reason never replaces a known one.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from households.models import Household
from monitoring.choices import CaseStatus, IdentifiedBy, MonitoringType, RiskCause
from monitoring.models import RISK_FIELDS, MonitoringCase
from workbooks import rules
from workbooks.registry import Column, register
from workbooks.sheets.base import RecordSheet, household_column
from workbooks.values import LIST_SEPARATOR, choice_parser, label_of, model_field_parser, parse_date, text

# Stored data (in Chinese, as the district reads it), not interface text.
REASON_NOT_GIVEN = "导入的工作簿未注明"


def parse_risk_causes(value):
    """One or more risk causes, separated by 、 (each once, in the catalogue's order)."""
    parse = choice_parser(RiskCause)
    chosen = {parse(part.strip()) for part in text(value).split(LIST_SEPARATOR) if part.strip()}
    if not chosen:
        raise ValidationError(_("Give at least one risk cause, separated by 、."))
    return [cause for cause in RiskCause if cause in chosen]


def overlaps(first, second):
    """Whether two periods [identified, cleared) meet; an open case runs on without end."""
    (start_a, end_a), (start_b, end_b) = first, second
    return (end_b is None or start_a < end_b) and (end_a is None or start_b < end_a)


@register
class MonitoringSheet(RecordSheet):
    name = "监测对象"
    order = 80
    model = MonitoringCase
    columns = (
        household_column,
        Column("监测类型", "type", choice_parser(MonitoringType), required=True),
        Column("识别方式", "identified_by", choice_parser(IdentifiedBy), required=True),
        Column("风险类型", "risk_causes", parse_risk_causes, required=True),
        Column("识别日期", "identified_on", parse_date, required=True),
        Column("状态", "status", choice_parser(CaseStatus), default=CaseStatus.MONITORING),
        Column("风险消除日期", "cleared_on", parse_date),
        Column("风险消除原因", "clearance_reason", model_field_parser(MonitoringCase, "clearance_reason"), default=""),
    )
    key_fields = ("household_id", "identified_on")
    update_fields = ("type", "identified_by", *RISK_FIELDS.values(), "status", "cleared_on", "clearance_reason")
    related = ("household",)
    ordering = ("household__code", "identified_on")
    constraint_columns = {"monitoring_open_has_no_clearance": "cleared_on",
                          "monitoring_cleared_has_date_and_reason": "cleared_on"}

    @dataclass
    class State:
        """The cases' periods the file has given so far: household id -> {(household id, date): period}."""

        periods: dict = field(default_factory=dict)

    # Import -------------------------------------------------------------------------------------

    def resolve(self, records, ctx):
        records = super().resolve(records, ctx)
        if not records:
            return records
        ids = {record["household_id"] for record in records}
        households = {pk: (registered, exit_year) for pk, registered, exit_year in
                      Household.objects.filter(pk__in=ids).values_list("pk", "registered", "exit_year")}
        on_file = ctx.state(self).periods
        saved = {}
        for case in MonitoringCase.objects.filter(household_id__in=ids).only(
                "household_id", "identified_on", "cleared_on", "clearance_reason"):
            saved[(case.household_id, case.identified_on)] = case
        keys = {(r["household_id"], r["identified_on"]) for r in records}
        kept = []
        for record in records:
            key = (record["household_id"], record["identified_on"])
            if not self.check_row(record, households[record["household_id"]], ctx):
                continue
            if not record["clearance_reason"] and record["status"] == CaseStatus.CLEARED:
                known = saved.get(key)
                record["clearance_reason"] = known.clearance_reason if known else REASON_NOT_GIVEN
            others = [(case.identified_on, case.cleared_on) for k, case in saved.items()
                      if k[0] == key[0] and k not in keys and k not in on_file.get(key[0], {})]
            if key in on_file.get(key[0], {}):
                kept.append(record)  # the same case twice: reported as a repeated row
                continue
            others += [period for k, period in on_file.get(key[0], {}).items()]
            period = (record["identified_on"], record["cleared_on"])
            clashes = [other for other in others if overlaps(period, other)]
            clash = min(clashes, key=lambda other: other[0]) if clashes else None
            if clash is not None:
                ctx.error(self.name, record.row, self.header("identified_on"), _(
                    "This household has another monitoring case over that period (identified %(date)s)."
                ) % {"date": f"{clash[0]:%Y-%m-%d}"})
                continue
            on_file.setdefault(key[0], {})[key] = period
            kept.append(record)
        return kept

    def check_row(self, record, household, ctx):
        """The case's own rules (MonitoringCase's constraints and clean()), reported on their column."""
        reason = record["clearance_reason"]
        if not reason and record["status"] == CaseStatus.CLEARED:
            reason = REASON_NOT_GIVEN  # filled in below, as a file without the column is read
        values = {**self.values(record), "clearance_reason": reason}
        problems = [(self.constraint_column(constraint, record), rules.message(constraint))
                    for constraint in rules.broken(self.model, values)]
        today = ctx.now.date()
        if record["identified_on"] > today:
            problems.append(("identified_on", _("The date identified cannot be in the future.")))
        if record["cleared_on"] is not None and record["cleared_on"] > today:
            problems.append(("cleared_on", _("The date the risk was cleared cannot be in the future.")))
        registered, exit_year = household
        if record["type"] == MonitoringType.UNSTABLE and (not registered or exit_year is None):
            problems.append(("type", _("An exited but unstable household must be on the register and have exited.")))
        for key, message in problems:
            dated = key in ("identified_on", "cleared_on") and record[key] is not None
            ctx.error(self.name, record.row, self.header(key), message, value=record[key] if dated else None)
        return not problems

    def values(self, r):
        risks = {name: cause in r["risk_causes"] for cause, name in RISK_FIELDS.items()}
        return {"household_id": r["household_id"], "type": r["type"], "identified_by": r["identified_by"],
                "identified_on": r["identified_on"], "status": r["status"], "cleared_on": r["cleared_on"],
                "clearance_reason": r["clearance_reason"], **risks}

    # Export -------------------------------------------------------------------------------------

    def export_row(self, case, identifiers):
        return [
            case.household.code, label_of(MonitoringType)[case.type], label_of(IdentifiedBy)[case.identified_by],
            LIST_SEPARATOR.join(label_of(RiskCause)[cause] for cause in case.risk_causes), case.identified_on,
            label_of(CaseStatus)[case.status], case.cleared_on, case.clearance_reason or None,
        ]

