"""Error pages (400, 403, 404, 500, CSRF failure) in Chinese, inside the site's layout, with a way back."""

import logging

from django.core.exceptions import DisallowedHost
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import requires_csrf_token

logger = logging.getLogger("shuangta.errors")


def back_url(request):
    """The page the visitor came from, when it is a page of this site (else None)."""
    referer = request.META.get("HTTP_REFERER", "")
    try:
        host = request.get_host()
    except DisallowedHost:  # the 400 of a request for a host the site does not serve
        return None
    if referer and url_has_allowed_host_and_scheme(referer, {host}, request.is_secure()):
        return referer
    return None


def _page(request, template, status):
    return render(request, template, {"back_url": back_url(request), "status": status}, status=status)


@requires_csrf_token
def bad_request(request, exception=None):
    return _page(request, "400.html", 400)


@requires_csrf_token
def permission_denied(request, exception=None):
    return _page(request, "403.html", 403)


@requires_csrf_token
def page_not_found(request, exception=None):
    return _page(request, "404.html", 404)


@requires_csrf_token
def server_error(request):
    """The 500 page; without the request's context when that fails too (e.g. the database is down)."""
    try:
        return _page(request, "500.html", 500)
    except Exception:  # the page of last resort must not fail
        logger.exception("the 500 page could not be drawn with the request's context")
        return HttpResponseServerError(loader.get_template("500.html").render({"status": 500}))


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a form sent from an expired or foreign page."""
    return _page(request, "403_csrf.html", 403)
