"""Workbook import and export pages (namespace `workbook`)."""

from django.urls import path

from . import views

app_name = "workbook"
urlpatterns = [
    path("", views.index, name="index"),
    path("preview/", views.preview, name="preview"),
    path("confirm/", views.confirm, name="confirm"),
    path("export.xlsx", views.export, name="export"),
    path("template.xlsx", views.template, name="template"),
    path("errors.xlsx", views.errors, name="errors"),
]
