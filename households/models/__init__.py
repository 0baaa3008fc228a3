from .areas import StaffProfile, Township, Village
from .conflicts import IdentifierConflict
from .household import Assessment, Household
from .income import IncomeRecord, PovertyLine
from .person import Person

__all__ = [
    "Assessment",
    "Household",
    "IdentifierConflict",
    "IncomeRecord",
    "Person",
    "PovertyLine",
    "StaffProfile",
    "Township",
    "Village",
]
