"""The booklet's look: the bundled fonts (DejaVu, with Symbola for the emoji and symbols
DejaVu lacks) and the text they can draw, colours, sizes of the day grid, paragraph styles,
and the words for dates."""

import datetime
import re
import unicodedata
from collections.abc import Iterable
from functools import cache
from itertools import groupby
from pathlib import Path
from typing import NamedTuple
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont, makeToUnicodeCMap
from reportlab.pdfgen.canvas import Canvas

PAGE_SIZES = {"A4": A4, "LETTER": LETTER}

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"
SANS, SANS_BOLD, SANS_ITALIC = "ProgramSans", "ProgramSans-Bold", "ProgramSans-Oblique"
NARROW, NARROW_BOLD = "ProgramSansCondensed", "ProgramSansCondensed-Bold"
_FONT_FILES = {
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
    SANS_ITALIC: "DejaVuSans-Oblique.ttf",
    NARROW: "DejaVuSansCondensed.ttf",
    NARROW_BOLD: "DejaVuSansCondensed-Bold.ttf",
}
# Drawn for each character the DejaVu faces lack: monochrome emoji and symbols, whatever
# the face around it (Symbola has one weight).
SYMBOLS = "ProgramSymbols"
_SYMBOLS_FILE = "Symbola.ttf"

INK = colors.HexColor("#1c2533")
MUTED = colors.HexColor("#5b6472")
RULE = colors.HexColor("#c9ced6")
BRAND = colors.HexColor("#1f3a5f")
BRAND_LIGHT = colors.HexColor("#e8eef6")
BREAK_FILL = colors.HexColor("#eef0f3")
NO_TRACK = "#7a8699"

MAX_ROOMS_PER_GRID = 8
GRID_TIME_WIDTH = 30
GRID_MIN_ROW = 12  # points: one line of the smallest grid type with its padding
GRID_GAP_ROW = 12  # an empty stretch of more than GAP_MINUTES is drawn this high
GAP_MINUTES = 45
GRID_MAX_SCALE = 2.2  # points per minute; a short day does not stretch further
PLACEHOLDER_PAGE = "?"


# Fonts and safe text


_ASTRAL_ENTRY = re.compile(r"<([0-9A-F]{2})> <([0-9A-F]{5,6})>")


def _utf16(match: re.Match[str]) -> str:
    code = int(match.group(2), 16) - 0x10000
    return f"<{match.group(1)}> <{0xD800 + (code >> 10):04X}{0xDC00 + (code & 0x3FF):04X}>"


class SymbolFont(TTFont):
    """A TTFont whose ToUnicode map gives characters beyond U+FFFF (most emoji) as UTF-16
    pairs, as the PDF reference says. reportlab 5.1 writes their five hex digits, which
    pdftotext, copy and paste and screen readers read as another character."""

    def addObjects(self, doc) -> None:
        state = self.state.get(doc)
        subsets = [list(subset) for subset in state.subsets] if state is not None else []
        super().addObjects(doc)
        for number, subset in enumerate(subsets):
            name = b"".join((SUBSETN(number), b"+", self.face.name, self.face.subfontNameX))
            base = name.decode("pdfdoc")
            stream = doc.idToObject["toUnicodeCMap:" + base]
            stream.content = _ASTRAL_ENTRY.sub(_utf16, makeToUnicodeCMap(base, subset))


class Coverage(NamedTuple):
    """The code points every DejaVu face draws, and those only the fallback draws."""

    text: frozenset[int]
    symbols: frozenset[int]


@cache
def register_fonts() -> Coverage:
    """Register the bundled faces once; return what they can draw."""
    covered: list[frozenset[int]] = []
    for name, filename in _FONT_FILES.items():
        font = TTFont(name, str(FONT_DIR / filename))
        pdfmetrics.registerFont(font)
        covered.append(frozenset(font.face.charToGlyph))
    pdfmetrics.registerFontFamily(
        SANS, normal=SANS, bold=SANS_BOLD, italic=SANS_ITALIC, boldItalic=SANS_BOLD
    )
    pdfmetrics.registerFontFamily(
        NARROW, normal=NARROW, bold=NARROW_BOLD, italic=NARROW, boldItalic=NARROW_BOLD
    )
    symbols = SymbolFont(SYMBOLS, str(FONT_DIR / _SYMBOLS_FILE))
    pdfmetrics.registerFont(symbols)
    # One face for every style, so that <b> and <i> around a symbol keep it.
    pdfmetrics.registerFontFamily(
        SYMBOLS, normal=SYMBOLS, bold=SYMBOLS, italic=SYMBOLS, boldItalic=SYMBOLS
    )
    text = frozenset.intersection(*covered)
    return Coverage(text=text, symbols=frozenset(symbols.face.charToGlyph) - text)


_CONTROLS = {code: None for code in range(32) if code not in (9, 10)} | {9: " ", 0x7F: None}


def plain(value: str) -> str:
    """The text with what no bundled font can draw replaced by U+FFFD and control
    characters dropped, so that no name in any script can break the build."""
    coverage = register_fonts()
    value = value.translate(_CONTROLS)
    if value.isascii():
        return value
    return "".join(
        ch if ord(ch) in coverage.text or ord(ch) in coverage.symbols or ch == "\n" else "\ufffd"
        for ch in value
    )


def runs(text: str) -> list[tuple[str, bool]]:
    """`plain` text cut where it changes between DejaVu and the fallback, each run with
    whether the fallback draws it."""
    if text.isascii():
        return [(text, False)]
    symbols = register_fonts().symbols
    return [
        ("".join(group), fallback)
        for fallback, group in groupby(text, key=lambda ch: ord(ch) in symbols)
    ]


def markup(value: str) -> str:
    """`plain` text escaped for a Paragraph, line breaks kept, and what DejaVu lacks set in
    the fallback font."""
    return "".join(
        f'<font name="{SYMBOLS}">{escape(run)}</font>' if fallback else escape(run)
        for run, fallback in runs(plain(value))
    ).replace("\n", "<br/>")


def text_width(text: str, font: str, size: float) -> float:
    """The width of `plain` text drawn with `draw_text`."""
    return sum(
        pdfmetrics.stringWidth(run, SYMBOLS if fallback else font, size)
        for run, fallback in runs(text)
    )


def draw_text(
    canv: Canvas, x: float, y: float, text: str, font: str, size: float, align: str = "left"
) -> None:
    """Draw `plain` text on the canvas from x ("left"), to x ("right") or centred on x
    ("centre"), switching to the fallback font for the characters DejaVu lacks."""
    pieces = runs(text)
    if align != "left":
        width = text_width(text, font, size)
        x -= width if align == "right" else width / 2
    for run, fallback in pieces:
        face = SYMBOLS if fallback else font
        canv.setFont(face, size)
        canv.drawString(x, y, run)
        x += pdfmetrics.stringWidth(run, face, size)
    canv.setFont(font, size)


def fit_width(text: str, font: str, size: float, width: float) -> str:
    """The text shortened with an ellipsis until it fits the width on one line."""
    if text_width(text, font, size) <= width:
        return text
    text = text.removesuffix("…")
    while text and text_width(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


# Styles


def paragraph_styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = ParagraphStyle("base", fontName=SANS, fontSize=9, leading=12.2, textColor=INK)

    def style(name: str, **overrides) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **overrides)

    return {
        "body": base,
        "cover_title": style("cover_title", fontName=SANS_BOLD, fontSize=30, leading=35),
        "cover_title_long": style("cover_title_long", fontName=SANS_BOLD, fontSize=19, leading=23),
        "cover_dates": style("cover_dates", fontName=SANS_BOLD, fontSize=13, leading=17),
        "cover_venue": style("cover_venue", fontSize=10.5, leading=14, textColor=MUTED),
        "welcome": style("welcome", fontSize=10, leading=14.5, spaceAfter=6),
        "notice": style(
            "notice",
            fontName=SANS_BOLD,
            fontSize=12,
            leading=16,
            textColor=BRAND,
            backColor=BRAND_LIGHT,
            borderPadding=10,
            spaceBefore=14,
            spaceAfter=14,
        ),
        "contents": style("contents", fontSize=9.5, leading=13),
        "small": style("small", fontSize=7.5, leading=9.5, textColor=MUTED),
        "h1": style("h1", fontName=SANS_BOLD, fontSize=20, leading=24, spaceAfter=4),
        "h1_note": style("h1_note", fontSize=9, leading=12, textColor=MUTED, spaceAfter=8),
        "h2": style(
            "h2",
            fontName=SANS_BOLD,
            fontSize=12,
            leading=15,
            textColor=BRAND,
            spaceBefore=10,
            spaceAfter=4,
        ),
        "legend": style("legend", fontSize=7.5, leading=10, textColor=MUTED),
        "time": style("time", fontName=SANS_BOLD, fontSize=10, leading=12.5),
        "time_end": style("time_end", fontSize=8, leading=10, textColor=MUTED),
        "kicker": style("kicker", fontSize=7.5, leading=10, textColor=MUTED),
        "title": style("title", fontName=SANS_BOLD, fontSize=11, leading=14, spaceAfter=1),
        "keynote_title": style(
            "keynote_title", fontName=SANS_BOLD, fontSize=13, leading=16.5, spaceAfter=1
        ),
        "speakers": style("speakers", fontSize=8.8, leading=11.5, spaceAfter=2),
        "abstract": style(
            "abstract", fontSize=8.5, leading=11.3, textColor=colors.HexColor("#333b47")
        ),
        "block": style(
            "block",
            fontSize=9,
            leading=12,
            textColor=MUTED,
            backColor=BREAK_FILL,
            borderPadding=(4, 6, 5, 6),
            leftIndent=6,
            spaceBefore=4,
            spaceAfter=10,
        ),
        "index_letter": style(
            "index_letter",
            fontName=SANS_BOLD,
            fontSize=11,
            leading=14,
            textColor=BRAND,
            spaceBefore=6,
            spaceAfter=2,
        ),
        "index": style(
            "index", fontSize=8.5, leading=11, leftIndent=10, firstLineIndent=-10, spaceAfter=1.5
        ),
        "index_sub": style("index_sub", fontSize=7.5, leading=9.5, leftIndent=10, textColor=MUTED),
        "study_company": style("study_company", fontName=SANS_BOLD, fontSize=10, leading=13),
        "study_title": style("study_title", fontName=SANS_ITALIC, fontSize=9, leading=12),
        "study_result": style(
            "study_result", fontName=SANS_BOLD, fontSize=10.5, leading=14, textColor=BRAND
        ),
        "qr_caption": style("qr_caption", fontSize=8.5, leading=11.5),
    }


# Dates and words


def day_label(day: datetime.date) -> str:
    return f"{day:%A} {day.day} {day:%B}"


def date_range(start: datetime.date, end: datetime.date) -> str:
    if start == end:
        return f"{start:%A} {start.day} {start:%B %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%B %Y}"  # noqa: RUF001 - the printed program's own en dash
    if start.year == end.year:
        return f"{start.day} {start:%B} – {end.day} {end:%B %Y}"  # noqa: RUF001 - the printed program's own en dash
    return f"{start.day} {start:%B %Y} – {end.day} {end:%B %Y}"  # noqa: RUF001 - the printed program's own en dash


def mix(hex_colour: str, amount: float) -> colors.Color:
    """The colour mixed with white: amount 0 is the colour, 1 is white."""
    colour = colors.HexColor(hex_colour)
    return colors.Color(
        colour.red + (1 - colour.red) * amount,
        colour.green + (1 - colour.green) * amount,
        colour.blue + (1 - colour.blue) * amount,
    )


def page_refs(keys: Iterable[str], pages: dict[str, int]) -> str:
    numbers: dict[int | str, str] = {}
    for key in keys:
        number = pages.get(key, PLACEHOLDER_PAGE)
        numbers.setdefault(number, key)
    ordered = sorted(numbers.items(), key=lambda item: str(item[0]).zfill(6))
    return ", ".join(f'<a href="#{key}" color="#1f3a5f">{number}</a>' for number, key in ordered)


# Sorting


def sort_key(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
