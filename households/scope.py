"""The scope of a figure: an area (district, township or village) and an as-of date.

Views build it from the query string with `Scope.from_query(request.user, request.GET)`:

    ?as_of=2020-10-31            the date (default: today); malformed → ValidationError (Chinese message)
    ?township=<id>               one township
    ?village=<id>                one village (with township=<id>, the two must agree)
    ?area=<name or code>         a township or village by name or code, or the district (双塔区 / 211302)

Without an area the scope is the user's own area (the district for district accounts). An area
that does not exist or lies outside the user's area raises Http404, so a shared link cannot reveal
another township's figures.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from households.area import Area
from households.models import Township, Village

DISTRICT_CODE = "211302"
# The dates a figure can be asked for: the rules look a year back and a day ahead of the date.
EARLIEST_AS_OF = datetime.date(1900, 1, 1)
LATEST_AS_OF = datetime.date(2999, 12, 31)
MAX_AREA_TEXT = 100  # a township's name and a village's, with room to spare
DISTRICT_NAME = _("Shuangta District")


class DistrictReader:
    """A stand-in user with district-wide read rights, for the command line (no request, no login)."""

    pk = id = None
    username = "manage.py"
    is_authenticated = True
    is_active = True
    is_superuser = True
    is_staff = False


@dataclass(frozen=True)
class Scope:
    """An area and an as-of date; `township` and `village` both None mean the whole district."""

    as_of: datetime.date
    township: Township | None = None
    village: Village | None = None

    @property
    def level(self):
        """'district', 'township' or 'village'."""
        if self.village is not None:
            return "village"
        return "township" if self.township is not None else "district"

    @property
    def area_name(self):
        """The area's name as people say it: 双塔区, 长宝营子乡, 长宝营子村."""
        if self.village is not None:
            return self.village.name
        return self.township.name if self.township is not None else str(DISTRICT_NAME)

    @property
    def area_code(self):
        """The area's division code."""
        if self.village is not None:
            return self.village.code
        return self.township.code if self.township is not None else DISTRICT_CODE

    @property
    def year(self):
        """The as-of date's year (income, poverty line and exit are counted by year)."""
        return self.as_of.year

    @property
    def sub_level(self):
        """The level of the by-area breakdown: townships of the district, villages of a township, or None."""
        return {"district": "township", "township": "village"}.get(self.level)

    @property
    def area(self):
        """The scope's area as an `Area` value."""
        return Area.of(self.township, self.village)

    def household_q(self, prefix=""):
        """Q limiting households (reached through `prefix`, e.g. "household__") to this area."""
        return self.area.households_q(prefix)

    def query(self, **extra):
        """The query parameters that rebuild this scope (as_of, township, village), plus `extra`."""
        params = {"as_of": self.as_of.isoformat()}
        if self.township is not None:
            params["township"] = self.township.pk
        if self.village is not None:
            params["village"] = self.village.pk
        params.update({key: value for key, value in extra.items() if value is not None})
        return params

    def querystring(self, **extra):
        """`query()` as a URL query string without the leading '?'."""
        return urlencode(self.query(**extra))

    def area_dict(self):
        """The area as the JSON contract shows it: name, level and code."""
        return {"name": self.area_name, "level": self.level, "code": self.area_code}

    @classmethod
    def for_user(cls, user, as_of=None):
        """The user's own area on `as_of` (default today); Http404 for an account without an area."""
        return cls.for_area(Area.of_user(user), as_of)

    @classmethod
    def for_area(cls, area, as_of=None):
        """The whole of `area` on `as_of` (default today); Http404 for no area."""
        if area.is_nowhere:
            raise Http404("This account has no area.")
        as_of = as_of or timezone.localdate()
        if area.level == "village":
            village = Village.objects.select_related("township").get(pk=area.village_id)
            return cls(as_of, village.township, village)
        if area.level == "township":
            return cls(as_of, Township.objects.get(pk=area.township_id))
        return cls(as_of)

    @classmethod
    def from_query(cls, user, query):
        """Parse as_of, township, village and area from a QueryDict (or dict) within the user's area."""
        as_of = parse_as_of(query.get("as_of"))
        area = (query.get("area") or "").strip()
        if area:
            return find_area(user, area, as_of)
        village_id, township_id = query.get("village"), query.get("township")
        if village_id:
            village = _visible(Village.objects.for_user(user).select_related("township"), village_id)
            if township_id and str(village.township_id) != str(township_id):
                raise Http404("The village is not in that township.")
            return cls(as_of, village.township, village)
        if township_id:
            if Area.of_user(user).level not in ("district", "township"):
                raise Http404("Only district and township accounts see a whole township.")
            return cls(as_of, _visible(Township.objects.for_user(user), township_id))
        return cls.for_user(user, as_of)


@dataclass(frozen=True)
class VillageGroups:
    """Villages on a date, every figure counted per village: the scope of the per-village aggregates
    (reports/aggregates.py). `area` bounds the rows; `only` (village ids) narrows them further, None
    when every village of `area` is counted. `village_ids` are the villages the counts are given for."""

    as_of: datetime.date
    area: Area
    village_ids: tuple
    only: tuple | None = None
    grouped = True
    level = "villages"
    township = village = None

    @property
    def year(self):
        return self.as_of.year

    def household_q(self, prefix=""):
        """Q limiting households (reached through `prefix`) to the counted villages."""
        if self.only is None:
            return self.area.households_q(prefix)
        return Q(**{f"{prefix}village_id__in": self.only})


def parse_as_of(value):
    """The as-of date from 'YYYY-MM-DD' (empty: today); ValidationError with a Chinese message otherwise."""
    value = (value or "").strip()
    if not value:
        return timezone.localdate()
    try:
        day = datetime.date.fromisoformat(value) if len(value) == 10 else _invalid_date()
    except ValueError:
        return _invalid_date()
    if not EARLIEST_AS_OF <= day <= LATEST_AS_OF:
        raise ValidationError(
            {"as_of": _("As-of date: choose a date between %(first)s and %(last)s.")
             % {"first": EARLIEST_AS_OF.isoformat(), "last": LATEST_AS_OF.isoformat()}},
            code="out_of_range",
        )
    return day


def _invalid_date():
    raise ValidationError(
        {"as_of": _("As-of date: enter a date as YYYY-MM-DD, such as 2020-10-31.")}, code="invalid"
    )


def _visible(queryset, pk):
    if not str(pk).isascii() or not str(pk).isdigit() or len(str(pk)) > 18:
        raise Http404("Not an area id.")
    try:
        return queryset.get(pk=pk)
    except queryset.model.DoesNotExist as exc:
        raise Http404("No such area in this account's area.") from exc


class AmbiguousArea(Http404):
    """More than one village answers to the name given."""


def find_area(user, text, as_of):
    """The scope of the area named `text` (district, township or village, by name or code) on `as_of`.

    A village may be named alone when its name is unique, or after its township (长宝营子乡长宝营子村).
    Raises Http404 when no area the user may see matches, or the name is ambiguous.
    """
    own = Scope.for_user(user, as_of)
    text = text.strip()
    if len(text) > MAX_AREA_TEXT or "\x00" in text:  # no area is named so (PostgreSQL refuses NUL outright)
        raise Http404("No area of that name.")
    if text in {DISTRICT_CODE, "双塔区", str(DISTRICT_NAME)}:
        if own.level != "district":
            raise Http404("Outside this account's area.")
        return own
    townships = Township.objects.for_user(user) if own.level != "village" else Township.objects.none()
    township = townships.filter(Q(name=text) | Q(code=text)).first()
    if township is not None:
        return Scope(as_of, township)
    villages = list(
        Village.objects.for_user(user).select_related("township")
        .filter(Q(code=text) | Q(name=text) | Q(name__in=_village_names(text)))[:50]
    )
    matches = [v for v in villages if text in {v.code, v.name, f"{v.township.name}{v.name}"}]
    if len(matches) > 1:
        raise AmbiguousArea("Several villages of that name in this account's area.")
    if not matches:
        raise Http404("No area of that name in this account's area.")
    return Scope(as_of, matches[0].township, matches[0])


def _village_names(text):
    """Candidate village names inside '<township><village>' text, e.g. 长宝营子乡长宝营子村."""
    return [text[i:] for i in range(1, len(text))]


def command_scope(as_of, area):
    """The scope a management command's --as-of and --area name, within the whole district.

    Raises CommandError with a Chinese message for a malformed date or an unknown or ambiguous area.
    """
    try:
        day = parse_as_of(as_of)
    except ValidationError as exc:
        raise CommandError(" ".join(exc.messages)) from exc
    if not (area or "").strip():
        return Scope(day)
    try:
        return find_area(DistrictReader(), area, day)
    except AmbiguousArea as exc:
        raise CommandError(
            _("Several villages are named %(name)s: give the village code.") % {"name": area}
        ) from exc
    except Http404 as exc:
        raise CommandError(
            _("No township or village is called %(area)s: give a name or code such as 长宝营子乡 or 211302201.")
            % {"area": area}
        ) from exc
