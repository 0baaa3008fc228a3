"""Workbook import and export pages (namespace `workbook`)."""

app_name = "workbook"
urlpatterns = []
