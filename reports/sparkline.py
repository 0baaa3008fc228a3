"""A figure's course as a small SVG line drawn on the server (no script: the CSP allows none inline)."""

from dataclasses import dataclass

MIN_SPAN = 0.02  # the vertical scale spans at least 2 percentage points, so noise does not look like a cliff


@dataclass(frozen=True)
class Sparkline:
    """The drawing of a series of rates: polyline segments (broken where a rate is missing) and the last dot."""

    width: int
    height: int
    segments: tuple  # "x,y x,y …" strings
    dot: tuple | None  # (x, y) of the last point with a rate
    low: float | None  # the rate at the bottom and at the top of the scale
    high: float | None
    first: float | None  # the first and the last rate of the series
    last: float | None

    @property
    def empty(self):
        return not self.segments and self.dot is None


def _scale(rates):
    low, high = min(rates), max(rates)
    if high - low < MIN_SPAN:
        middle = (high + low) / 2
        low, high = middle - MIN_SPAN / 2, middle + MIN_SPAN / 2
        if low < 0:
            low, high = 0.0, MIN_SPAN
        if high > 1:
            low, high = 1 - MIN_SPAN, 1.0
    return low, high


def sparkline(rates, *, width=160, height=40, pad=3):
    """Draw `rates` (0–1 or None, oldest first) in a `width` × `height` box, scaled to their own range."""
    known = [rate for rate in rates if rate is not None]
    if not known:
        return Sparkline(width, height, (), None, None, None, None, None)
    low, high = _scale(known)
    step = (width - 2 * pad) / max(len(rates) - 1, 1)
    segments, current, dot = [], [], None
    for index, rate in enumerate(rates):
        if rate is None:
            if current:
                segments.append(current)
            current = []
            continue
        x = round(pad + index * step, 1)
        y = round(pad + (high - rate) / (high - low) * (height - 2 * pad), 1)
        current.append(f"{x},{y}")
        dot = (x, y)
    if current:
        segments.append(current)
    lines = tuple(" ".join(points) for points in segments if len(points) > 1)
    return Sparkline(width, height, lines, dot, low, high, known[0], known[-1])
