"""Invented families: who lives in a household, their ages, health, schooling and labor capacity.

Plain Python objects only (no database): `make_family(rng, size, ...)` returns the members of one
household as of a reference date; IDs are numbered by `IdNumbers`.
"""

import datetime
from dataclasses import dataclass, field

from households.validators import complete_id_number

from .names import FEMALE_GIVEN, MALE_GIVEN, SURNAMES


@dataclass(eq=False, slots=True)
class Member:
    """One member of an invented household."""

    name: str
    male: bool
    birth: datetime.date
    relation: str
    health: str = "healthy"
    school_stage: str = "none"
    labor: str = "none"
    status: str = "normal"
    id_number: str = ""
    index: int = 0  # position among all people, for primary keys

    def age_on(self, day):
        return day.year - self.birth.year - ((day.month, day.day) < (self.birth.month, self.birth.day))

    @property
    def current(self):
        return self.status == "normal"

    @property
    def capable(self):
        return self.current and self.labor in ("ordinary", "skilled", "weak")


@dataclass(eq=False, slots=True)
class Family:
    """One invented household and what is done for it (filled in by later steps)."""

    village: tuple  # (code, name, township code)
    exit_year: int | None
    members: list
    index: int = 0
    code: str = ""
    registered_year: int = 2014
    category: str = "general"
    cause: str = "illness"
    dibao: bool = False
    insurance: bool = False
    renovated: int | None = None
    watch: str = ""  # "low_income" for the return-to-poverty watch list
    registered: bool = True  # False: never on the register (found at the edge of poverty after 2020)
    household_type: str = ""  # "monitored" once a case of it is identified
    extra: dict = field(default_factory=dict)

    @property
    def current(self):
        return [m for m in self.members if m.current]

    @property
    def size(self):
        return sum(1 for m in self.members if m.current)

    @property
    def head(self):
        return self.members[0]


class IdNumbers:
    """Invented, unique ID numbers: area 211302, the birth date, a sequence of the sex's parity."""

    def __init__(self):
        self.used = {}

    def next(self, birth, male):
        key = birth.strftime("%Y%m%d")
        n = self.used.get(key, 0) * 2 + (1 if male else 2)
        self.used[key] = self.used.get(key, 0) + 1
        if n > 999:
            raise ValueError(f"too many people born on {key}")
        return complete_id_number(f"211302{key}{n:03d}")


def person_name(rng, male, surname=None):
    given = MALE_GIVEN if male else FEMALE_GIVEN
    length = 1 if rng.random() < 0.3 else 2
    return (surname or rng.choice(SURNAMES)) + "".join(rng.choice(given) for _ in range(length))


def birth_for(rng, age, on):
    """A birth date making someone `age` years old on `on`."""
    day = on - datetime.timedelta(days=rng.randrange(365))
    try:
        return day.replace(year=day.year - age)
    except ValueError:  # 29 February
        return day.replace(year=day.year - age, day=28)


def school_stage(rng, age):
    if age < 3:
        return "none"
    if age <= 5:
        return "preschool" if rng.random() < 0.6 else "none"
    if age <= 11:
        return "primary"
    if age <= 14:
        return "junior"
    if age <= 17:
        return "senior" if rng.random() < 0.65 else "vocational"
    if age <= 21:
        return "college" if rng.random() < 0.4 else "none"
    return "none"


def health(rng, age, frail=False):
    """Older and poorer people are more often ill; `frail` for single adults living alone."""
    roll = rng.random()
    if frail:
        weights = (0.2, 0.45, 0.15, 0.2)
    elif age >= 60:
        weights = (0.4, 0.4, 0.1, 0.1)
    elif age >= 40:
        weights = (0.7, 0.18, 0.05, 0.07)
    else:
        weights = (0.85, 0.07, 0.03, 0.05)
    for kind, weight in zip(("healthy", "chronic", "serious", "disabled"), weights, strict=True):
        if roll < weight:
            return kind
        roll -= weight
    return "disabled"


def labor_capacity(rng, member, on):
    """Labor capacity from age, health and schooling (有劳动能力 = ordinary, skilled or weak)."""
    age = member.age_on(on)
    if age < 16 or member.school_stage != "none":
        return "none"
    if member.health == "serious":
        return "lost"
    if member.health == "disabled":
        return "weak" if rng.random() < 0.3 and age < 60 else "lost"
    if age >= 76:
        return "none"
    if age >= 65:
        chance = 0.7 if member.health == "healthy" else 0.3
        return "weak" if rng.random() < chance else "none"
    if age >= 60:
        if member.health == "chronic":
            return "weak" if rng.random() < 0.5 else "lost"
        return "weak" if rng.random() < 0.75 else "ordinary"
    if member.health == "chronic":
        return "weak" if rng.random() < 0.75 else "lost"
    return "skilled" if rng.random() < 0.2 else "ordinary"


def _member(rng, on, relation, male, age, surname=None, frail=False):
    m = Member(person_name(rng, male, surname), male, birth_for(rng, age, on), relation)
    m.school_stage = school_stage(rng, age)
    m.health = health(rng, age, frail) if age >= 16 else ("healthy" if rng.random() < 0.93 else "disabled")
    return m


def _child(rng, on, parent_age, surname, relation_male="son", relation_female="daughter", oldest=26):
    male = rng.random() < 0.52
    age = rng.randint(1, max(1, min(oldest, parent_age - 20)))
    return _member(rng, on, relation_male if male else relation_female, male, age, surname)


TEMPLATES = {
    1: (("elderly_single", 0.7), ("single_adult", 0.3)),
    2: (("elderly_couple", 0.5), ("couple", 0.2), ("single_parent", 0.3)),
    3: (("couple_child", 0.55), ("elderly_with_son", 0.25), ("single_parent_two", 0.2)),
    4: (("couple_two_children", 0.65), ("couple_child_grandparent", 0.35)),
    5: (("three_generations", 0.5), ("couple_two_children_grandparent", 0.5)),
    6: (("three_generations", 1.0),),
}


def _pick(rng, choices):
    roll = rng.random()
    for name, weight in choices:
        if roll < weight:
            return name
        roll -= weight
    return choices[-1][0]


def make_family(rng, size, on):
    """The members of a household of `size` current members as of the date `on` (head first)."""
    kind = _pick(rng, TEMPLATES[min(size, 6)])
    if kind == "elderly_single":
        male = rng.random() < 0.4
        return [_member(rng, on, "head", male, rng.randint(62, 92), frail=True)]
    if kind == "single_adult":
        return [_member(rng, on, "head", rng.random() < 0.6, rng.randint(35, 61), frail=True)]
    head_age = {"elderly_couple": (60, 86), "couple": (40, 60), "elderly_with_son": (58, 80),
                "three_generations": (52, 72)}.get(kind, (30, 56))
    age = rng.randint(*head_age)
    single = kind.startswith("single_parent")
    head = _member(rng, on, "head", not single or rng.random() < 0.4, age)
    surname = head.name[0]
    members = [head]
    if not single:
        members.append(_member(rng, on, "spouse", not head.male, max(20, age - rng.randint(-2, 5))))
    if kind in ("single_parent", "couple_child", "couple_two_children", "couple_child_grandparent",
                "couple_two_children_grandparent", "single_parent_two"):
        children = 2 if "two" in kind else 1
        members += [_child(rng, on, age, surname) for _ in range(children)]
    if kind == "elderly_with_son":
        members.append(_member(rng, on, "son", True, rng.randint(25, max(25, age - 22)), surname))
    if kind in ("couple_child_grandparent", "couple_two_children_grandparent"):
        male = rng.random() < 0.35
        members.append(_member(rng, on, "father" if male else "mother", male, min(95, age + rng.randint(22, 32))))
    if kind == "three_generations":
        son_age = rng.randint(26, max(26, age - 22))
        members.append(_member(rng, on, "son", True, son_age, surname))
        members.append(_member(rng, on, "daughter_in_law", False, max(22, son_age - rng.randint(-2, 4))))
        for _ in range(size - 4):
            members.append(_child(rng, on, son_age, surname, "grandson", "granddaughter", oldest=15))
    while len(members) < size:  # families of 6 or more take further children
        members.append(_child(rng, on, age, surname))
    del members[size:]
    for m in members:
        m.labor = labor_capacity(rng, m, on)
    return members


def main_cause(rng, members):
    """The household's main cause of poverty, from its members' health, schooling and labor."""
    if any(m.health == "serious" or m.health == "chronic" for m in members) and rng.random() < 0.6:
        return "illness"
    if any(m.health == "disabled" for m in members) and rng.random() < 0.7:
        return "disability"
    if any(m.school_stage in ("senior", "vocational", "college") for m in members) and rng.random() < 0.6:
        return "schooling"
    if not any(m.capable for m in members):
        return "lack_labor"
    return rng.choice(("lack_funds", "lack_skills", "lack_land", "lack_water", "poor_transport",
                       "lack_motivation", "disaster", "lack_funds", "lack_skills"))
