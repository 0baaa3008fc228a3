"""The invented area tree of a register of any size: townships, villages, their employers, aid units
and industry projects, with how many households each village holds.

Published proportions: about 100 households a village, poor villages (60 %) holding three times as
many as the others; twelve villages a township. Codes continue the district's: townships 211302NNN,
villages <township>NNN. Names are invented from place-name syllables, unique where the models
require it. The tree is small (one entry per village, about 1 % of the households) and is the only
part of a generation that grows with its size.
"""

import datetime
import random
from dataclasses import dataclass, field

from .. import names
from ..plan import random_date

D = datetime.date
HOUSEHOLDS_PER_VILLAGE = 100
VILLAGES_PER_TOWNSHIP = 12
POOR_VILLAGES = 0.6
MAX_TOWNSHIPS = 998  # three-digit township serials under 211302, the fixture's codes skipped
FIRST = "东西南北前后上下大小新老中高"
SECOND = "河沟山台营屯甸堡岭泉湾洼坨井峪杖窝铺店庄岗坡林场园"
TOWNSHIP_UNITS = ("党委", "人民政府", "农业综合服务站", "财政所", "社会事务办")
TOWNSHIP_PROJECTS = (("扶贫产业园", "dividend"), ("肉牛养殖小区", "dividend"), ("扶贫车间", "job"))


@dataclass(eq=False, slots=True)
class VillagePlan:
    code: str
    name: str
    poverty_status: str
    delisted_year: int | None
    households: int
    projects: list = field(default_factory=list)  # industry project indexes located here (in force)


@dataclass(eq=False, slots=True)
class TownshipPlan:
    code: str
    name: str
    villages: list
    units: list = field(default_factory=list)  # unit names (the township's aid units)
    projects: list = field(default_factory=list)  # township-level industry project indexes (in force)
    public_welfare: str = ""  # employer names
    cooperative: str = ""


@dataclass
class Tree:
    townships: list
    industry: list  # dicts of IndustryProject fields (township/village as codes)
    district_projects: list  # indexes of district-level projects in force

    @property
    def villages(self):
        return [v for t in self.townships for v in t.villages]


def place_names(rng, count, suffix, taken=()):
    """`count` distinct invented place names ending in `suffix` (e.g. 乡, 村), none in `taken`."""
    pool = [a + b for a in FIRST for b in SECOND] + [a + b + c for a in FIRST for b in SECOND for c in "子家"]
    rng.shuffle(pool)
    taken = set(taken)
    chosen = [n + suffix for n in pool if n + suffix not in taken][:count]
    if len(chosen) < count:
        raise ValueError(f"cannot invent {count} distinct names")
    return chosen


def spread(rng, total, weights):
    """Split `total` into integers proportional to `weights` (largest remainders), each at least 1."""
    scale = total / sum(weights)
    shares = [w * scale for w in weights]
    counts = [max(1, int(s)) for s in shares]
    order = sorted(range(len(weights)), key=lambda i: (counts[i] - shares[i], rng.random()))
    i = 0
    while sum(counts) < total:
        counts[order[i % len(order)]] += 1
        i += 1
    i = 0
    while sum(counts) > total:
        j = order[-1 - i % len(order)]
        if counts[j] > 1:
            counts[j] -= 1
        i += 1
    return counts


def build_tree(seed, households, taken_codes=(), taken_names=()):
    """The townships and villages holding `households` households, and their industry projects."""
    rng = random.Random(f"tree:{seed}")
    village_count = max(1, round(households / HOUSEHOLDS_PER_VILLAGE))
    township_count = -(-village_count // VILLAGES_PER_TOWNSHIP)
    if township_count > MAX_TOWNSHIPS:
        raise ValueError(f"at most {MAX_TOWNSHIPS * VILLAGES_PER_TOWNSHIP * HOUSEHOLDS_PER_VILLAGE} households")
    codes = [c for c in (f"211302{n:03d}" for n in range(301, 1000)) if c not in set(taken_codes)]
    codes += [c for c in (f"211302{n:03d}" for n in range(4, 301)) if c not in set(taken_codes)]
    poor = [rng.random() < POOR_VILLAGES for _ in range(village_count)]
    sizes = spread(rng, households, [3.0 if p else 1.2 for p in poor])
    township_names = place_names(rng, township_count, "乡", taken_names)
    townships, v = [], 0
    for t in range(township_count):
        count = min(VILLAGES_PER_TOWNSHIP, village_count - v)
        village_names = place_names(rng, count, "村")
        villages = []
        for k in range(count):
            status = rng.choice(("city", "city", "provincial")) if poor[v] else "none"
            delisted = rng.choice((2016, 2017, 2018, 2019)) if poor[v] else None
            villages.append(VillagePlan(f"{codes[t]}{k + 1:03d}", village_names[k], status, delisted, sizes[v]))
            v += 1
        name = township_names[t]
        townships.append(TownshipPlan(
            codes[t], name, villages, units=[name + unit for unit in TOWNSHIP_UNITS],
            public_welfare=f"{name}人民政府", cooperative=f"{name}种植养殖专业合作社",
        ))
    industry, district = [], []
    for name, investment, start, rate in names.DISTRICT_PROJECTS:
        district.append(len(industry))
        industry.append(_project(name, "district", None, None, investment, D.fromisoformat(start), rate, "dividend"))
    for township in townships:
        for kind, way in rng.sample(TOWNSHIP_PROJECTS, 2):
            township.projects.append(len(industry))
            industry.append(_project(
                township.name + kind, "township", township.code, None, rng.randrange(800_000, 3_000_001, 10_000),
                random_date(rng, D(2018, 3, 1), D(2020, 5, 31)), f"{rng.randrange(1000, 1251, 10) / 100:.2f}", way,
            ))
        for village in township.villages:
            if village.poverty_status == "none":
                continue
            kind, way = rng.choice(names.VILLAGE_PROJECT_KINDS)
            village.projects.append(len(industry))
            industry.append(_project(
                f"{township.name}{village.name}{kind}", "village", township.code, village.code,
                rng.randrange(300_000, 1_500_001, 10_000), random_date(rng, D(2017, 4, 1), D(2020, 6, 30)),
                f"{rng.randrange(1000, 1451, 10) / 100:.2f}", way,
            ))
            if rng.random() < 0.08:  # an earlier project that ended in 2019
                project = _project(f"{township.name}{village.name}扶贫养殖小区（一期）", "village", township.code,
                                   village.code, rng.randrange(200_000, 600_001, 10_000), D(2016, 5, 1), "10.00",
                                   "dividend")
                industry.append({**project, "end": D(2019, 12, 31)})
    return Tree(townships, industry, district)


def _project(name, level, township, village, investment, start, rate, way):
    return {"name": name, "level": level, "township": township, "village": village, "investment": investment,
            "start": start, "end": None, "return_rate": rate, "way": way}
