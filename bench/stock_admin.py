"""The stock Django admin the staff lists are measured against: a bench-only site and URLconf.

The project's own admin (/admin/) is untouched. Here `Household` and `Person` are registered with
plain `admin.ModelAdmin` on a separate `AdminSite`, with Django's default settings (100 rows a page,
the full result count, the model's ordering, `__str__` as the only column). The only additions are
the filters needed to ask for the same rows as the staff lists: township, exit year and register
status on households; labor capacity, status, the household's register status and "employed on the
date" on people (a `SimpleListFilter` with the same
`Exists` as the staff list, since a URL lookup cannot say "no placement in force on a date").

Served under /bench-admin/ by this module as ROOT_URLCONF (bench/run.py sets it; nothing else does).
"""

import datetime

from django.contrib import admin
from django.db.models import Exists, OuterRef
from django.urls import include, path

from households.models import Household, Person
from projects.models import EmploymentPlacement

AS_OF = datetime.date(2020, 10, 31)

site = admin.AdminSite(name="bench_admin")


class EmployedOnDate(admin.SimpleListFilter):
    title = "employed on 2020-10-31"
    parameter_name = "employed"

    def lookups(self, request, model_admin):
        return (("yes", "yes"), ("no", "no"))

    def queryset(self, request, queryset):
        if self.value() not in ("yes", "no"):
            return queryset
        employed = Exists(EmploymentPlacement.objects.active_on(AS_OF).filter(person=OuterRef("pk")))
        return queryset.filter(employed if self.value() == "yes" else ~employed)


class StockHouseholdAdmin(admin.ModelAdmin):
    list_filter = ("village__township", "exit_year", "registered", "removed_in_error")


class StockPersonAdmin(admin.ModelAdmin):
    list_filter = ("labor_capacity", "status", "household__registered", "household__removed_in_error", EmployedOnDate)


site.register(Household, StockHouseholdAdmin)
site.register(Person, StockPersonAdmin)

urlpatterns = [
    path("bench-admin/", site.urls),
    path("", include("shuangta.urls")),
]
