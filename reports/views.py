"""The dashboard (home page), the coverage JSON and the by-area downloads: thin views over report.py."""

from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from households.access import staff_view
from households.scope import Scope

from . import downloads
from .dashboard import dashboard_context, trend_context
from .indicators import sub_areas
from .report import build_report
from .trend import DASHBOARD_MONTHS, figures_of, parse_months, trend, trend_dict

READ = "households.view_household"


def _sort(request):
    return request.GET.get("sort") or "area", request.GET.get("dir") == "desc"


def _scope_or_error(request):
    """The scope of the query string, or the user's own area today and the error messages."""
    try:
        return Scope.from_query(request.user, request.GET), []
    except ValidationError as exc:
        return Scope.for_user(request.user, timezone.localdate()), exc.messages


def _months_or_error(request, default):
    """The number of months of a trend from `?months=`, or `default` and the error messages."""
    try:
        return parse_months(request.GET.get("months"), default), []
    except ValidationError as exc:
        return default, exc.messages


@require_safe
@staff_view(read=READ)
def dashboard(request):
    """Every indicator for the chosen area and date, the by-area table, and the totals."""
    scope, errors = _scope_or_error(request)
    months, month_errors = _months_or_error(request, DASHBOARD_MONTHS)
    errors += month_errors
    sort, descending = _sort(request)
    report = build_report(request.user, scope, sort=sort, descending=descending, language=None)
    points = trend(request.user, scope, months, current=figures_of(report["indicators"]))
    context = dashboard_context(request.user, scope, report, sort=sort, descending=descending, points=points)
    return render(request, "reports/dashboard.html", {**context, "errors": errors}, status=400 if errors else 200)


@require_safe
@staff_view(read=READ)
def trend_page(request):
    """Each figure's course month by month up to the as-of date, with the lists behind every point."""
    scope, errors = _scope_or_error(request)
    months, month_errors = _months_or_error(request, parse_months(""))
    errors += month_errors
    points = trend(request.user, scope, months)
    context = trend_context(request.user, scope, points, sub_areas(request.user, scope))
    return render(request, "reports/trend.html", {**context, "errors": errors}, status=400 if errors else 200)


@require_safe
@staff_view(read=READ)
def trend_json(request):
    """Each figure's monthly points: `?area=…&as_of=…&months=12..24` (default 24)."""
    try:
        scope = Scope.from_query(request.user, request.GET)
        months = parse_months(request.GET.get("months"))
    except ValidationError as exc:
        return JsonResponse({"error": exc.message_dict}, status=400, json_dumps_params={"ensure_ascii": False})
    body = trend_dict(scope, trend(request.user, scope, months))
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})


@require_safe
@staff_view(read=READ)
def coverage_json(request):
    """The report object of INDICATORS.md for the user's scope (as_of, area, township, village)."""
    try:
        scope = Scope.from_query(request.user, request.GET)
    except ValidationError as exc:
        return JsonResponse({"error": exc.message_dict}, status=400, json_dumps_params={"ensure_ascii": False})
    return JsonResponse(build_report(request.user, scope), json_dumps_params={"ensure_ascii": False})


def _download(request, kind):
    try:
        scope = Scope.from_query(request.user, request.GET)
    except ValidationError as exc:
        return HttpResponse(" ".join(exc.messages), status=400, content_type="text/plain; charset=utf-8")
    sort, descending = _sort(request)
    report = build_report(request.user, scope, sort=sort, descending=descending)
    content, content_type = downloads.RENDERERS[kind](report)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, downloads.filename(report, kind))
    return response


@require_safe
@staff_view(read=READ)
def by_area_csv(request):
    """The by-area table as CSV (UTF-8 with a byte-order mark, for Excel)."""
    return _download(request, "csv")


@require_safe
@staff_view(read=READ)
def by_area_xlsx(request):
    """The by-area table as an Excel workbook."""
    return _download(request, "xlsx")
