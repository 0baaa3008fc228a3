from .cards import card, village_card_batch
from .files import household_detail, person_detail, villages_json
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
    "card",
    "household_detail",
    "person_detail",
    "village_card_batch",
    "villages_json",
]
