"""A register of any size in the published district's proportions: `generate_scale(households=N, seed=S)`.

    counts = generate_scale(households=400_000, seed=1)   # {model label: rows written}

The area tree (tree.py) is laid out first; then households are drawn one by one (sample.py) and
written in batches (bulk.py: COPY on PostgreSQL) inside one transaction, so a failure leaves the
register empty. Deterministic for a seed and size: each block of `BLOCK` households draws from its
own random generator, seeded by (seed, block).

History rows are off by default: they double every write (measured in docs/PERFORMANCE.md) and
say nothing about synthetic rows that a reviewer could not read from "generated" on the rows
themselves; `history=True` writes them like the published generator does.
"""

import random

from django.db import transaction
from django.utils import timezone

from households.models import Township, Village
from projects.models import Employer, IndustryProject, Unit

from .. import names
from ..writer import _next_key, _reset_sequences, ensure_poverty_lines
from .bulk import RowSink, indexes_deferred
from .sample import MODELS, HouseholdSampler, Keys
from .tree import build_tree

BLOCK = 1000  # households drawn from one random generator
FLUSH = 5000  # households between writes


class Refs:
    """Primary keys of the reference rows the households point at."""

    def __init__(self, tree, villages, employers, units, industry):
        self.tree, self.villages, self.employers, self.units, self.industry = tree, villages, employers, units, industry


def _by_name(model, wanted, fields=None):
    """{name: pk} for `wanted` names of `model`, creating the missing ones (with `fields[name]`) in bulk."""
    fields = fields or {}
    existing = dict(model.objects.filter(name__in=wanted).values_list("name", "pk"))
    missing = [model(name=name, **fields.get(name, {})) for name in dict.fromkeys(wanted) if name not in existing]
    model.objects.bulk_create(missing, batch_size=1000)
    return {**existing, **dict(model.objects.filter(name__in=[m.name for m in missing]).values_list("name", "pk"))}


def write_tree(tree):
    """Create the townships, villages, employers, units and industry projects of `tree` that are missing."""
    ensure_poverty_lines()
    codes = [t.code for t in tree.townships]
    known = set(Township.objects.filter(code__in=codes).values_list("code", flat=True))
    Township.objects.bulk_create([Township(code=t.code, name=t.name) for t in tree.townships if t.code not in known])
    townships = dict(Township.objects.filter(code__in=codes).values_list("code", "pk"))
    village_codes = [v.code for v in tree.villages]
    known = set(Village.objects.filter(code__in=village_codes).values_list("code", flat=True))
    Village.objects.bulk_create([
        Village(township_id=townships[t.code], code=v.code, name=v.name, poverty_status=v.poverty_status,
                delisted_year=v.delisted_year)
        for t in tree.townships for v in t.villages if v.code not in known
    ], batch_size=2000)
    villages = dict(Village.objects.filter(code__in=village_codes).values_list("code", "pk"))
    employers = _by_name(
        Employer,
        [name for name, _ in names.ENTERPRISES] + [*names.OUTSIDE_CITY, names.TARGETED, names.WORKSHOP,
                                                   *names.HOME_BASED]
        + [name for t in tree.townships for name in (t.public_welfare, t.cooperative)],
    )
    units = _by_name(Unit, [name for t in tree.townships for name in t.units])
    projects = _by_name(IndustryProject, [p["name"] for p in tree.industry], {
        p["name"]: {
            "level": p["level"], "township_id": townships.get(p["township"]), "village_id": villages.get(p["village"]),
            "investment": p["investment"], "start": p["start"], "end": p["end"], "return_rate": p["return_rate"],
        } for p in tree.industry
    })
    return Refs(tree, villages, employers, units, [projects[p["name"]] for p in tree.industry])


def generate_scale(*, households, seed=1, history=False, progress=None):
    """Write a register of `households` households (and everything done for them); {label: rows}.

    `progress(done, total)` is called after every batch.
    """
    taken = Township.objects.values_list("code", "name")
    tree = build_tree(seed, households, taken_codes=[c for c, _ in taken], taken_names=[n for _, n in taken])
    with transaction.atomic():
        refs = write_tree(tree)
        sink = RowSink(history=history, now=timezone.now())
        sampler = HouseholdSampler(sink, Keys({model: _next_key(model) for model in MODELS}), refs)
        with indexes_deferred(MODELS):
            done, rng = 0, None
            for township in tree.townships:
                for village in township.villages:
                    for number in range(1, village.households + 1):
                        if done % BLOCK == 0:
                            rng = random.Random(f"{seed}:{done // BLOCK}")
                        sampler.household(rng, village, township, number)
                        done += 1
                        if done % FLUSH == 0:
                            sink.flush()
                            if progress:
                                progress(done, households)
            sink.flush()
        _reset_sequences(list(MODELS))
    counts = {model._meta.label_lower: count for model, count in sink.counts.items()}
    return {"households.township": len(tree.townships), "households.village": len(tree.villages),
            "projects.industryproject": len(tree.industry), **counts}
