"""The 风险筛查 page: households at risk in the user's area on a date, each with the reasons in words,
and the one-step 纳入监测 (open a case) from a row."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from households.access import scoped_object_or_404, staff_view
from households.models import Household
from households.scope import Scope, parse_as_of
from monitoring.rules import RULES
from monitoring.services import monitoring_open_case_from_screening
from pages.area_picker import area_options

from ..export import screening_xlsx
from ..forms import ScreeningFilterForm
from ..selectors import CountedRows, screened_households, screening_figures, screening_page_rows

READ = "monitoring.view_monitoringcase"
OPEN = "monitoring.add_monitoringcase"
PAGE_SIZE = 50


def _scope(request):
    """The scope of the query string, or the user's own area today and the error messages."""
    try:
        return Scope.from_query(request.user, request.GET), []
    except ValidationError as exc:
        return Scope.for_user(request.user), exc.messages


def _rule_counts(counts, scope, current):
    return [
        {"key": rule.key, "label": rule.label, "count": counts[rule.key], "current": rule.key == current,
         "url": "?" + scope.querystring(rule=rule.key)}
        for rule in RULES
    ]


@require_safe
@staff_view(read=READ)
def screening(request):
    """Households that trip a screening rule on the date, in the chosen area, 50 to a page."""
    scope, errors = _scope(request)
    form = ScreeningFilterForm(request.GET)
    errors += [message for field_errors in form.errors.values() for message in field_errors]
    rule, monitored = form.value("rule"), form.value("monitored")
    screened = screened_households(request.user, scope, rule=rule, monitored=monitored)
    if request.GET.get("export") == "xlsx" and not errors:
        return screening_xlsx(request.user, screened, scope)
    counts = screening_figures(request.user, scope, rule=rule, monitored=monitored)
    page = Paginator(CountedRows(screened, counts["listed"]), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "scope": scope,
        "form": form,
        "errors": errors,
        "counts": counts,
        "rules": _rule_counts(counts, scope, rule),
        "page_obj": page,
        "rows": screening_page_rows(page.object_list, scope),
        "area_options": area_options(request.user, scope),
        "can_open": request.user.has_perm(OPEN),
        "breadcrumbs": [(_("Return-to-poverty monitoring"), reverse("monitoring:cases")), (_("Risk screening"), None)],
    }
    return render(request, "monitoring/screening.html", context, status=400 if errors else 200)


def _back_to_screening(request, as_of_text):
    """The screening page the form came from, or the screening of the user's area on that date."""
    target = request.POST.get("next", "")
    screening_url = reverse("monitoring:screening")
    safe = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    if safe and target.startswith(screening_url):
        return target
    return f"{screening_url}?{urlencode({'as_of': as_of_text})}" if as_of_text else screening_url


@require_POST
@staff_view(read=READ, write=OPEN)
def open_case(request, household_pk):
    """纳入监测: open a case for a household of the screening list, with what its row proposes."""
    household = scoped_object_or_404(Household, request.user, pk=household_pk)
    as_of_text = (request.POST.get("as_of") or "").strip()
    try:
        case = monitoring_open_case_from_screening(
            household=household, user=request.user, as_of=parse_as_of(as_of_text)
        )
    except ValidationError as exc:
        reason = " ".join(exc.messages)
    except IntegrityError:  # another clerk opened one a moment before
        reason = _("This household is already under monitoring.")
    else:
        messages.success(request, _(
            "Household %(code)s is recorded as found at risk (%(type)s): record the home visit next."
        ) % {"code": household.code, "type": case.get_type_display()})
        return redirect("monitoring:case", case.pk)
    messages.error(request, _("Household %(code)s was not put under monitoring: %(reason)s")
                   % {"code": household.code, "reason": reason})
    return redirect(_back_to_screening(request, as_of_text))
