"""Query helpers that read like the register: the head of a household, heads first, counts of related rows."""

from django.db.models import Case, Count, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce

from households.choices import Relation
from households.models import Person

# Members ordered head first.
HEAD_FIRST = Case(When(relation=Relation.HEAD, then=Value(0)), default=Value(1))


def head_name(household_path="pk"):
    """Subquery: the name of the head of the household at `household_path`.

    Unordered: a household has one head at most (`one_head_per_household`), and Person's default
    order would join every head's household again to sort one row.
    """
    heads = Person.objects.filter(household=OuterRef(household_path), relation=Relation.HEAD).order_by()
    return Subquery(heads.values("name")[:1])


def count_of(queryset, link, field="pk"):
    """Subquery: how many distinct `field` values of the `queryset` rows pointing (through `link`) at
    the outer row; 0 when none."""
    counted = (
        queryset.filter(**{link: OuterRef("pk")}).order_by().values(link)
        .annotate(n=Count(field, distinct=True)).values("n")
    )
    return Coalesce(Subquery(counted), 0)
