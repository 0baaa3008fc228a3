"""How numbers read on every page, download and terminal table: once each."""

from django.contrib.humanize.templatetags.humanize import intcomma

EMPTY = "—"


def percent(rate, places=1):
    """A rate (0–1) as a percentage with `places` decimals (12.3%), or a dash when there is none."""
    return EMPTY if rate is None else f"{float(rate) * 100:.{int(places)}f}%"


def yuan(amount):
    """An amount in yuan with thousands separators and no needless decimals: 487,900 or 1,234.5."""
    if amount is None or amount == "":
        return EMPTY
    return f"{float(amount):,.2f}".rstrip("0").rstrip(".")


def thousands(number):
    """A whole number with thousands separators, as the district pages print them (4,146)."""
    return EMPTY if number is None else intcomma(int(number), use_l10n=False)


# A rate's colour on the dashboard: every household covered, at least 90 %, or below.
FULL, HIGH = 1, 0.9


def rate_level(rate):
    """'full', 'high', 'low' or 'none': the class a rate is drawn with."""
    if rate is None:
        return "none"
    return "full" if rate >= FULL else "high" if rate >= HIGH else "low"


def bar_width(rate):
    """A rate as the width (0–100) of its bar, or None."""
    return None if rate is None else round(rate * 100, 1)
