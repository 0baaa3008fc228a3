"""What the dashboard template shows: the report's figures with their links, the pickers and the sorts.

Only formatting and URLs here; every number comes from `build_report`.
"""

from dataclasses import replace

from django.urls import reverse
from django.utils.http import urlencode

from households.area import TOWNSHIP, VILLAGE, Area
from pages.area_picker import area_options
from pages.formats import bar_width, rate_level

from .indicators import INDICATORS, PARTS, WATCH_LISTS
from .report import BY_AREA_SORTS
from .sparkline import sparkline


def figure_links(indicator, params):
    """{part: URL of the staff list behind it} for an indicator and the scope's query parameters."""
    url = reverse(indicator.list_name)
    return {part: f"{url}?{urlencode({**params, 'indicator': indicator.key, 'part': part})}" for part in PARTS}


def figure_context(key, figure, params):
    """One figure with its percentage, its bar width (0–100) and its links."""
    indicator = INDICATORS[key]
    return {
        **figure, "key": key, "unit": indicator.unit, "bar": bar_width(figure["rate"]),
        "level": rate_level(figure["rate"]), "links": figure_links(indicator, params),
    }


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


def trend_url(scope, months, area_scope=None):
    """The trend page of `scope` (or of `area_scope`, a sub-area) over `months` months."""
    return f"{reverse('reports:trend')}?{urlencode((area_scope or scope).query(months=months))}"


def dashboard_context(user, scope, report, *, sort, descending, points):
    """The template's context: figures with their monthly lines, by-area rows, totals, pickers, sorts and
    downloads. `points` is the trend ([(date, {key: Figures})], reports/trend.py) ending at the as-of date."""
    params = scope.query()
    sorts = sort_links(scope, sort, descending)
    months = len(points)
    figures = [
        {**figure_context(key, fig, params), "sort": sorts[key],
         "trend": sparkline([figures[key].rate for _day, figures in points])}
        for key, fig in report["indicators"].items()
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
        "months": months,
        "trend_start": points[0][0],
        "trend_url": trend_url(scope, months),
        "report": report,
        "figures": figures,
        "rows": rows,
        "totals": report["totals"],
        "monitoring": report.get("monitoring"),
        # Township and village accounts see their worklist first (the report's `overdue` counts).
        "worklist_first": Area.of_user(user).level in (TOWNSHIP, VILLAGE),
        "watch_links": watch_links,
        "sorts": sorts,
        "area_options": area_options(user, scope),
        "downloads": {
            "xlsx": f"{reverse('reports:by_area_xlsx')}?{download_query}",
            "csv": f"{reverse('reports:by_area_csv')}?{download_query}",
            "json": f"{reverse('reports:coverage_json')}?{scope.querystring()}",
        },
    }


def trend_context(user, scope, points, areas):
    """The trend page's context: each figure's line and table of points, links to the lists at every
    date, the pickers, and the trend pages of the sub-areas (`areas`, reports.indicators.sub_areas)."""
    months = len(points)
    figures = []
    for key, indicator in INDICATORS.items():
        series = [(day, figures_at[key]) for day, figures_at in points]
        figures.append({
            "key": key, "label": indicator.label, "unit": indicator.unit,
            "line": sparkline([figure.rate for _day, figure in series], width=320, height=90),
            "latest": figure_context(key, {"rate": series[-1][1].rate, **_counts(series[-1][1])}, scope.query()),
        })
    rows = [
        {"date": day, "cells": [figure_context(key, {"rate": figures_at[key].rate, **_counts(figures_at[key])},
                                               {**scope.query(), "as_of": day.isoformat()})
                                for key in INDICATORS]}
        for day, figures_at in reversed(points)
    ]
    sub_links = [{"name": area.name, "url": trend_url(scope, months, _sub_scope(scope, area))} for area in areas]
    return {
        "scope": scope, "months": months, "month_choices": range(12, 25), "figures": figures, "rows": rows,
        "labels": [indicator.label for indicator in INDICATORS.values()], "sub_links": sub_links,
        "area_options": area_options(user, scope),
        "dashboard_url": f"{reverse('reports:dashboard')}?{scope.querystring()}",
        "json_url": f"{reverse('reports:trend_json')}?{scope.querystring(months=months)}",
    }


def _counts(figure):
    return {"numerator": figure.numerator, "denominator": figure.denominator, "gap": figure.gap}


def _sub_scope(scope, area):
    if scope.level == "district":
        return replace(scope, township=area)
    return replace(scope, village=area)
