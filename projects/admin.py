from django.contrib import admin

from households.admin import PersonAdmin
from households.admin_base import ScopedAdmin, ScopedInline
from households.models import Person

from .models import (
    AssistanceRecord,
    Cadre,
    Employer,
    EmploymentPlacement,
    HouseholdProject,
    IndustryBeneficiary,
    IndustryProject,
    Pairing,
    Training,
    Unit,
)


class PlacementInline(ScopedInline):
    model = EmploymentPlacement
    fields = ("channel", "employer", "start", "end", "monthly_income")
    autocomplete_fields = ("employer",)


class TrainingInline(ScopedInline):
    model = Training
    fields = ("course", "date", "provider")


# The person page gains its placements and training here, so households never imports projects.
admin.site.unregister(Person)


@admin.register(Person)
class PersonWithWorkAdmin(PersonAdmin):
    inlines = (PlacementInline, TrainingInline)


@admin.register(Employer)
class EmployerAdmin(ScopedAdmin):
    list_display = ("name", "address", "phone")
    search_fields = ("name",)


@admin.register(EmploymentPlacement)
class EmploymentPlacementAdmin(ScopedAdmin):
    list_display = ("person", "channel", "employer", "start", "end", "monthly_income")
    list_filter = ("channel", "person__household__village__township", "start")
    list_select_related = ("person", "employer")
    search_fields = ("person__name", "=person__id_number", "employer__name")
    autocomplete_fields = ("person", "employer")
    date_hierarchy = "start"


@admin.register(Training)
class TrainingAdmin(ScopedAdmin):
    list_display = ("person", "course", "date", "provider")
    list_filter = ("date", "person__household__village__township")
    list_select_related = ("person",)
    search_fields = ("person__name", "=person__id_number", "course", "provider")
    autocomplete_fields = ("person",)
    date_hierarchy = "date"


@admin.register(HouseholdProject)
class HouseholdProjectAdmin(ScopedAdmin):
    list_display = ("name", "household", "type", "funds", "start", "end", "expected_income")
    list_filter = ("type", "household__village__township", "start")
    list_select_related = ("household",)
    search_fields = ("name", "=household__code")
    autocomplete_fields = ("household",)
    date_hierarchy = "start"


class BeneficiaryInline(ScopedInline):
    model = IndustryBeneficiary
    fields = ("household", "way", "start", "end", "yearly_amount")
    autocomplete_fields = ("household",)


@admin.register(IndustryProject)
class IndustryProjectAdmin(ScopedAdmin):
    list_display = ("name", "level", "township", "village", "investment", "start", "end", "return_rate")
    list_filter = ("level", "township")
    list_select_related = ("township", "village", "village__township")
    search_fields = ("name",)
    autocomplete_fields = ("township", "village")
    inlines = (BeneficiaryInline,)


@admin.register(IndustryBeneficiary)
class IndustryBeneficiaryAdmin(ScopedAdmin):
    list_display = ("project", "household", "way", "start", "end", "yearly_amount")
    list_filter = ("way", "project__level")
    list_select_related = ("project", "household")
    search_fields = ("project__name", "=household__code")
    autocomplete_fields = ("project", "household")


class CadreInline(ScopedInline):
    model = Cadre
    fields = ("name", "phone")


@admin.register(Unit)
class UnitAdmin(ScopedAdmin):
    list_display = ("name",)
    search_fields = ("name",)
    inlines = (CadreInline,)


@admin.register(Cadre)
class CadreAdmin(ScopedAdmin):
    list_display = ("name", "unit", "phone")
    list_filter = ("unit",)
    list_select_related = ("unit",)
    search_fields = ("name", "unit__name")
    autocomplete_fields = ("unit",)


class AssistanceInline(ScopedInline):
    model = AssistanceRecord
    fields = ("date", "kind", "amount", "note")


@admin.register(Pairing)
class PairingAdmin(ScopedAdmin):
    list_display = ("household", "cadre", "start", "end")
    list_filter = ("cadre__unit", "household__village__township", "start")
    list_select_related = ("household", "cadre", "cadre__unit")
    search_fields = ("=household__code", "cadre__name", "cadre__unit__name")
    autocomplete_fields = ("household", "cadre")
    inlines = (AssistanceInline,)


@admin.register(AssistanceRecord)
class AssistanceRecordAdmin(ScopedAdmin):
    list_display = ("date", "kind", "amount", "pairing", "note")
    list_filter = ("kind", "date")
    list_select_related = ("pairing", "pairing__cadre", "pairing__cadre__unit", "pairing__household")
    search_fields = ("=pairing__household__code", "pairing__cadre__name", "note")
    autocomplete_fields = ("pairing",)
    date_hierarchy = "date"
