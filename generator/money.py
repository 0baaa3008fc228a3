"""Income records, assessments and household flags: the watch list and the safety net as published.

Incomes are built in fen so that net income per member lands exactly where it is meant to:
at or above the poverty line for everyone in 2020, under 5,000 yuan for the 2,116 people of the
return-to-poverty watch list, under the 2019 line for the households that exit in 2020.
"""

import datetime

from .plan import pick_people, random_date
from .work import wages_in

D = datetime.date
YEAR = 2020


def assign_flags(rng, plan, targets):
    """The watch list, 低保 (safety net), category, anti-poverty insurance and house renovations."""
    wages = wages_in(plan, YEAR)
    for family in plan.families:
        family.extra["wages"] = sum(wages.get(m.index, 0) for m in family.members if m.current)
    exited = [f for f in plan.families if f.exit_year and f.exit_year < YEAR
              and f.extra["wages"] < 3500 * f.size]
    rng.shuffle(exited)
    for family in pick_people(rng, exited, targets.low_income_people):
        family.watch = "low_income"
    watched = [f for f in plan.families if f.watch or f.exit_year == YEAR]
    rng.shuffle(watched)
    for family in pick_people(rng, watched, targets.safety_net_people):
        family.dibao = True
    for family in plan.families:
        head = family.head
        if family.dibao or (family.exit_year != YEAR and rng.random() < 0.08):
            family.category = "dibao"
        elif family.size == 1 and head.age_on(D(YEAR, 10, 31)) >= 70 and rng.random() < 0.3:
            family.category = "tekun"
        family.insurance = rng.random() < 0.6
    older = [f for f in plan.families if f.registered_year <= 2016]
    renovated = rng.sample(older, targets.renovated_2019 + 250)
    for n, family in enumerate(renovated):
        family.renovated = 2019 if n < targets.renovated_2019 else rng.randint(2016, 2018)


def assign_incomes(rng, plan):
    """Income records for 2019 and 2020 for every household."""
    dividends = {}
    for _project, family, _way, start, amount in plan.beneficiaries:
        if start.year <= YEAR:
            dividends[family] = dividends.get(family, 0) + amount
    for family in plan.families:
        size = family.size
        wages = family.extra["wages"]
        if family.watch == "low_income":
            per_member = rng.randint(405_000, 499_000)
        elif family.exit_year == YEAR:
            per_member = rng.randint(410_000, 560_000)
        else:
            floor = max(510_000, wages * 100 // size + rng.randint(20_000, 150_000))
            per_member = rng.randint(floor, floor + 300_000)
        plan.incomes.append(_record(rng, family.index, YEAR, per_member * size, wages * 100,
                                    dividends.get(family.index, 0) * 100))
        if family.exit_year == YEAR:
            last_year = rng.randint(290_000, 370_000)
        else:
            last_year = max(380_000, per_member * rng.randint(85, 95) // 100)
        plan.incomes.append(_record(rng, family.index, YEAR - 1, last_year * size, wages * 90,
                                    dividends.get(family.index, 0) * 50))


def _record(rng, family, year, total, wages, dividends):
    """Split `total` fen of net income into wages, business, property and transfer income less costs."""
    wage = min(wages, total)
    rest = total - wage
    prop = min(dividends, rest)
    rest -= prop
    business = rest * rng.randint(20, 60) // 100
    costs = business * rng.randint(20, 35) // 100
    transfer = rest - business + costs
    return (family, year, wage, business, prop, transfer, costs)


def assign_assessments(rng, plan):
    """A 2019 assessment (houses awaiting renovation fail on housing; households exiting in 2020 fail
    one check) and a 2020 assessment meeting all five checks."""
    for family in plan.families:
        checks = dict.fromkeys(("food", "clothing", "education", "medical", "housing"), True)
        if family.renovated == 2019:
            checks["housing"] = False
        if family.exit_year == YEAR:
            checks[rng.choice(("medical", "housing", "education"))] = False
        plan.assessments.append((family.index, random_date(rng, D(2019, 3, 1), D(2019, 5, 31)), *checks.values()))
        plan.assessments.append((family.index, random_date(rng, D(2020, 6, 1), D(2020, 9, 30)),
                                 True, True, True, True, True))
