"""The totals the district pages print beside the rates, counted by the database for a scope.

`totals(user, scope)` returns plain numbers (int, float for yuan and percentages) in sections:
placements by channel, household projects, industry projects by level, pairing, assistance,
training, and the households still to watch. One aggregate query per section, none per row or area.
Each section is a `Section` (households/figures.py): its counts add up per village, so the district's
and a township's totals are also read from the per-village aggregates (reports/aggregates.py).

Periods: records in force on the date (placements, household projects, industry projects,
pairings); assistance given from 1 January of the date's year up to the date (the campaign's
"since the start of the year"); people trained on or before the date (cumulative).
"""

import datetime

from django.db.models import Avg, Count, Exists, OuterRef, Q, Sum

from households.figures import Counts, Section, size, tally
from households.models import Household, PovertyLine
from households.models.household import registered_q
from households.models.income import THRESHOLD
from households.models.person import registered_person_q
from projects.choices import AssistanceKind, Channel, HouseholdProjectType, IndustryLevel
from projects.models import (
    AssistanceRecord,
    EmploymentPlacement,
    HouseholdProject,
    IndustryBeneficiary,
    IndustryProject,
    Pairing,
    Training,
)

from .indicators import WATCH_LISTS, with_members


def _money(value):
    return float(value or 0)


def employment_counts(user, scope):
    """Registered-poor people employed on the date (a placement in force, as `employed_on_q`), of every
    labor capacity — the employment rate counts the labor-capable only, and its label says so — in all and
    per channel (a person in two channels counts in each, once in the total)."""
    people = Count("person", distinct=True)
    placements = (
        EmploymentPlacement.objects.for_user(user).active_on(scope.as_of)
        .filter(registered_person_q("person__"), scope.household_q("person__household__"))
    )
    aggregates = {"people": people, **{c.value: Count("person", distinct=True, filter=Q(channel=c)) for c in Channel}}
    return tally(placements, scope, "person__household__village", aggregates)


def employment_present(user, scope, counts):
    return {
        "people": counts["people"],
        "by_channel": [{"channel": c.value, "label": str(c.label), "people": counts[c.value]} for c in Channel],
    }


def household_projects_counts(user, scope):
    """Household projects in force on the date: projects, funds, households reached, per type."""
    def per_type(kind=None):
        cond = Q(type=kind) if kind else Q()
        return {
            "projects": Count("pk", filter=cond) if kind else Count("pk"),
            "households": Count("household", distinct=True, filter=cond) if kind else Count("household", distinct=True),
            "funds": Sum("funds", filter=cond) if kind else Sum("funds"),
        }

    aggregates = {f"all__{k}": v for k, v in per_type().items()}
    for kind in HouseholdProjectType:
        aggregates.update({f"{kind.value}__{k}": v for k, v in per_type(kind).items()})
    courtyard = Q(type__in=(HouseholdProjectType.COURTYARD_LIVESTOCK, HouseholdProjectType.COURTYARD_PLANTING))
    aggregates["courtyard_households"] = Count("household", distinct=True, filter=courtyard)
    projects = (
        HouseholdProject.objects.for_user(user).active_on(scope.as_of)
        .filter(registered_q("household__"), scope.household_q("household__"))
    )
    return tally(projects, scope, "household__village", aggregates)


def household_projects_present(user, scope, counts):
    return {
        "projects": counts["all__projects"],
        "households": counts["all__households"],
        "funds": _money(counts["all__funds"]),
        "courtyard_households": counts["courtyard_households"],
        "by_type": [
            {"type": kind.value, "label": str(kind.label), "projects": counts[f"{kind.value}__projects"],
             "households": counts[f"{kind.value}__households"], "funds": _money(counts[f"{kind.value}__funds"])}
            for kind in HouseholdProjectType
        ],
    }


def industry_area_q(scope):
    """Industry projects that reach the scope: district-level ones, and those located inside it or,
    for a village, the township-level ones of its township."""
    if scope.level == "district":
        return Q()
    district_wide = Q(level=IndustryLevel.DISTRICT)
    if scope.level == "township":
        return district_wide | Q(township=scope.township)
    return district_wide | Q(level=IndustryLevel.TOWNSHIP, township=scope.township) | Q(village=scope.village)


def industry_counts(user, scope):
    """Registered households benefiting from an industry project on the date (the per-village part)."""
    benefit = IndustryBeneficiary.objects.for_user(user).active_on(scope.as_of).filter(
        household=OuterRef("pk"))
    reached = Household.objects.for_user(user).registered().filter(scope.household_q()).filter(Exists(benefit))
    return tally(reached, scope, "village", {"households_reached": Count("pk")})


def industry_projects_present(user, scope, counts):
    """Industry projects in force on the date, by level: count, investment, mean yearly return (%).

    The projects are counted live (a project reaches many villages, and the table is small); the
    households reached come from `counts`."""
    aggregates = {}
    for level in IndustryLevel:
        cond = Q(level=level)
        aggregates[f"{level.value}__projects"] = Count("pk", filter=cond)
        aggregates[f"{level.value}__investment"] = Sum("investment", filter=cond)
        aggregates[f"{level.value}__return"] = Avg("return_rate", filter=cond)
    aggregates.update(projects=Count("pk"), investment=Sum("investment"), mean_return=Avg("return_rate"))
    projects = (
        IndustryProject.objects.for_user(user).active_on(scope.as_of).filter(industry_area_q(scope))
        .aggregate(**aggregates)
    )
    return {
        "projects": projects["projects"],
        "investment": _money(projects["investment"]),
        "mean_return_rate": _rate(projects["mean_return"]),
        "households_reached": counts["households_reached"],
        "by_level": [
            {"level": level.value, "label": str(level.label), "projects": projects[f"{level.value}__projects"],
             "investment": _money(projects[f"{level.value}__investment"]),
             "mean_return_rate": _rate(projects[f"{level.value}__return"])}
            for level in IndustryLevel
        ],
    }


def _rate(value):
    return None if value is None else round(float(value), 2)


def pairing_counts(user, scope):
    """Pairings in force on the date: cadres, their units, and households paired.

    A cadre (and a unit) may pair households of several villages: per village they are sets of ids,
    which add up as unions."""
    pairings = (
        Pairing.objects.for_user(user).active_on(scope.as_of)
        .filter(registered_q("household__"), scope.household_q("household__"))
    )
    aggregates = {"households": Count("household", distinct=True), "pairings": Count("pk")}
    if not getattr(scope, "grouped", False):
        return pairings.aggregate(
            cadres=Count("cadre", distinct=True), units=Count("cadre__unit", distinct=True), **aggregates)
    counts = tally(pairings, scope, "household__village", aggregates)
    for village in counts.values():
        village.update(cadres=set(), units=set())
    rows = pairings.order_by().values_list("household__village", "cadre", "cadre__unit").distinct()
    for village, cadre, unit in rows:
        counts[village]["cadres"].add(cadre)
        counts[village]["units"].add(unit)
    for village in counts.values():
        village.update(cadres=sorted(village["cadres"]), units=sorted(village["units"]))
    return counts


def pairing_present(user, scope, counts):
    return {"cadres": size(counts["cadres"]), "units": size(counts["units"]),
            "households": counts["households"], "pairings": counts["pairings"]}


def assistance_counts(user, scope):
    """Assistance given from 1 January of the date's year up to the date, by kind (records; yuan)."""
    start = datetime.date(scope.year, 1, 1)
    kinds = {kind.value: Count("pk", filter=Q(kind=kind)) for kind in AssistanceKind}
    money = Q(kind=AssistanceKind.MONEY_GOODS)
    records = (
        AssistanceRecord.objects.for_user(user).filter(date__gte=start, date__lte=scope.as_of)
        .filter(registered_q("pairing__household__"), scope.household_q("pairing__household__"))
    )
    aggregates = {"records": Count("pk"), "money_goods_yuan": Sum("amount", filter=money), **kinds}
    return tally(records, scope, "pairing__household__village", aggregates)


def assistance_present(user, scope, counts):
    return {
        "since": datetime.date(scope.year, 1, 1).isoformat(),
        "records": counts["records"],
        "problems_solved": counts[AssistanceKind.PROBLEM_SOLVED.value],
        "money_goods_yuan": _money(counts["money_goods_yuan"]),
        "medical_aid": counts[AssistanceKind.MEDICAL_AID.value],
        "education_aid": counts[AssistanceKind.EDUCATION_AID.value],
        "visits": counts[AssistanceKind.VISIT.value],
        "job_coordination": counts[AssistanceKind.JOB_COORDINATION.value],
    }


def training_counts(user, scope):
    """Registered people trained on or before the date (each person once), and the courses attended."""
    trainings = (
        Training.objects.for_user(user).filter(date__lte=scope.as_of)
        .filter(registered_person_q("person__"), scope.household_q("person__household__"))
    )
    aggregates = {"people": Count("person", distinct=True), "attendances": Count("pk")}
    return tally(trainings, scope, "person__household__village", aggregates)


def training_present(user, scope, counts):
    return {"people": counts["people"], "attendances": counts["attendances"]}


def watch_counts(user, scope):
    """Households still to watch in the date's year, with their current members: the remaining poor
    (not exited before the year) and the return-to-poverty watch list (exited earlier, net income per
    member under the year's monitoring threshold); and how many of those people live in households
    under the minimum living allowance (低保兜底). Counts are those of the lists' own rows, counted in
    one pass over the scope's households with their member counts (`with_members`)."""
    conditions = {key: ind.member_counted_q(scope) for key, ind in WATCH_LISTS.items()}
    aggregates = {}
    for key, condition in conditions.items():
        aggregates[f"{key}__households"] = Count("pk", filter=condition)
        aggregates[f"{key}__people"] = Sum("member_count", filter=condition)
    watched = conditions["remaining_poor"] | conditions["low_income_exited"]
    aggregates["safety_net__people"] = Sum("member_count", filter=watched & Q(dibao=True))
    households = Household.objects.for_user(user).registered().filter(scope.household_q())
    return tally(with_members(households, scope.year), scope, "village", aggregates)


def watch_present(user, scope, counts):
    counts = Counts({name: value or 0 for name, value in counts.items()})
    result = {
        key: {"households": counts[f"{key}__households"], "people": counts[f"{key}__people"]}
        for key in WATCH_LISTS
    }
    total = sum(result[key]["people"] for key in WATCH_LISTS)
    result["safety_net"] = {
        "people": counts["safety_net__people"],
        "rate": round(counts["safety_net__people"] / total, 4) if total else None,
    }
    result["monitoring_threshold"] = _money_or_none(
        PovertyLine.objects.value_of_year(scope.year, THRESHOLD)
    )
    return result


def _money_or_none(value):
    return None if value is None else float(value)


employment = Section(employment_counts, employment_present)
household_projects = Section(household_projects_counts, household_projects_present)
industry_projects = Section(industry_counts, industry_projects_present)
pairing = Section(pairing_counts, pairing_present)
assistance = Section(assistance_counts, assistance_present)
training = Section(training_counts, training_present)
watch = Section(watch_counts, watch_present)

SECTIONS = {
    "employment": employment,
    "household_projects": household_projects,
    "industry_projects": industry_projects,
    "pairing": pairing,
    "assistance": assistance,
    "training": training,
    "watch": watch,
}


def totals(user, scope):
    """Every totals section for the scope, as plain JSON-ready numbers."""
    return {name: section(user, scope) for name, section in SECTIONS.items()}
