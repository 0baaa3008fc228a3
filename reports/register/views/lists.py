"""The staff lists: households, people, placements, pairings, assistance, household and industry projects."""

from django.utils.translation import gettext_lazy as _

from households.access import StaffViewMixin
from households.masking import can_see_identifiers
from households.models import Household, Person
from households.selectors import count_of, head_name
from pages.listing import Column, RegisterListView, village_column
from projects.models import (
    AssistanceRecord,
    EmploymentPlacement,
    HouseholdProject,
    IndustryBeneficiary,
    IndustryProject,
    Pairing,
)

from ...indicators import drilldown
from .. import filters


class IndicatorDrilldownMixin:
    """A list the dashboard's indicators open: ?indicator=<key>&part=… of `drilldown_unit` rows."""

    drilldown_unit = None

    def find_drilldown(self):
        return drilldown(self.request.user, self.request.GET, unit=self.drilldown_unit)


AGE_BY_YEAR = Column("age", _("Age"), ("-birth_date__year",))


class HouseholdList(StaffViewMixin, IndicatorDrilldownMixin, RegisterListView):
    read_permission = "households.view_household"
    model = Household
    filterset_class = filters.HouseholdFilter
    drilldown_unit = "household"
    template_name = "register/households.html"
    title = _("Poor households")
    empty_message = _(
        "No poor households match these filters. Clear the search or widen the filters; "
        "to include monitored or removed households choose “All households” under register status."
    )
    export_sheet = "家庭成员"
    export_columns = True
    default_sort = "code"
    columns = (
        Column("code", _("household code"), ("code",)),
        Column("head", _("Head of household"), ("head_name",)),
        village_column(),
        Column("category", _("category"), ("category",)),
        Column("cause", _("main cause of poverty"), ("poverty_cause",)),
        Column("members", _("Number of members"), ("member_count",)),
        Column("registered_year", _("year registered"), ("registered_year",)),
        Column("exit_year", _("year exited"), ("exit_year",)),
        Column("dibao", _("Dibao"), ("dibao",)),
    )

    def decorate(self, queryset):
        return queryset.select_related("village__township").annotate(
            head_name=head_name()
        )

    def export_cells(self, household):
        if household.exit_year:
            exit_status = household.exit_year
        elif not household.registered:
            exit_status = str(_("Monitored only"))
        elif household.removed_in_error:
            exit_status = str(_("Removed"))
        else:
            exit_status = str(_("Not exited"))
        return [
            household.code, household.head_name or "", f"{household.village.township.name} {household.village.name}",
            household.get_category_display(), household.get_poverty_cause_display(), household.member_count,
            household.registered_year, exit_status, str(_("Yes") if household.dibao else _("No")),
        ]


class PersonList(StaffViewMixin, IndicatorDrilldownMixin, RegisterListView):
    read_permission = "households.view_person"
    model = Person
    filterset_class = filters.PersonFilter
    drilldown_unit = "person"
    template_name = "register/people.html"
    title = _("Registered-poor people")
    empty_message = _(
        "No people match these filters. Clear the search or widen the filters; "
        "to include deceased, moved-out or monitored people choose “All people” under register status."
    )
    export_sheet = "家庭成员"
    default_sort = "household"
    columns = (
        Column("name", _("Full name"), ("name",)),
        Column("id_number", _("ID number")),
        Column("age", _("Age"), ("-birth_date",)),
        Column("household", _("household code"), ("household__code", "relation")),
        village_column("household__"),
        Column("relation", _("relation to head")),
        Column("labor_capacity", _("labor capacity"), ("labor_capacity",)),
        Column("health", _("health"), ("health",)),
        Column("school_stage", _("school stage"), ("school_stage",)),
        Column("insured", _("Insured"), ("medical_insurance",)),
        Column("status", _("status"), ("status",)),
    )

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if not can_see_identifiers(request.user):  # sorted by the year of birth alone
            self.columns = tuple(AGE_BY_YEAR if column.key == "age" else column for column in self.columns)

    def decorate(self, queryset):
        return queryset.select_related("household__village__township")


class PlacementList(StaffViewMixin, RegisterListView):
    read_permission = "projects.view_employmentplacement"
    model = EmploymentPlacement
    filterset_class = filters.PlacementFilter
    template_name = "register/placements.html"
    title = _("Employment")
    empty_message = _("No job placements match these filters. Clear the search or widen the filters.")
    export_sheet = "就业"
    default_sort = "-start"
    columns = (
        Column("person", _("Full name"), ("person__name",)),
        Column("household", _("household code"), ("person__household__code",)),
        village_column("person__household__"),
        Column("channel", _("employment channel"), ("channel",)),
        Column("employer", _("employer"), ("employer__name",)),
        Column("start", _("start date"), ("start",)),
        Column("end", _("end date"), ("end",)),
        Column("monthly_income", _("monthly income (yuan)"), ("monthly_income",)),
    )

    def decorate(self, queryset):
        return queryset.select_related("person__household__village__township", "employer")


class PairingList(StaffViewMixin, RegisterListView):
    read_permission = "projects.view_pairing"
    model = Pairing
    filterset_class = filters.PairingFilter
    template_name = "register/pairings.html"
    title = _("Pairings")
    empty_message = _("No pairings match these filters. Clear the search or widen the filters.")
    export_sheet = "结对帮扶"
    default_sort = "household"
    columns = (
        Column("household", _("household code"), ("household__code",)),
        Column("head", _("Head of household"), ("head_name",)),
        village_column("household__"),
        Column("cadre", _("cadre"), ("cadre__name",)),
        Column("unit", _("unit"), ("cadre__unit__name",)),
        Column("start", _("start date"), ("start",)),
        Column("end", _("end date"), ("end",)),
        Column("assistance", _("Assistance records"), ("assistance_count",)),
    )

    def decorate(self, queryset):
        return queryset.select_related("household__village__township", "cadre__unit").annotate(
            head_name=head_name("household"),
            assistance_count=count_of(AssistanceRecord.objects.all(), "pairing"),
        )


class AssistanceList(StaffViewMixin, RegisterListView):
    read_permission = "projects.view_assistancerecord"
    model = AssistanceRecord
    filterset_class = filters.AssistanceFilter
    template_name = "register/assistance.html"
    title = _("Assistance records")
    parent = (_("Pairings"), "register:pairings")
    empty_message = _("No assistance records match these filters. Clear the search or widen the dates.")
    export_sheet = "帮扶记录"
    default_sort = "-date"
    columns = (
        Column("date", _("date"), ("date",)),
        Column("kind", _("kind of assistance"), ("kind",)),
        Column("amount", _("amount (yuan)"), ("amount",)),
        Column("household", _("household code"), ("pairing__household__code",)),
        village_column("pairing__household__"),
        Column("cadre", _("cadre"), ("pairing__cadre__name",)),
        Column("unit", _("unit"), ("pairing__cadre__unit__name",)),
        Column("note", _("note")),
    )

    def decorate(self, queryset):
        return queryset.select_related("pairing__household__village__township", "pairing__cadre__unit")


class HouseholdProjectList(StaffViewMixin, RegisterListView):
    read_permission = "projects.view_householdproject"
    model = HouseholdProject
    filterset_class = filters.HouseholdProjectFilter
    template_name = "register/household_projects.html"
    title = _("Household projects")
    empty_message = _("No household projects match these filters. Clear the search or widen the filters.")
    export_sheet = "到户项目"
    default_sort = "-start"
    columns = (
        Column("household", _("household code"), ("household__code",)),
        village_column("household__"),
        Column("type", _("project type"), ("type",)),
        Column("name", _("project name"), ("name",)),
        Column("funds", _("support funds (yuan)"), ("funds",)),
        Column("start", _("start date"), ("start",)),
        Column("end", _("end date"), ("end",)),
        Column("expected_income", _("expected yearly income (yuan)"), ("expected_income",)),
    )

    def decorate(self, queryset):
        return queryset.select_related("household__village__township")


class IndustryProjectList(StaffViewMixin, RegisterListView):
    read_permission = "projects.view_industryproject"
    model = IndustryProject
    filterset_class = filters.IndustryProjectFilter
    template_name = "register/industry_projects.html"
    title = _("Industry projects")
    empty_message = _("No industry projects match these filters. Clear the search or widen the filters.")
    export_sheet = "产业项目"
    default_sort = "name"
    columns = (
        Column("name", _("project name"), ("name",)),
        Column("level", _("level"), ("level",)),
        Column("location", _("Location"), ("township__code", "village__code")),
        Column("investment", _("total investment (yuan)"), ("investment",)),
        Column("start", _("start date"), ("start",)),
        Column("end", _("end date"), ("end",)),
        Column("return_rate", _("yearly return rate (%)"), ("return_rate",)),
        Column("beneficiaries", _("Households benefiting"), ("beneficiary_count",)),
    )

    def decorate(self, queryset):
        # Count only the beneficiaries inside the user's area: a village account sees its own share.
        benefits = IndustryBeneficiary.objects.for_user(self.request.user)
        return queryset.select_related("township", "village").annotate(
            beneficiary_count=count_of(benefits, "project", "household")
        )
