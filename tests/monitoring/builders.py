"""Builders for monitoring records: sensible defaults, every record through full_clean()."""

import datetime

from monitoring.models import MonitoringCase, MonitoringMeasure
from tests.factories import saved

D = datetime.date
IDENTIFIED_ON = D(2021, 1, 10)


def case(household, *, type="sudden_hardship", identified_by="cadre_visit", causes=("illness",),
         identified_on=IDENTIFIED_ON, status="monitoring", cleared_on=None, reason="", **fields):
    record = MonitoringCase(household=household, type=type, identified_by=identified_by,
                            identified_on=identified_on, status=status, cleared_on=cleared_on,
                            clearance_reason=reason, **fields)
    record.risk_causes = causes
    return saved(record)


def cleared_case(household, identified_on, cleared_on, **fields):
    return case(household, identified_on=identified_on, status="cleared", cleared_on=cleared_on,
                reason="务工收入稳定", **fields)


def measure(case_, *, kind=None, start=None, end=None, description="", **links):
    """A measure linking one record (placement=…, pairing=…) or, without links, a free-text measure."""
    if kind is None:
        kind = next(iter(links)) if links else "other"
    return saved(MonitoringMeasure(case=case_, kind=kind, start=start, end=end, description=description,
                                   **links))
