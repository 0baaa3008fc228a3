"""Number formats of the coverage pages: {% load coverage_tags %}."""

from django import template

from reports.widgets import options_html

register = template.Library()
INDENT = {1: "\u3000", 2: "\u3000\u3000"}  # ideographic spaces: townships, then their villages


@register.filter
def yuan(amount):
    """An amount in yuan with thousands separators and no needless decimals: 487,900 or 1,234.5."""
    if amount is None or amount == "":
        return "—"
    return f"{float(amount):,.2f}".rstrip("0").rstrip(".")


@register.filter
def thousands(number):
    """A whole number with thousands separators."""
    return "—" if number is None else f"{int(number):,}"


@register.filter
def percent(rate, places=1):
    """A rate (0–1) as a percentage, or a dash when there is none."""
    return "—" if rate is None else f"{float(rate) * 100:.{int(places)}f}%"


@register.filter
def area_option_tags(options):
    """The area picker's options (`area_options`), indented by depth, in one join: a district's picker
    lists hundreds of townships, each a template loop turn otherwise (docs/PERFORMANCE.md)."""
    return options_html(
        (option["value"], INDENT.get(option["depth"], "") + option["label"], option["selected"]) for option in options
    )
