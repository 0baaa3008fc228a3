"""The report's `monitoring` section as lines of text, for `manage.py coverage --format table`."""

from django.utils.translation import gettext as _

from pages.terminal import table
from reports.terminal import percent


def _counts(figures):
    return _(", ").join(f"{fig['label']} {fig['numerator']}" for fig in figures.values())


def monitoring_lines(section):
    """The monitoring figures under their heading (nothing for a report without the section)."""
    if not section:
        return []
    headers = [_("Return-to-poverty monitoring"), _("Covered"), _("Total"), _("Gap"), _("Rate")]
    rows = [
        [fig["label"], fig["numerator"], fig["denominator"], fig["gap"], percent(fig["rate"])]
        for fig in (section["monitoring_measures"], section["monitoring_cleared"])
    ]
    median = section["median_days_to_clear"]
    return [
        _("Households under monitoring: %(count)s (by type: %(types)s; by how found: %(found)s).") % {
            "count": section["households"]["count"], "types": _counts(section["by_type"]),
            "found": _counts(section["by_found"]),
        },
        table(headers, rows),
        _("Median days to clear the risk: %(days)s.") % {"days": "—" if median is None else f"{median:g}"},
    ]
