"""The public notice (公示) of a village, printable on A4: the households whose identification or
clearing is on notice on the date — name of the head, natural village (village group), household type, monitoring
type, risks in words and the notice's dates. Never ID numbers, phones or health details."""

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from households.access import staff_view
from households.models import Village
from households.scope import Scope
from households.selectors import head_name
from monitoring.choices import Step
from monitoring.models import CaseRisk, CaseStep, MonitoringCase, latest_steps

READ = "monitoring.view_monitoringcase"
PHASES = {"identify": Step.NOTICE, "clear": Step.CLEAR_NOTICE}
MAX_ROWS = 500  # a village's notice; more would not be one notice board


@require_safe
@staff_view(read=READ)
def notices(request):
    """The notice of one village and phase (`?village=&phase=identify|clear&as_of=`); without a village,
    the villages to choose from."""
    try:
        scope = Scope.from_query(request.user, request.GET)
        errors = []
    except ValidationError as exc:
        scope, errors = Scope.for_user(request.user), exc.messages
    phase = request.GET.get("phase") if request.GET.get("phase") in PHASES else "identify"
    context = {"scope": scope, "errors": errors, "phase": phase, "phases": _phase_links(scope),
               "breadcrumbs": [(_("Return-to-poverty monitoring"), reverse("monitoring:cases")),
                               (_("Public notices"), None)]}
    if scope.village is None:
        villages = Village.objects.for_user(request.user).filter(scope.area.q("")).select_related("township")
        url = reverse("monitoring:notices")
        context["villages"] = [
            (village, f"{url}?{urlencode({'village': village.pk, 'as_of': scope.as_of, 'phase': phase})}")
            for village in villages.order_by("code")[:MAX_ROWS]
        ]
        return render(request, "monitoring/notices.html", context, status=400 if errors else 200)
    step = PHASES[phase]
    on_notice = latest_steps(scope.as_of).filter(step=step, case__household__village=scope.village)
    cases = (
        MonitoringCase.objects.for_user(request.user).filter(pk__in=on_notice.values("case_id"))
        .select_related("household").annotate(head_name=head_name("household"))
        .prefetch_related(Prefetch("risks", queryset=CaseRisk.objects.order_by("position")),
                          Prefetch("steps", queryset=CaseStep.objects.filter(step=step).order_by("-pk"),
                                   to_attr="notice_steps"))
        .order_by("household__natural_village", "household__code")[:MAX_ROWS]
    )
    rows = [{"case": case, "notice": case.notice_steps[0]} for case in cases]
    context.update(rows=rows, title=_notice_title(scope.village, phase),
                   period=_period(rows))
    return render(request, "monitoring/notice_print.html", context, status=400 if errors else 200)


def _notice_title(village, phase):
    if phase == "clear":
        return _("%(village)s: public notice of households whose risk of returning to poverty is to be cleared") % {
            "village": village.name}
    return _("%(village)s: public notice of households to be monitored against returning to poverty") % {
        "village": village.name}


def _period(rows):
    """The notice's first and last day when every row shares them (else None: each row says its own)."""
    periods = {(row["notice"].notice_start, row["notice"].notice_end) for row in rows}
    return periods.pop() if len(periods) == 1 else None


def _phase_links(scope):
    return {phase: f"{reverse('monitoring:notices')}?{urlencode({**scope.query(), 'phase': phase})}"
            for phase in PHASES}
