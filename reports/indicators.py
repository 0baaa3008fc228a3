"""The coverage indicators of INDICATORS.md: one definition per figure, used for its count and its list.

Each indicator in `INDICATORS` (ordered as INDICATORS.md, keyed by its `key`) offers:

    ind.key, ind.label, ind.unit          "employment", 就业率, "person" (or "household")
    ind.model                             Person or Household
    ind.population(user, scope)           the denominator rows (a queryset of ind.model)
    ind.covered(scope)                    a Q (often wrapping Exists) true for numerator rows
    ind.rows(user, scope, part)           part "numerator", "gap" or "denominator": the list behind a figure
    ind.figures(user, scope)              Figures(numerator, denominator) in one query

A staff list drills down with

    drill = drilldown(request.user, request.GET, unit="person")   # None when ?indicator= is absent
    queryset = drill.rows   # then select_related/order as the list needs

`coverage(user, scope)` and `coverage_by_area(user, scope)` compute every indicator at once
(one aggregate query per unit, one grouped query per unit for the breakdown), so a page's query
count never grows with rows or areas. Every queryset starts from `for_user(user)`.
"""

from django.db.models import Count, Exists, F, FilteredRelation, OuterRef, Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from households.choices import LABOR_CAPABLE
from households.figures import PARTS, Drilldown, Figures, Section, tally
from households.models import Assessment, Household, IncomeRecord, Person, PovertyLine, Township, Village
from households.models.income import THRESHOLD
from households.scope import Scope
from projects.models import EmploymentPlacement, HouseholdProject, IndustryBeneficiary, Pairing
from projects.models.dated import active_on_q
from projects.models.employment import employed_on_q


class Indicator:
    """A coverage figure over registered people or households; subclasses define the two sets."""

    key = label = unit = None
    model = None
    list_name = None  # the staff list (URL name) that shows its rows

    def __repr__(self):
        return f"<Indicator {self.key}>"

    def base(self, user, scope):
        """Registered rows of the indicator's unit in the scope and the user's area."""
        return self.model.objects.for_user(user).registered().filter(self.area_q(scope))

    def area_q(self, scope):
        return scope.household_q()

    def population_q(self, scope):
        """Q narrowing the registered rows to the denominator (empty: all of them)."""
        return Q()

    def covered(self, scope):
        """Q true for the rows of the numerator."""
        raise NotImplementedError

    def counted_q(self, scope):
        """`covered` as a count over every row evaluates it: by default the same Q.

        Where `covered` is "a related record exists", this is the same record set, narrowed to the
        scope's area, as a set of ids (`pk IN (...)`): PostgreSQL hashes it once instead of probing an
        index per row inside an aggregate's FILTER, which it cannot turn into a join; narrowed to
        the area, a township's set stays a township's size (docs/PERFORMANCE.md).
        """
        return self.covered(scope)

    def population_counted_q(self, scope):
        """`population_q` as a count evaluates it (see `counted_q`)."""
        return self.population_q(scope)

    def population(self, user, scope):
        """The denominator: the rows this figure is a share of."""
        return self.base(user, scope).filter(self.population_q(scope))

    def rows(self, user, scope, part):
        """The rows behind `part`: "numerator" (covered), "gap" (not covered) or "denominator" (all)."""
        population = self.population(user, scope)
        if part == "numerator":
            return population.filter(self.covered(scope))
        if part == "gap":
            return population.filter(~self.covered(scope))
        if part == "denominator":
            return population
        raise ValueError(f"part must be one of {PARTS}, not {part!r}")

    def aggregates(self, scope):
        """The Count expressions of this figure, named '<key>__numerator' and '<key>__denominator'."""
        population = self.population_counted_q(scope)
        return {
            f"{self.key}__denominator": _count(population),
            f"{self.key}__numerator": _count(population & self.counted_q(scope)),
        }

    def figures(self, user, scope):
        """This figure alone, in one query."""
        counts = self.base(user, scope).aggregate(**self.aggregates(scope))
        return _figures(self, counts)


class PersonIndicator(Indicator):
    unit = "person"
    model = Person
    list_name = "register:people"

    def area_q(self, scope):
        return scope.household_q("household__")


class HouseholdIndicator(Indicator):
    unit = "household"
    model = Household
    list_name = "register:households"


class Employment(PersonIndicator):
    key, label = "employment", _("Employment rate")

    def population_q(self, scope):
        return Q(labor_capacity__in=LABOR_CAPABLE)

    def records(self, scope):
        """The placements that make a person employed on the date (`employed_on_q`)."""
        return EmploymentPlacement.objects.active_on(scope.as_of)

    def covered(self, scope):
        return employed_on_q(scope.as_of)

    def counted_q(self, scope):
        return ids_in_area(self.records(scope), scope, "person__household__", "person_id")


class DatedHouseholdRecord(HouseholdIndicator):
    """Households with at least one record of `record_model` in force on the date."""

    record_model = None

    def records(self, scope):
        """The records in force on the date."""
        return self.record_model.objects.filter(active_on_q(scope.as_of))

    def covered(self, scope):
        return Q(Exists(self.records(scope).filter(household=OuterRef("pk"))))

    def counted_q(self, scope):
        return ids_in_area(self.records(scope), scope)


class PairingCoverage(DatedHouseholdRecord):
    key, label, record_model = "pairing", _("Pairing coverage"), Pairing


class HouseholdProjectCoverage(DatedHouseholdRecord):
    key, label, record_model = "household_project", _("Household project coverage"), HouseholdProject


class IndustryBenefit(DatedHouseholdRecord):
    key, label, record_model = "industry_benefit", _("Industry-driven coverage"), IndustryBeneficiary


class MedicalInsurance(PersonIndicator):
    key, label = "medical_insurance", _("Basic medical insurance enrolment rate")

    def covered(self, scope):
        return Q(medical_insurance=True)


class IncomeAboveLine(HouseholdIndicator):
    key, label = "income_above_line", _("Net income per member at or above the line rate")

    def population_q(self, scope):
        return Q(Exists(IncomeRecord.objects.filter(household=OuterRef("pk"), year=scope.year)))

    def population_counted_q(self, scope):
        return ids_in_area(IncomeRecord.objects.filter(year=scope.year), scope)

    def records(self, scope):
        """Income records of the year at or above that year's line per member."""
        line = PovertyLine.objects.of_year(scope.year)
        return income_records_per_member(scope.year).filter(net__gte=line * F("members"))

    def covered(self, scope):
        return Q(Exists(self.records(scope).filter(household=OuterRef("pk"))))

    def counted_q(self, scope):
        return ids_in_area(self.records(scope), scope)


class TwoNoWorriesThreeAssurances(HouseholdIndicator):
    key, label = "two_no_worries_three_assurances", _("Two no-worries and three assurances rate")

    def population_q(self, scope):
        return Q(Exists(Assessment.objects.filter(household=OuterRef("pk"), date__lte=scope.as_of)))

    def population_counted_q(self, scope):
        return ids_in_area(Assessment.objects.filter(date__lte=scope.as_of), scope)

    def records(self, scope):
        """Each household's latest assessment on or before the date, when it meets all the checks
        (`Assessment.objects.latest_on`: one per household and date)."""
        return Assessment.objects.latest_on(scope.as_of).filter(Assessment.meets_all_q())

    def covered(self, scope):
        return Q(Exists(self.records(scope).filter(household=OuterRef("pk"))))

    def counted_q(self, scope):
        """`records` of the scope's area as a set (`latest_set_on`: DISTINCT ON on PostgreSQL)."""
        latest = Assessment.objects.filter(scope.household_q("household__")).latest_set_on(scope.as_of)
        return ids_in_area(latest.filter(Assessment.meets_all_q()), scope)


class Exited(HouseholdIndicator):
    key, label = "exited", _("Exit rate")

    def covered(self, scope):
        return Q(exit_year__lte=scope.year)


class RemainingPoor(HouseholdIndicator):
    key, label = "remaining_poor", _("Households not exited before the year")

    def covered(self, scope):
        return Q(exit_year__isnull=True) | Q(exit_year__gte=scope.year)

    def member_counted_q(self, scope):
        """The numerator over `with_members(...)` rows (see `LowIncomeExited.member_counted_q`)."""
        return self.population_q(scope) & self.covered(scope)


class LowIncomeExited(HouseholdIndicator):
    """Households that exited before the date's year and whose net income per member for the year is
    under its monitoring threshold (5,000 yuan in 2020): the return-to-poverty watch list."""

    key, label = "low_income_exited", _("Exited households under the monitoring threshold")

    def population_q(self, scope):
        return Q(exit_year__lt=scope.year)

    def covered(self, scope):
        return Q(Exists(income_records_per_member(scope.year).filter(
            household=OuterRef("pk"), net__lt=self.threshold(scope) * F("members")
        )))

    def member_counted_q(self, scope):
        """The numerator over households annotated by `with_members(households, year)`: the test of
        `covered` on
        the household's one income record of the year (unique per household and year) and its
        member count, which a count of several lists then computes once (docs/PERFORMANCE.md).
        A household without current members is never under the threshold, as in `covered`."""
        return self.population_q(scope) & Q(
            member_count__gt=0, year_net__lt=self.threshold(scope) * F("member_count")
        )

    def threshold(self, scope):
        """The year's monitoring threshold (NULL without a poverty line: nobody is under it)."""
        return PovertyLine.objects.of_year(scope.year, THRESHOLD)


INDICATORS = {
    ind.key: ind
    for ind in (
        Employment(), PairingCoverage(), HouseholdProjectCoverage(), IndustryBenefit(), MedicalInsurance(),
        IncomeAboveLine(), TwoNoWorriesThreeAssurances(), Exited(),
    )
}


# Lists that open from the report's totals rather than from a rate; drilled down the same way.
WATCH_LISTS = {ind.key: ind for ind in (RemainingPoor(), LowIncomeExited())}


def income_records_per_member(year):
    """Income records of `year` annotated with `net` (household net income) and `members` (current
    members, `Household.member_count`): net per member is net / members, compared as net against
    amount × members. A household without current members has no net per member: its records are left
    out, so it is never above or below a line.
    """
    return IncomeRecord.objects.filter(year=year, household__member_count__gt=0).annotate(
        net=IncomeRecord.objects.net_total_expression(), members=F("household__member_count")
    )


def with_members(households, year):
    """Households annotated with `year_net`, the net income of their income record of `year` (NULL
    without one): with their stored `member_count` (current members), the rows on which the watch
    lists' `member_counted_q` count households, and `Sum("member_count")` their people."""
    return households.annotate(
        year_income=FilteredRelation("income_records", condition=Q(income_records__year=year)),
    ).annotate(year_net=IncomeRecord.objects.net_total_expression("year_income__"))


def ids_in_area(records, scope, path="household__", column="household_id"):
    """Q: the row's key is among the `column` values of `records` in the scope's area (reached by `path`)."""
    return Q(pk__in=records.filter(scope.household_q(path)).values(column))


def _count(condition):
    return Count("pk", filter=condition) if condition else Count("pk")


def _figures(indicator, counts, prefix=""):
    return Figures(
        numerator=counts[f"{prefix}{indicator.key}__numerator"] or 0,
        denominator=counts[f"{prefix}{indicator.key}__denominator"] or 0,
    )


def _by_unit():
    units = {}
    for ind in INDICATORS.values():
        units.setdefault(ind.unit, []).append(ind)
    return units.values()


def coverage_counts(user, scope):
    """The numerator and denominator of every indicator ('<key>__numerator', …): one aggregate query
    per unit (people, households); per village for `VillageGroups`."""
    result = {}
    for group in _by_unit():
        first = group[0]
        aggregates = {name: expr for ind in group for name, expr in ind.aggregates(scope).items()}
        path = "household__village" if first.unit == "person" else "village"
        counts = tally(first.base(user, scope), scope, path, aggregates)
        if getattr(scope, "grouped", False):
            for village, village_counts in counts.items():
                result.setdefault(village, {}).update(village_counts)
        else:
            result.update(counts)
    return result


def coverage_present(user, scope, counts):
    """{key: Figures} in the order of INDICATORS."""
    return {key: _figures(ind, counts) for key, ind in INDICATORS.items()}


COVERAGE = Section(coverage_counts, coverage_present,
                   keys=tuple(f"{key}__{part}" for key in INDICATORS for part in ("numerator", "denominator")))


def coverage(user, scope):
    """Every indicator for the scope: {key: Figures}, one aggregate query per unit (people, households)."""
    return COVERAGE(user, scope)


def sub_areas(user, scope):
    """The areas of the by-area breakdown the user may see: townships of the district, villages of a
    township, none for a village."""
    if scope.level == "district":
        return list(Township.objects.for_user(user))
    if scope.level == "township":
        return list(Village.objects.for_user(user).filter(township=scope.township))
    return []


def coverage_by_area(user, scope):
    """Every indicator per sub-area: [(area, {key: Figures})], areas without rows included (rate None).

    One grouped query per unit plus one for the areas, however many areas there are.
    """
    areas = sub_areas(user, scope)
    if not areas:
        return []
    group_path = "village__township" if scope.level == "district" else "village"
    counts = {area.pk: {} for area in areas}
    for group in _by_unit():
        first = group[0]
        path = f"household__{group_path}" if first.unit == "person" else group_path
        aggregates = {name: expr for ind in group for name, expr in ind.aggregates(scope).items()}
        rows = first.base(user, scope).order_by().values(path).annotate(**aggregates)
        for row in rows:
            counts.setdefault(row[path], {}).update(row)
    empty = {name: 0 for ind in INDICATORS.values() for name in ind.aggregates(scope)}
    return [
        (area, {key: _figures(ind, {**empty, **counts[area.pk]}) for key, ind in INDICATORS.items()})
        for area in areas
    ]


def coverage_with_areas(user, scope):
    """(every indicator for the scope, its by-area rows) reading the register once.

    The sub-areas partition the scope (every household lies in one village of one township, and
    every figure counts distinct rows), so the scope's figures are the sums of its areas' figures;
    a village, which has no sub-areas, is counted directly.
    """
    by_area = coverage_by_area(user, scope)
    if not by_area:
        return coverage(user, scope), by_area
    totals = {
        key: Figures(
            numerator=sum(figures[key].numerator for _, figures in by_area),
            denominator=sum(figures[key].denominator for _, figures in by_area),
        )
        for key in INDICATORS
    }
    return totals, by_area


def drilldown(user, query, *, unit=None):
    """The rows behind `?indicator=<key>&part=<numerator|gap|denominator>&as_of=…&township=…&village=…`.

    `indicator` may also name a list of `WATCH_LISTS`. Returns None when the query names no
    indicator. Raises Http404 for an unknown indicator or part, an indicator of another unit than
    `unit` ("person" or "household"), or an area outside the user's; ValidationError (Chinese
    message, key "as_of") for a malformed date.
    """
    key = query.get("indicator")
    if not key:
        return None
    indicator = INDICATORS.get(key) or WATCH_LISTS.get(key)
    part = query.get("part") or "numerator"
    if indicator is None or part not in PARTS or (unit and indicator.unit != unit):
        raise Http404("No such figure.")
    scope = Scope.from_query(user, query)
    return Drilldown(indicator, part, scope, indicator.rows(user, scope, part))


__all__ = [
    "INDICATORS", "PARTS", "WATCH_LISTS", "Drilldown", "Figures", "Indicator",
    "coverage", "coverage_by_area", "coverage_with_areas", "drilldown", "sub_areas",
]
