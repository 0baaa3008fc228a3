"""List the households that trip a return-to-poverty screening rule, with the reasons in words."""

import json

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from households.models import Household
from households.scope import DistrictReader, command_scope
from monitoring.rules import RULES
from monitoring.screening import area_within, flagged, screen, screening_counts, screening_rows


class Command(BaseCommand):
    help = "Screen households for return-to-poverty risk (部门筛查预警) and list those at risk with the reasons."

    def add_arguments(self, parser):
        parser.add_argument("--as-of", help="Screening date, YYYY-MM-DD (default: today).")
        parser.add_argument("--area", help="A township or village, by name or code (default: the district).")
        parser.add_argument("--format", dest="output_format", choices=("table", "json"), default="table")

    def handle(self, *args, as_of=None, area=None, output_format="table", **options):
        scope = command_scope(as_of, area)
        as_of, township, village = scope.as_of, scope.township, scope.village
        households = Household.objects.filter(scope.household_q())
        within = area_within(DistrictReader(), township, village)
        counts = screening_counts(flagged(households, as_of, within=within))
        rows = screening_rows(screen(households, as_of, within=within), as_of)
        area_name = str(village or township or _("Shuangta District"))
        if output_format == "json":
            self.stdout.write(json.dumps(self.as_json(rows, counts, as_of, area_name), ensure_ascii=False, indent=1))
        else:
            self.write_table(rows, counts, as_of, area_name)

    def as_json(self, rows, counts, as_of, area_name):
        return {
            "as_of": as_of.isoformat(),
            "area": area_name,
            "total": counts["total"],
            "under_monitoring": counts["monitored"],
            "by_rule": {
                rule.key: {"label": str(rule.label), "count": counts[rule.key]} for rule in RULES
            },
            "households": [
                {
                    "code": row.household.code,
                    "township": row.household.village.township.name,
                    "village": row.household.village.name,
                    "registered": row.household.registered,
                    "case": None if row.open_case is None else {
                        "id": row.open_case.pk,
                        "type": row.open_case.type,
                        "status": row.open_case.status,
                        "discovered_on": row.open_case.discovered_on.isoformat(),
                        "identified_on": row.open_case.identified_on and row.open_case.identified_on.isoformat(),
                    },
                    "reasons": [{"rule": r.rule, "label": r.label, "text": r.text} for r in row.reasons],
                }
                for row in rows
            ],
        }

    def write_table(self, rows, counts, as_of, area_name):
        out = self.stdout
        out.write(_("Risk screening of %(area)s as of %(date)s: %(total)s households at risk, %(monitored)s of "
                    "them already under monitoring.") % {
            "area": area_name, "date": as_of.isoformat(), "total": counts["total"],
            "monitored": counts["monitored"]})
        out.write(_("By rule: %(rules)s") % {"rules": _("; ").join(
            _("%(rule)s %(count)s") % {"rule": rule.label, "count": counts[rule.key]} for rule in RULES
        )})
        for row in rows:
            household = row.household
            out.write("")
            out.write(f"{household.code}  {household.village}  {row.status_text()}")
            for reason in row.reasons:
                out.write(f"  · {reason.text}")
