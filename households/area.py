"""The area a user works in, or a report covers: the whole district, one township, one village, or nowhere.

    area = Area.of_user(user)            # resolved once per user object (request.area holds it too)
    Household.objects.filter(area.households_q())
    Pairing.objects.filter(area.households_q("household__"))
    area.contains(Area.village(village_id, township_id))

An account without an area (no staff profile, an inactive or anonymous user) is `Area.NOWHERE`: every
Q of it matches nothing, so a queryset started from it is empty (fail closed).
"""

from contextlib import suppress
from dataclasses import dataclass

from django.db.models import Q

DISTRICT, TOWNSHIP, VILLAGE, NOWHERE = "district", "township", "village", "nowhere"
NOTHING = Q(pk__in=[])
CACHE_ATTRIBUTE = "_resolved_area"


@dataclass(frozen=True)
class Area:
    """A level and the ids that place it; a village area also knows its township."""

    level: str
    township_id: int | None = None
    village_id: int | None = None

    @classmethod
    def district(cls):
        return cls(DISTRICT)

    @classmethod
    def township(cls, township_id):
        return cls(TOWNSHIP, township_id=township_id)

    @classmethod
    def village(cls, village_id, township_id):
        return cls(VILLAGE, township_id=township_id, village_id=village_id)

    @classmethod
    def of(cls, township=None, village=None):
        """The area of a township or village instance (both None: the district)."""
        if village is not None:
            return cls.village(village.pk, village.township_id)
        if township is not None:
            return cls.township(township.pk)
        return cls.district()

    @classmethod
    def of_user(cls, user):
        """The area `user` may see, resolved once per user object."""
        if user is None:
            return NOWHERE_AREA
        cached = getattr(user, CACHE_ATTRIBUTE, None)
        if cached is not None:
            return cached
        area = cls._resolve(user)
        with suppress(AttributeError):  # a read-only stand-in user keeps nothing
            setattr(user, CACHE_ATTRIBUTE, area)
        return area

    @classmethod
    def _resolve(cls, user):
        if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
            return NOWHERE_AREA
        if user.is_superuser:
            return cls.district()
        profile = getattr(user, "staff_profile", None)
        if profile is None:
            return NOWHERE_AREA
        if profile.village_id:
            return cls.village(profile.village_id, profile.township_id)
        if profile.township_id:
            return cls.township(profile.township_id)
        return cls.district()

    @property
    def is_nowhere(self):
        """True for an account without an area: it sees nothing."""
        return self.level == NOWHERE

    @property
    def is_district(self):
        return self.level == DISTRICT

    def contains(self, other):
        """Whether every row of `other` lies inside this area."""
        if self.is_nowhere or other.is_nowhere:
            return False
        if self.level == DISTRICT:
            return True
        if self.level == TOWNSHIP:
            return other.level in (TOWNSHIP, VILLAGE) and other.township_id == self.township_id
        return other.level == VILLAGE and other.village_id == self.village_id

    def q(self, village_path):
        """Q for rows whose village (reached by `village_path`, "" for the Village model) lies in the area."""
        if self.level == DISTRICT:
            return Q()
        if self.level == VILLAGE:
            return Q(**{f"{village_path}_id" if village_path else "pk": self.village_id})
        if self.level == TOWNSHIP:
            return Q(**{f"{village_path}__township_id" if village_path else "township_id": self.township_id})
        return NOTHING

    def households_q(self, prefix=""):
        """Q for households (reached through `prefix`, e.g. "household__") inside the area."""
        return self.q(f"{prefix}village")

    def townships_q(self):
        """Q for the townships the area reaches: all, its own, or its village's."""
        if self.level == DISTRICT:
            return Q()
        if self.level in (TOWNSHIP, VILLAGE):
            return Q(pk=self.township_id)
        return NOTHING


NOWHERE_AREA = Area(NOWHERE)
