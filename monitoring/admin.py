"""Admin pages of monitoring cases and their measures, scoped to the user's area like the rest."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from households.admin_base import ScopedAdmin, ScopedInline

from .models import CaseRisk, CaseStep, MonitoringCase, MonitoringMeasure

# Linked records shown on measures, each with what its name needs, in the same query.
MEASURE_RELATED = (
    "placement__person", "pairing__cadre", "pairing__household", "household_project__household",
    "industry_benefit__project", "industry_benefit__household", "assistance",
)


class LinkedRecordMixin:
    @admin.display(description=_("linked record"))
    def linked_record(self, measure):
        return str(measure.linked) if measure.linked is not None else "—"


class CaseRiskInline(ScopedInline):
    model = CaseRisk
    fields = ("position", "risk", "note")
    extra = 0


class CaseStepInline(ScopedInline):
    """The steps as recorded: read here, recorded on the case page by the role that owns each."""

    model = CaseStep
    fields = ("step", "date", "approved", "notice_start", "notice_end", "note", "user", "recorded_at")
    readonly_fields = fields
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")


class MonitoringMeasureInline(LinkedRecordMixin, ScopedInline):
    model = MonitoringMeasure
    fields = ("category", "kind", "linked_record", "cadre", "description", "start", "end")
    autocomplete_fields = ("cadre",)
    readonly_fields = ("linked_record",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*MEASURE_RELATED)


@admin.register(MonitoringCase)
class MonitoringCaseAdmin(ScopedAdmin):
    list_display = ("household", "type", "identified_by", "risk_causes", "discovered_on", "identified_on", "status",
                    "step", "cleared_on")
    list_filter = ("status", "step", "type", "identified_by", "returned_to_poverty", "household__village__township",
                   "identified_on")
    list_select_related = ("household",)
    search_fields = ("=household__code",)
    autocomplete_fields = ("household",)
    date_hierarchy = "discovered_on"
    fieldsets = (
        (None, {"fields": ("household", "type", "identified_by", "returned_to_poverty", "discovered_on",
                           "identified_on", "income_per_member", "risk_note")}),
        (_("Procedure"), {"fields": ("status", "step")}),
        (_("Risk cleared"), {"fields": ("clearance_method", "cleared_on", "clearance_reason")}),
    )
    inlines = (CaseRiskInline, CaseStepInline, MonitoringMeasureInline)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("risks")

    @admin.display(description=_("risks"))
    def risk_causes(self, obj):
        return obj.risk_causes_display()


@admin.register(MonitoringMeasure)
class MonitoringMeasureAdmin(LinkedRecordMixin, ScopedAdmin):
    list_display = ("case", "category", "kind", "linked_record", "cadre", "description", "start", "end")
    list_filter = ("category", "kind", "case__household__village__township")
    list_select_related = ("case__household", *MEASURE_RELATED)
    search_fields = ("=case__household__code", "description")
    autocomplete_fields = ("case", "cadre", "placement", "pairing", "household_project", "industry_benefit",
                           "assistance")
