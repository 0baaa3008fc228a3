"""Template filters of the staff pages."""

from django import template

register = template.Library()


@register.filter
def age_on(person, day):
    """{{ person|age_on:as_of }}: the person's age in whole years on `day`."""
    return person.age_on(day)
