"""The floor of the coverage report: every indicator of INDICATORS.md, for the district and by township,
computed by one hand-written SQL statement sent straight through the database connection.

`floor_figures(as_of)` and `report_figures(user, as_of)` return the same shape,
{township id or None for the district: {indicator key: (numerator, denominator)}}, so the benchmark
checks that the two agree before it times them. With `township=<id>` both give that township and its
villages instead (the township dashboard's figures).
"""

from django.db import connection

from households.models import Township
from households.scope import Scope
from reports.indicators import coverage_with_areas

ACTIVE = "start <= %(day)s AND (\"end\" IS NULL OR \"end\" >= %(day)s)"

# Written as a person would for speed: each "has a record in force" is a hashed set of ids, members
# and the latest assessment come from one grouped pass, and ROLLUP gives the district with the
# townships in the same pass.
FLOOR_SQL = f"""
WITH hh AS (
    SELECT h.id, %(group)s AS township_id,
        h.id IN (SELECT household_id FROM projects_pairing WHERE {ACTIVE}) AS paired,
        h.id IN (SELECT household_id FROM projects_householdproject WHERE {ACTIVE}) AS project,
        h.id IN (SELECT household_id FROM projects_industrybeneficiary WHERE {ACTIVE}) AS industry,
        COALESCE(h.exit_year <= %(year)s, false) AS exited,
        ir.id IS NOT NULL AS has_income,
        COALESCE(
            ir.wage_income + ir.business_income + ir.property_income + ir.transfer_income - ir.business_costs
            >= (SELECT amount FROM households_povertyline WHERE year = %(year)s) * m.members AND m.members > 0,
            false
        ) AS income_ok,
        la.last IS NOT NULL AS assessed,
        COALESCE(la.last = la.last_ok, false) AS assessed_ok
    FROM households_household h
    JOIN households_village v ON v.id = h.village_id
    LEFT JOIN households_incomerecord ir ON ir.household_id = h.id AND ir.year = %(year)s
    LEFT JOIN (
        SELECT household_id, count(*) AS members FROM households_person WHERE status = 'normal' GROUP BY household_id
    ) m ON m.household_id = h.id
    LEFT JOIN (
        SELECT household_id, max(date) AS last,
            max(date) FILTER (WHERE food AND clothing AND education AND medical AND housing) AS last_ok
        FROM households_assessment WHERE date <= %(day)s GROUP BY household_id
    ) la ON la.household_id = h.id
    WHERE h.registered AND NOT h.removed_in_error %(only)s
), households AS (
    SELECT COALESCE(township_id, 0) AS area, count(*) AS households,
        count(*) FILTER (WHERE paired) AS paired, count(*) FILTER (WHERE project) AS project,
        count(*) FILTER (WHERE industry) AS industry, count(*) FILTER (WHERE exited) AS exited,
        count(*) FILTER (WHERE has_income) AS has_income, count(*) FILTER (WHERE income_ok) AS income_ok,
        count(*) FILTER (WHERE assessed) AS assessed, count(*) FILTER (WHERE assessed_ok) AS assessed_ok
    FROM hh GROUP BY ROLLUP (township_id)
), people AS (
    SELECT COALESCE(%(group)s, 0) AS area, count(*) AS people,
        count(*) FILTER (WHERE p.medical_insurance) AS insured,
        count(*) FILTER (WHERE p.labor_capacity IN ('ordinary', 'skilled', 'weak')) AS capable,
        count(*) FILTER (WHERE p.labor_capacity IN ('ordinary', 'skilled', 'weak')
                         AND p.id IN (SELECT person_id FROM projects_employmentplacement WHERE {ACTIVE})) AS employed
    FROM households_person p
    JOIN households_household h ON h.id = p.household_id
    JOIN households_village v ON v.id = h.village_id
    WHERE p.status = 'normal' AND h.registered AND NOT h.removed_in_error %(only)s
    GROUP BY ROLLUP (%(group)s)
)
SELECT COALESCE(h.area, p.area),
    employed, capable, paired, households, project, households, industry, households, insured, people,
    income_ok, has_income, assessed_ok, assessed, exited, households
FROM households h FULL JOIN people p ON h.area = p.area
"""

KEYS = ("employment", "pairing", "household_project", "industry_benefit", "medical_insurance",
        "income_above_line", "two_no_worries_three_assurances", "exited")


def floor_sql(township=None):
    """FLOOR_SQL for the district by township, or for one township by village."""
    if township is None:
        return FLOOR_SQL.replace("%(group)s", "v.township_id").replace("%(only)s", "")
    return FLOOR_SQL.replace("%(group)s", "v.id").replace("%(only)s", "AND v.township_id = %(township)s")


def floor_figures(as_of, township=None):
    """Every indicator by township and for the district (or by village and for `township`), from FLOOR_SQL."""
    with connection.cursor() as cursor:
        cursor.execute(floor_sql(township), {"day": as_of, "year": as_of.year, "township": township})
        rows = cursor.fetchall()
    result = {}
    for area, *figures in rows:  # area 0: the district (ROLLUP's total row)
        pairs = [(figures[i] or 0, figures[i + 1] or 0) for i in range(0, len(figures), 2)]
        result[area or None] = dict(zip(KEYS, pairs, strict=True))
    return result


def report_figures(user, as_of, township=None):
    """The same figures as the report computes them (reports.indicators.coverage_with_areas)."""
    scope = Scope(as_of) if township is None else Scope(as_of, township=Township.objects.get(pk=township))
    figures, by_area = coverage_with_areas(user, scope)
    result = {None: {key: (f.numerator, f.denominator) for key, f in figures.items()}}
    for area, figures in by_area:
        counted = {key: (f.numerator, f.denominator) for key, f in figures.items()}
        if any(denominator for _, denominator in counted.values()):
            result[area.pk] = counted
    return result
