"""The whole coverage report as one JSON-ready object (INDICATORS.md, "Machine-readable contract").

The same object is printed by `manage.py coverage --format json`, served at
/reports/coverage.json and drawn by the dashboard, so the three cannot disagree.
"""

from contextlib import nullcontext

from django.utils import translation

from households.figures import Counts, Figures
from monitoring.figures import monitoring_section

from . import aggregates
from .indicators import COVERAGE, INDICATORS, coverage_with_areas, sub_areas
from .totals import SECTIONS as TOTALS

# Extra sections of the report, each a `Section` (households/figures.py): counts that add up per village
# and how to present them, JSON-ready.
# "monitoring": return-to-poverty monitoring (issue #7), its own figures beside the register's.
SECTIONS = {
    "monitoring": monitoring_section,
}

BY_AREA_SORTS = ("area", *INDICATORS)


def area_dict(area, level):
    """A township or village as the contract shows an area: name, level, code (and its id)."""
    return {"name": area.name, "level": level, "code": area.code, "id": area.pk}


def indicators_dict(figures):
    """{key: {label, numerator, denominator, gap, rate}} in the order of INDICATORS."""
    return {key: figures[key].as_dict(INDICATORS[key].label) for key in INDICATORS}


def build_report(user, scope, *, sort="area", descending=False, language="zh-hans"):
    """The report for the user within `scope`, by-area rows sorted by `sort` (see `sort_by_area`).

    Labels are in `language` (Chinese, as the contract shows them); None keeps the active language.
    """
    with translation.override(language) if language else nullcontext():
        figures, by_area, sections = report_figures(user, scope)
        by_area = sort_by_area(by_area, sort, descending)
        report = {
            "as_of": scope.as_of.isoformat(),
            "area": scope.area_dict(),
            "indicators": indicators_dict(figures),
            "by_area": [
                {"area": area_dict(area, scope.sub_level), "indicators": indicators_dict(figures)}
                for area, figures in by_area
            ],
            "totals": {name: sections[name] for name in TOTALS},
        }
        report.update({name: sections[name] for name in SECTIONS})
    return report


def aggregated_parts():
    """The report's sections as the aggregates store them: the indicators apart (the trend reads them
    for many dates), the totals and the extra sections together."""
    return {"coverage": {"coverage": COVERAGE}, "report": {**TOTALS, **SECTIONS}}


def report_figures(user, scope):
    """(indicators {key: Figures}, [(area, {key: Figures})], {section name: JSON}) for the report:
    summed from the per-village aggregates where they apply (reports/aggregates.py), else counted live."""
    parts = aggregated_parts()
    if not aggregates.applies(user, scope) or not aggregates.has_villages(scope):
        figures, by_area = coverage_with_areas(user, scope)
        return figures, by_area, {name: section(user, scope) for name, section in parts["report"].items()}
    coverage, coverage_areas = aggregates.sums(scope, [scope.as_of], "coverage", parts["coverage"])[scope.as_of]
    report, _areas = aggregates.sums(scope, [scope.as_of], "report", parts["report"])[scope.as_of]
    empty = {key: Figures(0, 0) for key in INDICATORS}
    by_area = [
        (area, COVERAGE.present(user, scope, coverage_areas[area.pk]["coverage"])
         if area.pk in coverage_areas else empty)
        for area in sub_areas(user, scope)
    ]
    sections = {name: section.present(user, scope, report.get(name) or Counts())
                for name, section in parts["report"].items()}
    return COVERAGE.present(user, scope, coverage["coverage"]), by_area, sections


def sort_by_area(rows, sort="area", descending=False):
    """Sort [(area, figures)] by area code or by an indicator's rate; areas without a rate last."""
    if sort not in BY_AREA_SORTS or sort == "area":
        return sorted(rows, key=lambda row: row[0].code, reverse=descending)
    rated = [row for row in rows if row[1][sort].rate is not None]
    unrated = [row for row in rows if row[1][sort].rate is None]
    rated.sort(key=lambda row: (row[1][sort].rate, row[1][sort].denominator), reverse=descending)
    return rated + sorted(unrated, key=lambda row: row[0].code)
