"""Filters of the household and people lists."""

import django_filters
from django.db.models import Exists, F, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from households.choices import (
    LABOR_CAPABLE,
    Category,
    Education,
    Health,
    LaborCapacity,
    PersonStatus,
    PovertyCause,
    SchoolStage,
    WorkStatus,
)
from households.masking import can_see_identifiers
from households.models import Person, PovertyLine
from households.models.income import LINE, THRESHOLD
from pages.filters import DrilldownFilterSet, Select, YesNoFilter, choice, kept, year_filter
from pages.search import person_q
from projects.models import HouseholdProject, IndustryBeneficiary, Pairing
from projects.models.employment import employed_on_q
from reports.indicators import income_records_per_member

MAX_AGE = 150

HOUSEHOLD_REGISTER = (
    ("registered", _("On the register")),
    ("monitored", _("Monitored only")),
    ("removed", _("Removed as registered in error")),
    ("all", _("All households")),
)
PERSON_REGISTER = (
    ("registered", _("Registered-poor people")),
    ("all", _("All people")),
)
INCOME_LEVELS = (
    ("below_line", _("Below the poverty line")),
    ("under_threshold", _("Under the year's monitoring threshold")),
)


def with_default(data, name, value):
    """The query data with `name` set to `value` when the request leaves it out."""
    if data is not None and not data.get(name):
        data = data.copy()
        data[name] = value
    return data


class HouseholdFilter(DrilldownFilterSet):
    village_path = "village"

    register = django_filters.ChoiceFilter(
        choices=HOUSEHOLD_REGISTER, method="on_register", label=_("Register status"), empty_label=None, widget=Select
    )
    category = choice("category", Category.choices, _("category"))
    cause = choice("poverty_cause", PovertyCause.choices, _("main cause of poverty"))
    exited = YesNoFilter(
        label=_("Exited by the year of the date"), condition=lambda fs: Q(exit_year__lte=fs.as_of_date.year)
    )
    exit_year = year_filter("exit_year", _("year exited"))
    dilapidated = YesNoFilter(label=_("dilapidated house"), condition=lambda fs: Q(dilapidated_house=True))
    safe_water = YesNoFilter(label=_("safe drinking water"), condition=lambda fs: Q(safe_drinking_water=True))
    paired = YesNoFilter(
        label=_("Paired on the date"),
        condition=lambda fs: Exists(Pairing.objects.active_on(fs.as_of_date).filter(household=OuterRef("pk"))),
    )
    project = YesNoFilter(
        label=_("Household project on the date"),
        condition=lambda fs: Exists(
            HouseholdProject.objects.active_on(fs.as_of_date).filter(household=OuterRef("pk"))
        ),
    )
    industry = YesNoFilter(
        label=_("Industry benefit on the date"),
        condition=lambda fs: Exists(
            IndustryBeneficiary.objects.active_on(fs.as_of_date).filter(household=OuterRef("pk"))
        ),
    )
    income = django_filters.ChoiceFilter(
        choices=INCOME_LEVELS, method="by_income", label=_("Net income per member"), empty_label=_("All"),
        widget=Select,
    )
    income_year = kept(_("Income year"))
    dibao = YesNoFilter(label=_("minimum living allowance"), condition=lambda fs: Q(dibao=True))

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(with_default(data, "register", "registered"), *args, **kwargs)

    def on_register(self, queryset, name, value):
        if value == "registered":
            return queryset.registered()
        if value == "monitored":
            return queryset.monitored_only()
        if value == "removed":
            return queryset.filter(registered=True, removed_in_error=True)
        return queryset

    def search(self, queryset, name, value):
        value = value.strip()
        members = Person.objects.filter(person_q(self.request.user, value), household=OuterRef("pk"))
        return queryset.filter(Q(code__icontains=value) | Exists(members))

    def by_income(self, queryset, name, value):
        """Households whose net income per current member for the year is below the threshold."""
        year = self.form.cleaned_data.get("income_year") or self.as_of_date.year
        threshold = PovertyLine.objects.of_year(year, LINE if value == "below_line" else THRESHOLD)
        below = income_records_per_member(year).filter(household=OuterRef("pk"), net__lt=threshold * F("members"))
        return queryset.filter(Exists(below))


class PersonFilter(DrilldownFilterSet):
    register = django_filters.ChoiceFilter(
        choices=PERSON_REGISTER, method="on_register", label=_("Register status"), empty_label=None, widget=Select
    )
    labor_capacity = choice("labor_capacity", LaborCapacity.choices, _("labor capacity"))
    labor_capable = YesNoFilter(label=_("Labor-capable"), condition=lambda fs: Q(labor_capacity__in=LABOR_CAPABLE))
    employed = YesNoFilter(
        label=_("Employed on the date"),
        condition=lambda fs: employed_on_q(fs.as_of_date),
    )
    health = choice("health", Health.choices, _("health"))
    school_stage = choice("school_stage", SchoolStage.choices, _("school stage"))
    insured = YesNoFilter(label=_("basic medical insurance"), condition=lambda fs: Q(medical_insurance=True))
    serious_insured = YesNoFilter(label=_("serious illness insurance"),
                                  condition=lambda fs: Q(serious_illness_insurance=True))
    education = choice("education", [c for c in Education.choices if c[0]], _("education"))
    work_status = choice("work_status", [c for c in WorkStatus.choices if c[0]], _("work away from home"))
    disability_certificate = YesNoFilter(label=_("Disability certificate"),
                                         condition=lambda fs: ~Q(disability_certificate=""))
    status = choice("status", PersonStatus.choices, _("status"))
    age_min = django_filters.NumberFilter(
        method="older_than", label=_("Age from"), min_value=0, max_value=MAX_AGE, decimal_places=0
    )
    age_max = django_filters.NumberFilter(
        method="younger_than", label=_("Age to"), min_value=0, max_value=MAX_AGE, decimal_places=0
    )

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(with_default(data, "register", "registered"), *args, **kwargs)

    def on_register(self, queryset, name, value):
        return queryset.registered() if value == "registered" else queryset

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(person_q(self.request.user, value) | Q(household__code__icontains=value))

    def older_than(self, queryset, name, value):
        return queryset.aged_between(int(value), None, self.as_of_date, by_year=self.ages_by_year)

    def younger_than(self, queryset, name, value):
        return queryset.aged_between(None, int(value), self.as_of_date, by_year=self.ages_by_year)

    @property
    def ages_by_year(self):
        """Masked users filter by the year of birth only: a date and an age must not reveal a birth date."""
        return not can_see_identifiers(self.request.user)
