"""The dashboard's `monitoring` section as its template shows it: every figure with its links.

Only formatting and URLs; every number comes from the report's `monitoring` section
(monitoring.figures.monitoring_section).
"""

from monitoring.drilldown import figure_links, figure_url
from pages.formats import bar_width, rate_level

MEASURES = "monitoring_measures"
CLEARED = "monitoring_cleared"


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
            **measures, "level": rate_level(measures["rate"]), "bar": bar_width(measures["rate"]),
            "links": figure_links(MEASURES, scope),
        },
        "cleared": {**cleared, "links": figure_links(CLEARED, scope)},
        "median_days_to_clear": section["median_days_to_clear"],
    }
