"""Print the coverage report (INDICATORS.md) for the district or one area, as JSON or a table."""

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _

from reports.monitoring_text import monitoring_lines
from reports.report import build_report
from reports.scope import DistrictReader, Scope, find_area, parse_as_of
from reports.terminal import report_as_text


class Command(BaseCommand):
    help = "Print the coverage indicators, by area and with totals, as of a date."

    def add_arguments(self, parser):
        parser.add_argument("--as-of", default="", help="Date YYYY-MM-DD (default: today).")
        parser.add_argument("--area", default="", help="Township or village name or code (default: the district).")
        parser.add_argument("--format", choices=["json", "table"], default="table", help="Output format.")

    def handle(self, *args, as_of, area, format, **options):
        with translation.override("zh-hans"):
            scope = self.scope(as_of, area)
            report = build_report(DistrictReader(), scope)
            if format == "json":
                self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
            else:
                self.stdout.write(report_as_text(report), ending="")
                for line in monitoring_lines(report["monitoring"]):
                    self.stdout.write(f"\n{line}")

    def scope(self, as_of, area):
        try:
            day = parse_as_of(as_of)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        if not area.strip():
            return Scope(day)
        try:
            return find_area(DistrictReader(), area, day)
        except Http404 as exc:
            raise CommandError(
                _("No township or village is called %(area)s: give a name or code such as 长宝营子乡 or 211302201.")
                % {"area": area}
            ) from exc
