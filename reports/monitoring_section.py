"""The dashboard's `monitoring` section as its template shows it: every figure with its links.

Only formatting and URLs; every number comes from the report's `monitoring` section
(monitoring.figures.monitoring_section).
"""

from monitoring.drilldown import figure_links, figure_url, worklist_url
from pages.formats import bar_width, rate_level

MEASURES = "monitoring_measures"
CLEARED = "monitoring_cleared"
RETURNED = "monitoring_returned"


def _breakdown(prefix, figures, scope, *, nonzero=False):
    return [
        {"key": value, "label": figure["label"], "count": figure["numerator"],
         "url": figure_url(f"{prefix}_{value}", "numerator", scope)}
        for value, figure in figures.items() if figure["numerator"] or not nonzero
    ]


def _counts(prefix, counts, scope, url):
    return [{"key": key, "label": line["label"], "count": line["count"], "url": url(f"{prefix}{key}", scope)}
            for key, line in counts.items()]


def monitoring_context(section, scope):
    """Households under monitoring (by type, how found, main risk), measures in hand, returned to
    poverty, cases at each step, cases cleared this year (and how), and the worklist's counts."""
    measures = section[MEASURES]
    cleared = section[CLEARED]
    return {
        "households": {**section["households"], "url": figure_url(MEASURES, "denominator", scope)},
        "by_type": _breakdown("monitoring_type", section["by_type"], scope),
        "by_found": _breakdown("monitoring_found", section["by_found"], scope),
        "by_risk": _breakdown("monitoring_risk", section["by_risk"], scope, nonzero=True),
        "returned": {**section["returned_to_poverty"], "url": figure_url(RETURNED, "numerator", scope)},
        "measures": {
            **measures, "level": rate_level(measures["rate"]), "bar": bar_width(measures["rate"]),
            "links": figure_links(MEASURES, scope),
        },
        "cleared": {**cleared, "links": figure_links(CLEARED, scope)},
        "cleared_by_method": _breakdown("monitoring_cleared", section["cleared_by_method"], scope),
        "median_days_to_clear": section["median_days_to_clear"],
        "procedure": _counts("monitoring_step_", section["procedure"], scope,
                             lambda key, s: figure_url(key, "numerator", s)),
        "overdue": _counts("", section["overdue"], scope, worklist_url),
    }
