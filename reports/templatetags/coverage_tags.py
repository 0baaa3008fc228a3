"""Number formats of the coverage pages: {% load coverage_tags %}."""

from django import template

register = template.Library()


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
