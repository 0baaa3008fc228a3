"""What is done for households: household projects, industry projects, pairings and assistance."""

import datetime

from . import names
from .plan import random_date

D = datetime.date
ASSISTANCE_YEAR = (D(2020, 1, 2), D(2020, 10, 31))
NOTES = {
    "visit": ("入户走访", "宣讲政策", "了解生产生活情况"),
    "problem_solved": ("协调解决饮水问题", "帮助修缮院墙", "协调办理慢病卡", "帮助销售农产品", "协调解决取暖问题"),
    "money_goods": ("送米面油", "送慰问金", "送生产物资", "送衣物被褥"),
    "medical_aid": ("协调医疗救助", "帮助报销医药费"),
    "education_aid": ("资助学费", "送学习用品"),
    "job_coordination": ("推荐就业岗位", "协调公益性岗位"),
}


def assign_household_projects(rng, plan, targets):
    """Household projects reaching every household: courtyard farming or planting for
    `courtyard_households` (some with both), entrusted raising/planting for the rest, mostly
    households that cannot work."""
    families = plan.families[:]
    rng.shuffle(families)
    families.sort(key=lambda f: any(m.capable for m in f.members))  # those who cannot work first
    entrusted = families[: targets.households - targets.courtyard_households]
    courtyard = families[len(entrusted):]
    doubles = {f.index for f in rng.sample(courtyard, targets.household_projects - targets.households)}
    entrusted = {f.index for f in entrusted}
    for family in sorted(plan.families, key=lambda f: f.index):
        start = random_date(rng, D(2020, 2, 1), D(2020, 9, 30))
        if family.index in entrusted:
            kinds = ["entrusted"]
        else:
            first = "courtyard_livestock" if rng.random() < 0.6 else "courtyard_planting"
            other = "courtyard_planting" if first == "courtyard_livestock" else "courtyard_livestock"
            kinds = [first, other] if family.index in doubles else [first]
        for kind in kinds:
            name, low, high = rng.choice(names.HOUSEHOLD_PROJECTS[kind])
            funds = rng.randrange(low, high + 1, 100)
            plan.household_projects.append((family.index, kind, name, funds, start, rng.randrange(800, 3001, 100)))


def build_industry_projects(rng, plan, targets):
    """District, township and village industry projects in force on the date (53 in all), and a few
    that ended in 2019."""
    for name, investment, start, rate in names.DISTRICT_PROJECTS:
        plan.industry.append({"name": name, "level": "district", "township": None, "village": None,
                              "investment": investment, "start": D.fromisoformat(start), "end": None,
                              "return_rate": rate, "way": "dividend"})
    for name, township, investment, start, rate in names.TOWNSHIP_PROJECTS:
        plan.industry.append({"name": name, "level": "township", "township": township, "village": None,
                              "investment": investment, "start": D.fromisoformat(start), "end": None,
                              "return_rate": rate, "way": "job" if "工厂" in name or "车间" in name else "dividend"})
    poor = [(code, name, township) for township, villages in names.TOWNSHIP_VILLAGES.items()
            for code, name, status, _ in villages if status != "none"]
    wanted = targets.industry_projects - len(plan.industry)
    fixed = {"王杖子村": ("红薯种植基地", "land_share"), "李杖子村": ("爱心菜园", "dividend"),
             "骆驼山子村": ("爱心果园", "dividend")}
    villages = poor + [(c, n, t) for t, vs in names.TOWNSHIP_VILLAGES.items() for c, n, s, _ in vs if n == "李杖子村"]
    extra = rng.sample(poor, wanted - len(villages))
    for code, vname, township in villages + extra:
        kind, way = fixed.pop(vname, None) or rng.choice(names.VILLAGE_PROJECT_KINDS)
        name = f"{vname}{kind}"
        while any(p["name"] == name for p in plan.industry):
            kind, way = rng.choice(names.VILLAGE_PROJECT_KINDS)
            name = f"{vname}{kind}"
        plan.industry.append({
            "name": name, "level": "village", "township": township, "village": code,
            "investment": rng.randrange(300_000, 1_500_001, 10_000),
            "start": random_date(rng, D(2017, 4, 1), D(2020, 6, 30)), "end": None,
            "return_rate": f"{rng.randrange(1000, 1451, 10) / 100:.2f}", "way": way,
        })
    for code, vname, township in rng.sample(poor, 4):
        plan.industry.append({
            "name": f"{vname}扶贫养殖小区（一期）", "level": "village", "township": township, "village": code,
            "investment": rng.randrange(200_000, 600_001, 10_000), "start": D(2016, 5, 1), "end": D(2019, 12, 31),
            "return_rate": "10.00", "way": "dividend",
        })


def assign_benefits(rng, plan):
    """About 85% of households share in an industry project near them; all of 王杖子村 in its sweet potatoes."""
    active = [(i, p) for i, p in enumerate(plan.industry) if p["end"] is None]
    by_village, by_township = {}, {}
    for i, p in active:
        if p["level"] == "village":
            by_village.setdefault(p["village"], []).append(i)
        elif p["level"] == "township":
            by_township.setdefault(p["township"], []).append(i)
    district = [i for i, p in active if p["level"] == "district"]
    for family in plan.families:
        code, vname, township = family.village
        if vname != "王杖子村" and rng.random() > 0.85:
            continue
        options = by_village.get(code, [])
        roll = rng.random()
        pool = options if options and (roll < 0.65 or vname == "王杖子村") else (
            by_township.get(township) if by_township.get(township) and roll < 0.85 else district)
        projects = [rng.choice(pool)]
        if rng.random() < 0.1:
            projects.append(rng.choice(district))
        for index in dict.fromkeys(projects):
            project = plan.industry[index]
            start = max(project["start"], random_date(rng, D(2019, 1, 1), D(2020, 8, 31)))
            amount = 2000 if vname == "王杖子村" and project["level"] == "village" else rng.randrange(300, 2001, 50)
            plan.beneficiaries.append((index, family.index, project["way"], start, amount))


def assign_pairings(rng, plan):
    """Every household paired with a cadre of an aid unit; a tenth had an earlier cadre until 2018-19."""
    plan.units = list(names.UNITS)
    chunks, i = [], 0
    while i < len(plan.families):
        size = rng.randint(3, 5)
        chunks.append(plan.families[i:i + size])
        i += size
    used = set()
    current = {}
    for n, chunk in enumerate(chunks):
        unit = n * len(plan.units) // len(chunks)
        name = _cadre_name(rng, unit, used)
        plan.cadres.append((name, unit))
        cadre = len(plan.cadres) - 1
        for family in chunk:
            if n and rng.random() < 0.1:
                start = random_date(rng, D(2018, 1, 1), D(2019, 12, 31))
                earlier = random_date(rng, D(2015, 10, 1), D(2016, 6, 30))
                plan.pairings.append((cadre - 1, family.index, earlier, start - datetime.timedelta(days=1)))
            else:
                start = random_date(rng, D(2016, 1, 1), D(2019, 12, 31))
            plan.pairings.append((cadre, family.index, start, None))
            current[family.index] = len(plan.pairings) - 1
    return current


def _cadre_name(rng, unit, used):
    from .families import person_name

    while True:
        name = person_name(rng, rng.random() < 0.6)
        if (name, unit) not in used:
            used.add((name, unit))
            return name


def assign_assistance(rng, plan, targets, current):
    """Assistance in 2020 under each household's pairing, in the page's counts and yuan."""
    families = plan.families

    def add(family, kind, amount=None):
        pairing = current[family.index]
        start = max(ASSISTANCE_YEAR[0], plan.pairings[pairing][2])
        plan.assistance.append((pairing, random_date(rng, start, ASSISTANCE_YEAR[1]), kind, amount,
                                rng.choice(NOTES[kind])))

    for family in families:
        add(family, "visit")
        add(family, "visit")
        add(family, "problem_solved")
    for family in rng.sample(families, targets.problems_solved - len(families)):
        add(family, "problem_solved")
    for family, amount in zip(rng.sample(families, 1220), _amounts(rng, 1220, targets.money_goods_yuan), strict=True):
        add(family, "money_goods", amount)
    ill = [f for f in families if any(m.current and m.health in ("serious", "chronic") for m in f.members)]
    ill.sort(key=lambda f: not any(m.health == "serious" for m in f.members))
    for family in ill[: targets.medical_aid]:
        add(family, "medical_aid", rng.randrange(500, 3001, 100))
    pupils = [f for f in families if any(m.current and m.school_stage not in ("none", "preschool") for m in f.members)]
    for family in rng.sample(pupils, targets.education_aid):
        add(family, "education_aid", rng.randrange(1000, 3001, 100))
    workers = [f for f in families if any(m.capable for m in f.members)]
    for family in rng.sample(workers, 380):
        add(family, "job_coordination")


def _amounts(rng, count, total):
    """`count` amounts in whole tens of yuan, 100 or more, adding up to exactly `total`."""
    amounts = [rng.randrange(150, 651, 10) for _ in range(count)]
    diff = total - sum(amounts)
    step = 10 if diff > 0 else -10
    while diff:
        i = rng.randrange(count)
        if amounts[i] + step >= 100:
            amounts[i] += step
            diff -= step
    return amounts
