"""The per-area aggregates behind the district's and townships' figures (reports/aggregates.py).

`VillageVersion` counts the writes that touched a village (database triggers, reports/triggers.py);
`AreaFigures` holds the counts of a village or a township on a date with the stamp of the versions they
were counted at; `FiguresDate` the dates asked for (the aggregates keep today and the latest ones).
Plain ids, no foreign keys: the triggers write these tables from any statement, and a village's row
must not hold up its deletion.
"""

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models


class VillageVersion(models.Model):
    """How many writing statements touched the village: bumped by the triggers, never by the ORM."""

    village_id = models.BigIntegerField(primary_key=True)
    version = models.BigIntegerField(default=1)

    def __str__(self):
        return f"village {self.village_id} v{self.version}"


class AreaFigures(models.Model):
    """The counts of one village or township on one date (`part`: "coverage" or "report", the rest).

    `stamp` names the versions they were counted at: a village's own version, a township's digest of
    its villages' ids and versions. A row whose stamp differs from today's is stale."""

    level = models.CharField(max_length=8)
    area_id = models.BigIntegerField()
    as_of = models.DateField()
    part = models.CharField(max_length=8)
    stamp = models.CharField(max_length=40)
    data = models.JSONField(encoder=DjangoJSONEncoder)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["level", "as_of", "part", "area_id"], name="one_figures_per_area_date"),
        ]

    def __str__(self):
        return f"{self.level} {self.area_id} {self.as_of} {self.part}"


class FiguresDate(models.Model):
    """A date figures were asked for, and when last: the aggregates of the oldest are dropped."""

    as_of = models.DateField(unique=True)
    asked_at = models.DateTimeField()

    def __str__(self):
        return f"{self.as_of}"
