"""Small charts drawn on the server as SVG, for pages where a table is hard to read.

Pure functions: numbers in, markup out; every label is escaped. No script and no style
attributes, so the markup passes a strict Content-Security-Policy.
"""

from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

BAR = "#417690"  # the admin's own blue
LABEL_WIDTH = 170
BAR_WIDTH = 360
ROW = 26


def _number(value: int | Decimal) -> str:
    if isinstance(value, Decimal):
        return f"{value:,.0f}"
    return f"{value:,}"


def bar_chart(rows: list[tuple[str, int | Decimal]], *, title: str) -> SafeString:
    """A horizontal bar chart: one labelled bar per (label, value), scaled to the largest."""
    largest = max((value for _, value in rows), default=0) or 1
    height = ROW * len(rows) + 10
    width = LABEL_WIDTH + BAR_WIDTH + 90
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" aria-labelledby="chart-{id(rows)}">',
        f'<title id="chart-{id(rows)}">{escape(title)}</title>',
    ]
    for index, (label, value) in enumerate(rows):
        top = 5 + index * ROW
        length = round(BAR_WIDTH * float(value) / float(largest))
        parts += [
            f'<text x="{LABEL_WIDTH - 8}" y="{top + 16}" text-anchor="end" font-size="13" '
            f'fill="#333">{escape(label)}</text>',
            f'<rect x="{LABEL_WIDTH}" y="{top + 3}" width="{length}" height="{ROW - 8}" '
            f'fill="{BAR}"><title>{escape(label)}: {_number(value)}</title></rect>',
            f'<text x="{LABEL_WIDTH + length + 6}" y="{top + 16}" font-size="13" '
            f'fill="#333">{_number(value)}</text>',
        ]
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text piece above is escaped
