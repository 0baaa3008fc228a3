from django.contrib import admin
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from . import admin_users  # noqa: F401  (accounts: role and area on the user page)
from .admin_base import ScopedAdmin, ScopedInline
from .choices import Relation
from .models import Assessment, Household, IncomeRecord, Person, PovertyLine, StaffProfile, Township, Village

admin.site.site_header = _("Shuangta District Poverty-Alleviation Register")
admin.site.site_title = _("Shuangta Register administration")
admin.site.index_title = _("Register administration")


class VillageInline(ScopedInline):
    model = Village
    fields = ("code", "name", "poverty_status", "delisted_year")


@admin.register(Township)
class TownshipAdmin(ScopedAdmin):
    list_display = ("code", "name")
    search_fields = ("name", "=code")
    inlines = (VillageInline,)


@admin.register(Village)
class VillageAdmin(ScopedAdmin):
    list_display = ("code", "name", "township", "poverty_status", "delisted_year")
    list_filter = ("township", "poverty_status")
    list_select_related = ("township",)
    search_fields = ("name", "=code", "township__name")
    autocomplete_fields = ("township",)


class MemberInline(ScopedInline):
    model = Person
    fields = (
        "name", "id_number", "relation", "labor_capacity", "health", "school_stage",
        "medical_insurance", "status",
    )


class IncomeInline(ScopedInline):
    model = IncomeRecord
    fields = ("year", "wage_income", "business_income", "property_income", "transfer_income", "business_costs",
              "medical_expenditure", "education_expenditure")


class AssessmentInline(ScopedInline):
    model = Assessment
    fields = ("date", "food", "clothing", "education", "medical", "housing", "drinking_water")


@admin.register(Household)
class HouseholdAdmin(ScopedAdmin):
    list_display = (
        "code", "head_name", "village", "registered", "category", "poverty_cause",
        "registered_year", "exit_year", "dibao",
    )
    list_filter = (
        "registered", "village__township", "category", "poverty_cause", "exit_year",
        "dibao", "removed_in_error",
    )
    list_select_related = ("village", "village__township")
    search_fields = ("=code", "members__name", "=members__id_number")
    autocomplete_fields = ("village",)
    inlines = (MemberInline, IncomeInline, AssessmentInline)
    fieldsets = (
        (None, {"fields": ("code", "village", "registered", "household_type", "phone", "address", "village_group")}),
        (_("Register"), {"fields": (
            "category", "poverty_cause", "secondary_cause_1", "secondary_cause_2",
            "registered_year", "exit_year", "removed_in_error", "removal_reason",
        )}),
        (_("Safeguards"), {"fields": ("dibao", "anti_poverty_insurance", "house_renovated_year")}),
    )

    def get_queryset(self, request):
        heads = Person.objects.filter(household=OuterRef("pk"), relation=Relation.HEAD)
        return super().get_queryset(request).annotate(head_name_value=Subquery(heads.values("name")[:1]))

    @admin.display(description=_("head of household"), ordering="head_name_value")
    def head_name(self, obj):
        return obj.head_name_value or "—"


@admin.register(Person)
class PersonAdmin(ScopedAdmin):
    list_display = (
        "name", "id_number", "sex", "birth_date", "household", "relation", "labor_capacity",
        "health", "medical_insurance", "status",
    )
    list_filter = (
        "household__village__township", "relation", "labor_capacity", "health", "school_stage",
        "medical_insurance", "status", "sex",
    )
    list_select_related = ("household",)
    search_fields = ("name", "=id_number", "=household__code")
    autocomplete_fields = ("household",)
    readonly_fields = ("birth_date", "sex")


@admin.register(IncomeRecord)
class IncomeRecordAdmin(ScopedAdmin):
    list_display = (
        "household", "year", "wage_income", "business_income", "property_income",
        "transfer_income", "business_costs",
    )
    list_filter = ("year", "household__village__township")
    list_select_related = ("household",)
    search_fields = ("=household__code",)
    autocomplete_fields = ("household",)


@admin.register(Assessment)
class AssessmentAdmin(ScopedAdmin):
    list_display = ("household", "date", "food", "clothing", "education", "medical", "housing", "drinking_water")
    list_filter = ("date", "household__village__township")
    list_select_related = ("household",)
    search_fields = ("=household__code",)
    autocomplete_fields = ("household",)
    date_hierarchy = "date"


@admin.register(PovertyLine)
class PovertyLineAdmin(ScopedAdmin):
    list_display = ("year", "amount", "monitoring_threshold", "source")


@admin.register(StaffProfile)
class StaffProfileAdmin(ScopedAdmin):
    list_display = ("user", "township", "village")
    list_select_related = ("user", "township", "village", "village__township")
    search_fields = ("user__username",)
    autocomplete_fields = ("township", "village")
