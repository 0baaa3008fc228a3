from .employment import Employer, EmploymentPlacement, Training
from .industry import HouseholdProject, IndustryBeneficiary, IndustryProject
from .pairing import AssistanceRecord, Cadre, Pairing, Unit

__all__ = [
    "AssistanceRecord",
    "Cadre",
    "Employer",
    "EmploymentPlacement",
    "HouseholdProject",
    "IndustryBeneficiary",
    "IndustryProject",
    "Pairing",
    "Training",
    "Unit",
]
