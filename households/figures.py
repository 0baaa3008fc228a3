"""The shape of every figure: a numerator over a denominator, its gap and its rate, and the parts of it
that open as a list. Coverage indicators (reports) and monitoring figures both use it."""

from dataclasses import dataclass

PARTS = ("numerator", "gap", "denominator")


def rate(numerator, denominator):
    """numerator ÷ denominator rounded to 4 decimals; None when the denominator is 0 (never 0 or 1)."""
    return round(numerator / denominator, 4) if denominator else None


@dataclass(frozen=True)
class Figures:
    """A numerator over a denominator; the gap is what is still not covered."""

    numerator: int
    denominator: int

    @property
    def gap(self):
        return self.denominator - self.numerator

    @property
    def rate(self):
        """See `rate()`."""
        return rate(self.numerator, self.denominator)

    def as_dict(self, label):
        """The figure as the JSON contract shows it."""
        return {
            "label": str(label), "numerator": self.numerator, "denominator": self.denominator,
            "gap": self.gap, "rate": self.rate,
        }


@dataclass(frozen=True)
class Drilldown:
    """A list opened from a figure: which figure, which part, which scope, and its rows."""

    indicator: object
    part: str
    scope: object
    rows: object  # a queryset of the figure's rows


@dataclass(frozen=True)
class Section:
    """A section of the report: its `counts(user, scope)` and how to `present(user, scope, counts)` them.

    Counts are numbers that add up across villages (ints; Decimals; None for an empty sum), sets of ids
    (lists; they add up as unions: distinct cadres reach several villages) and histograms (dicts of
    counts: the median is read from one). Counted over a `VillageGroups` scope, `counts` gives them per
    village, and the district's or a township's section is `present` over their `add_counts`.
    `keys`: the names of counts that are always the same plain numbers (the indicators'), stored as a
    list of their values in this order.
    """

    counts: object
    present: object
    keys: tuple = ()

    def __call__(self, user, scope):
        return self.present(user, scope, self.counts(user, scope))


def tally(queryset, scope, village_path, aggregates, *, by=None):
    """`queryset.aggregate(**aggregates)` for a scope; for `VillageGroups`, {village id: those counts}
    grouped by the village reached by `village_path` (every village of the scope present). One query.

    With `by` (a field or expression name), each count is a histogram {str(value of by): count}.
    """
    grouped = getattr(scope, "grouped", False)
    if not by and not grouped:
        return queryset.aggregate(**aggregates)
    fields = [village_path] if grouped else []
    rows = queryset.order_by().values(*fields, *([by] if by else [])).annotate(**aggregates)
    empty = _empty_counts(aggregates, by)
    result = {village: empty() for village in scope.village_ids} if grouped else {None: empty()}
    for row in rows:
        counts = result.setdefault(row[village_path] if grouped else None, empty())
        for name in aggregates:
            if by:
                counts[name][_key(row[by])] = row[name]
            else:
                counts[name] = row[name]
    return result if grouped else result[None]


def _empty_counts(aggregates, by):
    from django.db.models import Count

    if by:
        return lambda: {name: {} for name in aggregates}
    return lambda: {name: 0 if isinstance(expr, Count) else None for name, expr in aggregates.items()}


def _key(value):
    return str(getattr(value, "days", value))


class Counts(dict):
    """Counts summed from stored ones, which leave out what is nothing (0, None, no ids): a count
    missing from them is 0."""

    def __missing__(self, name):
        return 0


def without_nothing(counts):
    """`counts` without the values that are nothing (0, None, empty sets and histograms), for storing."""
    kept = {}
    for name, value in counts.items():
        if isinstance(value, dict):
            value = without_nothing(value)
        if value not in (0, None, [], {}):
            kept[name] = value
    return kept


def add_counts(total, counts):
    """Add `counts` into `total` (see `Section`): numbers add (None is nothing), lists unite, dicts add
    key by key; a string is a Decimal read back from JSON. Returns `total`; its sets of ids stay sets (a
    union per addition, not a sort) until `settled`."""
    for name, value in counts.items():
        total[name] = _add(total.get(name), value)
    return total


def _add(left, right):
    from decimal import Decimal

    if isinstance(right, str):
        right = Decimal(right)
    if isinstance(left, str):
        left = Decimal(left)
    if right is None:
        return left
    if isinstance(right, list | set):  # sets of ids unite in a set, sorted once by `settled`
        united = left if isinstance(left, set) else set(left or ())
        united.update(right)
        return united
    if left is None:
        return dict(right) if isinstance(right, dict) else right
    if isinstance(right, dict):
        return add_counts(dict(left), right)
    return left + right


def settled(counts):
    """`counts` as stored and shown: each set of ids that `add_counts` united as a sorted list."""
    for name, value in counts.items():
        if isinstance(value, set):
            counts[name] = sorted(value)
        elif isinstance(value, dict):
            settled(value)
    return counts


def size(value):
    """A distinct count: a number as counted for one scope, or the length of a set of ids added up."""
    return len(value) if isinstance(value, list | set) else (value or 0)


def median_of(histogram):
    """The median of the values of {str(value): count} (the mean of the middle two), None for none."""
    values = sorted((int(key), count) for key, count in histogram.items() if count)
    total = sum(count for _value, count in values)
    if not total:
        return None
    wanted, seen, middle = {(total - 1) // 2, total // 2}, 0, []
    for value, count in values:
        middle += [value for index in wanted if seen <= index < seen + count]
        seen += count
    return sum(middle) / len(middle)
