"""Send the reads of report and list pages to a read replica when one is configured.

With DATABASE_REPLICA_URL set, settings add a `replica` database and this router. Reads go to the
replica only inside a request that ReplicaReadsMiddleware marked as read-only (a GET or HEAD of a
report or staff list page); everything else — writes, logins, sessions, the admin, imports — stays on
the primary, so a user never reads a stale copy of what they just saved through the same page.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

REPLICA = "replica"
READ_ONLY_NAMESPACES = {"reports", "register"}
_reads_on_replica = ContextVar("reads_on_replica", default=False)


@contextmanager
def replica_reads():
    """Within this block, reads go to the replica (when there is one)."""
    token = _reads_on_replica.set(True)
    try:
        yield
    finally:
        _reads_on_replica.reset(token)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _reads_on_replica.get() and REPLICA in settings.DATABASES:
            return REPLICA
        return None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # both aliases hold the same data


class ReplicaReadsMiddleware:
    """Mark GET/HEAD requests to report and list pages as read-only, so their queries use the replica."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if request.method not in ("GET", "HEAD") or match is None:
            return None
        if not READ_ONLY_NAMESPACES.intersection(match.namespaces):
            return None
        # Who the user is and where they work is read from the primary, before reads switch over.
        if request.user.is_authenticated:
            getattr(request.user, "staff_profile", None)
        with replica_reads():
            response = view_func(request, *view_args, **view_kwargs)
            # Render lazily-rendered responses while reads still go to the replica.
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
        return response
