"""Jobs and training: every labor-capable person placed, channel by channel, as the page counts them."""

import datetime

from . import names
from .district import AS_OF
from .plan import random_date

D = datetime.date
CAPABLE_FULLY = ("ordinary", "skilled")

# Who a channel takes first: (channel, rule on (member, age)).
CHANNEL_RULES = (
    ("targeted_recruitment", lambda m, age: 22 <= age <= 32 and m.labor in CAPABLE_FULLY),
    ("outside_city", lambda m, age: 18 <= age <= 45 and m.labor in CAPABLE_FULLY),
    ("enterprise", lambda m, age: 18 <= age <= 55 and m.labor in CAPABLE_FULLY),
    ("workshop", lambda m, age: 20 <= age <= 58 and not m.male),
    ("home_based", lambda m, age: age >= 30 and not m.male),
    ("public_welfare", lambda m, age: age >= 40),
    ("cooperative", lambda m, age: 30 <= age <= 65),
)
MONTHLY = {  # yuan a month: (low, high, step)
    "targeted_recruitment": (2800, 3600, 100), "outside_city": (3000, 4500, 100), "enterprise": (2200, 3200, 100),
    "workshop": (2000, 2000, 100), "home_based": (600, 1200, 50), "public_welfare": (500, 800, 50),
    "cooperative": (800, 1600, 50), "flexible": (600, 2000, 50),
}


def assign_jobs(rng, plan, targets):
    """An active placement on the date for every labor-capable person, in the page's channel counts;
    some people also held an earlier job that ended in 2019."""
    owner = {m.index: f for f in plan.families for m in f.members}
    waiting = [m for f in plan.families for m in f.members if m.capable]
    rng.shuffle(waiting)
    channel_of = {}
    for channel, rule in CHANNEL_RULES:
        quota = targets.channels[channel]
        fits = [m for m in waiting if rule(m, m.age_on(AS_OF))]
        taken = fits[:quota]
        if len(taken) < quota:
            taken_ids = {m.index for m in taken}
            taken += [m for m in waiting if m.index not in taken_ids][: quota - len(taken)]
        taken_ids = {m.index for m in taken}
        waiting = [m for m in waiting if m.index not in taken_ids]
        channel_of.update((m.index, channel) for m in taken)
    channel_of.update((m.index, "flexible") for m in waiting)

    enterprises = [name for name, count in names.ENTERPRISES for _ in range(count)]
    rng.shuffle(enterprises)
    for member in sorted((m for f in plan.families for m in f.members if m.index in channel_of),
                         key=lambda m: m.index):
        channel = channel_of[member.index]
        if channel == "targeted_recruitment":
            member.labor = "skilled"
        township = owner[member.index].village[2]
        employer = _employer(rng, plan, channel, township, enterprises)
        start = _start(rng, channel)
        low, high, step = MONTHLY[channel]
        monthly = rng.randrange(low, high + 1, step)
        plan.placements.append((member.index, channel, employer, start, None, monthly))
        if start >= D(2020, 1, 1) and rng.random() < 0.12:
            earlier = random_date(rng, D(2019, 3, 1), D(2019, 6, 30))
            ended = random_date(rng, D(2019, 9, 1), D(2019, 12, 31))
            plan.placements.append((member.index, "flexible", None, earlier, ended, rng.randrange(600, 1500, 50)))


def _employer(rng, plan, channel, township, enterprises):
    if channel == "enterprise":
        return plan.employer(enterprises.pop(), "朝阳市双塔区")
    if channel == "outside_city":
        return plan.employer(rng.choice(names.OUTSIDE_CITY), "朝阳市外")
    if channel == "targeted_recruitment":
        return plan.employer(names.TARGETED, "朝阳市双塔区")
    if channel == "workshop":
        return plan.employer(names.WORKSHOP, "长宝营子乡扶贫产业园")
    if channel == "home_based":
        return plan.employer(rng.choice(names.HOME_BASED), "朝阳市双塔区")
    if channel == "public_welfare":
        return plan.employer(names.PUBLIC_WELFARE[township])
    if channel == "cooperative":
        return plan.employer(names.COOPERATIVES[township])
    return None


def _start(rng, channel):
    if channel == "targeted_recruitment":
        return random_date(rng, D(2016, 8, 1), D(2020, 8, 1))
    if rng.random() < 0.7:
        return random_date(rng, D(2020, 1, 2), D(2020, 9, 30))
    return random_date(rng, D(2018, 3, 1), D(2019, 12, 31))


def wages_in(plan, year):
    """{person index: yuan of wages in `year`} from the placements in force during it (whole months)."""
    wages = {}
    for person, _channel, _employer, start, end, monthly in plan.placements:
        first = max(start, D(year, 1, 1))
        last = min(end or D(year, 12, 31), D(year, 12, 31))
        if first <= last:
            months = (last.year - first.year) * 12 + last.month - first.month + 1
            wages[person] = wages.get(person, 0) + months * monthly
    return wages


def assign_training(rng, plan, targets):
    """Trainings for exactly `targets.trained` people, mostly of working age; a tenth took two courses."""
    adults = [m for f in plan.families for m in f.members if m.current and 18 <= m.age_on(AS_OF) <= 60]
    preferred = [m for m in adults if m.capable] + [m for m in adults if not m.capable]
    head = preferred[: targets.trained + 400]
    rng.shuffle(head)
    trained = sorted(head[: targets.trained], key=lambda m: m.index)
    for member in trained:
        courses = rng.sample(names.COURSES, 2 if rng.random() < 0.1 else 1)
        for course, provider in courses:
            plan.trainings.append((member.index, course, random_date(rng, D(2018, 3, 1), D(2020, 10, 15)), provider))
