"""A household found at risk (农户自主申报, 干部走访排查): open its case at the discovery step."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from households.access import staff_view
from monitoring.services import monitoring_open_case

from ..step_forms import DiscoverForm

READ = "monitoring.view_monitoringcase"
OPEN = "monitoring.add_monitoringcase"


@require_http_methods(["GET", "HEAD", "POST"])
@staff_view(read=READ, write=OPEN)
def discover(request):
    """The form of a discovery (GET, `?household=<code>` fills the code) and its recording (POST)."""
    if not request.user.has_perm(OPEN):
        raise PermissionDenied
    if request.method != "POST":
        code = (request.GET.get("household") or "")[:30]
        form = DiscoverForm(user=request.user, initial={"household": code, "discovered_on": timezone.localdate()})
        return _render(request, form)
    form = DiscoverForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            case = monitoring_open_case(user=request.user, **form.service_arguments())
        except ValidationError as exc:
            form.add_service_errors(exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        except IntegrityError:  # another clerk opened one a moment before
            form.add_error("household", _("This household is already under monitoring."))
        else:
            messages.success(request, _(
                "Household %(code)s is recorded as found at risk. Record the home visit next."
            ) % {"code": case.household.code})
            return redirect("monitoring:case", case.pk)
    return _render(request, form, status=400)


def _render(request, form, status=200):
    context = {
        "form": form,
        "breadcrumbs": [(_("Return-to-poverty monitoring"), reverse("monitoring:cases")),
                        (_("A household found at risk"), None)],
    }
    return render(request, "monitoring/discover.html", context, status=status)
