"""The staff lists, the household file and card, and the person page (namespace `register`)."""

from django.urls import path
from django.views.decorators.http import require_safe

from .register import views


def read_only(view_class):
    """A list view that answers 405 to anything but GET and HEAD (before any permission check)."""
    return require_safe(view_class.as_view())


app_name = "register"
urlpatterns = [
    path("households/", read_only(views.HouseholdList), name="households"),
    path("households/<int:pk>/", views.household_detail, name="household"),
    path("households/<int:pk>/card/", views.card, name="card"),
    path("villages/<int:pk>/cards/", views.village_card_batch, name="village_cards"),
    path("villages.json", views.villages_json, name="villages_json"),
    path("people/", read_only(views.PersonList), name="people"),
    path("people/<int:pk>/", views.person_detail, name="person"),
    path("placements/", read_only(views.PlacementList), name="placements"),
    path("pairings/", read_only(views.PairingList), name="pairings"),
    path("assistance/", read_only(views.AssistanceList), name="assistance"),
    path("household-projects/", read_only(views.HouseholdProjectList), name="household_projects"),
    path("industry-projects/", read_only(views.IndustryProjectList), name="industry_projects"),
]
