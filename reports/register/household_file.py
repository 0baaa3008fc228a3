"""Selectors of the household file and the person page: everything on one page, in fixed queries."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import BooleanField, ExpressionWrapper, OuterRef, Prefetch, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone

from households.models import Assessment, Household, IncomeRecord, Person, PovertyLine
from households.selectors import HEAD_FIRST
from projects.models import (
    AssistanceRecord,
    EmploymentPlacement,
    HouseholdProject,
    IndustryBeneficiary,
    Pairing,
    Training,
)
from projects.models.dated import active_on_q

from .history import change_history


def in_force(day):
    """Annotation: whether a dated record is in force on `day`."""
    return ExpressionWrapper(active_on_q(day), output_field=BooleanField())


@dataclass(frozen=True)
class IncomeRow:
    """One year's income set against that year's poverty line."""

    record: IncomeRecord
    per_member: Decimal | None
    line: Decimal | None

    @property
    def meets_line(self):
        """True or False against the line; None when the year has no line or the household no members."""
        if self.per_member is None or self.line is None:
            return None
        return self.per_member >= self.line


@dataclass(frozen=True)
class HouseholdFile:
    household: Household
    placements: list
    income: list
    latest_assessment: Assessment | None
    history: list
    today: object


def household_file(user, pk, *, today=None):
    """The household `pk` inside the user's area with everything the district records about it
    (404 outside the area)."""
    today = today or timezone.localdate()
    members = Person.objects.order_by(HEAD_FIRST, "pk").prefetch_related(
        Prefetch(
            "placements",
            queryset=EmploymentPlacement.objects.active_on(today).select_related("employer"),
            to_attr="current_jobs",
        )
    )
    lines = PovertyLine.objects.of_year(OuterRef("year"))
    queryset = (
        Household.objects.for_user(user).with_member_count().select_related("village__township")
        .prefetch_related(
            Prefetch("members", queryset=members),
            Prefetch(
                "pairings",
                queryset=Pairing.objects.select_related("cadre__unit").annotate(in_force=in_force(today))
                .order_by("-start").prefetch_related(
                    Prefetch("assistance_records", queryset=AssistanceRecord.objects.order_by("-date", "-pk"))
                ),
            ),
            Prefetch(
                "household_projects",
                queryset=HouseholdProject.objects.annotate(in_force=in_force(today)).order_by("-start"),
            ),
            Prefetch(
                "industry_benefits",
                queryset=IndustryBeneficiary.objects.select_related("project")
                .annotate(in_force=in_force(today)).order_by("-start"),
            ),
            Prefetch("income_records", queryset=IncomeRecord.objects.annotate(line=Subquery(lines)).order_by("-year")),
            Prefetch("assessments", queryset=Assessment.objects.order_by("-date")[:1], to_attr="latest_assessments"),
        )
    )
    household = get_object_or_404(queryset, pk=pk)
    placements = list(
        EmploymentPlacement.objects.filter(person__household=household)
        .select_related("person", "employer").annotate(in_force=in_force(today)).order_by("-start", "pk")
    )
    income = [
        IncomeRow(record, record.net_income_per_member(members=household.member_count), record.line)
        for record in household.income_records.all()
    ]
    latest = household.latest_assessments[0] if household.latest_assessments else None
    return HouseholdFile(household, placements, income, latest, change_history(household), today)


def person_page(user, pk, *, today=None):
    """The person `pk` inside the user's area with household, placements and training (404 outside)."""
    today = today or timezone.localdate()
    queryset = Person.objects.for_user(user).select_related("household__village__township").prefetch_related(
        Prefetch(
            "placements",
            queryset=EmploymentPlacement.objects.select_related("employer")
            .annotate(in_force=in_force(today)).order_by("-start"),
        ),
        Prefetch("trainings", queryset=Training.objects.order_by("-date")),
    )
    return get_object_or_404(queryset, pk=pk)
