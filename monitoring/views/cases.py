"""The list of monitoring cases (with the drill-down of every monitoring figure) and the case page,
where measures are added and the case is closed."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db.models import Exists, OuterRef
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from households.access import StaffViewMixin, staff_view
from households.selectors import count_of, head_name
from monitoring.models import MonitoringCase, MonitoringMeasure
from monitoring.services import monitoring_add_measure, monitoring_close_case
from pages.listing import Column, RegisterListView, village_column

from ..drilldown import monitoring_drilldown
from ..filters import CaseFilter
from ..forms import CloseForm, MeasureForm
from ..selectors import case_page

READ = "monitoring.view_monitoringcase"
ADD_MEASURE = "monitoring.add_monitoringmeasure"
CLOSE = "monitoring.change_monitoringcase"


class CaseList(StaffViewMixin, RegisterListView):
    """Monitoring cases of the user's area; `?indicator=&part=` opens the cases behind a monitoring figure."""

    read_permission = READ
    model = MonitoringCase
    filterset_class = CaseFilter
    template_name = "monitoring/cases.html"
    title = gettext_lazy("Monitored households")
    empty_message = gettext_lazy(
        "No monitoring cases match these filters. Clear the search or widen the filters; households at "
        "risk that are not yet monitored are on the risk screening page."
    )
    export_sheet = "监测对象"
    default_sort = "-identified_on"
    columns = (
        Column("household", gettext_lazy("household code"), ("household__code",)),
        Column("head", gettext_lazy("Head of household"), ("head_name",)),
        village_column("household__"),
        Column("type", gettext_lazy("monitoring type"), ("type",)),
        Column("identified_by", gettext_lazy("how identified"), ("identified_by",)),
        Column("causes", gettext_lazy("risk causes")),
        Column("identified_on", gettext_lazy("date identified"), ("identified_on",)),
        Column("status", gettext_lazy("Monitoring status"), ("status", "-cleared_on")),
        Column("cleared_on", gettext_lazy("date risk cleared"), ("cleared_on",)),
        Column("measures", gettext_lazy("Measures"), ("measure_count",)),
    )

    def find_drilldown(self):
        return monitoring_drilldown(self.request.user, self.request.GET)

    def decorate(self, queryset):
        active = MonitoringMeasure.objects.active_on(self.filterset.as_of_date).filter(case=OuterRef("pk"))
        return queryset.select_related("household__village__township").annotate(
            head_name=head_name("household"),
            measure_count=count_of(MonitoringMeasure.objects.all(), "case"),
            measure_active=Exists(active),
        )

    def breadcrumbs(self):
        return [(_("Return-to-poverty monitoring"), None)]


def _render_case(request, page, *, measure_form=None, close_form=None, errors=(), status=200):
    user = request.user
    case = page.case
    context = {
        "page": page,
        "case": case,
        "errors": errors,
        "measure_form": measure_form or MeasureForm(records=page.records),
        "close_form": close_form or CloseForm(initial={"cleared_on": page.today}),
        "can_add_measure": case.is_open and user.has_perm(ADD_MEASURE),
        "can_close": case.is_open and user.has_perm(CLOSE),
        "breadcrumbs": [(_("Return-to-poverty monitoring"), reverse("monitoring:cases")), (case.household.code, None)],
    }
    return render(request, "monitoring/case.html", context, status=status)


def _case_url(case, anchor=""):
    return reverse("monitoring:case", args=[case.pk]) + anchor


@require_safe
@staff_view(read=READ)
def case_detail(request, pk):
    """One case: the household, the causes, the measures, and the forms to add a measure or close it."""
    return _render_case(request, case_page(request.user, pk, today=timezone.localdate()))


@require_POST
@staff_view(read=READ, write=ADD_MEASURE)
def add_measure(request, pk):
    """Record a measure: a linked record of the household, or a measure described with its dates."""
    page = case_page(request.user, pk, today=timezone.localdate())
    if not page.case.is_open:
        return _render_case(request, page, errors=[_("Measures can be added only to a case under monitoring.")],
                            status=400)
    form = MeasureForm(request.POST, records=page.records)
    if form.is_valid():
        try:
            monitoring_add_measure(case=page.case, user=request.user, **form.service_arguments())
        except ValidationError as exc:
            form.add_service_errors(exc)
        except IntegrityError:  # the same record linked a moment before by someone else
            form.add_error("link", _("This record is already a measure of the case."))
        else:
            messages.success(request, _("The measure is recorded."))
            return redirect(_case_url(page.case, "#measures"))
    return _render_case(request, page, measure_form=form, status=400)


@require_POST
@staff_view(read=READ, write=CLOSE)
def close_case(request, pk):
    """Record that the risk is cleared: the date and the reason."""
    page = case_page(request.user, pk, today=timezone.localdate())
    if not page.case.is_open:
        return _render_case(request, page, errors=[_("This case is already closed.")], status=400)
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            case = monitoring_close_case(case=page.case, user=request.user, cleared_on=form.cleaned_data["cleared_on"],
                                         reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("The risk of household %(code)s is recorded as cleared on %(date)s.") % {
                "code": case.household.code, "date": f"{case.cleared_on:%Y-%m-%d}"})
            return redirect(_case_url(case))
    return _render_case(request, page, close_form=form, status=400)
