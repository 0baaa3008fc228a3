from django import template

from households import masking

register = template.Library()


@register.filter
def id_number_for(value, user):
    """{{ person.id_number|id_number_for:request.user }}: masked unless the user may see it whole."""
    return masking.id_number_for(user, value)


@register.filter
def phone_for(value, user):
    """{{ household.phone|phone_for:request.user }}: masked unless the user may see it whole."""
    return masking.phone_for(user, value)
