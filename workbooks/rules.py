"""The models' own rules, checked on an import's values before they are written.

A `CheckConstraint`'s condition (a `Q`) is evaluated here on a dict of field values, in Python, so the
import refuses a row with the constraint's own `violation_error_message` without restating its
condition (and without one query per row, as `Constraint.validate()` would make). The lookups the
register's constraints use are supported: exact, isnull, gt, gte, lt, lte, in, and `F()` on either
side; anything else raises, so a new kind of constraint is noticed (tests/workbooks/test_model_rules.py
compares this with the database on every constraint).
"""

import operator

from django.db.models import CheckConstraint, F, Q

LOOKUPS = {
    "exact": operator.eq, "gt": operator.gt, "gte": operator.ge, "lt": operator.lt, "lte": operator.le,
    "in": lambda a, b: a in b, "isnull": lambda a, b: (a is None) == b,
}
ORDERED = {"gt", "gte", "lt", "lte"}


def holds(condition, values):
    """Whether `values` ({field attname or name: value}) satisfy the Q `condition`, as SQL would say.

    As in SQL, a comparison with NULL is unknown (None); a CHECK passes unless the condition is false.
    """
    return _compiled(condition)(values) is not False


_COMPILED = {}  # id(condition) -> (condition, its test): each constraint's condition is read once


def _compiled(condition):
    found = _COMPILED.get(id(condition))
    if found is None or found[0] is not condition:
        found = _COMPILED[id(condition)] = (condition, _compile(condition))
    return found[1]


def _compile(node):
    """A function of `values` giving True, False or None (unknown), as the condition `node` holds."""
    if isinstance(node, Q):
        parts = [_compile(child) for child in node.children]
        conjunction, negated = node.connector == Q.AND, node.negated

        def evaluate(values):
            results = [part(values) for part in parts]
            if conjunction:
                value = False if False in results else (None if None in results else True)
            else:
                value = True if True in results else (None if None in results else False)
            if negated:
                value = None if value is None else not value
            return value

        return evaluate
    lookup, expected = node
    name, _, kind = lookup.partition("__")
    kind = kind or "exact"
    if kind not in LOOKUPS:
        raise ValueError(f"Unsupported lookup in a constraint: {lookup}")
    compare = LOOKUPS[kind]
    other = expected.name if isinstance(expected, F) else None

    def leaf(values):
        actual = _value(values, name)
        wanted = expected if other is None else _value(values, other)
        if actual is MISSING or wanted is MISSING:
            return None  # a field the import does not give: the database decides
        if kind == "isnull":
            return compare(actual, wanted)
        if actual is None or wanted is None:
            return None
        return compare(actual, wanted)

    return leaf


MISSING = object()


def _value(values, name):
    if name in values:
        return values[name]
    return values.get(f"{name}_id", MISSING)


def fields_of(condition):
    """The field names a condition refers to, in order, each once."""
    found = []

    def walk(node):
        if isinstance(node, Q):
            for child in node.children:
                walk(child)
            return
        lookup, expected = node
        for name in (lookup.partition("__")[0], expected.name if isinstance(expected, F) else None):
            if name and name not in found:
                found.append(name)

    walk(condition)
    return found


def broken(model, values, names=None):
    """The model's check constraints (all, or those `names`) that `values` break, in the model's order."""
    found = []
    for constraint in model._meta.constraints:
        if not isinstance(constraint, CheckConstraint):
            continue
        if names is not None and constraint.name not in names:
            continue
        if not holds(constraint.condition, values):
            found.append(constraint)
    return found


def message(constraint):
    """The constraint's own message."""
    return str(constraint.get_violation_error_message())
