"""The shape of every figure: a numerator over a denominator, its gap and its rate, and the parts of it
that open as a list. Coverage indicators (reports) and monitoring figures both use it."""

from dataclasses import dataclass

PARTS = ("numerator", "gap", "denominator")


def rate(numerator, denominator):
    """numerator ÷ denominator rounded to 4 decimals; None when the denominator is 0 (never 0 or 1)."""
    return round(numerator / denominator, 4) if denominator else None


@dataclass(frozen=True)
class Figures:
    """A numerator over a denominator; the gap is what is still not covered."""

    numerator: int
    denominator: int

    @property
    def gap(self):
        return self.denominator - self.numerator

    @property
    def rate(self):
        """See `rate()`."""
        return rate(self.numerator, self.denominator)

    def as_dict(self, label):
        """The figure as the JSON contract shows it."""
        return {
            "label": str(label), "numerator": self.numerator, "denominator": self.denominator,
            "gap": self.gap, "rate": self.rate,
        }


@dataclass(frozen=True)
class Drilldown:
    """A list opened from a figure: which figure, which part, which scope, and its rows."""

    indicator: object
    part: str
    scope: object
    rows: object  # a queryset of the figure's rows
