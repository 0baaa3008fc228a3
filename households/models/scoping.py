"""The one access path: every queryset a user reaches is narrowed to the user's area here."""

from django.db import models

from households.area import Area


def can_change_in_area(user, obj):
    """Whether `obj`, seen by the user, lies in the user's area for a change.

    Rows reached through a village are changed where they are seen; rows placed at a township or a
    village (industry projects) by that area or the district; district-wide rows by the district.
    """
    area = Area.of_user(user)
    if area.is_nowhere:
        return False
    if area.is_district:
        return True
    queryset_class = getattr(type(obj)._default_manager, "_queryset_class", None)
    if getattr(queryset_class, "village_path", None) is not None:
        return True
    own_id = area.village_id if area.level == "village" else area.township_id
    return getattr(obj, f"{area.level}_id", None) == own_id


class ScopedQuerySet(models.QuerySet):
    """A queryset with `for_user`/`for_area`; subclasses name the path from their model to its village."""

    village_path = None  # e.g. "household__village"

    def for_area(self, area):
        """Rows of this model inside `area`."""
        return self.filter(area.q(self.village_path))

    def for_user(self, user):
        """Rows of this model inside the user's area."""
        return self.for_area(Area.of_user(user))


class SharedQuerySet(ScopedQuerySet):
    """Lists shared by the whole district (employers, units, cadres): every account with an area sees them."""

    def for_area(self, area):
        return self.none() if area.is_nowhere else self.all()
