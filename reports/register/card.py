"""The household card (明白卡): one printable page per household of what it is, has and receives.

`household_cards(user, households, today=...)` builds the cards of any set of households in a fixed
number of queries (the village batch prints hundreds at once); `household_card` and `village_cards`
choose the set inside the user's area (404 outside it).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import OuterRef, Prefetch, Subquery
from django.shortcuts import get_object_or_404

from households.choices import Relation
from households.models import Household, IncomeRecord, Person, PovertyLine, Village
from projects.choices import AssistanceKind
from projects.models import AssistanceRecord, EmploymentPlacement, HouseholdProject, IndustryBeneficiary, Pairing
from projects.models.dated import active_on_q

from .household_file import HEAD_FIRST, IncomeRow

INCOME_YEARS = 3  # income shown for the latest years on record
MONEY_KINDS = (AssistanceKind.MONEY_GOODS, AssistanceKind.MEDICAL_AID, AssistanceKind.EDUCATION_AID)


@dataclass(frozen=True)
class Card:
    """What one household's card shows."""

    household: Household
    head: Person | None
    members: list
    cadres: list  # pairings in force, with cadre and unit
    placements: list  # in force
    projects: list  # household projects in force
    benefits: list  # industry benefits in force
    income: list  # IncomeRow, latest years first
    assistance_count: int  # acts of assistance this year
    assistance_amount: Decimal  # money and goods, medical and education aid this year (yuan)
    benefit_amount: Decimal  # yearly industry benefits in force (yuan)
    today: object


def card_queryset(households, today):
    """`households` with everything a card shows prefetched (a fixed number of queries for any number)."""
    in_force = active_on_q(today)
    lines = PovertyLine.objects.filter(year=OuterRef("year")).values("amount")[:1]
    jobs = EmploymentPlacement.objects.filter(in_force).select_related("employer")
    members = Person.objects.current().order_by(HEAD_FIRST, "pk").prefetch_related(
        Prefetch("placements", queryset=jobs, to_attr="current_jobs"))
    this_year = AssistanceRecord.objects.filter(date__year=today.year).order_by("-date")
    return households.select_related("village__township").prefetch_related(
        Prefetch("members", queryset=members, to_attr="card_members"),
        Prefetch("pairings", queryset=Pairing.objects.filter(in_force).select_related("cadre__unit")
                 .order_by("-start").prefetch_related(Prefetch("assistance_records", queryset=this_year,
                                                               to_attr="this_year")),
                 to_attr="card_pairings"),
        Prefetch("household_projects", queryset=HouseholdProject.objects.filter(in_force).order_by("-start"),
                 to_attr="card_projects"),
        Prefetch("industry_benefits", queryset=IndustryBeneficiary.objects.filter(in_force)
                 .select_related("project").order_by("-start"), to_attr="card_benefits"),
        Prefetch("income_records", queryset=IncomeRecord.objects.annotate(line=Subquery(lines)).order_by("-year"),
                 to_attr="card_income"),
    )


def card_of(household, today):
    """The `Card` of a household from `card_queryset`."""
    members = household.card_members
    records = [record for pairing in household.card_pairings for record in pairing.this_year]
    return Card(
        household=household,
        head=next((member for member in members if member.relation == Relation.HEAD), None),
        members=members,
        cadres=household.card_pairings,
        placements=[job for member in members for job in member.current_jobs],
        projects=household.card_projects,
        benefits=household.card_benefits,
        income=[IncomeRow(record, record.net_income_per_member(members=len(members)), record.line)
                for record in household.card_income[:INCOME_YEARS]],
        assistance_count=len(records),
        assistance_amount=sum((r.amount for r in records if r.amount and r.kind in MONEY_KINDS), Decimal(0)),
        benefit_amount=sum((b.yearly_amount or 0 for b in household.card_benefits), Decimal(0)),
        today=today,
    )


def household_cards(households, today):
    """The cards of `households` (a queryset already narrowed to the user's area), in its order."""
    return [card_of(household, today) for household in card_queryset(households, today)]


def household_card(user, pk, today):
    """The card of household `pk` inside the user's area (404 outside it)."""
    household = get_object_or_404(card_queryset(Household.objects.for_user(user), today), pk=pk)
    return card_of(household, today)


def village_cards(user, pk, today):
    """(the village `pk` inside the user's area, the cards of its registered households in code order)."""
    village = get_object_or_404(Village.objects.for_user(user).select_related("township"), pk=pk)
    households = Household.objects.for_user(user).registered().filter(village=village).order_by("code")
    return village, household_cards(households, today)
