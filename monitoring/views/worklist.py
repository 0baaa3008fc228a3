"""The worklist (工作台): each line a count that opens its list; each row of a list its action.

A district account sees the lines per township, a township account per village; every count links
to the list of its area, whose total is the same count (`monitoring.worklist` defines both).
"""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from households.access import staff_view
from households.models import Township, Village
from households.scope import Scope
from households.selectors import head_name
from monitoring.drilldown import worklist_url
from monitoring.worklist import ITEMS, worklist_by_area
from pages.area_picker import area_options

READ = "monitoring.view_monitoringcase"
PAGE_SIZE = 50

# What each unit's rows bring along for the page (one query for a page of rows).
RELATED = {
    "case": ("household__village__township",),
    "measure": ("case__household__village__township", "cadre", "placement", "pairing", "household_project",
                "industry_benefit"),
    "household": ("village__township",),
    "person": ("household__village__township",),
}
HEAD = {"case": "household", "measure": "case__household", "household": "pk", "person": None}


def _scope(request):
    try:
        return Scope.from_query(request.user, request.GET), []
    except ValidationError as exc:
        return Scope.for_user(request.user), exc.messages


def sub_areas_of(user, scope):
    """(the areas the worklist is broken down by, their level): townships of the district, villages of
    a township, none for a village."""
    if scope.level == "district":
        return list(Township.objects.for_user(user)), "township"
    if scope.level == "township":
        return list(Village.objects.for_user(user).filter(township=scope.township)), "village"
    return [], None


@require_safe
@staff_view(read=READ)
def worklist(request):
    """The scope's worklist: every line's count, and per township (district) or village (township)."""
    scope, errors = _scope(request)
    areas, level = sub_areas_of(request.user, scope)
    table = worklist_by_area(request.user, scope, areas, level) if areas else None
    lines = []
    if table is not None:
        for item, row, total in table:
            cells = []
            for area, count in zip(areas, row, strict=True):
                where = {"township": area.pk} if level == "township" else {"township": area.township_id,
                                                                           "village": area.pk}
                cells.append({"count": count, "url": worklist_url(item.key, scope, **where)})
            lines.append({"item": item, "count": total, "url": worklist_url(item.key, scope), "cells": cells})
    else:
        lines = [{"item": item, "count": item.count(request.user, scope), "url": worklist_url(item.key, scope)}
                 for item in ITEMS.values()]
    context = {
        "scope": scope, "errors": errors, "lines": lines, "areas": areas, "level": level,
        "area_options": area_options(request.user, scope),
        "breadcrumbs": [(_("Return-to-poverty monitoring"), reverse("monitoring:cases")), (_("Worklist"), None)],
    }
    return render(request, "monitoring/worklist.html", context, status=400 if errors else 200)


@require_safe
@staff_view(read=READ)
def worklist_list(request, key):
    """The rows behind one line of the worklist, each with its action, 50 to a page."""
    item = ITEMS.get(key)
    if item is None:
        raise Http404("No such worklist line.")
    scope, errors = _scope(request)
    rows = item.rows(request.user, scope).select_related(*RELATED[item.unit])
    if HEAD[item.unit]:
        rows = rows.annotate(head_name=head_name(HEAD[item.unit]))
    rows = rows.order_by(*_order(item.unit))
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "scope": scope, "errors": errors, "item": item, "page_obj": page, "rows": page.object_list,
        "worklist_url": f"{reverse('monitoring:worklist')}?{scope.querystring()}",
        "breadcrumbs": [(_("Return-to-poverty monitoring"), reverse("monitoring:cases")),
                        (_("Worklist"), f"{reverse('monitoring:worklist')}?{scope.querystring()}"), (item.label, None)],
    }
    return render(request, "monitoring/worklist_list.html", context, status=400 if errors else 200)


def _order(unit):
    return {
        "case": ("household__village__code", "household__code", "pk"),
        "measure": ("case__household__village__code", "case__household__code", "pk"),
        "household": ("village__code", "code"),
        "person": ("household__village__code", "household__code", "pk"),
    }[unit]
