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
    risks = {key: fig for key, fig in section["by_risk"].items() if fig["numerator"]}
    return [
        _("Households under monitoring: %(count)s (by type: %(types)s; by how found: %(found)s).") % {
            "count": section["households"]["count"], "types": _counts(section["by_type"]),
            "found": _counts(section["by_found"]),
        },
        _("By main risk: %(risks)s; returned to poverty: %(returned)s.") % {
            "risks": _counts(risks) or "—", "returned": section["returned_to_poverty"]["numerator"]},
        table(headers, rows),
        _("Median days to clear the risk: %(days)s; cleared by way: %(methods)s.") % {
            "days": "—" if median is None else f"{median:g}", "methods": _counts(section["cleared_by_method"])},
        _("Cases at each step: %(steps)s.") % {"steps": _lines(section["procedure"])},
        _("Worklist: %(lines)s.") % {"lines": _lines(section["overdue"])},
    ]


def _lines(counts):
    return _(", ").join(f"{line['label']} {line['count']}" for line in counts.values())
