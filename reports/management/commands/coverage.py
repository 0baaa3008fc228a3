"""Print the coverage report (INDICATORS.md) for the district or one area, as JSON or a table."""

import json

from django.core.management.base import BaseCommand
from django.utils import translation

from households.scope import DistrictReader, command_scope
from reports.monitoring_text import monitoring_lines
from reports.report import build_report
from reports.terminal import report_as_text


class Command(BaseCommand):
    help = "Print the coverage indicators, by area and with totals, as of a date."

    def add_arguments(self, parser):
        parser.add_argument("--as-of", default="", help="Date YYYY-MM-DD (default: today).")
        parser.add_argument("--area", default="", help="Township or village name or code (default: the district).")
        parser.add_argument("--format", choices=["json", "table"], default="table", help="Output format.")

    def handle(self, *args, as_of, area, format, **options):
        with translation.override("zh-hans"):
            scope = command_scope(as_of, area)
            report = build_report(DistrictReader(), scope)
            if format == "json":
                self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
            else:
                self.stdout.write(report_as_text(report), ending="")
                for line in monitoring_lines(report["monitoring"]):
                    self.stdout.write(f"\n{line}")
