"""Turn a plan into unsaved model instances with their primary keys already set.

`Keys` holds where each table's new primary keys start and the keys of reference rows (villages,
employers, units, cadres, industry projects); every function yields instances in plan order, so the
writer can save them in batches (and a faster writer could COPY the same values).
"""

from dataclasses import dataclass
from decimal import Decimal

from households.models import Assessment, Household, IncomeRecord, Person
from projects.models import (
    AssistanceRecord,
    EmploymentPlacement,
    HouseholdProject,
    IndustryBeneficiary,
    Pairing,
    Training,
)

from .district import AS_OF


@dataclass
class Keys:
    """First free primary key per model, and the keys of rows the plan refers to by position or code."""

    start: dict  # model -> first primary key for new rows
    villages: dict  # village code -> pk
    employers: list  # employer index -> pk
    cadres: list  # cadre index -> pk
    industry: list  # project index -> pk

    def of(self, model, index):
        return self.start[model] + index

    def household(self, family):
        return self.start[Household] + family


def _yuan(fen):
    return Decimal(fen) / 100


def households(plan, keys):
    for f in plan.families:
        group = f"{f.index % 9 + 1}组"
        yield Household(
            pk=keys.of(Household, f.index), code=f.code, village_id=keys.villages[f.village[0]],
            registered=f.registered, category=f.category, poverty_cause=f.cause,
            registered_year=f.registered_year if f.registered else None, exit_year=f.exit_year,
            dibao=f.dibao, anti_poverty_insurance=f.insurance, house_renovated_year=f.renovated,
            address=f"{f.village[1]}{group}", natural_village=group, household_type=f.household_type,
        )


def people(plan, keys):
    for f in plan.families:
        household = keys.of(Household, f.index)
        for m in f.members:
            yield Person(
                pk=keys.of(Person, m.index), household_id=household, name=m.name, id_number=m.id_number,
                birth_date=m.birth, sex="male" if m.male else "female", relation=m.relation,
                labor_capacity=m.labor, health=m.health,
                school_stage=m.school_stage if m.current and m.age_on(AS_OF) < 25 else "none",
                medical_insurance=m.current, status=m.status,
            )


def placements(plan, keys):
    for i, (person, channel, employer, start, end, monthly) in enumerate(plan.placements):
        yield EmploymentPlacement(
            pk=keys.of(EmploymentPlacement, i), person_id=keys.of(Person, person), channel=channel,
            employer_id=None if employer is None else keys.employers[employer], start=start, end=end,
            monthly_income=Decimal(monthly),
        )


def trainings(plan, keys):
    for i, (person, course, date, provider) in enumerate(plan.trainings):
        yield Training(pk=keys.of(Training, i), person_id=keys.of(Person, person), course=course, date=date,
                       provider=provider)


def household_projects(plan, keys):
    for i, (family, kind, name, funds, start, expected) in enumerate(plan.household_projects):
        yield HouseholdProject(
            pk=keys.of(HouseholdProject, i), household_id=keys.of(Household, family), type=kind, name=name,
            funds=Decimal(funds), start=start, expected_income=Decimal(expected),
        )


def beneficiaries(plan, keys):
    for i, (project, family, way, start, amount) in enumerate(plan.beneficiaries):
        yield IndustryBeneficiary(
            pk=keys.of(IndustryBeneficiary, i), project_id=keys.industry[project],
            household_id=keys.of(Household, family), way=way, start=start, yearly_amount=Decimal(amount),
        )


def pairings(plan, keys):
    for i, (cadre, family, start, end) in enumerate(plan.pairings):
        yield Pairing(pk=keys.of(Pairing, i), cadre_id=keys.cadres[cadre], household_id=keys.of(Household, family),
                      start=start, end=end)


def assistance(plan, keys):
    for i, (pairing, date, kind, amount, note) in enumerate(plan.assistance):
        yield AssistanceRecord(
            pk=keys.of(AssistanceRecord, i), pairing_id=keys.of(Pairing, pairing), date=date, kind=kind,
            amount=None if amount is None else Decimal(amount), note=note,
        )


def incomes(plan, keys):
    for i, (family, year, wage, business, prop, transfer, costs, *rigid) in enumerate(plan.incomes):
        medical, education = rigid or (0, 0)
        yield IncomeRecord(
            pk=keys.of(IncomeRecord, i), household_id=keys.of(Household, family), year=year,
            wage_income=_yuan(wage), business_income=_yuan(business), property_income=_yuan(prop),
            transfer_income=_yuan(transfer), business_costs=_yuan(costs), medical_expenditure=_yuan(medical),
            education_expenditure=_yuan(education),
        )


def assessments(plan, keys):
    for i, (family, date, food, clothing, education, medical, housing, *water) in enumerate(plan.assessments):
        yield Assessment(pk=keys.of(Assessment, i), household_id=keys.of(Household, family), date=date, food=food,
                         clothing=clothing, education=education, medical=medical, housing=housing,
                         drinking_water=water[0] if water else None)


# In writing order: every row's foreign keys point at rows written before it.
BUILDERS = (
    (Household, households), (Person, people), (EmploymentPlacement, placements), (Training, trainings),
    (HouseholdProject, household_projects), (IndustryBeneficiary, beneficiaries), (Pairing, pairings),
    (AssistanceRecord, assistance), (IncomeRecord, incomes), (Assessment, assessments),
)
