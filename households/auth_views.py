"""The page shown when django-axes locks a login, and the logout that says so."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.utils.translation import gettext as _


def lockout_response(request, original_response=None, credentials=None):
    """Render the Chinese lockout page (429) naming what is locked (the account at this address, or the
    address), the failure limit and the minutes to wait."""
    context = {
        "address_locked": getattr(request, "axes_address_locked", False),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "registration/lockout.html", context, status=429)


class LogoutView(auth_views.LogoutView):
    """Log out, and say so on the login page that follows."""

    def post(self, request, *args, **kwargs):
        was_signed_in = request.user.is_authenticated
        response = super().post(request, *args, **kwargs)
        if was_signed_in:
            messages.info(request, _("You are logged out. Log in again to continue."))
        return response
