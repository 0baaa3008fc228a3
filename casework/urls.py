"""The recording pages of one household (namespace `casework`), included under /households/<household_pk>/."""

from django.urls import path

from . import views

app_name = "casework"
urlpatterns = [
    path("placements/new/", views.placement_new, name="placement_new"),
    path("placements/<int:pk>/end/", views.placement_finish, name="placement_end"),
    path("assistance/new/", views.assistance_new, name="assistance_new"),
    path("income/new/", views.income_new, name="income_new"),
    path("assessments/new/", views.assessment_new, name="assessment_new"),
    path("members/<int:pk>/", views.member_edit, name="member_edit"),
    path("contact/", views.contact_edit, name="contact_edit"),
]
