"""Adding stored counts: numbers add, sets of ids unite (once, whatever the number of areas), dicts add key by key."""

from decimal import Decimal

import pytest

from households.figures import Counts, add_counts, settled


@pytest.mark.parametrize(("parts", "expected"), [
    ([{"n": 1}, {"n": 2}, {"n": None}], {"n": 3}),
    ([{"ids": [3, 1]}, {"ids": [2, 3]}, {"ids": []}], {"ids": [1, 2, 3]}),
    ([{"ids": None}, {"ids": [5]}], {"ids": [5]}),
    ([{"money": "1.50"}, {"money": "2.25"}], {"money": Decimal("3.75")}),
    ([{"days": {"3": 1}}, {"days": {"3": 2, "9": 1}}], {"days": {"3": 3, "9": 1}}),
    ([{"by": {"ids": [1]}}, {"by": {"ids": [1, 4]}}], {"by": {"ids": [1, 4]}}),
])
def test_counts_add_up(parts, expected):
    total = Counts()
    for part in parts:
        add_counts(total, part)
    assert settled(total) == expected


def test_many_areas_unite_into_one_sorted_list():
    total = Counts()
    for area in range(300):
        add_counts(total, {"cadres": list(range(area, area + 500))})
    assert settled(total)["cadres"] == list(range(799))
