"""The dated steps of a generated case: identification from discovery to the county's decision, and
clearing once under monitoring, cut off at the last day generated (a case may stop at any step)."""

import datetime

D = datetime.date
DAY = datetime.timedelta(days=1)
REASONS = {
    "assisted": ("落实帮扶措施后收入稳定超过监测标准", "务工收入稳定，两不愁三保障和饮水安全持续巩固"),
    "natural": ("家庭成员康复，收入恢复", "灾后生产恢复，收入稳定"),
}


def _days(rng, low, high):
    return datetime.timedelta(days=rng.randint(low, high))


def _walk(rng, steps, start, end, plan):
    """Record `plan` ([(step, review, gap days)]) from `start` until a step would pass `end` or a
    review rejects: [(step, date, approved, notice_start, notice_end, note)]."""
    day = start
    for step, kind, (low, high) in plan:
        day = day + _days(rng, low, high)
        if day > end:
            return steps
        if kind == "notice":
            last = day + _days(rng, 4, 6)
            steps.append((step, day, None, day, last, ""))
            day = last
            continue
        approved = None
        if kind == "review":
            approved = rng.random() > 0.03
        steps.append((step, day, approved, None, None, "" if approved is not False else "评议未通过"))
        if approved is False:
            return steps
    return steps


IDENTIFY = (("visit", "", (1, 3)), ("consent", "", (0, 2)), ("appraisal", "review", (1, 3)),
            ("notice", "notice", (0, 1)), ("township_review", "review", (0, 2)), ("county_decision", "review", (1, 3)))
CLEAR = (("clear_appraisal", "review", (1, 4)), ("clear_notice", "notice", (0, 1)),
         ("clear_township_review", "review", (0, 2)), ("clear_county_decision", "review", (1, 4)))


def case_steps(rng, discovered, end):
    """Discovery and the identification steps after it (a few cases take longer than 15 days)."""
    steps = [("discovery", discovered, None, None, None, "")]
    plan = IDENTIFY
    if rng.random() < 0.08:  # a slow identification: the township review waits a week or more
        plan = (*IDENTIFY[:4], ("township_review", "review", (7, 12)), IDENTIFY[5])
    return _walk(rng, steps, discovered, end, plan)


def clearing_steps(rng, identified, end):
    """(clearing steps, method, reason): most cases cleared 6–20 months after identification, a few
    sooner (a flag for superiors), some still under monitoring at the end."""
    months = rng.randint(3, 5) if rng.random() < 0.08 else rng.randint(6, 20)
    visit = identified + datetime.timedelta(days=months * 30 + rng.randint(0, 20))
    method = "assisted" if rng.random() < 0.75 else "natural"
    reason = rng.choice(REASONS[method])
    if visit > end:
        return [], method, reason
    steps = [("clear_visit", visit, None, None, None, reason)]
    return _walk(rng, steps, visit, end, CLEAR), method, reason
