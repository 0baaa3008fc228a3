from .activities import AssistanceFilter, HouseholdProjectFilter, IndustryProjectFilter, PairingFilter, PlacementFilter
from .households import HouseholdFilter, PersonFilter

__all__ = [
    "AssistanceFilter",
    "HouseholdFilter",
    "HouseholdProjectFilter",
    "IndustryProjectFilter",
    "PairingFilter",
    "PersonFilter",
    "PlacementFilter",
]
