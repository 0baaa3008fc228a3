"""Return-to-poverty monitoring pages (namespace `monitoring`), included at /monitoring/."""

from django.urls import path
from django.views.decorators.http import require_safe

from . import views

app_name = "monitoring"
urlpatterns = [
    path("", require_safe(views.CaseList.as_view()), name="cases"),
    path("new/", views.discover, name="discover"),
    path("cases/<int:pk>/", views.case_detail, name="case"),
    path("cases/<int:pk>/steps/", views.record_step, name="record_step"),
    path("cases/<int:pk>/measures/", views.add_measure, name="add_measure"),
    path("worklist/", views.worklist, name="worklist"),
    path("worklist/<slug:key>/", views.worklist_list, name="worklist_list"),
    path("notices/", views.notices, name="notices"),
    path("screening/", views.screening, name="screening"),
    path("screening/<int:household_pk>/open/", views.open_case, name="open_case"),
]
