"""One household at a time, with everything done for it, in the published district's proportions.

`HouseholdSampler.household(rng, village, township)` draws one family (the published family shapes
of `families.make_family`), its exit, jobs (the page's channel shares), training, household and
industry projects, pairing and assistance, income and assessments, and hands every row to
`sink.add(model, row)` as a tuple in the order of `FIELDS[model]`. Nothing is kept between
households except counters (primary keys, ID-number serials per birth date, the cadre of the
current pairing group), so memory does not grow with the number of households.

The shares are those of the published district (DOMAIN.md, `district.Targets`); the published
generator fits them exactly, this one draws them, so a large register lands within a fraction of a
percent of them. One deliberate difference: 3 % of labor-capable people have no job on the date
(their last job ended in 2019), so the employment gap list of a large register is not empty.
"""

import datetime
import itertools
import random

from households.models import Assessment, Household, IncomeRecord, Person
from households.validators import complete_id_number
from projects.models import (
    AssistanceRecord,
    Cadre,
    EmploymentPlacement,
    HouseholdProject,
    IndustryBeneficiary,
    Pairing,
    Training,
)

from .. import names
from ..district import AS_OF, _registered_year
from ..families import Member, main_cause, make_family, person_name
from ..money import _record
from ..support import ASSISTANCE_YEAR, NOTES
from ..work import CHANNEL_RULES, MONTHLY, _start

D = datetime.date
YEAR = AS_OF.year

FIELDS = {
    Cadre: ("id", "name", "unit_id"),
    Household: ("id", "code", "village_id", "registered", "category", "poverty_cause", "registered_year",
                "exit_year", "dibao", "anti_poverty_insurance", "house_renovated_year", "address"),
    Person: ("id", "household_id", "name", "id_number", "birth_date", "sex", "relation", "labor_capacity",
             "health", "school_stage", "medical_insurance", "status"),
    EmploymentPlacement: ("id", "person_id", "channel", "employer_id", "start", "end", "monthly_income"),
    Training: ("id", "person_id", "course", "date", "provider"),
    HouseholdProject: ("id", "household_id", "type", "name", "funds", "start", "expected_income"),
    IndustryBeneficiary: ("id", "project_id", "household_id", "way", "start", "yearly_amount"),
    Pairing: ("id", "cadre_id", "household_id", "start", "end"),
    AssistanceRecord: ("id", "pairing_id", "date", "kind", "amount", "note"),
    IncomeRecord: ("id", "household_id", "year", "wage_income", "business_income", "property_income",
                   "transfer_income", "business_costs"),
    Assessment: ("id", "household_id", "date", "food", "clothing", "education", "medical", "housing"),
}
MODELS = tuple(FIELDS)  # writing order: every row's foreign keys point at rows written before it

# Household sizes giving the published 2.0 current members a household (8,282 / 4,146).
SIZES = ((1, 0.38), (2, 0.38), (3, 0.12), (4, 0.08), (5, 0.03), (6, 0.01))
# Exit years of the published cells (DOMAIN.md: 935 households in 2019, the last 44 in 2020).
EXITS = ((2015, 143), (2016, 893), (2017, 1080), (2018, 1052), (2019, 935), (2020, 44))
# Channel shares of the 3,834 labor-capable people; the rest work flexibly.
CHANNELS = (("targeted_recruitment", 40), ("outside_city", 189), ("enterprise", 293), ("workshop", 36),
            ("home_based", 28), ("public_welfare", 690), ("cooperative", 218), ("flexible", 2340))
RULES = dict(CHANNEL_RULES)
UNEMPLOYED = 0.03
FORMER_MEMBER = 96 / 4146
WEAK = 0.41  # of able-bodied adults out of school drawn without capacity: 3,834 of 8,282 people can work
TRAINED_CAPABLE, TRAINED_OTHER = 0.69, 0.19  # 2,248 of the 8,282 people, mostly labor-capable
ENTRUSTED = 0.33  # of households nobody in which can work: 595 of 4,146 households
DOUBLE_PROJECT = 248 / 3551
BENEFIT = 0.85
LOW_INCOME = 0.65  # of eligible exited households: 2,116 people on the watch list
DIBAO_WATCHED = 0.918
RENOVATED = 406 / 3900


def _date(rng, start, end):
    """A date from `start` to `end` inclusive (random.randint is several times slower)."""
    return start + datetime.timedelta(days=int(rng.random() * ((end - start).days + 1)))


def _int(rng, low, high):
    """An integer from `low` to `high` inclusive."""
    return low + int(rng.random() * (high - low + 1))


def _step(rng, start, stop, step):
    """One of start, start + step, ... below `stop`, as random.randrange(start, stop, step)."""
    return start + step * int(rng.random() * ((stop - start + step - 1) // step))


def id_number(first17):
    """`first17` with its GB 11643 check character."""
    return complete_id_number(first17)


class Keys:
    """The next primary key of each model."""

    def __init__(self, start):
        self.next = dict(start)

    def take(self, model):
        key = self.next[model]
        self.next[model] = key + 1
        return key


class IdNumbers:
    """Invented, unique ID numbers: area 211302, the birth date, a serial of the sex's parity."""

    def __init__(self):
        self.used = {}  # birth date -> [people numbered, its 14 first digits]

    def next(self, birth, male):
        entry = self.used.get(birth)
        if entry is None:
            entry = self.used[birth] = [0, f"211302{birth:%Y%m%d}"]
        serial = entry[0] * 2 + (1 if male else 2)
        entry[0] += 1
        if serial > 999:
            raise ValueError(f"more than 500 people of one sex born on {birth}")
        return complete_id_number(f"{entry[1]}{serial:03d}")


class Weighted:
    """Draw one of `pairs` ((value, weight), ...) by weight."""

    def __init__(self, pairs):
        self.values = [value for value, _ in pairs]
        self.cumulative = list(itertools.accumulate(weight for _, weight in pairs))

    def draw(self, rng):
        return rng.choices(self.values, cum_weights=self.cumulative)[0]


SIZE, EXIT = Weighted(SIZES), Weighted(EXITS)


def draw_members(rng):
    """The members of one household: a published family shape, some able-bodied adults able to work a little."""
    members = make_family(rng, SIZE.draw(rng), AS_OF)
    for m in members:
        if (not m.capable and m.school_stage == "none" and m.health != "serious" and 16 <= m.age_on(AS_OF) <= 64
                and rng.random() < WEAK):
            m.labor = "weak"
    return members


def calibrated_channels(families=3000):
    """Channel weights that give the published shares once each person draws only among the channels
    whose rule fits them (work.CHANNEL_RULES): fitted on a fixed pilot of invented families."""
    rng = random.Random("channels")
    pilot = [(m, m.age_on(AS_OF)) for _ in range(families) for m in draw_members(rng) if m.capable]
    fits = [[c for c, _ in CHANNELS if c == "flexible" or RULES[c](m, age)] for m, age in pilot]
    total = sum(w for _, w in CHANNELS)
    target = {c: w / total for c, w in CHANNELS}
    weights = dict(target)
    for _ in range(8):
        share = dict.fromkeys(weights, 0.0)
        for fitting in fits:
            z = sum(weights[c] for c in fitting)
            for c in fitting:
                share[c] += weights[c] / z / len(fits)
        weights = {c: w * target[c] / share[c] for c, w in weights.items()}
    return weights


class HouseholdSampler:
    """Draw households into `sink`; `refs` holds the primary keys of areas, employers, units, projects."""

    def __init__(self, sink, keys, refs):
        self.sink, self.keys, self.refs = sink, keys, refs
        self.ids = IdNumbers()
        self.cadre = None  # [cadre pk, households left in its group, previous cadre pk, township]
        self.cadre_names = set()  # (name, unit) of the current township's cadres
        self.enterprises = [name for name, count in names.ENTERPRISES for _ in range(count)]
        self.channel_weights = calibrated_channels()

    def add(self, model, *values):
        self.sink.add(model, values)

    def household(self, rng, village, township, number):
        """Draw household `number` of `village` (a tree.VillagePlan of `township`) and all its rows."""
        members = draw_members(rng)
        exit_year = EXIT.draw(rng)
        if exit_year <= 2018 and rng.random() < FORMER_MEMBER:
            members.append(_former_member(rng, members[0]))
        pk = self.keys.take(Household)
        people = [(m, self.keys.take(Person)) for m in members]
        for m in members:
            m.id_number = self.ids.next(m.birth, m.male)
        jobs = self.jobs(rng, people, township)
        current = [m for m in members if m.current]
        size = len(current)
        wages = sum(_wages(start, end, monthly) for _, _, _, start, end, monthly in jobs)
        watch = exit_year < YEAR and wages < 3500 * size and rng.random() < LOW_INCOME
        dibao = (watch or exit_year == YEAR) and rng.random() < DIBAO_WATCHED
        registered_year = _registered_year(rng, exit_year)
        category = "dibao" if dibao or (exit_year != YEAR and rng.random() < 0.08) else "general"
        if category == "general" and size == 1 and members[0].age_on(AS_OF) >= 70 and rng.random() < 0.3:
            category = "tekun"
        renovated = None
        if registered_year <= 2016 and rng.random() < RENOVATED:
            renovated = 2019 if rng.random() < 0.38 else _int(rng, 2016, 2018)
        self.add(Household, pk, f"{village.code}-{number:04d}", self.refs.villages[village.code], True, category,
                 main_cause(rng, members), registered_year, exit_year, dibao, rng.random() < 0.6, renovated,
                 f"{village.name}{number % 9 + 1}组")
        for m, person in people:
            self.add(Person, person, pk, m.name, m.id_number, m.birth, "male" if m.male else "female", m.relation,
                     m.labor, m.health, m.school_stage if m.current and m.age_on(AS_OF) < 25 else "none",
                     m.current, m.status)
        for job in jobs:
            self.add(EmploymentPlacement, self.keys.take(EmploymentPlacement), *job)
        self.training(rng, people)
        self.projects(rng, pk, any(m.capable for m in current))
        dividends = self.benefits(rng, pk, village, township)
        self.pairing(rng, pk, township, current)
        per_member = _income_per_member(rng, watch, exit_year, wages, size)
        for record in _incomes(rng, pk, exit_year, per_member, size, wages, dividends):
            self.add(IncomeRecord, self.keys.take(IncomeRecord), *record)
        for date, checks in _assessments(rng, exit_year, renovated):
            self.add(Assessment, self.keys.take(Assessment), pk, date, *checks)

    def jobs(self, rng, people, township):
        """Placements (person, channel, employer, start, end, monthly) of the household's workers."""
        jobs = []
        for m, person in people:
            if not m.capable:
                continue
            if rng.random() < UNEMPLOYED:
                jobs.append((person, "flexible", None, _date(rng, D(2019, 3, 1), D(2019, 6, 30)),
                             _date(rng, D(2019, 9, 1), D(2019, 12, 31)), _step(rng, 600, 1500, 50)))
                continue
            channel = self.channel(rng, m)
            if channel == "targeted_recruitment":
                m.labor = "skilled"
            start = _start(rng, channel)
            low, high, step = MONTHLY[channel]
            jobs.append((person, channel, self.employer(rng, channel, township), start, None,
                         _step(rng, low, high + 1, step)))
            if start >= D(YEAR, 1, 1) and rng.random() < 0.12:
                jobs.append((person, "flexible", None, _date(rng, D(2019, 3, 1), D(2019, 6, 30)),
                             _date(rng, D(2019, 9, 1), D(2019, 12, 31)), _step(rng, 600, 1500, 50)))
        return jobs

    def channel(self, rng, member):
        """A channel among those whose rule fits the person, weighted to give the published shares."""
        age = member.age_on(AS_OF)
        fitting = [c for c in self.channel_weights if c == "flexible" or RULES[c](member, age)]
        return rng.choices(fitting, [self.channel_weights[c] for c in fitting])[0]

    def employer(self, rng, channel, township):
        refs = self.refs.employers
        if channel == "enterprise":
            return refs[rng.choice(self.enterprises)]
        if channel == "outside_city":
            return refs[rng.choice(names.OUTSIDE_CITY)]
        if channel == "targeted_recruitment":
            return refs[names.TARGETED]
        if channel == "workshop":
            return refs[names.WORKSHOP]
        if channel == "home_based":
            return refs[rng.choice(names.HOME_BASED)]
        if channel == "public_welfare":
            return refs[township.public_welfare]
        if channel == "cooperative":
            return refs[township.cooperative]
        return None

    def training(self, rng, people):
        for m, person in people:
            if not m.current or not 18 <= m.age_on(AS_OF) <= 60:
                continue
            if rng.random() < (TRAINED_CAPABLE if m.capable else TRAINED_OTHER):
                for course, provider in rng.sample(names.COURSES, 2 if rng.random() < 0.1 else 1):
                    self.add(Training, self.keys.take(Training), person, course,
                             _date(rng, D(2018, 3, 1), D(2020, 10, 15)), provider)

    def projects(self, rng, household, can_work):
        start = _date(rng, D(2020, 2, 1), D(2020, 9, 30))
        if not can_work and rng.random() < ENTRUSTED:
            kinds = ["entrusted"]
        else:
            first = "courtyard_livestock" if rng.random() < 0.6 else "courtyard_planting"
            other = "courtyard_planting" if first == "courtyard_livestock" else "courtyard_livestock"
            kinds = [first, other] if rng.random() < DOUBLE_PROJECT else [first]
        for kind in kinds:
            name, low, high = rng.choice(names.HOUSEHOLD_PROJECTS[kind])
            self.add(HouseholdProject, self.keys.take(HouseholdProject), household, kind, name,
                     _step(rng, low, high + 1, 100), start, _step(rng, 800, 3001, 100))

    def benefits(self, rng, household, village, township):
        """Industry benefits near the household (85 %); returns the yearly yuan they pay."""
        if rng.random() > BENEFIT:
            return 0
        tree = self.refs.tree
        roll = rng.random()
        if village.projects and roll < 0.65:
            pool = village.projects
        elif township.projects and roll < 0.85:
            pool = township.projects
        else:
            pool = tree.district_projects
        chosen = [rng.choice(pool)]
        if rng.random() < 0.1:
            chosen.append(rng.choice(tree.district_projects))
        total = 0
        for index in dict.fromkeys(chosen):
            project = tree.industry[index]
            start = max(project["start"], _date(rng, D(2019, 1, 1), D(2020, 8, 31)))
            amount = _step(rng, 300, 2001, 50)
            total += amount
            self.add(IndustryBeneficiary, self.keys.take(IndustryBeneficiary), self.refs.industry[index], household,
                     project["way"], start, amount)
        return total

    def pairing(self, rng, household, township, members):
        """A cadre of the township's units for every 3-5 neighbouring households; a tenth of them had an
        earlier cadre until 2018-19; assistance given under the current pairing in 2020."""
        if self.cadre is None or self.cadre[1] == 0 or self.cadre[3] is not township:
            previous = self.cadre[0] if self.cadre and self.cadre[3] is township else None
            if previous is None:
                self.cadre_names.clear()
            unit = self.refs.units[rng.choice(township.units)]
            name = person_name(rng, rng.random() < 0.6)
            while (name, unit) in self.cadre_names:
                name = person_name(rng, rng.random() < 0.6)
            self.cadre_names.add((name, unit))
            cadre = self.keys.take(Cadre)
            self.add(Cadre, cadre, name, unit)
            self.cadre = [cadre, _int(rng, 3, 5), previous, township]
        cadre, _, previous, _ = self.cadre
        self.cadre[1] -= 1
        if previous is not None and rng.random() < 0.1:
            start = _date(rng, D(2018, 1, 1), D(2019, 12, 31))
            earlier = _date(rng, D(2015, 10, 1), D(2016, 6, 30))
            self.add(Pairing, self.keys.take(Pairing), previous, household, earlier, start - datetime.timedelta(days=1))
        else:
            start = _date(rng, D(2016, 1, 1), D(2019, 12, 31))
        pairing = self.keys.take(Pairing)
        self.add(Pairing, pairing, cadre, household, start, None)
        first = max(ASSISTANCE_YEAR[0], start)
        for kind, amount in _assistance(rng, members):
            self.add(AssistanceRecord, self.keys.take(AssistanceRecord), pairing,
                     _date(rng, first, ASSISTANCE_YEAR[1]), kind, amount, rng.choice(NOTES[kind]))


def _former_member(rng, head):
    """A member who died or married out since registration: kept on the register, never counted."""
    if rng.random() < 0.6:
        male = rng.random() < 0.45
        birth = D(_int(rng, 1925, 1940), _int(rng, 1, 12), _int(rng, 1, 28))
        return Member(person_name(rng, male), male, birth, "father" if male else "mother", health="serious",
                      status="deceased")
    birth = D(_int(rng, 1992, 2000), _int(rng, 1, 12), _int(rng, 1, 28))
    return Member(person_name(rng, False, head.name[0]), False, birth, "daughter", labor="ordinary",
                  status="moved_out")


def _wages(start, end, monthly):
    """Yuan earned in the as-of year from one placement (whole months)."""
    first, last = max(start, D(YEAR, 1, 1)), min(end or D(YEAR, 12, 31), D(YEAR, 12, 31))
    if first > last:
        return 0
    return ((last.year - first.year) * 12 + last.month - first.month + 1) * monthly


def _income_per_member(rng, watch, exit_year, wages, size):
    """Net income per member in fen: under 5,000 yuan on the watch list, at or above the line otherwise."""
    if watch:
        return _int(rng, 405_000, 499_000)
    if exit_year == YEAR:
        return _int(rng, 410_000, 560_000)
    floor = max(510_000, wages * 100 // max(size, 1) + _int(rng, 20_000, 150_000))
    return _int(rng, floor, floor + 300_000)


def _incomes(rng, household, exit_year, per_member, size, wages, dividends):
    """Income records of the as-of year and the year before, as (household, year, yuan ...)."""
    size = max(size, 1)
    low = max(380_000, per_member * _int(rng, 85, 95) // 100)
    last_year = _int(rng, 290_000, 370_000) if exit_year == YEAR else low
    for year, total, wage, dividend in ((YEAR, per_member * size, wages * 100, dividends * 100),
                                        (YEAR - 1, last_year * size, wages * 90, dividends * 50)):
        _, _, *fen = _record(rng, household, year, total, wage, dividend)
        yield (household, year, *(f"{f // 100}.{f % 100:02d}" for f in fen))


def _assessments(rng, exit_year, renovated):
    """A 2019 assessment (a house awaiting renovation fails on housing, a household exiting in 2020 on one
    check) and a 2020 one meeting all five checks."""
    checks = dict.fromkeys(("food", "clothing", "education", "medical", "housing"), True)
    if renovated == 2019:
        checks["housing"] = False
    if exit_year == YEAR:
        checks[rng.choice(("medical", "housing", "education"))] = False
    yield _date(rng, D(2019, 3, 1), D(2019, 5, 31)), tuple(checks.values())
    yield _date(rng, D(2020, 6, 1), D(2020, 9, 30)), (True,) * 5


def _assistance(rng, members):
    """(kind, yuan or None) of the assistance one household received in 2020, in the page's shares."""
    given = [("visit", None), ("visit", None), ("problem_solved", None)]
    if rng.random() < 160 / 4146:
        given.append(("problem_solved", None))
    if rng.random() < 1220 / 4146:
        given.append(("money_goods", _step(rng, 150, 651, 10)))
    if any(m.health in ("serious", "chronic") for m in members) and rng.random() < 0.063:
        given.append(("medical_aid", _step(rng, 500, 3001, 100)))
    if any(m.school_stage not in ("none", "preschool") for m in members) and rng.random() < 0.07:
        given.append(("education_aid", _step(rng, 1000, 3001, 100)))
    if any(m.capable for m in members) and rng.random() < 0.16:
        given.append(("job_coordination", None))
    return given
