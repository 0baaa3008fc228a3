"""What the dashboard template shows: the report's figures with their links, the pickers and the sorts.

Only formatting and URLs here; every number comes from `build_report`.
"""

from django.urls import reverse
from django.utils.http import urlencode

from households.models import Township, Village
from households.models.scoping import user_area

from .indicators import INDICATORS, PARTS, WATCH_LISTS
from .report import BY_AREA_SORTS
from .scope import DISTRICT_CODE, DISTRICT_NAME


def figure_links(indicator, params):
    """{part: URL of the staff list behind it} for an indicator and the scope's query parameters."""
    url = reverse(indicator.list_name)
    return {part: f"{url}?{urlencode({**params, 'indicator': indicator.key, 'part': part})}" for part in PARTS}


def percent(rate):
    """A rate as a percentage string, or None."""
    return None if rate is None else f"{rate * 100:.1f}%"


def figure_context(key, figure, params):
    """One figure with its percentage, its bar width (0–100) and its links."""
    indicator = INDICATORS[key]
    return {
        **figure, "key": key, "unit": indicator.unit, "percent": percent(figure["rate"]),
        "bar": None if figure["rate"] is None else round(figure["rate"] * 100, 1),
        "level": _level(figure["rate"]), "links": figure_links(indicator, params),
    }


def _level(rate):
    if rate is None:
        return "none"
    return "full" if rate >= 1 else "high" if rate >= 0.9 else "low"


def area_params(scope, row_area):
    """Query parameters of a by-area row's own scope."""
    params = {"as_of": scope.as_of.isoformat()}
    if row_area["level"] == "township":
        params["township"] = row_area["id"]
    else:
        params.update(township=scope.township.pk, village=row_area["id"])
    return params


def sort_links(scope, sort, descending):
    """For each sortable column: its URL (toggling the direction) and its current direction."""
    links = {}
    for key in BY_AREA_SORTS:
        current = key == sort
        direction = "asc" if current and descending else "desc" if current or key != "area" else "asc"
        links[key] = {
            "url": "?" + scope.querystring(sort=key, dir=direction),
            "state": ("desc" if descending else "asc") if current else "",
        }
    return links


def area_options(user, scope):
    """The area picker's options within the user's area: the district, townships, their villages.

    A district account is offered the villages of the township in view only: every village of a
    province would be thousands of options on every dashboard (docs/PERFORMANCE.md).
    """
    level, _pk = user_area(user)
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


def dashboard_context(user, scope, report, *, sort, descending):
    """The template's context: figures, by-area rows, totals, pickers, sorts and downloads."""
    params = scope.query()
    sorts = sort_links(scope, sort, descending)
    figures = [
        {**figure_context(key, fig, params), "sort": sorts[key]} for key, fig in report["indicators"].items()
    ]
    rows = []
    for row in report["by_area"]:
        row_params = area_params(scope, row["area"])
        rows.append({
            "area": row["area"],
            "url": "?" + urlencode(row_params),
            "figures": [figure_context(key, fig, row_params) for key, fig in row["indicators"].items()],
        })
    watch_links = {
        key: figure_links(ind, params)["numerator"] for key, ind in WATCH_LISTS.items()
    }
    download_query = scope.querystring(sort=sort, dir="desc" if descending else "asc")
    return {
        "scope": scope,
        "report": report,
        "figures": figures,
        "rows": rows,
        "totals": report["totals"],
        "monitoring": report.get("monitoring"),
        "watch_links": watch_links,
        "sorts": sorts,
        "area_options": area_options(user, scope),
        "downloads": {
            "xlsx": f"{reverse('reports:by_area_xlsx')}?{download_query}",
            "csv": f"{reverse('reports:by_area_csv')}?{download_query}",
            "json": f"{reverse('reports:coverage_json')}?{scope.querystring()}",
        },
    }
