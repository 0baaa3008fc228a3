"""Audit events on the logger "shuangta.audit": who did what, when, with which outcome.

Never log a password, a name, a full ID number or a phone number: pass counts and ids.
"""

import logging
import time

from households.client_ip import client_ip

logger = logging.getLogger("shuangta.audit")

# Session key of the last request time, refreshed by households.middleware.IdleSessionMiddleware.
LAST_ACTIVITY = "last_activity"
REDACTED_DETAILS = frozenset({"password", "id_number", "phone"})


def audit(action, *, user=None, username=None, outcome="success", request=None, **details):
    """Log one audit event as `key=value` pairs (the log line carries the time)."""
    fields = {"action": action, "outcome": outcome}
    if user is not None and user.is_authenticated:
        fields["user_id"] = user.pk
        fields["username"] = user.get_username()
    elif username:
        fields["username"] = username
    if request is not None:
        fields["ip"] = client_ip(request)
    fields.update({key: "[redacted]" if key in REDACTED_DETAILS else value for key, value in details.items()})
    level = logging.INFO if outcome == "success" else logging.WARNING
    logger.log(level, " ".join(f"{key}={_quote(value)}" for key, value in fields.items()),
               extra={"audit": fields})


def _quote(value):
    text = str(value)
    return f'"{text}"' if not text or any(ch.isspace() for ch in text) else text


def on_login(sender, request, user, **kwargs):
    """user_logged_in receiver: log it and start the inactivity clock."""
    if request is not None and hasattr(request, "session"):
        request.session[LAST_ACTIVITY] = int(time.time())
    audit("login", user=user, request=request)


def on_logout(sender, request, user, **kwargs):
    """user_logged_out receiver."""
    audit("logout", user=user, request=request)


def on_login_failed(sender, credentials, request=None, **kwargs):
    """user_login_failed receiver: the username tried, never the password."""
    audit("login", username=str(credentials.get("username", ""))[:150], outcome="failure", request=request)


def on_locked_out(sender, request, username, ip_address, **kwargs):
    """django-axes user_locked_out receiver."""
    audit("lockout", username=username, outcome="locked", request=request)
