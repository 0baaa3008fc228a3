"""The district's and townships' figures summed from per-village aggregates that every write keeps fresh.

Every report section is a `Section` (households/figures.py) whose counts add up across villages. For a
district or township scope, `sums(user, scope, dates, part, sections)`:

1. reads the version of each village of the scope (bumped by the database triggers of
   reports/triggers.py on every write that touches the village) and the stored `AreaFigures` of the
   dates: a village's counts are fresh when stored at its current version, a township's when stored
   at the digest of its villages' ids and versions;
2. recounts the stale villages with the sections' own definitions grouped by village (`VillageGroups`),
   stores them with the versions read in step 1 (a write committed meanwhile leaves them stale, never
   wrong) and re-sums the stale townships;
3. returns the scope's counts (the sum of its areas') and each sub-area's.

Village scopes and every list stay live queries, and so does a user whose area does not hold the scope,
or every figure with `settings.FIGURES_FROM_AGGREGATES = False`. The dates kept are today and the
`settings.FIGURES_KEEP_DATES` dates asked for last; an older date is counted when first asked for again.
What does not add up stays live (`present` counts it): industry projects (one reaches many villages),
the year's monitoring threshold; distinct cadres and units are stored as sets, the days to clear a case
as a histogram (the median).
"""

import datetime
import hashlib

from django.conf import settings
from django.db import connection, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from households.area import Area
from households.figures import Counts, add_counts, settled, without_nothing
from households.models import Village
from households.scope import DistrictReader, VillageGroups

from .models import AreaFigures, FiguresDate, VillageVersion
from .triggers import bump_sql

BATCH = 200  # stale villages counted by id; more, and the whole scope is counted at once
TOUCH_EVERY = datetime.timedelta(minutes=10)  # how often a date's "asked at" is moved on


def applies(user, scope):
    """Whether `scope`'s figures come from the aggregates for `user`."""
    return (
        settings.FIGURES_FROM_AGGREGATES and scope.level in ("district", "township")
        and Area.of_user(user).contains(scope.area)
    )


def has_villages(scope):
    """Whether the scope holds a village (an empty one is counted live, as nothing)."""
    return Village.objects.filter(scope.area.q("")).exists()


def sums(scope, dates, part, sections):
    """{date: (counts of the scope, {sub-area id: counts})}, each counts {section name: counts}.

    `part` names the group of `sections` stored together ("coverage", "report").
    """
    area = scope.area
    _touch(dates)
    villages = list(
        Village.objects.filter(area.q("")).annotate(version=Subquery(
            VillageVersion.objects.filter(village_id=OuterRef("pk")).values("version")[:1]
        )).order_by().values_list("pk", "township_id", "version")
    )
    schema = _schema(sections)
    stamps = {village: f"{version or 0}:{schema}" for village, _township, version in villages}
    members = {}
    for village, township, _version in villages:
        members.setdefault(township, []).append(village)
    by_township = scope.level == "district"
    saved = []
    if by_township:
        township_stamps = {township: _digest(ids, stamps) for township, ids in members.items()}
        stored = _stored("township", list(township_stamps), dates, part, sections)
        fresh = {day: {t: _sum([stored[(t, day)][1]]) for t, stamp in township_stamps.items()
                       if stored.get((t, day), (None,))[0] == stamp} for day in dates}
        stale = {day: [t for t in township_stamps if t not in fresh[day]] for day in dates}
        wanted = {day: [v for t in stale[day] for v in members[t]] for day in dates}
    else:
        wanted = {day: list(stamps) for day in dates}
    needed = sorted({v for day in dates for v in wanted[day]})
    stored_villages = _stored("village", needed, dates, part, sections) if needed else {}
    result = {}
    for day in dates:
        counts = _village_counts(area, day, sections, wanted[day], stamps, stored_villages)
        saved += [("village", day, v, stamps[v], data) for v, data in counts.stale.items()]
        if by_township:
            summed = {t: _sum(counts.all[v] for v in members[t]) for t in stale[day]}
            saved += [("township", day, t, township_stamps[t], data) for t, data in summed.items()]
            areas = {**fresh[day], **summed}
        else:
            areas = {v: _sum([counts.all[v]]) for v in stamps}
        result[day] = (_sum(areas.values()), areas)
    _save(part, sections, saved)
    return result


class _Counts:
    def __init__(self):
        self.all, self.stale = {}, {}


def _village_counts(area, day, sections, wanted, stamps, stored):
    """The counts of the `wanted` villages on `day` (`.all`): stored when fresh, else counted (`.stale`)."""
    counts, stale = _Counts(), []
    for village in wanted:
        row = stored.get((village, day))
        if row is not None and row[0] == stamps[village]:
            counts.all[village] = row[1]
        else:
            stale.append(village)
    if not stale:
        return counts
    only = None if len(stale) > BATCH or len(stale) == len(stamps) else tuple(stale)
    scope = VillageGroups(day, area, tuple(stale) if only else tuple(stamps), only)
    reader = DistrictReader()
    for name, section in sections.items():
        for village, village_counts in section.counts(reader, scope).items():
            counts.stale.setdefault(village, {})[name] = village_counts
    counts.all.update({v: counts.stale[v] for v in wanted if v not in counts.all})
    return counts


def _sum(many):
    total = {}
    for counts in many:
        for name, section_counts in counts.items():
            add_counts(total.setdefault(name, Counts()), section_counts)
    for section_counts in total.values():
        settled(section_counts)
    return total


def _digest(village_ids, stamps):
    text = ",".join(f"{v}:{stamps[v]}" for v in sorted(village_ids))
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()


def _stored(level, ids, dates, part, sections):
    """{(area id, date): (stamp, data)} of the stored rows of `level` for the areas `ids` on `dates`."""
    rows = AreaFigures.objects.filter(level=level, as_of__in=dates, part=part, area_id__in=ids)
    return {(area_id, day): (stamp, _decode(sections, data))
            for area_id, day, stamp, data in rows.values_list("area_id", "as_of", "stamp", "data")}


def _schema(sections):
    """A digest of the sections' names and fixed keys, and of the settings the figures read (the monitoring
    deadlines): counts stored by other code or under other settings are stale."""
    deadlines = sorted((name, getattr(settings, name)) for name in dir(settings) if name.startswith("MONITORING_"))
    text = ";".join(f"{name}:{','.join(section.keys)}" for name, section in sections.items()) + repr(deadlines)
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:8]


def _encode(sections, data):
    """Counts as stored: fixed keys as a list of values, others without what is nothing."""
    return {
        name: [counts.get(key) for key in sections[name].keys] if sections[name].keys else without_nothing(counts)
        for name, counts in data.items()
    }


def _decode(sections, data):
    return {
        name: dict(zip(sections[name].keys, counts, strict=True)) if isinstance(counts, list) else counts
        for name, counts in data.items()
    }


def _save(part, sections, rows):
    """Store [(level, date, area id, stamp, counts)], and drop the dates no longer kept."""
    if not rows:
        return
    objects = [AreaFigures(level=level, area_id=area_id, as_of=day, part=part, stamp=stamp,
                           data=_encode(sections, data))
               for level, day, area_id, stamp, data in sorted(rows, key=lambda row: row[:3])]
    AreaFigures.objects.bulk_create(
        objects, update_conflicts=True, unique_fields=["level", "as_of", "part", "area_id"],
        update_fields=["stamp", "data"],
    )
    _prune()


def _touch(dates):
    """Record that `dates` were asked for, a date's time moved on at most every TOUCH_EVERY: one statement,
    whatever the clock says (a page's query count does not depend on when its dates were last asked for)."""
    if not dates:
        return
    now, ops = timezone.now(), connection.ops
    table, as_of, asked_at = (ops.quote_name(name) for name in (FiguresDate._meta.db_table, "as_of", "asked_at"))
    params = []
    for day in sorted(set(dates)):  # one order for every request: concurrent upserts lock the rows alike
        params += [ops.adapt_datefield_value(day), ops.adapt_datetimefield_value(now)]
    rows = ", ".join(["(%s, %s)"] * (len(params) // 2))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({as_of}, {asked_at}) VALUES {rows} ON CONFLICT ({as_of}) DO UPDATE "
            f"SET {asked_at} = excluded.{asked_at} WHERE {table}.{asked_at} < %s",
            [*params, ops.adapt_datetimefield_value(now - TOUCH_EVERY)],
        )


def kept_dates():
    """Today and the `FIGURES_KEEP_DATES` dates asked for last."""
    latest = FiguresDate.objects.order_by("-asked_at", "-as_of").values_list("as_of", flat=True)
    return {timezone.localdate(), *latest[: settings.FIGURES_KEEP_DATES]}


def _prune():
    keep = kept_dates()
    AreaFigures.objects.exclude(as_of__in=keep).delete()
    FiguresDate.objects.exclude(as_of__in=keep).delete()


def mark_all_stale():
    """Mark every village stale (the next district report recounts all: a cold run)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(bump_sql(None))


def refresh(dates=None):
    """Recount the stale villages and townships of the district on `dates` (every part), or by default
    on today and on the kept dates already stored (each part where it is stored: the trend's months hold
    the indicators only). Returns the dates refreshed."""
    from .report import aggregated_parts

    today = timezone.localdate()
    done = set()
    for part, sections in aggregated_parts().items():
        if dates:
            wanted = set(dates)
        else:
            stored = AreaFigures.objects.filter(part=part, as_of__in=kept_dates())
            stored = stored.order_by().values_list("as_of", flat=True).distinct()
            wanted = {today, *stored}
        sums(_district(), sorted(wanted), part, sections)
        done |= wanted
    return sorted(done)


def _district():
    from households.scope import Scope

    return Scope(timezone.localdate())
