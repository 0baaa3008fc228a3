"""Write a plan to the database: reference rows by name, everything else in bulk batches.

Primary keys are given by the plan (continuing after the table's largest key), so rows can point
at each other before they are saved; PostgreSQL's sequences are moved past them afterwards.
Each batch also writes its django-simple-history rows (change reason "generated"), so the audit
trail says where every generated record came from.
"""

import itertools

from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from households.models import PovertyLine, Township, Village
from households.poverty_lines import POVERTY_LINES
from projects.models import Cadre, Employer, IndustryProject, Unit

from . import monitoring_records, names, records

BATCH = 2000
CHANGE_REASON = "generated"
FIRST_LINE_YEAR = 2019  # the lines the 2020 district reads (fixtures/areas.json holds them all)
TOWNSHIP_NAMES = {
    "211302201": "长宝营子乡", "211302101": "孙家湾镇", "211302102": "他拉皋镇", "211302001": "龙山街道",
    "211302002": "红旗街道", "211302003": "光明街道",
}


def ensure_areas(last_year=2020):
    """The townships, villages and poverty lines (2019 to `last_year`) the plan uses: the fixture's,
    then invented villages."""
    if not Township.objects.exists():
        call_command("loaddata", "areas", verbosity=0)
    ensure_poverty_lines(last_year)
    townships = {t.code: t for t in Township.objects.all()}
    for code, name in TOWNSHIP_NAMES.items():
        if code not in townships:
            townships[code] = Township.objects.create(code=code, name=name)
    villages = {v.code: v.pk for v in Village.objects.filter(township__code__in=names.TOWNSHIP_VILLAGES)}
    for township, rows in names.TOWNSHIP_VILLAGES.items():
        for code, name, status, delisted in rows:
            if code not in villages:
                village = Village(township=townships[township], code=code, name=name, poverty_status=status,
                                  delisted_year=delisted)
                village.full_clean()
                village.save()
                villages[code] = village.pk
    return villages


def ensure_poverty_lines(last_year=2020):
    """The poverty lines of 2019 to `last_year` (households.poverty_lines), where missing."""
    for year in range(FIRST_LINE_YEAR, last_year + 1):
        amount, threshold, source = POVERTY_LINES[year]
        PovertyLine.objects.get_or_create(
            year=year, defaults={"amount": amount, "monitoring_threshold": threshold, "source": source})


def _by_name(model, rows, **defaults):
    """Primary keys of rows of `model` named as in `rows` (name or (name, address)), created if missing."""
    keys = []
    for row in rows:
        name, extra = (row, {}) if isinstance(row, str) else (row[0], {"address": row[1]})
        obj, _ = model.objects.get_or_create(name=name, defaults={**defaults, **extra})
        keys.append(obj.pk)
    return keys


def _cadres(plan, unit_keys):
    existing = {(c.name, c.unit_id): c.pk for c in Cadre.objects.filter(unit_id__in=unit_keys)}
    keys, new = [], []
    start = _next_key(Cadre)
    for name, unit in plan.cadres:
        pk = existing.get((name, unit_keys[unit]))
        if pk is None:
            pk = start + len(new)
            new.append(Cadre(pk=pk, name=name, unit_id=unit_keys[unit]))
        keys.append(pk)
    return keys, new


def _industry(plan, villages):
    townships = {t.code: t.pk for t in Township.objects.all()}
    existing = dict(IndustryProject.objects.filter(name__in=[p["name"] for p in plan.industry])
                    .values_list("name", "pk"))
    keys, new = [], []
    start = _next_key(IndustryProject)
    for p in plan.industry:
        pk = existing.get(p["name"])
        if pk is None:
            pk = start + len(new)
            new.append(IndustryProject(
                pk=pk, name=p["name"], level=p["level"], township_id=townships.get(p["township"]),
                village_id=villages.get(p["village"]), investment=p["investment"], start=p["start"], end=p["end"],
                return_rate=p["return_rate"],
            ))
        keys.append(pk)
    return keys, new


def _next_key(model):
    return (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1


def bulk_write(model, objects, *, history=True, now=None):
    """Save `objects` in batches (with their history rows); return how many were written."""
    written = 0
    iterator = iter(objects)
    while batch := list(itertools.islice(iterator, BATCH)):
        model.objects.bulk_create(batch)
        if history and hasattr(model, "history"):
            model.history.bulk_history_create(batch, default_change_reason=CHANGE_REASON, default_date=now)
        written += len(batch)
    return written


def write_plan(plan, *, history=True, last_year=2020):
    """Write every record of `plan` in one transaction; return {model label: rows written}."""
    now = timezone.now()
    counts = {}
    builders = (*records.BUILDERS, *(monitoring_records.BUILDERS if plan.cases else ()))
    with transaction.atomic():
        villages = ensure_areas(last_year)
        employers = _by_name(Employer, plan.employers)
        units = _by_name(Unit, plan.units)
        cadre_keys, cadres = _cadres(plan, units)
        industry_keys, industry = _industry(plan, villages)
        counts["projects.cadre"] = bulk_write(Cadre, cadres, history=history, now=now)
        counts["projects.industryproject"] = bulk_write(IndustryProject, industry, history=history, now=now)
        keys = records.Keys(
            start={model: _next_key(model) for model, _ in builders},
            villages=villages, employers=employers, cadres=cadre_keys, industry=industry_keys,
        )
        for model, build in builders:
            counts[model._meta.label_lower] = bulk_write(model, build(plan, keys), history=history, now=now)
        _reset_sequences([Cadre, IndustryProject, *(model for model, _ in builders)])
    return counts


def _reset_sequences(models):
    """Move PostgreSQL's id sequences past the keys written (SQLite follows by itself)."""
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
