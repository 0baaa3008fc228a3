from .areas import StaffProfile, Township, Village
from .household import Assessment, Household
from .income import IncomeRecord, PovertyLine
from .person import Person

__all__ = [
    "Assessment",
    "Household",
    "IncomeRecord",
    "Person",
    "PovertyLine",
    "StaffProfile",
    "Township",
    "Village",
]
