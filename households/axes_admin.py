"""django-axes' admin pages in Chinese. Axes ships no Chinese catalogue: its messages are listed here so
that `make messages` puts them in the project's catalogue, and its unnamed columns get translated names."""

from axes import admin as axes_admin
from django.apps import apps
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

# The messages axes marks for translation (axes/admin.py, axes/models.py), translated by our catalogue.
AXES_MESSAGES = (
    gettext_noop("Access Attempt"), gettext_noop("Access lock out"), gettext_noop("Attempt Remaining"),
    gettext_noop("Attempt Time"), gettext_noop("Clean up expired attempts"), gettext_noop("Expires At"),
    gettext_noop("Failed Logins"), gettext_noop("Form Data"), gettext_noop("GET Data"), gettext_noop("HTTP Accept"),
    gettext_noop("IP Address"), gettext_noop("Locked Out"), gettext_noop("Logout Time"), gettext_noop("Meta Data"),
    gettext_noop("Not set"), gettext_noop("POST Data"), gettext_noop("Path"),
    gettext_noop("Session key hash (sha256)"),
    gettext_noop("The time when access attempt expires and is no longer valid."), gettext_noop("User Agent"),
    gettext_noop("access attempt expiration"), gettext_noop("access attempt expirations"),
    gettext_noop("access attempt"), gettext_noop("access attempts"), gettext_noop("access failure"),
    gettext_noop("access failures"), gettext_noop("access log"), gettext_noop("access logs"),
)

apps.get_app_config("axes").verbose_name = _("Login lockouts")
axes_admin.AccessAttemptAdmin.status.short_description = _("Attempts left")
axes_admin.AccessAttemptAdmin.expiration.short_description = _("Expires At")
