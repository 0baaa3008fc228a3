from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("reports/", include("reports.urls")),
    path("workbook/", include("projects.urls")),
    path("", include("reports.register_urls")),
    # Replaced by the dashboard (reports:dashboard) when the coverage pages land.
    path("", RedirectView.as_view(url="/admin/", permanent=False), name="home"),
]
