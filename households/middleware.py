"""Session and caching rules for signed-in users."""

import time

from django.utils.cache import add_never_cache_headers
from django.utils.functional import SimpleLazyObject

from households.area import Area
from households.audit import LAST_ACTIVITY

# Refresh the session's expiry at most once a minute, so pages do not write the session each time.
ACTIVITY_RESOLUTION = 60


class IdleSessionMiddleware:
    """Keep a signed-in session alive while it is used: it ends SESSION_COOKIE_AGE after the last request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            if now - request.session.get(LAST_ACTIVITY, 0) >= ACTIVITY_RESOLUTION:
                request.session[LAST_ACTIVITY] = now  # saving the session moves its expiry on
        return self.get_response(request)


class NoStoreMiddleware:
    """Forbid caching of every response to a signed-in user: pages, JSON and downloads hold personal data."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response


class AreaMiddleware:
    """`request.area`: the signed-in user's `Area`, resolved at most once per request (and shared with every
    `for_user(request.user)`, which reads the same cached value)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.area = SimpleLazyObject(lambda: Area.of_user(request.user))
        return self.get_response(request)
