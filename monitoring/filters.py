"""Filters of the list of monitoring cases."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from households.models import Person
from monitoring.choices import CaseStatus, IdentifiedBy, MonitoringType, RiskCause, Step
from pages.filters import MAX_ID, YES_NO, DateInput, DrilldownFilterSet, choice
from pages.search import person_q


class CaseFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("identified_from"), cleaned.get("identified_to")
        if first and last and first > last:
            self.add_error("identified_to", _("It cannot be before “Identified from”."))
        return cleaned


class CaseFilter(DrilldownFilterSet):
    """Type, how found, status, step, returned to poverty, area, risk (any position) and identification
    dates; `household` from its file."""

    type = choice("type", MonitoringType.choices, _("monitoring type"))
    identified_by = choice("identified_by", IdentifiedBy.choices, _("how identified"))
    status = choice("status", CaseStatus.choices, _("Monitoring status"))
    step = choice("step", Step.choices, _("current step"))
    returned = choice("returned_to_poverty", YES_NO, _("returned to poverty"), method="with_returned")
    cause = django_filters.ChoiceFilter(
        choices=RiskCause.choices, method="with_cause", label=_("risk cause"), empty_label=_("All")
    )
    identified_from = django_filters.DateFilter(
        field_name="identified_on", lookup_expr="gte", label=_("Identified from"), widget=DateInput()
    )
    identified_to = django_filters.DateFilter(
        field_name="identified_on", lookup_expr="lte", label=_("Identified to"), widget=DateInput()
    )
    household = django_filters.NumberFilter(
        field_name="household", widget=forms.HiddenInput, min_value=1, max_value=MAX_ID, decimal_places=0
    )

    class Meta:
        form = CaseFilterForm

    def with_returned(self, queryset, name, value):
        return queryset.filter(returned_to_poverty=value == "yes")

    def with_cause(self, queryset, name, value):
        return queryset.with_risk(value)

    def search(self, queryset, name, value):
        value = value.strip()
        members = Person.objects.filter(person_q(self.request.user, value), household=OuterRef("household"))
        return queryset.filter(Q(household__code__icontains=value) | Exists(members))
