"""Existing cases onto the procedure: risks from the old boolean columns, a step for each known date.

- Risks, in the old catalogue's order (the first becomes the main risk): 因灾 → 因自然灾害; 收入骤减 and
  支出骤增, which the national list does not have, → 其他 with the old reason kept as the note (and a
  case's own 其他 keeps its risk details as the note); several 其他 merge into one.
- Each case was identified on its `identified_on`: it is also its discovery date, and it gets a 县级审定
  step on that date; a cleared case gets the clearing decision on `cleared_on`. The steps name no user.
- Households with an identified case become 监测户.
- Measures get the national category nearest to what they link to.
"""

from django.db import migrations

# Stored data (Chinese, as the district reads it).
OLD_RISKS = (
    ("risk_illness", "illness", ""),
    ("risk_disability", "disability", ""),
    ("risk_disaster", "natural_disaster", ""),
    ("risk_accident", "accident", ""),
    ("risk_unstable_employment", "unstable_employment", ""),
    ("risk_income_drop", "other", "收入骤减"),
    ("risk_expense_surge", "other", "支出骤增"),
    ("risk_other", "other", None),  # None: the case's risk details, or 未注明
)
MIGRATED = "迁移前已识别"
MIGRATED_CLEARED = "迁移前已消除"
ASSISTANCE_CATEGORY = {"medical_aid": "health", "education_aid": "education", "job_coordination": "employment"}


def risks_of(case):
    risks, notes = [], {}
    for column, risk, note in OLD_RISKS:
        if not getattr(case, column):
            continue
        if risk not in risks:
            risks.append(risk)
        if risk == "other":
            text = note if note is not None else (case.risk_note[:40] or "未注明")
            notes.setdefault("other", []).append(text)
    return [(risk, "；".join(notes.get(risk, []))[:100]) for risk in risks] or [("other", "未注明")]


def forward(apps, schema_editor):
    db = schema_editor.connection.alias
    Case = apps.get_model("monitoring", "MonitoringCase")
    Risk = apps.get_model("monitoring", "CaseRisk")
    Step = apps.get_model("monitoring", "CaseStep")
    Measure = apps.get_model("monitoring", "MonitoringMeasure")
    Household = apps.get_model("households", "Household")
    risks, steps, households = [], [], set()
    for case in Case.objects.using(db).order_by("pk").iterator():
        case.discovered_on = case.identified_on
        cleared = case.status == "cleared"
        case.step = "clear_county_decision" if cleared else "county_decision"
        case.save(update_fields=["discovered_on", "step"], using=db)
        households.add(case.household_id)
        for position, (risk, note) in enumerate(risks_of(case), start=1):
            risks.append(Risk(case_id=case.pk, position=position, risk=risk, note=note))
        steps.append(Step(case_id=case.pk, step="county_decision", date=case.identified_on, approved=True,
                          note=MIGRATED))
        if cleared:
            steps.append(Step(case_id=case.pk, step="clear_county_decision", date=case.cleared_on, approved=True,
                              note=MIGRATED_CLEARED))
    Risk.objects.using(db).bulk_create(risks, batch_size=1000)
    Step.objects.using(db).bulk_create(steps, batch_size=1000)
    Household.objects.using(db).filter(pk__in=households).update(household_type="monitored")
    for measure in Measure.objects.using(db).select_related("placement", "assistance").iterator():
        measure.category = category_of(measure)
        measure.save(update_fields=["category"], using=db)


def category_of(measure):
    if measure.kind == "placement":
        return "public_welfare_post" if measure.placement.channel == "public_welfare" else "employment"
    if measure.kind in ("household_project", "industry_benefit"):
        return "industry"
    if measure.kind == "pairing":
        return "social"
    if measure.kind == "assistance":
        return ASSISTANCE_CATEGORY.get(measure.assistance.kind, "social")
    return "other"


class Migration(migrations.Migration):

    dependencies = [
        ("monitoring", "0003_procedure_tables"),
        ("households", "0008_household_type_water_check_rigid_expenditure"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
