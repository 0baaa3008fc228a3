"""The whole synthetic district as plain records (tuples), before anything touches the database.

Indexes point into the plan's own lists (`family.index`, `member.index`, a unit's or project's
position); the writer turns them into primary keys.
"""

import datetime
from dataclasses import dataclass, field


@dataclass
class Plan:
    families: list
    employers: list = field(default_factory=list)  # (name, address)
    units: list = field(default_factory=list)  # name
    cadres: list = field(default_factory=list)  # (name, unit index)
    industry: list = field(default_factory=list)  # dict of IndustryProject fields, township/village as codes
    placements: list = field(default_factory=list)  # (person, channel, employer or None, start, end, monthly)
    trainings: list = field(default_factory=list)  # (person, course, date, provider)
    household_projects: list = field(default_factory=list)  # (family, type, name, funds, start, expected)
    beneficiaries: list = field(default_factory=list)  # (project, family, way, start, yearly amount)
    pairings: list = field(default_factory=list)  # (cadre, family, start, end)
    assistance: list = field(default_factory=list)  # (pairing, date, kind, amount or None, note)
    # (family, year, wage, business, property, transfer, costs[, medical, education]) fen
    incomes: list = field(default_factory=list)
    # (family, date, food, clothing, education, medical, housing[, drinking water])
    assessments: list = field(default_factory=list)
    cases: list = field(default_factory=list)  # through.PlannedCase: monitoring cases after 2020

    def employer(self, name, address=""):
        """The index of the employer called `name`, added on first use."""
        for i, (known, _) in enumerate(self.employers):
            if known == name:
                return i
        self.employers.append((name, address))
        return len(self.employers) - 1


def random_date(rng, start, end):
    """A date from `start` to `end` inclusive."""
    return start + datetime.timedelta(days=rng.randint(0, (end - start).days))


def pick_people(rng, families, target):
    """Families whose current members add up to exactly `target` people (first ones preferred)."""
    chosen, total = [], 0
    rest = []
    for family in families:
        if total + family.size <= target:
            chosen.append(family)
            total += family.size
        else:
            rest.append(family)
        if total == target:
            return chosen
    for family in rest:
        if family.size == target - total:
            return [*chosen, family]
    # Swap one chosen family for a larger one to close the gap.
    for out in chosen:
        for family in rest:
            if family.size - out.size == target - total:
                return [f for f in chosen if f is not out] + [family]
    raise ValueError(f"cannot pick families holding exactly {target} people")
