from .files import household_detail, person_detail
from .lists import (
    AssistanceList,
    HouseholdList,
    HouseholdProjectList,
    IndustryProjectList,
    PairingList,
    PersonList,
    PlacementList,
)

__all__ = [
    "AssistanceList",
    "HouseholdList",
    "HouseholdProjectList",
    "IndustryProjectList",
    "PairingList",
    "PersonList",
    "PlacementList",
    "household_detail",
    "person_detail",
]
