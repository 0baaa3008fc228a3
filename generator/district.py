"""The households of the synthetic district: how many, where, when they exited, and who lives in them.

`Targets` holds every figure the published pages give; `build_families(rng, targets)` lays out
households over the townships and villages so that the totals match exactly (households, people,
labor-capable people, exits per year, 长宝营子乡's 396 households / 725 people).
"""

import datetime
from dataclasses import dataclass, field

from .families import Family, IdNumbers, Member, main_cause, make_family, person_name
from .names import TOWNSHIP_VILLAGES

AS_OF = datetime.date(2020, 10, 31)
CHANGBAO = "211302201"


@dataclass(frozen=True)
class Cell:
    """A group of households sharing a place and an exit year bracket, with an exact head count."""

    townships: tuple  # township codes the households are spread over
    households: int
    people: int
    exit_years: tuple  # (year, weight) pairs; None for not exited


@dataclass(frozen=True)
class Targets:
    """The published figures the synthetic district reproduces (DOMAIN.md, autumn and spring 2020)."""

    households: int = 4146
    people: int = 8282  # current members: 8,181 of households exited by 2019 + 101 exiting in 2020
    labor_capable: int = 3834
    # Households per township; streets (街道) hold few registered households.
    township_households: dict = field(default_factory=lambda: {
        "211302201": 396, "211302101": 1760, "211302102": 1695, "211302001": 110, "211302002": 95,
        "211302003": 90,
    })
    cells: tuple = (
        Cell((CHANGBAO,), 316, 575, ((2016, 0.3), (2017, 0.35), (2018, 0.35))),
        Cell((CHANGBAO,), 80, 150, ((2019, 1),)),
        Cell(("others",), 855, 1839, ((2019, 1),)),
        Cell(("others",), 44, 101, ((2020, 1),)),
        Cell(("others",), 2851, 5617, ((2015, 0.05), (2016, 0.28), (2017, 0.34), (2018, 0.33))),
    )
    channels: dict = field(default_factory=lambda: {
        "targeted_recruitment": 40, "outside_city": 189, "enterprise": 293, "workshop": 36, "home_based": 28,
        "public_welfare": 690, "cooperative": 218,
    })  # the rest of the labor-capable people: flexible employment
    household_projects: int = 4394
    courtyard_households: int = 3551
    industry_projects: int = 53
    trained: int = 2248
    problems_solved: int = 4306
    money_goods_yuan: int = 487_900
    medical_aid: int = 147
    education_aid: int = 55
    low_income_people: int = 2116
    safety_net_people: int = 2035  # 91.8% of the 101 + 2,116 people watched
    renovated_2019: int = 156
    former_members: int = 96  # deceased or moved out since registration: not counted


def sizes_for(rng, households, people):
    """Household sizes (1–6) summing exactly to `people`, drawn from a realistic spread."""
    weights = ((1, 0.34), (2, 0.36), (3, 0.14), (4, 0.11), (5, 0.04), (6, 0.01))
    sizes = [rng.choices([s for s, _ in weights], [w for _, w in weights])[0] for _ in range(households)]
    diff = people - sum(sizes)
    while diff:
        i = rng.randrange(households)
        if diff > 0 and sizes[i] < 6:
            sizes[i] += 1
            diff -= 1
        elif diff < 0 and sizes[i] > 1:
            sizes[i] -= 1
            diff += 1
    return sizes


def villages_by_township():
    """{township code: [(village code, name, township code, weight)]}; poor villages hold more households."""
    return {
        township: [(code, name, township, 3.0 if status != "none" else 1.2) for code, name, status, _ in villages]
        for township, villages in TOWNSHIP_VILLAGES.items()
    }


def _weighted_village(rng, villages):
    return rng.choices(villages, [v[3] for v in villages])[0][:3]


def _exit_year(rng, choices):
    return rng.choices([y for y, _ in choices], [w for _, w in choices])[0]


def _registered_year(rng, exit_year):
    year = rng.choices((2014, 2015, 2016, 2017), (0.6, 0.2, 0.15, 0.05))[0]
    return min(year, exit_year)


def build_families(rng, targets=None):
    """Every household with its members, exit year and village; totals exactly as `targets` says."""
    targets = targets or Targets()
    villages = villages_by_township()
    others = [t for t, n in targets.township_households.items() if t != CHANGBAO for _ in range(n)]
    rng.shuffle(others)
    families = []
    for cell in targets.cells:
        if cell.townships == ("others",):
            townships, others = others[:cell.households], others[cell.households:]
        else:
            townships = [cell.townships[0]] * cell.households
        for township, size in zip(townships, sizes_for(rng, cell.households, cell.people), strict=True):
            exit_year = _exit_year(rng, cell.exit_years)
            family = Family(_weighted_village(rng, villages[township]), exit_year, make_family(rng, size, AS_OF))
            family.registered_year = _registered_year(rng, exit_year)
            families.append(family)
    families.sort(key=lambda f: f.village[0])
    _fix_labor_capable(rng, families, targets.labor_capable)
    _add_former_members(rng, families, targets.former_members)
    _number(families)
    for family in families:
        family.cause = main_cause(rng, family.members)
    return families


def _fix_labor_capable(rng, families, target):
    """Move borderline people between weak and lost capacity until exactly `target` can work."""
    people = [m for f in families for m in f.members]
    capable = [m for m in people if m.capable]
    if len(capable) > target:
        candidates = [m for m in capable if m.labor == "weak"] + [m for m in capable if m.labor != "weak"]
        older = sorted(candidates, key=lambda m: (m.birth, rng.random()))
        for m in older[: len(capable) - target]:
            m.labor = "lost" if m.health != "healthy" else "none"
    elif len(capable) < target:
        able = [m for m in people if not m.capable and m.school_stage == "none" and m.health != "serious"
                and 16 <= m.age_on(AS_OF) <= 64]
        rng.shuffle(able)
        if len(able) < target - len(capable):
            raise ValueError("not enough adults to reach the labor-capable target")
        for m in able[: target - len(capable)]:
            m.labor = "weak"


def _add_former_members(rng, families, count):
    """Members who died or married out since registration: kept on the register, never counted."""
    earlier = [f for f in families if f.exit_year and f.exit_year <= 2018 and f.village[2] != CHANGBAO]
    for family in rng.sample(earlier, count):
        if rng.random() < 0.6:
            male = rng.random() < 0.45
            birth = datetime.date(rng.randint(1925, 1940), rng.randint(1, 12), rng.randint(1, 28))
            member = Member(person_name(rng, male), male, birth, "father" if male else "mother",
                            health="serious", status="deceased")
        else:
            birth = datetime.date(rng.randint(1992, 2000), rng.randint(1, 12), rng.randint(1, 28))
            member = Member(person_name(rng, False, family.head.name[0]), False, birth, "daughter",
                            labor="ordinary", status="moved_out")
        family.members.append(member)


def _number(families):
    """Give households their codes and everyone an invented ID number, in a stable order."""
    ids = IdNumbers()
    per_village = {}
    person = 0
    for index, family in enumerate(families):
        family.index = index
        n = per_village[family.village[0]] = per_village.get(family.village[0], 0) + 1
        family.code = f"{family.village[0]}-{n:04d}"
        for member in family.members:
            member.index = person
            member.id_number = ids.next(member.birth, member.male)
            person += 1


def all_members(families):
    """Every member of every family, in order."""
    return [m for f in families for m in f.members]


def current_capable(families):
    """Current labor-capable members, in order."""
    return [m for f in families for m in f.members if m.capable]


__all__ = ["AS_OF", "Family", "Member", "Targets", "all_members", "build_families", "current_capable"]
