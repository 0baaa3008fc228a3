"""Admin pages of monitoring cases and their measures, scoped to the user's area like the rest."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from households.admin_base import ScopedAdmin, ScopedInline

from .models import RISK_FIELDS, MonitoringCase, MonitoringMeasure

# Linked records shown on measures, each with what its name needs, in the same query.
MEASURE_RELATED = (
    "placement__person", "pairing__cadre", "pairing__household", "household_project__household",
    "industry_benefit__project", "industry_benefit__household", "assistance",
)


class LinkedRecordMixin:
    @admin.display(description=_("linked record"))
    def linked_record(self, measure):
        return str(measure.linked) if measure.linked is not None else "—"


class MonitoringMeasureInline(LinkedRecordMixin, ScopedInline):
    model = MonitoringMeasure
    fields = ("kind", "linked_record", "description", "start", "end")
    readonly_fields = ("linked_record",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*MEASURE_RELATED)


@admin.register(MonitoringCase)
class MonitoringCaseAdmin(ScopedAdmin):
    list_display = ("household", "type", "identified_by", "risk_causes", "identified_on", "status", "cleared_on")
    list_filter = ("status", "type", "identified_by", "household__village__township", "identified_on")
    list_select_related = ("household",)
    search_fields = ("=household__code",)
    autocomplete_fields = ("household",)
    date_hierarchy = "identified_on"
    fieldsets = (
        (None, {"fields": ("household", "type", "identified_by", "identified_on", "income_per_member")}),
        (_("Risk causes"), {"fields": (*RISK_FIELDS.values(), "risk_note")}),
        (_("Risk cleared"), {"fields": ("status", "cleared_on", "clearance_reason")}),
    )
    inlines = (MonitoringMeasureInline,)

    @admin.display(description=_("risk causes"))
    def risk_causes(self, obj):
        return obj.risk_causes_display()


@admin.register(MonitoringMeasure)
class MonitoringMeasureAdmin(LinkedRecordMixin, ScopedAdmin):
    list_display = ("case", "kind", "linked_record", "description", "start", "end")
    list_filter = ("kind", "case__household__village__township")
    list_select_related = ("case__household", *MEASURE_RELATED)
    search_fields = ("=case__household__code", "description")
    autocomplete_fields = ("case", "placement", "pairing", "household_project", "industry_benefit", "assistance")
