from django.contrib import admin
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from . import admin_users, axes_admin  # noqa: F401  (accounts: role and area; django-axes' pages in Chinese)
from .admin_base import MaskedLookupsMixin, ScopedAdmin, ScopedInline
from .admin_forms import masked_display
from .area import Area
from .choices import Relation
from .masking import can_see_identifiers, id_number_for
from .models import (
    Assessment,
    Household,
    IdentifierConflict,
    IncomeRecord,
    Person,
    PovertyLine,
    StaffProfile,
    Township,
    Village,
)

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
        (None, {"fields": ("code", "village", "natural_village", "registered", "household_type", "phone", "address")}),
        (_("Register"), {"fields": (
            "category", "poverty_cause", "secondary_cause_1", "secondary_cause_2",
            "registered_year", "first_identified", "exit_year", "removed_in_error", "removal_reason",
        )}),
        (_("Safeguards"), {"fields": (
            "dibao", "anti_poverty_insurance", "dilapidated_house", "house_renovated_year", "safe_drinking_water",
        )}),
    )

    def get_queryset(self, request):
        heads = Person.objects.filter(household=OuterRef("pk"), relation=Relation.HEAD).order_by()
        return super().get_queryset(request).select_related("village__township").annotate(
            head_name_value=Subquery(heads.values("name")[:1]),
            head_id_number_value=Subquery(heads.values("id_number")[:1]),
        )

    @admin.display(description=_("head of household"), ordering="head_name_value")
    def head_name(self, obj):
        return obj.head_name_value or "—"

    def autocomplete_label(self, request, obj):
        """A picker's line: code, head, township and village, the head's ID number as the user may see it."""
        village = obj.village
        return " · ".join([
            obj.code, obj.head_name_value or "—", f"{village.township.name}{village.name}",
            id_number_for(request.user, obj.head_id_number_value) or "—",
        ])


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

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("household__village")

    def autocomplete_label(self, request, obj):
        """A picker's line: name, ID number as the user may see it, household code and village."""
        return " · ".join([obj.name, id_number_for(request.user, obj.id_number), obj.household.code,
                           obj.household.village.name])


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


@admin.register(IdentifierConflict)
class IdentifierConflictAdmin(MaskedLookupsMixin, admin.ModelAdmin):
    """Refused ID numbers, read-only, for the district administrator (the roles give no one else the right)."""

    list_display = ("attempted_at", "user", "source", "id_number", "holder", "holder_household",
                    "attempted_household", "detail")
    list_filter = ("source",)
    list_select_related = ("user", "holder__household")
    date_hierarchy = "attempted_at"
    masked_id_number = masked_display("id_number")

    def get_queryset(self, request):
        return IdentifierConflict.objects.for_user(request.user).select_related("user", "holder__household")

    def get_list_display(self, request):
        return [self._shown(request, name) for name in self.list_display]

    def get_fields(self, request, obj=None):
        return [self._shown(request, name) for name in self.list_display]

    def _shown(self, request, name):
        return "masked_id_number" if name == "id_number" and not can_see_identifiers(request.user) else name

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and Area.of_user(request.user).is_district

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("household"))
    def holder_household(self, obj):
        return obj.holder.household.code if obj.holder else "—"
