from django.db.models import Q

from households.models.scoping import ScopedQuerySet


def active_on_q(date, prefix=""):
    """Q for records in force on `date`: started on or before it, not ended before it."""
    return Q(**{f"{prefix}start__lte": date}) & (
        Q(**{f"{prefix}end__isnull": True}) | Q(**{f"{prefix}end__gte": date})
    )


class DatedQuerySet(ScopedQuerySet):
    """Records with a start date and an optional end date (empty = ongoing)."""

    def active_on(self, date):
        """Records in force on `date`."""
        return self.filter(active_on_q(date))
