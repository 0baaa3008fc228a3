"""The published district continued year by year after 2020 (`generate_district --published --through Y`):
incomes with rigid expenditure and six-check assessments every year, shocks that put households at risk,
monitoring cases through every step of identification and clearing, measures, a few returns to poverty,
and a few households never registered found at the edge of poverty.

Plain records added to the plan (no database), from a random generator of their own, so the 2020
district is the same with or without the continuation. Nothing is dated before 2021, and nothing after
30 November of the last year (the demo's today). Deterministic for a given seed.
"""

import datetime
import itertools
import random
from dataclasses import dataclass, field

from households.poverty_lines import POVERTY_LINES

from .families import Family, IdNumbers, make_family
from .plan import random_date
from .steps import case_steps, clearing_steps

D = datetime.date
FIRST_YEAR = 2021
LAST_DAY = (11, 30)
SHOCK_RATE = 0.02  # households of the register hit by a shock in a year
EDGE_PER_YEAR = 6  # households never registered found at the edge of poverty each year
# Shocks: (risk, monitoring type of a registered household, how it hurts: income, medical, education, job, water)
SHOCKS = (
    ("illness", "medical"), ("illness", "medical"), ("disability", "income"), ("schooling", "education"),
    ("accident", "medical"), ("industry_failure", "income"), ("unstable_employment", "job"),
    ("unstable_employment", "job"), ("lack_labor", "income"), ("unsafe_housing", "income"),
    ("unsafe_water", "water"), ("natural_disaster", "income"),
)
CATEGORY_FOR_RISK = {
    "illness": "health", "accident": "health", "disability": "safety_net", "schooling": "education",
    "industry_failure": "industry", "unstable_employment": "employment", "lack_labor": "public_welfare_post",
    "unsafe_housing": "housing", "unsafe_water": "water", "natural_disaster": "social",
}
MEASURE_TEXT = {
    "health": "落实大病医疗救助和慢病签约服务", "safety_net": "纳入低保，落实残疾人两项补贴",
    "education": "落实教育资助",
    "industry": "扶持发展庭院经济", "employment": "推荐就业岗位", "public_welfare_post": "安排公益性岗位",
    "housing": "实施农村危房改造", "water": "解决安全饮水问题", "social": "发放临时救助金",
}


@dataclass
class PlannedCase:
    """A monitoring case of the plan: a family, its risks and steps, its measures."""

    family: int
    type: str
    identified_by: str
    risks: list  # [(risk, note)]
    discovered_on: datetime.date
    returned: bool = False
    income: int | None = None  # fen per member at identification
    steps: list = field(default_factory=list)  # (step, date, approved, notice_start, notice_end, note)
    measures: list = field(default_factory=list)  # (category, placement index or None, pairing index or None,
    #                                                 description, start, end)
    method: str = ""
    reason: str = ""


def continue_through(plan, seed, through):
    """Add the years 2021..`through` to `plan` (see the module); return the plan."""
    rng = random.Random(f"{seed}:through:{through}")
    end = D(through, *LAST_DAY)
    ids = _id_numbers(plan)
    people = itertools.count(sum(len(f.members) for f in plan.families))
    pairing_of = {family: i for i, (_cadre, family, _start, stop) in enumerate(plan.pairings) if stop is None}
    jobs = {}
    for i, (person, *_rest) in enumerate(plan.placements):
        jobs.setdefault(person, []).append(i)
    last_income = {record[0]: record for record in plan.incomes if record[1] == 2020}
    held = {}  # family → the day its last case ends (or None while open)
    for year in range(FIRST_YEAR, through + 1):
        year_end = min(D(year, 12, 31), end)
        shocks = _shocks(rng, plan, year, year_end, held)
        edge = _edge_families(rng, plan, ids, people, year)
        for family in plan.families:
            shock = shocks.get(family.index) or (("edge",) if family.index in edge else None)
            _income_and_assessment(rng, plan, family, year, shock, last_income)
        for index, (risk, hurt) in sorted(shocks.items()):
            family = plan.families[index]
            _open_case(rng, plan, family, risk, hurt, year, year_end, end, held, pairing_of, jobs)
        for index in edge:
            _open_case(rng, plan, plan.families[index], "illness", "edge", year, year_end, end, held, pairing_of, jobs)
    return plan


def threshold_fen(year):
    line = POVERTY_LINES.get(year) or POVERTY_LINES[max(POVERTY_LINES)]
    return int((line[1] or line[0]) * 100)


def _id_numbers(plan):
    """Invented ID numbers continuing after the plan's own (the same birth date counts on)."""
    ids = IdNumbers()
    for family in plan.families:
        for member in family.members:
            key = member.birth.strftime("%Y%m%d")
            ids.used[key] = ids.used.get(key, 0) + 1
    return ids


def _free(held, family, day):
    return family not in held or (held[family] is not None and held[family] <= day)


def _shocks(rng, plan, year, year_end, held):
    """{family index: (risk, hurt)} of registered families hit in `year` and free to be discovered."""
    registered = [f for f in plan.families if f.registered and f.size]
    hit = rng.sample(registered, int(len(registered) * SHOCK_RATE))
    return {f.index: rng.choice(SHOCKS) for f in sorted(hit, key=lambda f: f.index)
            if _free(held, f.index, D(year, 1, 1)) and year_end >= D(year, 2, 1)}


def _edge_families(rng, plan, ids, people, year):
    """A few households never registered, found at the edge of poverty in `year` (their indexes)."""
    villages = sorted({f.village for f in plan.families})
    added = []
    for _ in range(EDGE_PER_YEAR):
        village = rng.choice(villages)
        family = Family(village, None, make_family(rng, rng.randint(1, 4), D(year, 6, 30)))
        family.registered, family.category, family.cause = False, "", ""
        family.index = len(plan.families)
        number = sum(1 for f in plan.families if f.village == village and not f.registered) + 1
        family.code = f"{village[0]}-J{number:03d}"
        for member in family.members:
            member.index = next(people)
            member.id_number = ids.next(member.birth, member.male)
        plan.families.append(family)
        added.append(family.index)
    return added


def _income_and_assessment(rng, plan, family, year, shock, last_income):
    """The family's income record (with rigid expenditure) and assessment of `year`."""
    size = family.size or 1
    threshold = threshold_fen(year)
    previous = last_income.get(family.index)
    per_member = (previous[2] + previous[3] + previous[4] + previous[5] - previous[6]) // size if previous else 0
    per_member = max(per_member * rng.randint(103, 108) // 100, threshold + rng.randint(50_000, 250_000))
    medical = education = 0
    water = True
    hurt = shock[1] if shock and len(shock) > 1 else (shock[0] if shock else None)
    if hurt in ("income", "job", "edge"):
        per_member = threshold * rng.randint(55, 90) // 100
    elif hurt == "medical":
        medical = size * threshold * rng.randint(30, 80) // 100
        per_member = threshold + rng.randint(0, 40_000)
    elif hurt == "education":
        education = size * threshold * rng.randint(25, 60) // 100
        per_member = threshold + rng.randint(0, 40_000)
    elif hurt == "water":
        water = False
    total = per_member * size
    wage = total * rng.randint(40, 75) // 100
    transfer = total - wage
    record = (family.index, year, wage, 0, 0, transfer, 0, medical, education)
    plan.incomes.append(record)
    last_income[family.index] = record if not shock else last_income.get(family.index, record)
    checks = {"food": True, "clothing": True, "education": hurt != "education" or rng.random() < 0.7,
              "medical": True, "housing": hurt != "income" or rng.random() < 0.8}
    plan.assessments.append((family.index, random_date(rng, D(year, 6, 1), D(year, 9, 30)), *checks.values(), water))


def _open_case(rng, plan, family, risk, hurt, year, year_end, end, held, pairing_of, jobs):
    """A case for `family`, discovered in `year`, with as many steps as the dates allow."""
    start = max(D(year, 1, 2), D(year, 2, 1) if hurt != "edge" else D(year, 1, 2))
    discovered = random_date(rng, start, year_end)
    if not _free(held, family.index, discovered):
        return
    registered = family.registered
    monitoring_type = ("unstable" if registered and rng.random() < 0.6 else "sudden_hardship") if registered else "edge"
    way = rng.choice(("self_report", "cadre_visit", "screening", "screening"))
    risks = [(risk, "")]
    if rng.random() < 0.3:
        extra = rng.choice([r for r, _hurt in SHOCKS if r != risk])
        risks.append((extra, ""))
    case = PlannedCase(family.index, monitoring_type, way, risks, discovered,
                       returned=registered and hurt in ("income", "job") and rng.random() < 0.15,
                       income=threshold_fen(year) * rng.randint(55, 95) // 100)
    case.steps = case_steps(rng, discovered, end)
    identified = next((s[1] for s in case.steps if s[0] == "county_decision" and s[2]), None)
    rejected = any(s[2] is False for s in case.steps)
    held[family.index] = None
    if rejected:
        held[family.index] = case.steps[-1][1]
    if identified:
        family.household_type = "monitored"
        _measures(rng, plan, case, family, risk, hurt, identified, end, pairing_of, jobs)
        clearing, method, reason = clearing_steps(rng, identified, end)
        case.steps += clearing
        if clearing and clearing[-1][0] == "clear_county_decision" and clearing[-1][2]:
            case.method, case.reason = method, reason
            held[family.index] = clearing[-1][1]
        elif clearing:
            case.method = method
    plan.cases.append(case)


def _measures(rng, plan, case, family, risk, hurt, identified, end, pairing_of, jobs):
    """One to three measures: a job for a capable member, the pairing, help in words."""
    category = CATEGORY_FOR_RISK.get(risk, "social")
    capable = [m for m in family.members if m.capable]
    if hurt == "job" and capable:
        member = capable[0]
        for index in jobs.get(member.index, []):
            person, channel, employer, start, stop, monthly = plan.placements[index]
            if stop is None and start < case.discovered_on:
                plan.placements[index] = (person, channel, employer, start, case.discovered_on, monthly)
        if rng.random() < 0.6 and identified + datetime.timedelta(days=20) <= end:
            job_start = identified + datetime.timedelta(days=rng.randint(5, 20))
            channel = rng.choice(("public_welfare", "flexible"))
            plan.placements.append((member.index, channel, None if channel == "flexible" else plan.employer(
                "村级公益性岗位"), job_start, None, rng.randrange(600, 1600, 50)))
            jobs.setdefault(member.index, []).append(len(plan.placements) - 1)
            case.measures.append(("public_welfare_post" if channel == "public_welfare" else "employment",
                                  len(plan.placements) - 1, None, "", None, None))
    pairing = pairing_of.get(family.index)
    if pairing is not None and rng.random() < 0.5:
        case.measures.append(("social", None, pairing, "", None, None))
    if rng.random() < 0.85:
        start = identified + datetime.timedelta(days=rng.randint(3, 40))
        if start <= end:
            stop = None if rng.random() < 0.5 else start + datetime.timedelta(days=rng.randint(60, 400))
            case.measures.append((category, None, None, MEASURE_TEXT[category], start, stop))
