"""The page shown when django-axes locks a login."""

from django.conf import settings
from django.shortcuts import render


def lockout_response(request, original_response=None, credentials=None):
    """Render the Chinese lockout page (429) naming what is locked (the account at this address, or the
    address), the failure limit and the minutes to wait."""
    context = {
        "address_locked": getattr(request, "axes_address_locked", False),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "registration/lockout.html", context, status=429)
