"""The 监测对象 sheet of the register workbook (IMPORT_FORMAT.md): one row per identified case.

Found by the workbook registry's autodiscovery (`<app>.workbook_sheets`). A row is matched to a case
by 户编号 and 识别日期 (the county's decision): the sheet holds identified cases (under monitoring or
cleared); a case still being identified is recorded step by step on its page. A 边缘易致贫户 may name a
household that is not on the register: it comes from the 家庭成员 sheet of the same file (贫困户属性
blank), which is imported first. The sheet checks the rules of `MonitoringCase` row by row and across
rows (one period per household at a time, so at most one open case), so the whole file is refused
before the database would refuse a row.

风险类型 lists one to five risks of the national list, the main one first, separated by 、; a risk may
carry its note in brackets (其他（收入骤减）), and 其他 without one is recorded with `REASON_NOT_GIVEN`.
A new case gets the county's decision as a step on 识别日期 (and the clearing decision on 风险消除日期),
and its household becomes 监测户. A cleared case from a file without 风险消除原因 is recorded with
`REASON_NOT_GIVEN`, and a blank reason never replaces a known one.
"""

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from households.choices import HouseholdType
from households.models import Household
from monitoring.choices import MAX_RISKS, CaseStatus, ClearanceMethod, IdentifiedBy, MonitoringType, RiskCause, Step
from monitoring.models import CaseRisk, CaseStep, MonitoringCase
from workbooks import rules
from workbooks.registry import Column, register
from workbooks.sheets.base import RecordSheet, household_column
from workbooks.values import (
    LIST_SEPARATOR,
    NO,
    YES,
    choice_parser,
    label_of,
    model_field_parser,
    not_one_of,
    parse_date,
    parse_yes_no,
    text,
)

# Stored data (in Chinese, as the district reads it), not interface text.
REASON_NOT_GIVEN = "导入的工作簿未注明"
NOTED = re.compile(r"^(?P<label>[^（(]+)[（(](?P<note>.*)[）)]$")
IMPORTED_STATUSES = (CaseStatus.MONITORING, CaseStatus.CLEARING, CaseStatus.CLEARED)
# The step a case of each status stands at when the file does not say (a case on the register keeps its own).
STEP_OF_STATUS = {CaseStatus.MONITORING: Step.COUNTY_DECISION, CaseStatus.CLEARING: Step.CLEAR_VISIT,
                  CaseStatus.CLEARED: Step.CLEAR_COUNTY_DECISION}


def parse_risks(value):
    """One to five risks, separated by 、, the main one first, each once: [(risk, note)]."""
    parse = choice_parser(RiskCause)
    risks = []
    for part in text(value).split(LIST_SEPARATOR):
        part = part.strip()
        if not part:
            continue
        match = NOTED.match(part)
        label, note = (match["label"].strip(), match["note"].strip()) if match else (part, "")
        risk = parse(label)
        if any(risk == known for known, _note in risks):
            raise ValidationError(_("%(risk)s is named twice.") % {"risk": label})
        if risk == RiskCause.OTHER and not note:
            note = REASON_NOT_GIVEN
        risks.append((risk, note[:100]))
    if not risks:
        raise ValidationError(_("Give at least one risk, separated by 、."))
    if len(risks) > MAX_RISKS:
        raise ValidationError(_("A case names at most %(count)d risks.") % {"count": MAX_RISKS})
    return risks


def parse_status(value):
    """监测中, 风险消除中 or 风险已消除: the statuses of an identified case (the others are reached step by step)."""
    allowed = {label_of(CaseStatus)[status]: status for status in IMPORTED_STATUSES}
    if text(value) not in allowed:
        raise not_one_of(list(allowed))
    return allowed[text(value)]


def risks_text(case):
    """The case's risks as the sheet writes them: main first, notes in brackets."""
    labels = label_of(RiskCause)
    return LIST_SEPARATOR.join(f"{labels[r.risk]}（{r.note}）" if r.note else labels[r.risk] for r in case.risks.all())


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
        Column("风险类型", "risks", parse_risks, required=True),
        Column("识别日期", "identified_on", parse_date, required=True),
        Column("状态", "status", parse_status, default=CaseStatus.MONITORING),
        Column("风险消除日期", "cleared_on", parse_date),
        Column("风险消除原因", "clearance_reason", model_field_parser(MonitoringCase, "clearance_reason"), default=""),
        Column("风险消除方式", "clearance_method", choice_parser(ClearanceMethod), default=""),
        Column("发现日期", "discovered_on", parse_date),
        Column("是否返贫", "returned_to_poverty", parse_yes_no, default=False),
    )
    key_fields = ("household_id", "identified_on")
    update_fields = ("type", "identified_by", "discovered_on", "status", "step", "clearance_method", "cleared_on",
                     "clearance_reason", "returned_to_poverty")
    related = ("household",)
    ordering = ("household__code", "identified_on")
    constraint_columns = {"monitoring_open_has_no_clearance": "cleared_on",
                          "monitoring_cleared_has_date_and_reason": "cleared_on",
                          "monitoring_method_only_when_clearing": "clearance_method",
                          "monitoring_identified_not_before_discovered": "discovered_on"}

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
        for case in MonitoringCase.objects.filter(household_id__in=ids, identified_on__isnull=False).only(
                "household_id", "identified_on", "cleared_on", "clearance_reason", "status", "step"):
            saved[(case.household_id, case.identified_on)] = case
        keys = {(r["household_id"], r["identified_on"]) for r in records}
        kept = []
        for record in records:
            key = (record["household_id"], record["identified_on"])
            if record["discovered_on"] is None:
                record["discovered_on"] = record["identified_on"]
            if not self.check_row(record, households[record["household_id"]], ctx):
                continue
            known = saved.get(key)
            if not record["clearance_reason"] and record["status"] == CaseStatus.CLEARED:
                record["clearance_reason"] = known.clearance_reason if known else REASON_NOT_GIVEN
            same = known is not None and known.status == record["status"] and known.step
            record["step"] = known.step if same else STEP_OF_STATUS[record["status"]]
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
        if record["returned_to_poverty"] and exit_year is None:
            problems.append(("returned_to_poverty", _(
                "Only a household that had exited poverty, or whose earlier risk was cleared, can return to poverty.")))
        for key, message in problems:
            dated = key in ("identified_on", "cleared_on", "discovered_on") and record[key] is not None
            ctx.error(self.name, record.row, self.header(key), message, value=record[key] if dated else None)
        return not problems

    def values(self, r):
        return {"household_id": r["household_id"], "type": r["type"], "identified_by": r["identified_by"],
                "discovered_on": r["discovered_on"], "identified_on": r["identified_on"], "status": r["status"],
                "step": r.get("step") or STEP_OF_STATUS[r["status"]],
                "clearance_method": r["clearance_method"], "cleared_on": r["cleared_on"],
                "clearance_reason": r["clearance_reason"], "returned_to_poverty": r["returned_to_poverty"]}

    def import_batch(self, records, ctx):
        super().import_batch(records, ctx)
        if ctx.has_errors:
            return  # the import is refused: nothing more to write
        wanted = {(r["household_id"], r["identified_on"]): r for r in records if r.get("household_id")}
        if wanted:
            self.write_risks_and_steps(wanted, ctx)

    def write_risks_and_steps(self, wanted, ctx):
        """The cases' risks as the file gives them, their decisions as steps, their households 监测户."""
        cases = (
            MonitoringCase.objects.filter(household_id__in={k[0] for k in wanted},
                                          identified_on__in={k[1] for k in wanted})
            .prefetch_related(Prefetch("risks", queryset=CaseRisk.objects.order_by("position")), "steps")
        )
        stale, risks, steps = [], [], []
        for case in cases:
            record = wanted.get((case.household_id, case.identified_on))
            if record is None:
                continue
            if [(r.risk, r.note) for r in case.risks.all()] != record["risks"]:
                stale.append(case.pk)
                risks += [CaseRisk(case=case, position=n, risk=risk, note=note)
                          for n, (risk, note) in enumerate(record["risks"], start=1)]
            recorded = {step.step for step in case.steps.all()}
            if Step.COUNTY_DECISION not in recorded:
                steps.append(CaseStep(case=case, step=Step.COUNTY_DECISION, date=case.identified_on, approved=True,
                                      user=ctx.user, note=ctx.reason[:200], recorded_at=ctx.now))
            if case.status == CaseStatus.CLEARED and Step.CLEAR_COUNTY_DECISION not in recorded:
                steps.append(CaseStep(case=case, step=Step.CLEAR_COUNTY_DECISION, date=case.cleared_on, approved=True,
                                      user=ctx.user, note=ctx.reason[:200], recorded_at=ctx.now))
        CaseRisk.objects.filter(case_id__in=stale).delete()
        ctx.create(CaseRisk, risks)
        CaseStep.objects.bulk_create(steps)
        households = list(Household.objects.filter(pk__in={k[0] for k in wanted})
                          .exclude(household_type=HouseholdType.MONITORED))
        for household in households:
            household.household_type = HouseholdType.MONITORED
            household.version += 1
        ctx.update(Household, households, {"household_type", "version"})

    # Export -------------------------------------------------------------------------------------

    def queryset(self, user, area=None):
        return super().queryset(user, area).filter(identified_on__isnull=False)

    def prepare(self, queryset):
        return super().prepare(queryset).prefetch_related(
            Prefetch("risks", queryset=CaseRisk.objects.order_by("position")))

    def export_row(self, case, identifiers):
        return [
            case.household.code, label_of(MonitoringType)[case.type], label_of(IdentifiedBy)[case.identified_by],
            risks_text(case), case.identified_on, label_of(CaseStatus)[case.status], case.cleared_on,
            case.clearance_reason or None,
            label_of(ClearanceMethod)[case.clearance_method] if case.clearance_method else None,
            case.discovered_on, YES if case.returned_to_poverty else NO,
        ]
