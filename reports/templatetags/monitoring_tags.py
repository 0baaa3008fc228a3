"""The dashboard's monitoring section: {% load monitoring_tags %}{% monitoring_dashboard monitoring scope as m %}."""

from django import template

from reports.monitoring_section import monitoring_context

register = template.Library()


@register.simple_tag
def monitoring_dashboard(section, scope):
    """The report's `monitoring` section with a link to the list behind every figure."""
    return monitoring_context(section, scope)
