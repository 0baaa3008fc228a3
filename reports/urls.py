"""Dashboard, coverage JSON and downloads (namespace `reports`), included at the site root."""

from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("reports/coverage.json", views.coverage_json, name="coverage_json"),
    path("reports/trend/", views.trend_page, name="trend"),
    path("reports/trend.json", views.trend_json, name="trend_json"),
    path("reports/by-area.xlsx", views.by_area_xlsx, name="by_area_xlsx"),
    path("reports/by-area.csv", views.by_area_csv, name="by_area_csv"),
]
