"""Login lockout (django-axes): by account and address together, and a looser limit per address.

Five failures for one username from one address lock that pair (a clerk's typos lock only the clerk,
not the office behind the same proxy); AXES_ADDRESS_FAILURE_LIMIT failures from one address, whatever
the usernames, lock the address (password spraying). The client's address comes from
households.client_ip (X-Forwarded-For only through TRUSTED_PROXY_COUNT trusted proxies).
"""

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum


class RegisterAxesHandler(AxesDatabaseHandler):
    """AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"], each with its own limit."""

    def get_failures(self, request, credentials=None):
        """Failures scaled to AXES_FAILURE_LIMIT: the pair's count, or the address's count in proportion
        to its own limit, whichever is nearer its limit (axes compares one number with one limit)."""
        pair, address = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        limit, address_limit = settings.AXES_FAILURE_LIMIT, settings.AXES_ADDRESS_FAILURE_LIMIT
        request.axes_address_locked = address >= address_limit
        return max(pair, address * limit // address_limit)

    def reset_user_attempts(self, request, credentials=None):
        """A successful login clears its own pair's failures, not those of other accounts at the address."""
        pair = self.filter_user_attempts(request, credentials)[0]
        count, _ = pair.delete()
        return count
