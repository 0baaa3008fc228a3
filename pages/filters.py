"""Filter building blocks shared by every staff list: search, area, date and yes/no choices."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from households.area import Area
from households.models import Township, Village
from households.search_terms import MAX_LENGTH
from pages.widgets import Select

YES_NO = (("yes", _("Yes")), ("no", _("No")))
MAX_ID = 2**63 - 1


def townships(request):
    """Townships the requesting user may see."""
    return Township.objects.for_user(request.user)


def villages(request):
    """Villages the requesting user may see, each with its township (its label names both).

    A district account is offered the villages of the township it has chosen (and the village
    already chosen): a select of every village of a province is thousands of options drawn on every
    list page (docs/PERFORMANCE.md). Township and village accounts see their own villages.
    """
    visible = Village.objects.for_user(request.user).select_related("township")
    if not Area.of_user(request.user).is_district:
        return visible
    return visible.filter(chosen_q(request, "township", "township_id") | chosen_q(request, "village", "pk"))


def is_id(value):
    """Whether a query value can be a row id (digits only, within the database's 64-bit range)."""
    return isinstance(value, str) and value.isascii() and value.isdigit() and int(value) <= MAX_ID


def chosen_q(request, parameter, field):
    """Q for the row chosen by the query parameter `parameter` (an id), or for nothing."""
    value = request.GET.get(parameter, "") if request is not None else ""
    return Q(**{field: int(value)}) if is_id(value) else Q(pk__in=[])


class IdChoiceField(django_filters.fields.ModelChoiceField):
    """A choice of a row by id that refuses what cannot be an id before asking the database
    (SQLite cannot even bind an integer over 64 bits)."""

    def to_python(self, value):
        if value not in self.empty_values and not is_id(str(value)):
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class IdChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = IdChoiceField


def year_filter(field_name, label):
    """A year: four digits at most."""
    return django_filters.NumberFilter(field_name=field_name, label=label, min_value=1, max_value=9999,
                                       decimal_places=0)


class DateInput(forms.DateInput):
    """A native date picker that submits YYYY-MM-DD."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class YesNoFilter(django_filters.ChoiceFilter):
    """A yes/no choice: `condition(filterset)` is the Q or Exists that "yes" means; "no" is its negation."""

    def __init__(self, *args, condition, **kwargs):
        kwargs.setdefault("choices", YES_NO)
        kwargs.setdefault("empty_label", _("All"))
        kwargs.setdefault("widget", Select)
        super().__init__(*args, **kwargs)
        self.condition = condition

    def filter(self, qs, value):
        if value not in ("yes", "no"):
            return qs
        condition = self.condition(self.parent)
        return qs.filter(condition if value == "yes" else ~condition)


def choice(field_name, choices, label, **kwargs):
    """A choice filter with an "all" option."""
    return django_filters.ChoiceFilter(
        field_name=field_name, choices=choices, label=label, empty_label=_("All"), widget=Select, **kwargs
    )


def kept(label, widget=None):
    """A parameter read by other filters (a date, a year) that filters nothing itself."""
    if widget is DateInput:
        return django_filters.DateFilter(method="keep", label=label, widget=widget())
    return django_filters.NumberFilter(method="keep", label=label, min_value=1, max_value=9999, decimal_places=0)


class RegisterFilterSet(django_filters.FilterSet):
    """Search, township, village and the as-of date every list shares.

    `village_path` leads from the model to its village ("household__village" …).
    """

    village_path = "household__village"

    q = django_filters.CharFilter(method="search", label=_("Search"), max_length=MAX_LENGTH)
    township = IdChoiceFilter(
        queryset=townships, method="in_township", label=_("Township"), empty_label=_("All"), widget=Select
    )
    village = IdChoiceFilter(
        queryset=villages, method="in_village", label=_("Village"), empty_label=_("All"), widget=Select
    )
    as_of = kept(_("As of"), DateInput)

    @property
    def as_of_date(self):
        """The date dated filters use: the `as_of` parameter, or today."""
        cleaned = getattr(self.form, "cleaned_data", {})
        return cleaned.get("as_of") or timezone.localdate()

    def keep(self, queryset, name, value):
        return queryset

    def in_township(self, queryset, name, value):
        return queryset.filter(**{f"{self.village_path}__township": value})

    def in_village(self, queryset, name, value):
        return queryset.filter(**{self.village_path: value})

    def search(self, queryset, name, value):
        raise NotImplementedError


class DrilldownFilterSet(RegisterFilterSet):
    """A list that figures drill down into: it keeps `indicator` and `part` in its form."""

    indicator = django_filters.CharFilter(method="keep", widget=forms.HiddenInput)
    part = django_filters.CharFilter(method="keep", widget=forms.HiddenInput)
