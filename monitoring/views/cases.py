"""The list of monitoring cases (with the drill-down of every monitoring figure) and the case page,
where the next step of the procedure is recorded and measures are added."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from households.access import StaffViewMixin, staff_view
from households.selectors import count_of, head_name
from monitoring.models import CaseRisk, MonitoringCase, MonitoringMeasure
from monitoring.procedure import steps_for
from monitoring.services import monitoring_add_measure, monitoring_record_step
from pages.listing import Column, RegisterListView, village_column

from ..drilldown import monitoring_drilldown
from ..filters import CaseFilter
from ..forms import MeasureForm
from ..selectors import case_page
from ..step_forms import StepForm

READ = "monitoring.view_monitoringcase"
ADD_MEASURE = "monitoring.add_monitoringmeasure"
RECORD_STEP = "monitoring.add_casestep"


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
    default_sort = "-discovered_on"
    columns = (
        Column("household", gettext_lazy("household code"), ("household__code",)),
        Column("head", gettext_lazy("Head of household"), ("head_name",)),
        village_column("household__"),
        Column("type", gettext_lazy("monitoring type"), ("type",)),
        Column("identified_by", gettext_lazy("how identified"), ("identified_by",)),
        Column("causes", gettext_lazy("risks")),
        Column("discovered_on", gettext_lazy("date discovered"), ("discovered_on",)),
        Column("identified_on", gettext_lazy("date identified"), ("identified_on",)),
        Column("status", gettext_lazy("Monitoring status"), ("status", "-cleared_on")),
        Column("step", gettext_lazy("current step"), ("step",)),
        Column("cleared_on", gettext_lazy("date risk cleared"), ("cleared_on",)),
        Column("measures", gettext_lazy("Measures"), ("measure_count",)),
    )

    def find_drilldown(self):
        return monitoring_drilldown(self.request.user, self.request.GET)

    def decorate(self, queryset):
        active = MonitoringMeasure.objects.active_on(self.filterset.as_of_date).filter(case=OuterRef("pk"))
        return queryset.select_related("household__village__township").prefetch_related(
            Prefetch("risks", queryset=CaseRisk.objects.order_by("position"))
        ).annotate(
            head_name=head_name("household"),
            measure_count=count_of(MonitoringMeasure.objects.all(), "case"),
            measure_active=Exists(active),
        )

    def breadcrumbs(self):
        return [(_("Return-to-poverty monitoring"), None)]


def _render_case(request, page, *, measure_form=None, step_form=None, errors=(), status=200):
    user = request.user
    case = page.case
    next_steps = steps_for(user, case) if user.has_perm(RECORD_STEP) else ()
    step_forms = []
    for step in next_steps:
        if step_form is not None and step_form.rule.step == step:
            step_forms.append(step_form)
        else:
            step_forms.append(StepForm(step=step, initial={"date": page.today}))
    context = {
        "page": page,
        "case": case,
        "errors": errors,
        "measure_form": measure_form or MeasureForm(records=page.records, cadres=page.cadres),
        "step_forms": step_forms,
        "can_add_measure": case.is_monitored and user.has_perm(ADD_MEASURE),
        "breadcrumbs": [(_("Return-to-poverty monitoring"), reverse("monitoring:cases")), (case.household.code, None)],
    }
    return render(request, "monitoring/case.html", context, status=status)


def _case_url(case, anchor=""):
    return reverse("monitoring:case", args=[case.pk]) + anchor


@require_safe
@staff_view(read=READ)
def case_detail(request, pk):
    """One case: the household, its risks, its steps, its measures, and the forms of the next step and
    of a measure."""
    return _render_case(request, case_page(request.user, pk, today=timezone.localdate()))


@require_POST
@staff_view(read=READ, write=ADD_MEASURE)
def add_measure(request, pk):
    """Record a measure: a linked record of the household, or a measure described with its dates."""
    page = case_page(request.user, pk, today=timezone.localdate())
    if not page.case.is_monitored:
        return _render_case(request, page, errors=[_("Measures can be added only to a case under monitoring.")],
                            status=400)
    form = MeasureForm(request.POST, records=page.records, cadres=page.cadres)
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
@staff_view(read=READ, write=RECORD_STEP)
def record_step(request, pk):
    """Record the next step of the case's procedure (the step named in the form)."""
    page = case_page(request.user, pk, today=timezone.localdate())
    step = request.POST.get("step", "")
    allowed = steps_for(request.user, page.case)
    if step not in allowed:
        return _render_case(request, page, status=400, errors=[
            _("This step cannot be recorded now, or not by your account: reload the case and record the step "
              "it shows.")])
    form = StepForm(request.POST, step=step)
    if form.is_valid():
        try:
            result = monitoring_record_step(user=request.user, case=page.case, **form.service_arguments())
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("%(step)s is recorded: the case is now %(status)s.") % {
                "step": result.step.get_step_display(), "status": result.case.get_status_display()})
            for warning in result.warnings:
                messages.warning(request, warning)
            return redirect(_case_url(result.case, "#steps"))
    return _render_case(request, page, step_form=form, status=400)
