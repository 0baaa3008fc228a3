from .employment import Employer, EmploymentPlacement, Training
from .industry import HouseholdProject, IndustryBeneficiary, IndustryProject
from .monitoring import MonitoringCase, MonitoringMeasure
from .pairing import AssistanceRecord, Cadre, Pairing, Unit

__all__ = [
    "AssistanceRecord",
    "Cadre",
    "Employer",
    "EmploymentPlacement",
    "HouseholdProject",
    "IndustryBeneficiary",
    "IndustryProject",
    "MonitoringCase",
    "MonitoringMeasure",
    "Pairing",
    "Training",
    "Unit",
]
