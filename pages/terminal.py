"""Plain-text tables for a terminal, aligned for CJK text (two columns a character)."""

import unicodedata


def display_width(text):
    """Columns `text` takes in a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(text))


def pad(text, width, right=False):
    """`text` padded with spaces to `width` terminal columns."""
    fill = " " * max(0, width - display_width(text))
    return f"{fill}{text}" if right else f"{text}{fill}"


def table(headers, rows):
    """Aligned columns: the first left-aligned, the others right-aligned."""
    widths = [max(display_width(cell) for cell in column) for column in zip(headers, *rows, strict=True)]

    def line(cells):
        return "  ".join(pad(cell, widths[i], right=i > 0) for i, cell in enumerate(cells)).rstrip()

    rule = "-" * (sum(widths) + 2 * (len(widths) - 1))
    return "\n".join([line(headers), rule, *(line(row) for row in rows)])
