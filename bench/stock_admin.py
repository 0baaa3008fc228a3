"""The stock Django admin the staff lists are measured against: a bench-only site and URLconf.

Set up as a competent Django developer would set up the admin for the same job (issue #17, "fair
references"): `Household` and `Person` registered with a plain `admin.ModelAdmin` on a separate
`AdminSite` (the project's admin untouched), showing the same columns as the staff lists
(`list_display`, with the head's name and the member count annotated once in `get_queryset` and
`list_select_related` for the village and township), Django's defaults otherwise (100 rows a page,
the full result count, the model's ordering), and only the filter parameters the measured pages use:
township, register status and "exited by 2020" on households; labor capacity, status, the household's
register status and "employed on the date" on people. "Exited" and "employed" are `SimpleListFilter`s
with fixed choices: a `list_filter` on `exit_year` itself would add a whole-table DISTINCT (54 of the
79 ms it cost) that the staff list does not run, and a URL lookup cannot say "no placement in force".

Served under /bench-admin/ by this module as ROOT_URLCONF (bench/measure.py sets it; nothing else does).
"""

import datetime

from django.contrib import admin
from django.db.models import Exists, OuterRef, Q
from django.urls import include, path

from households.models import Household, Person
from households.selectors import count_of, head_name
from projects.models import EmploymentPlacement

AS_OF = datetime.date(2020, 10, 31)

site = admin.AdminSite(name="bench_admin")


class YesNoFilter(admin.SimpleListFilter):
    def lookups(self, request, model_admin):
        return (("yes", "yes"), ("no", "no"))

    def queryset(self, request, queryset):
        if self.value() not in ("yes", "no"):
            return queryset
        condition = self.condition()
        return queryset.filter(condition) if self.value() == "yes" else queryset.exclude(condition)


class ExitedByDate(YesNoFilter):
    title = "exited by 2020"
    parameter_name = "exited"

    def condition(self):
        return Q(exit_year__lte=AS_OF.year)


class EmployedOnDate(YesNoFilter):
    title = "employed on 2020-10-31"
    parameter_name = "employed"

    def condition(self):
        return Exists(EmploymentPlacement.objects.active_on(AS_OF).filter(person=OuterRef("pk")))


def village(obj, path=()):
    for step in path:
        obj = getattr(obj, step)
    return f"{obj.village.township.name} {obj.village.name}"


class StockHouseholdAdmin(admin.ModelAdmin):
    list_display = ("code", "head", "village_name", "category", "poverty_cause", "members", "registered_year",
                    "exit_year", "dibao")
    list_select_related = ("village__township",)
    list_filter = ("village__township", "registered", "removed_in_error", ExitedByDate)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(
            head_name=head_name(), member_total=count_of(Person.objects.current(), "household"))

    @admin.display(description="head")
    def head(self, obj):
        return obj.head_name

    @admin.display(description="village")
    def village_name(self, obj):
        return village(obj)

    @admin.display(description="members")
    def members(self, obj):
        return obj.member_total


class StockPersonAdmin(admin.ModelAdmin):
    list_display = ("name", "id_number", "birth_date", "household_code", "village_name", "relation",
                    "labor_capacity", "health", "school_stage", "medical_insurance", "status")
    list_select_related = ("household__village__township",)
    list_filter = ("labor_capacity", "status", "household__registered", "household__removed_in_error", EmployedOnDate)

    @admin.display(description="household")
    def household_code(self, obj):
        return obj.household.code

    @admin.display(description="village")
    def village_name(self, obj):
        return village(obj, ("household",))


site.register(Household, StockHouseholdAdmin)
site.register(Person, StockPersonAdmin)

urlpatterns = [
    path("bench-admin/", site.urls),
    path("", include("shuangta.urls")),
]
