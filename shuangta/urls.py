from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from households.auth_views import LogoutView
from households.views import search

urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    # Every search box posts here: a term holding an ID number never appears in a URL.
    path("search/", search, name="search"),
    path("admin/", admin.site.urls),
    path("workbook/", include("workbooks.urls")),
    path("monitoring/", include("monitoring.urls")),
    path("households/<int:household_pk>/", include("casework.urls")),
    path("", include("reports.register_urls")),
    # The dashboard at "/" (reports:dashboard), the coverage JSON and downloads under /reports/.
    path("", include("reports.urls")),
    # Only a name: reverse("home") gives "/", which the dashboard answers.
    path("", RedirectView.as_view(pattern_name="reports:dashboard", permanent=False), name="home"),
]

# Error pages in Chinese inside the site's layout (households/errors.py).
handler400 = "households.errors.bad_request"
handler403 = "households.errors.permission_denied"
handler404 = "households.errors.page_not_found"
handler500 = "households.errors.server_error"
