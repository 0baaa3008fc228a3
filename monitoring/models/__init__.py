from .case import CaseRisk, MonitoringCase, monitored_on_q
from .measure import (
    LINK_HOUSEHOLD,
    MEASURE_LINKS,
    MonitoringMeasure,
    measure_active_q,
    measure_ends_between_q,
)
from .steps import NOTICE_STEPS, REVIEW_STEPS, CaseStep, latest_steps

__all__ = [
    "LINK_HOUSEHOLD",
    "MEASURE_LINKS",
    "NOTICE_STEPS",
    "REVIEW_STEPS",
    "CaseRisk",
    "CaseStep",
    "MonitoringCase",
    "MonitoringMeasure",
    "latest_steps",
    "measure_active_q",
    "measure_ends_between_q",
    "monitored_on_q",
]
