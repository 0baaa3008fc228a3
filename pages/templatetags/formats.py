"""Number formats of the staff pages: {% load formats %} then |yuan, |thousands, |percent, |area_option_tags."""

from django import template

from pages import formats
from pages.widgets import options_html

register = template.Library()
INDENT = {1: "\u3000", 2: "\u3000\u3000"}  # ideographic spaces: townships, then their villages

register.filter("yuan", formats.yuan)
register.filter("thousands", formats.thousands)
register.filter("percent", formats.percent)


@register.filter
def area_option_tags(options):
    """The area picker's options (`area_options`), indented by depth, in one join: a district's picker
    lists hundreds of townships, each a template loop turn otherwise (docs/PERFORMANCE.md)."""
    return options_html(
        (option["value"], INDENT.get(option["depth"], "") + option["label"], option["selected"]) for option in options
    )
