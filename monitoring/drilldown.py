"""The list behind a monitoring figure: `?indicator=<key>&part=<numerator|gap|denominator>&as_of=…`.

Every monitoring figure opens the case list. A household figure (households under monitoring on the
date, by type, by how found, with measures in hand) lists each household's case under monitoring on
that date — one per household, as a case's period may not overlap another's — so the list's total is
the figure's count; `monitoring_cleared` counts cases and lists them as they are.
"""

from django.http import Http404
from django.urls import reverse
from django.utils.http import urlencode

from households.figures import Drilldown
from households.scope import Scope
from monitoring.figures import FIGURES, PARTS
from monitoring.models import MonitoringCase


def monitoring_drilldown(user, query):
    """The cases behind a figure, or None when the query names none (Http404 for an unknown one)."""
    key = query.get("indicator")
    if not key:
        return None
    figure = FIGURES.get(key)
    part = query.get("part") or "numerator"
    if figure is None or part not in PARTS:
        raise Http404("No such monitoring figure.")
    scope = Scope.from_query(user, query)
    return Drilldown(figure, part, scope, figure_cases(user, scope, figure, part))


def figure_cases(user, scope, figure, part):
    """The cases of the user's area behind `part` of `figure` in `scope`."""
    rows = figure.rows(user, scope, part)
    if figure.unit == "case":
        return rows
    return MonitoringCase.objects.for_user(user).monitored_on(scope.as_of).filter(household__in=rows)


def figure_url(key, part, scope):
    """The case list behind `part` of the figure `key` in `scope`."""
    return f"{reverse('monitoring:cases')}?{urlencode({**scope.query(), 'indicator': key, 'part': part})}"


def figure_links(key, scope):
    """{part: URL} for every part of the figure `key`."""
    return {part: figure_url(key, part, scope) for part in PARTS}


def worklist_url(key, scope, **area):
    """The list of the worklist line `key` in `scope`, or in the township (and village) given in `area`."""
    params = {"as_of": scope.as_of.isoformat()}
    if area:
        params.update({name: value for name, value in area.items() if value is not None})
    else:
        params.update({name: value for name, value in scope.query().items() if name != "as_of"})
    return f"{reverse('monitoring:worklist_list', args=[key])}?{urlencode(params)}"
