"""The client's network address behind a configured number of trusted reverse proxies.

`TRUSTED_PROXY_COUNT` (setting, from the environment variable of the same name) is how many proxies of
our own stand between the client and gunicorn, each appending the address it received the request from
to `X-Forwarded-For`. With 0 (the default) the address is REMOTE_ADDR and the header is ignored; with n
it is the n-th entry from the right of the header: entries further left were written by the client and
are not believed. A missing or malformed entry falls back to REMOTE_ADDR.
"""

import ipaddress

from django.conf import settings


def client_ip(request):
    """The address the login lockout and the audit log attribute a request to."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < count:
        return remote
    try:
        return str(ipaddress.ip_address(forwarded[-count]))
    except ValueError:
        return remote
