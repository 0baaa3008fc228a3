"""Build a synthetic register on an empty database: the published district, or any size.

    generate_district --published [--seed N]           the autumn-2020 district, figure for figure
    generate_district --published --through 2026       continued year by year to 30 November 2026
    generate_district --households N [--seed S]        N households in the published proportions
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from generator.published import plan_published, write_plan
from generator.scale import generate_scale
from generator.through import FIRST_YEAR
from households.models import Household, Person
from households.poverty_lines import POVERTY_LINES

LAST_YEAR = max(POVERTY_LINES)


class Command(BaseCommand):
    help = (
        "On an empty register, build a synthetic Shuangta district whose totals equal the published "
        "autumn-2020 figures (--published: 4,146 households, 3,834 labor-capable people all employed, ...), "
        "or a register of any size in the same proportions over invented townships and villages "
        "(--households N; PostgreSQL COPY, 400,000 households in about two minutes). The scale mode writes "
        "no history rows unless --history is given: they double the writes (docs/PERFORMANCE.md)."
    )

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group()
        which.add_argument("--published", action="store_true",
                           help="Reproduce the published 2020 district (4,146 households).")
        which.add_argument("--households", type=int, metavar="N",
                           help="Build N households in the published proportions (any size, bulk writes).")
        parser.add_argument("--seed", type=int, default=1, help="Random seed: the same seed gives the same district.")
        parser.add_argument("--through", type=int, metavar="YEAR",
                            help="--published: continue the district year by year to 30 November of YEAR (2021–2026): "
                                 "incomes, assessments, monitoring cases through every step, clearances, returns "
                                 "to poverty. The 2020 figures stay as published.")
        parser.add_argument("--no-history", action="store_true",
                            help="--published: skip the audit-trail rows (faster; the records then have no history).")
        parser.add_argument("--history", action="store_true",
                            help="--households: also write audit-trail rows (off by default: twice the writes).")

    def handle(self, *args, published, households, seed, no_history, history, through=None, **options):
        self.verbosity = options["verbosity"]
        if through is not None and (not published or not FIRST_YEAR <= through <= LAST_YEAR):
            raise CommandError(_("--through: give a year from %(first)s to %(last)s, with --published.")
                               % {"first": FIRST_YEAR, "last": LAST_YEAR})
        if not published and households is None:
            raise CommandError(_("Say which district to build: --published, or --households N for N households."))
        if households is not None and households < 1:
            raise CommandError(_("--households: give a number of households of at least 1."))
        if Household.objects.exists() or Person.objects.exists():
            raise CommandError(_(
                "The register already holds households: the district is generated only into an empty "
                "register. Use a new database (or delete the households first)."
            ))
        started = time.monotonic()
        if households is not None:
            counts = generate_scale(households=households, seed=seed, history=history, progress=self.progress)
            self.report(counts)
            self.stdout.write(self.style.SUCCESS(
                _("Generated %(households)s households (seed %(seed)s) in %(total).1f s.")
                % {"households": households, "seed": seed, "total": time.monotonic() - started}
            ))
            return
        plan = plan_published(seed=seed, through=through)
        planned = time.monotonic()
        counts = write_plan(plan, history=not no_history, last_year=through or 2020)
        done = time.monotonic()
        self.report(counts)
        self.stdout.write(self.style.SUCCESS(
            _("Generated the published district (seed %(seed)s) in %(total).1f s "
              "(planning %(plan).1f s, writing %(write).1f s).")
            % {"seed": seed, "total": done - started, "plan": planned - started, "write": done - planned}
        ))

    def report(self, counts):
        for label, count in counts.items():
            self.stdout.write(f"{label}: {count}")

    def progress(self, done, total):
        if self.verbosity > 1:
            self.stderr.write(f"{done}/{total}")
