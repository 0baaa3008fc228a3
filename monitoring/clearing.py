"""The income check before a risk is cleared: income has stayed above the monitoring threshold over
the months before clearing (`MONITORING_STABLE_INCOME_MONTHS`, six by default).

Income is recorded by year, so the check reads the income record of every year the months touch:
net income per current member less rigid expenditure (合规自付支出) per member, against that year's
monitoring threshold. A year whose record is below refuses the clearing; where no record (or no
threshold) exists for those years the clearing goes on with a warning.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from households.models import PovertyLine

from . import deadlines


def _money(value):
    return f"{Decimal(value):,.2f}"


def income_check(household, date):
    """Warnings (a list of messages) about the income before clearing on `date`; ValidationError when a
    year's income after rigid expenditure is below its threshold."""
    first = deadlines.add_months(date, -deadlines.stable_income_months())
    years = list(range(first.year, date.year + 1))
    records = {record.year: record for record in household.income_records.filter(year__in=years)}
    thresholds = dict(PovertyLine.objects.filter(year__in=years, monitoring_threshold__isnull=False)
                      .values_list("year", "monitoring_threshold"))
    members = household.members.current().count()
    checked = []
    for year in years:
        record, threshold = records.get(year), thresholds.get(year)
        if record is None or threshold is None or not members:
            continue
        per_member = (record.net_total - record.rigid_expenditure) / members
        if per_member < threshold:
            raise ValidationError({"clearance_method": _(
                "Net income per member after rigid expenditure in %(year)s was %(income)s yuan, below the "
                "monitoring threshold of %(threshold)s yuan: the risk cannot be cleared yet."
            ) % {"year": year, "income": _money(per_member), "threshold": _money(threshold)}})
        checked.append(year)
    if checked:
        return []
    return [_("No income record (with its year's threshold) for %(years)s: check that income has stayed above the "
              "monitoring threshold for %(months)d months before clearing.")
            % {"years": _("、").join(str(year) for year in years), "months": deadlines.stable_income_months()}]
