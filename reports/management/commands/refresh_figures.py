"""manage.py refresh_figures [--as-of YYYY-MM-DD]: recount the stale per-village aggregates of a date
(default: today and every date kept), so the next report reads them ready."""

from django.core.management.base import BaseCommand

from households.scope import command_scope
from reports.aggregates import refresh


class Command(BaseCommand):
    help = "Recount the per-village figures that writes have made stale (today and the dates kept, or one date)."

    def add_arguments(self, parser):
        parser.add_argument("--as-of", dest="as_of", default=None, help="YYYY-MM-DD (default: every date kept)")

    def handle(self, *args, as_of=None, **options):
        dates = [command_scope(as_of, None).as_of] if as_of else None
        done = refresh(dates)
        self.stdout.write(" ".join(day.isoformat() for day in done))
