"""Dashboard, coverage JSON and downloads (namespace `reports`)."""

app_name = "reports"
urlpatterns = []
