"""The area picker of the dashboard and the screening page: the district, its townships, their villages."""

from households.area import Area
from households.models import Township, Village
from households.scope import DISTRICT_CODE, DISTRICT_NAME


def area_options(user, scope):
    """The area picker's options within the user's area: the district, townships, their villages.

    A district account is offered the villages of the township in view only: every village of a
    province would be thousands of options on every dashboard (docs/PERFORMANCE.md).
    """
    level = Area.of_user(user).level
    villages = Village.objects.for_user(user)
    if level == "district":
        villages = villages.filter(township=scope.township) if scope.township else villages.none()
    by_township = {}
    for village in villages:
        by_township.setdefault(village.township_id, []).append(village)
    options = []
    if level == "district":
        options.append({"value": DISTRICT_CODE, "label": str(DISTRICT_NAME), "depth": 0})
    if level == "village":
        options += [{"value": v.code, "label": v.name, "depth": 0} for vs in by_township.values() for v in vs]
    else:
        for township in Township.objects.for_user(user):
            options.append({"value": township.code, "label": township.name, "depth": 1})
            options += [{"value": v.code, "label": v.name, "depth": 2} for v in by_township.get(township.pk, ())]
    for option in options:
        option["selected"] = option["value"] == scope.area_code
    return options
