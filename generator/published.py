"""A synthetic Shuangta district whose totals equal the published 2020 figures (DOMAIN.md).

    plan = plan_published(seed=1)        # plain records, no database
    counts = write_plan(plan)            # bulk writes in one transaction

Generation (families, then what is done for them) is separate from writing, so another writer
(e.g. PostgreSQL COPY) or a scaled plan can reuse either half. Deterministic for a given seed.
"""

import random

from generator.district import Targets, build_families
from generator.money import assign_assessments, assign_flags, assign_incomes
from generator.plan import Plan
from generator.support import (
    assign_assistance,
    assign_benefits,
    assign_household_projects,
    assign_pairings,
    build_industry_projects,
)
from generator.through import continue_through
from generator.work import assign_jobs, assign_training
from generator.writer import write_plan


def plan_published(seed=1, targets=None, through=None):
    """Every record of the published district for `seed`, as a Plan; with `through` (a year after
    2020), continued year by year to it (`generator.through`)."""
    targets = targets or Targets()
    rng = random.Random(seed)
    plan = Plan(build_families(rng, targets))
    assign_jobs(rng, plan, targets)
    assign_training(rng, plan, targets)
    assign_household_projects(rng, plan, targets)
    build_industry_projects(rng, plan, targets)
    assign_benefits(rng, plan)
    current = assign_pairings(rng, plan)
    assign_assistance(rng, plan, targets, current)
    assign_flags(rng, plan, targets)
    assign_incomes(rng, plan)
    assign_assessments(rng, plan)
    if through is not None and through > 2020:
        continue_through(plan, seed, through)
    return plan


__all__ = ["Plan", "Targets", "plan_published", "write_plan"]
