"""The dashboard's `monitoring` section as its template shows it: every figure with its links.

Only formatting and URLs; every number comes from the report's `monitoring` section
(monitoring.figures.monitoring_section).
"""

from monitoring.drilldown import figure_links, figure_url
from reports.dashboard import percent

MEASURES = "monitoring_measures"
CLEARED = "monitoring_cleared"


def _level(rate):
    if rate is None:
        return "none"
    return "full" if rate >= 1 else "high" if rate >= 0.9 else "low"


def _breakdown(prefix, figures, scope):
    return [
        {"key": value, "label": figure["label"], "count": figure["numerator"],
         "url": figure_url(f"{prefix}_{value}", "numerator", scope)}
        for value, figure in figures.items()
    ]


def monitoring_context(section, scope):
    """Households under monitoring (by type, by how found), measures in hand, cases cleared this year."""
    measures = section[MEASURES]
    cleared = section[CLEARED]
    return {
        "households": {**section["households"], "url": figure_url(MEASURES, "denominator", scope)},
        "by_type": _breakdown("monitoring_type", section["by_type"], scope),
        "by_found": _breakdown("monitoring_found", section["by_found"], scope),
        "measures": {
            **measures, "percent": percent(measures["rate"]), "level": _level(measures["rate"]),
            "bar": None if measures["rate"] is None else round(measures["rate"] * 100, 1),
            "links": figure_links(MEASURES, scope),
        },
        "cleared": {**cleared, "links": figure_links(CLEARED, scope)},
        "median_days_to_clear": section["median_days_to_clear"],
    }
