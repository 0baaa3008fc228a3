"""The one access path: every queryset a user reaches is narrowed to the user's area here."""

from django.db import models
from django.db.models import Q

NOTHING = Q(pk__in=[])


def user_area(user):
    """The area a user may see: ("district", None), ("township", id), ("village", id) or None."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return ("district", None)
    profile = getattr(user, "staff_profile", None)
    if profile is None:
        return None
    if profile.village_id:
        return ("village", profile.village_id)
    if profile.township_id:
        return ("township", profile.township_id)
    return ("district", None)


def area_q(user, village_path):
    """Q limiting rows to the user's area; `village_path` leads from the model to its village
    ("" for the Village model itself)."""
    area = user_area(user)
    if area is None:
        return NOTHING
    level, pk = area
    if level == "district":
        return Q()
    if level == "village":
        return Q(**{f"{village_path}_id" if village_path else "pk": pk})
    return Q(**{f"{village_path}__township_id" if village_path else "township_id": pk})


def can_change_in_area(user, obj):
    """Whether `obj`, seen by the user, lies in the user's area for a change.

    Rows reached through a village are changed where they are seen; rows placed at a township or a
    village (industry projects) by that area or the district; district-wide rows by the district.
    """
    area = user_area(user)
    if area is None:
        return False
    level, pk = area
    if level == "district":
        return True
    queryset_class = getattr(type(obj)._default_manager, "_queryset_class", None)
    if getattr(queryset_class, "village_path", None) is not None:
        return True
    return getattr(obj, f"{level}_id", None) == pk


class ScopedQuerySet(models.QuerySet):
    """A queryset with `for_user`; subclasses name the path from their model to its village."""

    village_path = None  # e.g. "household__village"

    def for_user(self, user):
        """Rows of this model inside the user's area."""
        return self.filter(area_q(user, self.village_path))
