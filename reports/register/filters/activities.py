"""Filters of the lists of what is done for households: placements, pairings, assistance, projects."""

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from households.models import Person
from pages.filters import (
    DateInput,
    IdChoiceFilter,
    RegisterFilterSet,
    Select,
    YesNoFilter,
    choice,
    chosen_q,
    year_filter,
)
from pages.search import person_q
from projects.choices import AssistanceKind, Channel, HouseholdProjectType, IndustryLevel
from projects.models import Cadre, Employer, Unit
from projects.models.dated import active_on_q

MAX_AMOUNT = 10**12  # yuan: more than any project or wage of a district


def employers(request):
    return Employer.objects.for_user(request.user)


def units(request):
    return Unit.objects.for_user(request.user)


def cadres(request):
    """The cadres of the unit chosen (and the cadre already chosen): a province has tens of thousands."""
    chosen = chosen_q(request, "unit", "unit_id") | chosen_q(request, "cadre", "pk")
    return Cadre.objects.for_user(request.user).select_related("unit").filter(chosen)


def active_filter(prefix=""):
    """Yes/no: the record is in force on the list's date."""
    return YesNoFilter(label=_("In force on the date"), condition=lambda fs: active_on_q(fs.as_of_date, prefix))


def amount_range(field_name, low_label, high_label):
    """Two filters: the amount at least / at most."""
    return (
        django_filters.NumberFilter(field_name=field_name, lookup_expr="gte", label=low_label, min_value=0,
                                    max_value=MAX_AMOUNT),
        django_filters.NumberFilter(field_name=field_name, lookup_expr="lte", label=high_label, min_value=0,
                                    max_value=MAX_AMOUNT),
    )


class PlacementFilter(RegisterFilterSet):
    village_path = "person__household__village"

    channel = choice("channel", Channel.choices, _("employment channel"))
    employer = IdChoiceFilter(
        queryset=employers, label=_("employer"), empty_label=_("All"), widget=Select
    )
    active = active_filter()
    income_min, income_max = amount_range("monthly_income", _("Monthly income from"), _("Monthly income to"))

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            person_q(self.request.user, value, "person__") | Q(employer__name__icontains=value)
            | Q(person__household__code__icontains=value)
        )


class PairingFilter(RegisterFilterSet):
    unit = IdChoiceFilter(
        field_name="cadre__unit", queryset=units, label=_("unit"), empty_label=_("All"), widget=Select
    )
    cadre = IdChoiceFilter(queryset=cadres, label=_("cadre"), empty_label=_("All"), widget=Select)
    active = active_filter()

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(household__code__icontains=value) | Q(cadre__name__icontains=value)
            | Exists(Person.objects.filter(household=OuterRef("household"), relation="head", name__icontains=value))
        )


class AssistanceFilter(RegisterFilterSet):
    village_path = "pairing__household__village"

    kind = choice("kind", AssistanceKind.choices, _("kind of assistance"))
    unit = IdChoiceFilter(
        field_name="pairing__cadre__unit", queryset=units, label=_("unit"), empty_label=_("All"), widget=Select
    )
    cadre = IdChoiceFilter(
        field_name="pairing__cadre", queryset=cadres, label=_("cadre"), empty_label=_("All"), widget=Select
    )
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte", label=_("From"), widget=DateInput())
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte", label=_("To"), widget=DateInput())

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(pairing__household__code__icontains=value) | Q(pairing__cadre__name__icontains=value)
            | Q(note__icontains=value)
        )


class HouseholdProjectFilter(RegisterFilterSet):
    type = choice("type", HouseholdProjectType.choices, _("project type"))
    year = year_filter("start__year", _("Year started"))
    funds_min, funds_max = amount_range("funds", _("Funds from"), _("Funds to"))
    active = active_filter()

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(name__icontains=value) | Q(household__code__icontains=value))


class IndustryProjectFilter(RegisterFilterSet):
    level = choice("level", IndustryLevel.choices, _("level"))
    year = year_filter("start__year", _("Year started"))
    funds_min, funds_max = amount_range("investment", _("Investment from"), _("Investment to"))
    active = active_filter()

    def in_township(self, queryset, name, value):
        return queryset.filter(township=value)

    def in_village(self, queryset, name, value):
        return queryset.filter(village=value)

    def search(self, queryset, name, value):
        return queryset.filter(name__icontains=value.strip())
