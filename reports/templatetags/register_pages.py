"""Template filters of the staff pages."""

from django import template

from households import masking

register = template.Library()


@register.simple_tag(takes_context=True)
def age_for(context, person, day):
    """{% age_for person as_of %}: the age as the signed-in user may see it (by year of birth if masked)."""
    return masking.age_for(context["request"].user, person.birth_date, day)
