"""The printed programme: a booklet PDF of one schedule, laid out with reportlab's platypus.

`render_program` is pure: it takes the conference and its sessions as
`events.schedule.rows.session_rows` reads them, and returns the PDF's bytes without a query
(`events.schedule.program` loads them and calls it). The
booklet has a cover (welcome text, contents, a QR code to the subscribe page), one
day-at-a-glance grid per day (landscape, rooms split over several pages when there are more
than fit), the sessions by day, speaker and company indexes with page numbers, and the case
studies presented. Grid blocks and index numbers link to the session entries; the outline
has an entry per day and per index.

The document is laid out once: the indexes are made when layout reaches them, after every
session has been placed, and the cover's contents draw their page numbers from forms
defined at the end. Its IDs are fixed and its creation date is the one it is given
(a release's time), so the same release always gives the same bytes.
"""

import bisect
import datetime
import hashlib
import io
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from events.schedule.rows import SessionCaseStudy, SessionRow, SessionSpeaker

# Raise when the layout changes, so that booklets cached for a release are built again.
LAYOUT_VERSION = 1

PAGE_SIZES = {"A4": A4, "LETTER": LETTER}

FONT_DIR = Path(__file__).resolve().parent / "fonts"
SANS, SANS_BOLD, SANS_ITALIC = "ProgramSans", "ProgramSans-Bold", "ProgramSans-Oblique"
NARROW, NARROW_BOLD = "ProgramSansCondensed", "ProgramSansCondensed-Bold"
_FONT_FILES = {
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
    SANS_ITALIC: "DejaVuSans-Oblique.ttf",
    NARROW: "DejaVuSansCondensed.ttf",
    NARROW_BOLD: "DejaVuSansCondensed-Bold.ttf",
}

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


@cache
def _fonts() -> frozenset[int]:
    """Register the bundled DejaVu faces once; return the code points all of them draw."""
    coverage = None
    for name, filename in _FONT_FILES.items():
        font = TTFont(name, str(FONT_DIR / filename))
        pdfmetrics.registerFont(font)
        points = frozenset(font.face.charToGlyph)
        coverage = points if coverage is None else coverage & points
    pdfmetrics.registerFontFamily(
        SANS, normal=SANS, bold=SANS_BOLD, italic=SANS_ITALIC, boldItalic=SANS_BOLD
    )
    pdfmetrics.registerFontFamily(
        NARROW, normal=NARROW, bold=NARROW_BOLD, italic=NARROW, boldItalic=NARROW_BOLD
    )
    return coverage


_CONTROLS = {code: None for code in range(32) if code not in (9, 10)} | {9: " ", 0x7F: None}


def plain(value: str) -> str:
    """The text with what the fonts cannot draw replaced by U+FFFD and control characters
    dropped, so that no name in any script can break the build."""
    coverage = _fonts()
    value = value.translate(_CONTROLS)
    if value.isascii():
        return value
    return "".join(ch if ord(ch) in coverage or ch == "\n" else "\ufffd" for ch in value)


def markup(value: str) -> str:
    """`plain` text escaped for a Paragraph, line breaks kept."""
    return escape(plain(value)).replace("\n", "<br/>")


def _fit_width(text: str, font: str, size: float, width: float) -> str:
    """The text shortened with an ellipsis until it fits the width on one line."""
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    text = text.removesuffix("…")
    while text and pdfmetrics.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


# What the booklet prints, gathered from the sessions once


@dataclass(frozen=True)
class Person:
    key: int
    name: str
    sort_name: str
    company: str
    company_key: int | None


@dataclass
class Entry:
    """One slot as printed: a session or a block such as a break."""

    key: str
    kind: str
    start: datetime.datetime
    end: datetime.datetime
    title: str
    room_key: int | None
    room_name: str
    track_name: str
    track_colour: str
    format_name: str
    level: str
    speakers: list[Person]
    text: str
    case_study: SessionCaseStudy | None = None

    @property
    def is_block(self) -> bool:
        return self.kind in ("break", "meal", "social")

    @property
    def is_keynote(self) -> bool:
        return self.kind == "keynote"

    @property
    def day(self) -> datetime.date:
        return self.start.date()

    @property
    def times(self) -> str:
        return f"{self.start:%H:%M}–{self.end:%H:%M}"


@dataclass
class Program:
    conference: object
    version: str
    released: bool
    draft: bool
    subscribe_url: str
    site_name: str
    entries: list[Entry]
    rooms: list[tuple[int, str]]
    tracks: list[tuple[str, str]]
    days: list[datetime.date]


def _sort_key(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _person(speaker: SessionSpeaker) -> Person:
    return Person(
        speaker.member_id,
        plain(speaker.name),
        plain(speaker.sort_name or speaker.name),
        plain(speaker.company),
        speaker.company_id,
    )


def _gather(
    *,
    conference,
    sessions: Iterable[SessionRow],
    version: str,
    draft: bool,
    subscribe_url: str,
    site_name: str,
) -> Program:
    tz = conference.tz
    entries: list[Entry] = []
    rooms: dict[int, tuple] = {}
    tracks: dict[int, tuple] = {}
    for session in sessions:
        if session.cancelled:
            continue
        if session.room_id is not None:
            rooms[session.room_id] = (
                session.room_order,
                _sort_key(session.room_name),
                session.room_id,
                session.room_name,
            )
        has_track = session.is_talk and session.track_id is not None
        if has_track:
            tracks[session.track_id] = (
                session.track_order,
                _sort_key(session.track_name),
                session.track_name,
                session.track_colour,
            )
        entries.append(
            Entry(
                key=f"s-{session.uid.hex}",
                kind=session.kind,
                start=session.start.astimezone(tz),
                end=session.end.astimezone(tz),
                title=plain(session.title),
                room_key=session.room_id,
                room_name=plain(session.room_name) if session.room_id is not None else "All rooms",
                track_name=plain(session.track_name) if has_track else "",
                track_colour=session.track_colour if has_track else NO_TRACK,
                format_name=plain(session.format_name) if session.is_talk else "",
                level=session.audience_level_label if session.is_talk else "",
                speakers=[_person(speaker) for speaker in session.speakers],
                text=session.description or session.abstract,
                case_study=session.case_study if session.is_talk else None,
            )
        )
    entries.sort(key=lambda e: (e.start, rooms.get(e.room_key, (-1,))[:3], e.end, e.key))
    return Program(
        conference=conference,
        version=version,
        released=bool(version),
        draft=draft,
        subscribe_url=subscribe_url,
        site_name=site_name,
        entries=entries,
        rooms=[(value[2], plain(value[3])) for value in sorted(rooms.values())],
        tracks=[(plain(value[2]), value[3]) for value in sorted(tracks.values())],
        days=sorted({entry.day for entry in entries}),
    )


# Styles


def _styles() -> dict[str, ParagraphStyle]:
    _fonts()
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


def _day_label(day: datetime.date) -> str:
    return f"{day:%A} {day.day} {day:%B}"


def _date_range(start: datetime.date, end: datetime.date) -> str:
    if start == end:
        return f"{start:%A} {start.day} {start:%B %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%B %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%B} – {end.day} {end:%B %Y}"
    return f"{start.day} {start:%B %Y} – {end.day} {end:%B %Y}"


def _mix(hex_colour: str, amount: float) -> colors.Color:
    """The colour mixed with white: amount 0 is the colour, 1 is white."""
    colour = colors.HexColor(hex_colour)
    return colors.Color(
        colour.red + (1 - colour.red) * amount,
        colour.green + (1 - colour.green) * amount,
        colour.blue + (1 - colour.blue) * amount,
    )


def _page_refs(keys: Iterable[str], pages: dict[str, int]) -> str:
    numbers: dict[int | str, str] = {}
    for key in keys:
        number = pages.get(key, PLACEHOLDER_PAGE)
        numbers.setdefault(number, key)
    ordered = sorted(numbers.items(), key=lambda item: str(item[0]).zfill(6))
    return ", ".join(f'<a href="#{key}" color="#1f3a5f">{number}</a>' for number, key in ordered)


# The day-at-a-glance grid


class _Marker(Flowable):
    """An invisible flowable that marks where a section begins: its page (`keys`), its
    outline entries and the running header's text. `_Booklet.afterFlowable` reads it."""

    def __init__(self, *, keys=(), outline=(), section=None, last=False):
        super().__init__()
        self._last = last
        self._program_keys = tuple(keys)
        self._outline = tuple(outline)
        self._section = section
        self.width = self.height = 0

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self):
        """Nothing to draw: the document template's afterFlowable reads the marker."""


class _PageNumber(Flowable):
    """The page a section starts on, for the contents on the cover, which is laid out
    before that page is known: it draws a form that `_Booklet` defines at the end."""

    def __init__(self, key: str, forms: dict[str, tuple[str, float]]):
        super().__init__()
        self.key = key
        self.forms = forms
        self.width, self.height = 12 * mm, 11

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def draw(self):
        self.forms[f"page-{self.key}"] = (self.key, self.width)
        self.canv.doForm(f"page-{self.key}")
        self.canv.linkRect(
            "", self.key, (0, 0, self.width, self.height), relative=1, Border="[0 0 0]"
        )


class _Deferred(Flowable):
    """Flowables made only when layout reaches them, so that an index after the sessions
    can print the pages the sessions landed on: it asks to be split, and its split is the
    flowables that `make` returns then."""

    def __init__(self, make):
        super().__init__()
        self.make = make

    def wrap(self, available_width, available_height):
        return available_width, available_height + 1

    def split(self, available_width, available_height):
        return self.make() or [Spacer(0, 0)]


class DayGrid(Flowable):
    """Rooms across, time down, one block per slot coloured by its track.

    Rows stretch with the minutes they last but never below one line of text, and a long
    empty stretch (the afternoon before an evening social) shrinks to a thin band. A grid
    that does not fit the page even so is split in time over two pages. Text is fitted
    into each block (smaller type, fewer lines, a shortened title) and clipped to it.
    """

    def __init__(self, *, entries, rooms, window, fits):
        super().__init__()
        self.rooms = rooms
        self.window = window
        self.fits = fits  # fitted block text, shared by the parts of a split grid
        room_keys = {key for key, _ in rooms}
        start, end = window
        self.entries = [
            entry
            for entry in entries
            if (entry.room_key is None or entry.room_key in room_keys)
            and entry.start < end
            and entry.end > start
        ]
        edges = {start, end}
        for entry in self.entries:
            edges.add(max(entry.start, start))
            edges.add(min(entry.end, end))
        self.edges = sorted(edges)
        self.segments = []
        for low, high in zip(self.edges, self.edges[1:], strict=False):
            minutes = (high - low).total_seconds() / 60
            busy = any(e.start < high and e.end > low for e in self.entries)
            self.segments.append((low, high, minutes, busy or minutes <= GAP_MINUTES))

    # Layout

    def _header_height(self, column: float) -> float:
        lines = max(
            (len(_lines(name, NARROW_BOLD, 7, column - 4)) for _, name in self.rooms), default=1
        )
        return min(lines, 3) * 8.2 + 7

    def _heights(self, scale: float) -> list[float]:
        # Beyond an hour a row grows slowly, so a four-hour evening social leaves room
        # for the ten-minute talks of the afternoon.
        return [
            max((min(minutes, 60) + max(minutes - 60, 0) * 0.25) * scale, GRID_MIN_ROW)
            if stretch
            else GRID_GAP_ROW
            for _, _, minutes, stretch in self.segments
        ]

    def wrap(self, available_width, available_height):
        self.width = available_width
        self.column = (available_width - GRID_TIME_WIDTH) / max(len(self.rooms), 1)
        self.header = self._header_height(self.column)
        body = available_height - self.header
        low, high = 0.0, GRID_MAX_SCALE
        if sum(self._heights(high)) > body:
            for _ in range(30):
                middle = (low + high) / 2
                low, high = (middle, high) if sum(self._heights(middle)) <= body else (low, middle)
        self.rows = self._heights(low if sum(self._heights(high)) > body else high)
        self.height = self.header + sum(self.rows)
        return self.width, self.height

    def split(self, available_width, available_height):
        self.wrap(available_width, available_height)
        if self.height <= available_height + 0.01:
            return [self]
        body = available_height - self.header
        used, cut = 0.0, 0
        for index, (_, _, _, stretch) in enumerate(self.segments):
            used += GRID_MIN_ROW if stretch else GRID_GAP_ROW
            if used > body:
                break
            cut = index + 1
        if cut == 0:
            return []
        middle = self.segments[cut - 1][1]
        start, end = self.window
        return [
            DayGrid(
                entries=self.entries,
                rooms=self.rooms,
                window=(start, middle),
                fits=self.fits,
            ),
            DayGrid(
                entries=self.entries,
                rooms=self.rooms,
                window=(middle, end),
                fits=self.fits,
            ),
        ]

    # Drawing

    def _y(self, moment: datetime.datetime) -> float:
        """Distance from the top of the body to the moment."""
        index = bisect.bisect_right(self.edges, moment) - 1
        index = max(0, min(index, len(self.rows) - 1))
        offset = sum(self.rows[:index])
        low, high, minutes, _ = self.segments[index]
        if minutes <= 0:
            return offset
        fraction = (moment - low).total_seconds() / 60 / minutes
        return offset + self.rows[index] * max(0.0, min(1.0, fraction))

    def draw(self):
        canv = self.canv
        top = self.height
        body_top = top - self.header
        columns = {key: position for position, (key, _) in enumerate(self.rooms)}
        left = GRID_TIME_WIDTH

        # Room header
        canv.setFillColor(BRAND)
        canv.rect(left, body_top, self.width - left, self.header, stroke=0, fill=1)
        canv.setFillColor(colors.white)
        for position, (_, name) in enumerate(self.rooms):
            x = left + position * self.column
            lines = _lines(name, NARROW_BOLD, 7, self.column - 4)[:3]
            canv.saveState()
            path = canv.beginPath()
            path.rect(x + 1, body_top + 2, self.column - 2, self.header - 4)
            canv.clipPath(path, stroke=0, fill=0)
            canv.setFont(NARROW_BOLD, 7)
            baseline = body_top + (self.header + len(lines) * 8.2) / 2 - 6.5
            for line in lines:
                canv.drawCentredString(x + self.column / 2, baseline, line)
                baseline -= 8.2
            canv.restoreState()

        # Rows: gaps shaded, hour lines, times on the left
        y = body_top
        label_floor = top
        canv.setFont(NARROW, 6.5)
        for (low, _, _, stretch), height in zip(self.segments, self.rows, strict=True):
            if not stretch:
                canv.setFillColor(colors.HexColor("#f6f7f9"))
                canv.rect(left, y - height, self.width - left, height, stroke=0, fill=1)
            canv.setStrokeColor(RULE)
            canv.setLineWidth(0.3)
            canv.line(left, y, self.width, y)
            if y <= label_floor - 7 or low == self.window[0]:
                canv.setFillColor(MUTED)
                canv.drawRightString(left - 3, y - 6.5, f"{low:%H:%M}")
                label_floor = y
            y -= height
        canv.line(left, y, self.width, y)
        if y <= label_floor - 7:
            canv.drawRightString(left - 3, y - 6.5 if y > 7 else y, f"{self.window[1]:%H:%M}")
        for position in range(len(self.rooms) + 1):
            x = left + position * self.column
            canv.line(x, body_top, x, y)

        # Blocks
        for entry in self.entries:
            start = max(entry.start, self.window[0])
            end = min(entry.end, self.window[1])
            y_top = body_top - self._y(start)
            y_bottom = body_top - self._y(end)
            if entry.room_key is None:
                x, width = left, self.width - left
            else:
                x, width = left + columns[entry.room_key] * self.column, self.column
            self._block(
                entry,
                x + 1,
                y_bottom + 1,
                width - 2,
                y_top - y_bottom - 2,
                continued=start > entry.start,
            )

    def _block(
        self, entry: Entry, x: float, y: float, width: float, height: float, *, continued: bool
    ) -> None:
        canv = self.canv
        if entry.is_block:
            fill, text_colour, bar = BREAK_FILL, MUTED, None
        elif entry.is_keynote:
            fill, text_colour, bar = (
                colors.HexColor(entry.track_colour if entry.track_name else "#1f3a5f"),
                colors.white,
                None,
            )
        else:
            fill, text_colour, bar = _mix(entry.track_colour, 0.8), INK, entry.track_colour
        canv.setFillColor(fill)
        canv.setStrokeColor(colors.white)
        canv.rect(x, y, width, height, stroke=0, fill=1)
        inset = 2.5
        if bar is not None:
            canv.setFillColor(colors.HexColor(bar))
            canv.rect(x, y, 2.2, height, stroke=0, fill=1)
            inset = 4.5
        inner_width, inner_height = width - inset - 2.5, height - 3
        key = (entry.key, round(inner_width, 1), round(inner_height, 1), continued)
        if key not in self.fits:
            self.fits[key] = _fit_block(entry, inner_width, inner_height, continued)
        lines = self.fits[key]
        canv.saveState()
        path = canv.beginPath()
        path.rect(x, y, width, height)
        canv.clipPath(path, stroke=0, fill=0)
        canv.setFillColor(text_colour)
        cursor = y + height - 1.5
        for line, font, size in lines:
            cursor -= size * 1.16
            canv.setFont(font, size)
            if entry.room_key is None:
                canv.drawCentredString(x + width / 2, cursor + size * 0.22, line)
            else:
                canv.drawString(x + inset, cursor + size * 0.22, line)
        canv.restoreState()
        canv.linkRect("", entry.key, (x, y, x + width, y + height), relative=1, Border="[0 0 0]")


def _lines(text: str, font: str, size: float, width: float) -> list[str]:
    """The text broken into lines no wider than the width; a word too long for a line is
    broken inside."""
    measure = pdfmetrics.getFont(font).stringWidth
    space = measure(" ", size)
    lines: list[str] = []
    line, used = "", 0.0
    for word in text.split():
        word_width = measure(word, size)
        if line and used + space + word_width <= width:
            line, used = f"{line} {word}", used + space + word_width
            continue
        if line:
            lines.append(line)
        while word_width > width and len(word) > 1:
            cut = len(word) - 1
            while cut > 1 and measure(word[:cut], size) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
            word_width = measure(word, size)
        line, used = word, word_width
    if line:
        lines.append(line)
    return lines


def _fit_block(entry: Entry, width: float, height: float, continued: bool) -> list:
    """The largest arrangement of the entry's text that fits the box, as (line, font, size)
    from the top; an empty list when not even one shortened line fits."""
    if width <= 4 or height <= 4:
        return []
    title = entry.title + (" (cont.)" if continued else "")
    names = ", ".join(person.name for person in entry.speakers)
    detail = entry.times + (f" · {entry.format_name}" if entry.format_name else "")
    # One size step at a time, so that neighbouring blocks look alike: the full text first,
    # then without the times, then the title alone, then the title shortened.
    variants = []
    for size in (7, 6.5):
        parts = [(title, NARROW_BOLD, size)]
        if names:
            parts.append((names, NARROW, size - 0.7))
        parts.append((detail, NARROW, size - 1.2))
        variants.append(parts)
    if names:
        variants += [[(title, NARROW_BOLD, size), (names, NARROW, size - 0.7)] for size in (7, 6.5)]
    variants += [[(title, NARROW_BOLD, size)] for size in (7, 6.5, 6, 5.5)]
    for parts in variants:
        lines = [
            (line, font, size)
            for text, font, size in parts
            for line in _lines(text, font, size, width)
        ]
        if sum(size * 1.16 for _, _, size in lines) <= height:
            return lines
    # Even the smallest title is too long: keep the lines that fit and end with an ellipsis.
    size = 6
    room = int(height // (size * 1.16))
    if room < 1:
        return []
    lines = _lines(title, NARROW_BOLD, size, width)[:room]
    lines[-1] = _fit_width(lines[-1] + "…", NARROW_BOLD, size, width)
    return [(line, NARROW_BOLD, size) for line in lines]


# The document


class _Booklet(BaseDocTemplate):
    """A doc template that records pages of sessions and sections, builds the outline,
    and stamps the creation date it is given instead of the clock's."""

    def __init__(
        self,
        buffer,
        *,
        program: Program,
        pages: dict[str, int],
        forms: dict[str, tuple[str, float]],
        created_at: datetime.datetime,
        **kwargs,
    ):
        super().__init__(buffer, invariant=1, **kwargs)
        self.program = program
        self.created_at = created_at
        self.recorded = pages
        self.forms = forms
        self.section = ""

    def _makeCanvas(self, *args, **kwargs):  # noqa: N802 - reportlab's name
        canv = super()._makeCanvas(*args, **kwargs)
        moment = self.created_at.astimezone(datetime.UTC)
        stamp = canv._doc._timeStamp
        stamp.YMDhms = (
            moment.year,
            moment.month,
            moment.day,
            moment.hour,
            moment.minute,
            moment.second,
        )
        stamp.dhh = stamp.dmm = 0
        return canv

    def afterFlowable(self, flowable):  # noqa: N802 - reportlab's name
        for key in getattr(flowable, "_program_keys", ()):
            self.recorded.setdefault(key, self.page)
        for title, key, level in getattr(flowable, "_outline", ()):
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(title, key, level=level, closed=level == 0)
        section = getattr(flowable, "_section", None)
        if section is not None:
            self.section = section
        if getattr(flowable, "_last", False):
            self._define_page_numbers()

    def _define_page_numbers(self) -> None:
        canv = self.canv
        for name, (key, width) in sorted(self.forms.items()):
            canv.beginForm(name)
            canv.setFont(SANS, 9.5)
            canv.setFillColor(INK)
            canv.drawRightString(width, 3, str(self.recorded.get(key, PLACEHOLDER_PAGE)))
            canv.endForm()


def _page_furniture(canv, doc: _Booklet) -> None:
    """Running header (conference, section) and footer (page number, version)."""
    program = doc.program
    width, height = canv._pagesize
    margin = 16 * mm
    canv.saveState()
    canv.setFont(SANS_BOLD, 7.5)
    canv.setFillColor(BRAND)
    section = _fit_width(plain(doc.section), SANS, 7.5, width / 2 - margin)
    name_width = width - 2 * margin - pdfmetrics.stringWidth(section, SANS, 7.5) - 12
    canv.drawString(
        margin,
        height - 11 * mm,
        _fit_width(plain(program.conference.name), SANS_BOLD, 7.5, name_width),
    )
    canv.setFont(SANS, 7.5)
    canv.setFillColor(MUTED)
    canv.drawRightString(width - margin, height - 11 * mm, section)
    canv.setStrokeColor(RULE)
    canv.setLineWidth(0.5)
    canv.line(margin, height - 12.5 * mm, width - margin, height - 12.5 * mm)
    canv.line(margin, 12.5 * mm, width - margin, 12.5 * mm)
    canv.setFont(SANS_BOLD, 9)
    canv.setFillColor(INK)
    number = str(doc.page)
    if doc.page % 2:
        canv.drawRightString(width - margin, 8 * mm, number)
    else:
        canv.drawString(margin, 8 * mm, number)
    canv.setFont(SANS, 7)
    canv.setFillColor(colors.HexColor("#b42318") if program.draft else MUTED)
    timezone_name = program.conference.timezone
    if program.draft:
        note = f"Working copy, not released · times are local ({timezone_name})"
    else:
        note = f"Version {plain(program.version)} · times are local ({timezone_name})"
    canv.drawCentredString(width / 2, 8 * mm, note)
    canv.restoreState()


def _cover_furniture(canv, doc: _Booklet) -> None:
    width, height = canv._pagesize
    canv.saveState()
    canv.setFillColor(BRAND)
    canv.rect(0, height - 34 * mm, width, 34 * mm, stroke=0, fill=1)
    y = height - 34 * mm
    stripe = width / max(len(doc.program.tracks), 1)
    for position, (_, colour) in enumerate(doc.program.tracks):
        canv.setFillColor(colors.HexColor(colour))
        canv.rect(position * stripe, y - 2.5 * mm, stripe, 2.5 * mm, stroke=0, fill=1)
    canv.setFillColor(colors.white)
    canv.setFont(SANS_BOLD, 11)
    canv.drawString(
        18 * mm,
        height - 16 * mm,
        _fit_width(plain(doc.program.site_name), SANS_BOLD, 11, width - 36 * mm),
    )
    canv.setFont(SANS, 22)
    label = "Programme · draft" if doc.program.draft else "Programme"
    canv.drawString(18 * mm, height - 26 * mm, label)
    canv.restoreState()


def _templates(page_size) -> list[PageTemplate]:
    width, height = page_size
    side, top, bottom = 18 * mm, 18 * mm, 17 * mm
    cover = Frame(side, bottom, width - 2 * side, height - 42 * mm - bottom, id="cover")
    portrait = Frame(side, bottom, width - 2 * side, height - top - bottom, id="portrait")
    wide_width, wide_height = landscape(page_size)
    wide = Frame(side, bottom, wide_width - 2 * side, wide_height - top - bottom, id="wide")
    gutter = 8 * mm
    column = (width - 2 * side - gutter) / 2
    index = [
        Frame(side, bottom, column, height - top - bottom, id="left"),
        Frame(side + column + gutter, bottom, column, height - top - bottom, id="right"),
    ]
    return [
        PageTemplate(
            "cover",
            [cover],
            onPage=_cover_furniture,
            autoNextPageTemplate="portrait",
            pagesize=page_size,
        ),
        PageTemplate("portrait", [portrait], onPageEnd=_page_furniture, pagesize=page_size),
        PageTemplate("landscape", [wide], onPageEnd=_page_furniture, pagesize=landscape(page_size)),
        PageTemplate("index", index, onPageEnd=_page_furniture, pagesize=page_size),
    ]


def _qr_code(url: str, size: float) -> Drawing:
    widget = QrCodeWidget(url, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    return drawing


# The story, section by section


SECTIONS = (
    ("sec-grid", "Day at a glance"),
    ("sec-sessions", "Sessions"),
    ("sec-speakers", "Speaker index"),
    ("sec-companies", "Company index"),
    ("sec-studies", "Case studies presented"),
)


def _cover(program: Program, styles, forms, sections: list[tuple[str, str]]) -> list:
    conference = program.conference
    story: list = []
    name = markup(conference.name)
    long_name = len(conference.name) > 48
    story.append(Paragraph(name, styles["cover_title_long" if long_name else "cover_title"]))
    story.append(Spacer(1, 8))
    story.append(
        Paragraph(
            escape(_date_range(conference.starts_on, conference.ends_on)), styles["cover_dates"]
        )
    )
    venue = markup(conference.venue)
    if conference.venue_address:
        venue += "<br/>" + markup(conference.venue_address.strip())
    story.append(Paragraph(venue, styles["cover_venue"]))
    story.append(Spacer(1, 14))
    if not program.entries:
        story.append(
            Paragraph(
                "No sessions have been scheduled yet. The full programme will be printed here "
                "once the agenda is released.",
                styles["notice"],
            )
        )
    for paragraph in plain(conference.welcome_text).split("\n\n"):
        if paragraph.strip():
            story.append(Paragraph(markup(paragraph.strip()), styles["welcome"]))
    story.append(Spacer(1, 10))
    bottom: list = []
    if sections:
        rows = [
            [
                Paragraph(
                    f'<a href="#{key}" color="#1c2533">{escape(title)}</a>', styles["contents"]
                ),
                _PageNumber(key, forms),
            ]
            for key, title in sections
        ]
        contents = Table(rows, colWidths=[60 * mm, 12 * mm], hAlign="LEFT")
        contents.setStyle(
            TableStyle(
                [
                    ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        bottom.append(Paragraph("In this programme", styles["h2"]))
        bottom.append(contents)
    qr = Table(
        [
            [
                _qr_code(program.subscribe_url, 26 * mm),
                Paragraph(
                    "<b>Take the agenda with you.</b> Scan to subscribe in your calendar app: "
                    "when a session moves, your calendar moves with it.<br/>"
                    f'<a href="{escape(program.subscribe_url)}" color="#1f3a5f">'
                    f"{escape(program.subscribe_url)}</a>",
                    styles["qr_caption"],
                ),
            ]
        ],
        colWidths=[29 * mm, None],
        hAlign="LEFT",
    )
    qr.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (0, 0), 0),
                ("BACKGROUND", (0, 0), (-1, -1), BRAND_LIGHT),
                ("BOX", (0, 0), (-1, -1), 0, BRAND_LIGHT),
            ]
        )
    )
    bottom += [Spacer(1, 12), qr]
    story.append(KeepTogether(bottom))
    return story


def _legend(program: Program, styles) -> Paragraph:
    parts = [
        f'<font color="{colour}" size="10">■</font>&nbsp;{escape(name)}'
        for name, colour in program.tracks
    ]
    parts.append('<font color="#1f3a5f" size="10">■</font>&nbsp;Keynote (in its track colour)')
    parts.append('<font color="#c9ced6" size="10">■</font>&nbsp;Breaks and meals')
    return Paragraph("&nbsp;&nbsp;&nbsp; ".join(parts), styles["legend"])


def _grids(program: Program, styles) -> list:
    story: list = [NextPageTemplate("landscape")]
    rooms = program.rooms or [(0, "Venue")]
    chunks = -(-len(rooms) // MAX_ROOMS_PER_GRID)
    per_chunk = -(-len(rooms) // chunks)
    groups = [rooms[i : i + per_chunk] for i in range(0, len(rooms), per_chunk)]
    for day_index, day in enumerate(program.days):
        day_entries = [entry for entry in program.entries if entry.day == day]
        window = (min(e.start for e in day_entries), max(e.end for e in day_entries))
        for group_index, group in enumerate(groups):
            story.append(PageBreak())
            outline = []
            if day_index == 0 and group_index == 0:
                outline.append(("Day at a glance", "sec-grid", 0))
            if group_index == 0:
                outline.append((_day_label(day), f"grid-{day.isoformat()}", 1))
            story.append(
                _Marker(
                    keys=["sec-grid"] if day_index == 0 and group_index == 0 else [],
                    outline=outline,
                    section=f"Day at a glance · {_day_label(day)}",
                )
            )
            title = f"{_day_label(day)}"
            note = "Day at a glance. Click a session to read its entry."
            if len(groups) > 1:
                note = (
                    f"Day at a glance, rooms {group[0][1]} to {group[-1][1]} "
                    f"(page {group_index + 1} of {len(groups)} for this day)."
                )
            story.append(Paragraph(escape(title), styles["h1"]))
            story.append(Paragraph(escape(note), styles["h1_note"]))
            story.append(_legend(program, styles))
            story.append(Spacer(1, 6))
            story.append(DayGrid(entries=day_entries, rooms=group, window=window, fits={}))
    return story


class SessionEntry(Flowable):
    """One entry of the sessions pages: the times on the left, a bar in the track's colour,
    and the paragraphs (kicker, title, speakers, abstract) on the right. A plain flowable
    rather than a one-row Table, which would lay its cells out twice."""

    TIME_WIDTH = 17 * mm
    PAD = 9

    def __init__(self, *, key: str, times: list, content: list, bar, background=None):
        super().__init__()
        self._program_keys = (key,)
        self.times = times
        self.content = content
        self.bar = bar
        self.background = background

    def _layout(self, width: float) -> None:
        """Wrap the paragraphs once per width (the frame asks more than once)."""
        if getattr(self, "_laid_out_for", None) == width:
            return
        self._laid_out_for = width
        self.columns = []
        for paragraphs, x, column in (
            (self.times, 4 if self.background is not None else 0, self.TIME_WIDTH - 4),
            (self.content, self.TIME_WIDTH + self.PAD, width - self.TIME_WIDTH - self.PAD),
        ):
            placed = [(p, p.wrap(column, 10_000)[1], p.getSpaceAfter()) for p in paragraphs]
            self.columns.append((x, placed))
        self.height = max(sum(h + after for _, h, after in placed) for _, placed in self.columns)
        self.height += 10

    def wrap(self, available_width, available_height):
        self.width = available_width
        self._layout(available_width)
        return self.width, self.height

    def split(self, available_width, available_height):
        # Entries are shorter than a page (abstracts are capped); one that is not still
        # prints, as its paragraphs one after the other.
        if self.wrap(available_width, available_height)[1] <= available_height:
            return [self]
        return [] if available_height < 0.5 * self.height else [*self.content]

    def draw(self):
        canv = self.canv
        if self.background is not None:
            canv.setFillColor(self.background)
            canv.rect(0, 4, self.width, self.height - 4, stroke=0, fill=1)
        canv.setStrokeColor(self.bar)
        canv.setLineWidth(3)
        canv.line(self.TIME_WIDTH, 5, self.TIME_WIDTH, self.height - 1)
        for x, placed in self.columns:
            y = self.height - 3
            for paragraph, height, after in placed:
                y -= height
                paragraph.drawOn(canv, x, y)
                y -= after


def _session(entry: Entry, styles) -> Flowable:
    anchor = f'<a name="{entry.key}"/>'
    if entry.is_block:
        text = f"{anchor}<b>{entry.times}</b>&nbsp;&nbsp;&nbsp;<b>{escape(entry.title)}</b>"
        text += f" · {escape(entry.room_name)}"
        if entry.text:
            text += f'<br/><font size="7.5">{markup(entry.text)}</font>'
        paragraph = Paragraph(text, styles["block"])
        paragraph._program_keys = (entry.key,)
        return paragraph
    kicker = []
    if entry.is_keynote:
        kicker.append("<b>KEYNOTE</b>")
    kicker.append(f"<b>{escape(entry.room_name)}</b>")
    if entry.track_name:
        kicker.append(f'<font color="{entry.track_colour}">■</font> {escape(entry.track_name)}')
    if entry.format_name:
        kicker.append(escape(entry.format_name))
    if entry.level and entry.kind == "talk":
        kicker.append(escape(entry.level))
    content: list = [Paragraph(" · ".join(kicker), styles["kicker"])]
    title_style = styles["keynote_title"] if entry.is_keynote else styles["title"]
    content.append(Paragraph(f"{anchor}{escape(entry.title)}", title_style))
    if entry.speakers:
        names = ", ".join(
            f"<b>{escape(person.name)}</b>"
            + (f" ({escape(person.company)})" if person.company else "")
            for person in entry.speakers
        )
        content.append(Paragraph(names, styles["speakers"]))
    if entry.text:
        content.append(Paragraph(markup(entry.text), styles["abstract"]))
    times = [
        Paragraph(f"{entry.start:%H:%M}", styles["time"]),
        Paragraph(f"{entry.end:%H:%M}", styles["time_end"]),
    ]
    return SessionEntry(
        key=entry.key,
        times=times,
        content=content,
        bar=colors.HexColor(entry.track_colour),
        background=BRAND_LIGHT if entry.is_keynote else None,
    )


def _sessions(program: Program, styles) -> list:
    story: list = [NextPageTemplate("portrait")]
    for day_index, day in enumerate(program.days):
        story.append(PageBreak())
        outline = [("Sessions", "sec-sessions", 0)] if day_index == 0 else []
        outline.append((_day_label(day), f"day-{day.isoformat()}", 1))
        story.append(
            _Marker(
                keys=["sec-sessions"] if day_index == 0 else [],
                outline=outline,
                section=f"Sessions · {_day_label(day)}",
            )
        )
        story.append(Paragraph(escape(_day_label(day)), styles["h1"]))
        story.append(Spacer(1, 6))
        for entry in program.entries:
            if entry.day == day:
                story.append(CondPageBreak(30 * mm))
                story.append(_session(entry, styles))
    return story


def _letter(text: str) -> str:
    first = _sort_key(text)[:1].upper()
    return first if first.isalpha() else "#"


def _speaker_index(program: Program, styles, pages) -> list:
    sessions: dict[int, list[str]] = defaultdict(list)
    people: dict[int, Person] = {}
    for entry in program.entries:
        for person in entry.speakers:
            people[person.key] = person
            sessions[person.key].append(entry.key)
    ordered = sorted(people.values(), key=lambda p: (_sort_key(p.sort_name), p.key))
    story: list = [NextPageTemplate("index"), PageBreak()]
    story.append(
        _Marker(
            keys=["sec-speakers"],
            outline=[("Speaker index", "sec-speakers", 0)],
            section="Speaker index",
        )
    )
    story.append(Paragraph("Speakers", styles["h1"]))
    letter = None
    for person in ordered:
        if _letter(person.sort_name) != letter:
            letter = _letter(person.sort_name)
            story.append(CondPageBreak(22 * mm))
            story.append(Paragraph(letter, styles["index_letter"]))
        text = f"<b>{escape(plain(person.sort_name))}</b>"
        if person.company:
            text += f' <font color="#5b6472">· {escape(plain(person.company))}</font>'
        text += f"&nbsp;&nbsp;{_page_refs(sessions[person.key], pages)}"
        story.append(Paragraph(text, styles["index"]))
    return story


def _company_index(program: Program, styles, pages) -> list:
    sessions: dict[int, list[str]] = defaultdict(list)
    names: dict[int, str] = {}
    speakers: dict[int, dict[int, str]] = defaultdict(dict)
    for entry in program.entries:
        for person in entry.speakers:
            if person.company_key is None:
                continue
            names[person.company_key] = person.company
            if entry.key not in sessions[person.company_key]:
                sessions[person.company_key].append(entry.key)
            speakers[person.company_key][person.key] = person.name
    story: list = [PageBreak()]
    story.append(
        _Marker(
            keys=["sec-companies"],
            outline=[("Company index", "sec-companies", 0)],
            section="Company index",
        )
    )
    story.append(Paragraph("Companies", styles["h1"]))
    letter = None
    for key in sorted(names, key=lambda k: (_sort_key(names[k]), k)):
        if _letter(names[key]) != letter:
            letter = _letter(names[key])
            story.append(CondPageBreak(22 * mm))
            story.append(Paragraph(letter, styles["index_letter"]))
        text = f"<b>{escape(plain(names[key]))}</b>&nbsp;&nbsp;{_page_refs(sessions[key], pages)}"
        people = ", ".join(sorted(speakers[key].values(), key=_sort_key))
        story.append(
            KeepTogether(
                [
                    Paragraph(text, styles["index"]),
                    Paragraph(escape(plain(people)), styles["index_sub"]),
                ]
            )
        )
    return story


def _case_studies(program: Program, styles, pages) -> list:
    seen: dict[int, list[Entry]] = {}
    studies = {}
    for entry in program.entries:
        if entry.case_study is not None:
            studies[entry.case_study.id] = entry.case_study
            seen.setdefault(entry.case_study.id, []).append(entry)
    if not studies:
        return []
    story: list = [NextPageTemplate("portrait"), PageBreak()]
    story.append(
        _Marker(
            keys=["sec-studies"],
            outline=[("Case studies presented", "sec-studies", 0)],
            section="Case studies presented",
        )
    )
    story.append(Paragraph("Case studies presented", styles["h1"]))
    story.append(
        Paragraph(
            "Results our members measured, and where in this programme they tell the story.",
            styles["h1_note"],
        )
    )
    ordered = sorted(
        studies.values(), key=lambda s: (_sort_key(s.company), _sort_key(s.title), s.id)
    )
    for study in ordered:
        talks = seen[study.id]
        where = "; ".join(
            f"{escape(t.title)}, {_day_label(t.day)} {t.start:%H:%M}, page "
            f"{_page_refs([t.key], pages)}"
            for t in talks
        )
        content = [
            Paragraph(markup(study.company), styles["study_company"]),
            Paragraph(markup(study.title), styles["study_title"]),
            Spacer(1, 3),
            Paragraph(markup(study.results), styles["study_result"]),
            Spacer(1, 3),
            Paragraph(f"Presented in {where}", styles["small"]),
        ]
        table = Table([[content]], colWidths=[None])
        table.setStyle(
            TableStyle(
                [
                    ("LINEBEFORE", (0, 0), (0, 0), 3, BRAND),
                    ("LEFTPADDING", (0, 0), (-1, -1), 9),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 9),
                ]
            )
        )
        story.append(table)
        story.append(Spacer(1, 4))
    return story


def _story(program: Program, pages: dict[str, int], forms: dict) -> list:
    """The booklet's flowables. The indexes and the case-study page are made when layout
    reaches them, after every session has been placed and its page recorded in `pages`."""
    styles = _styles()
    if not program.entries:
        return _cover(program, styles, forms, [])
    has_studies = any(entry.case_study is not None for entry in program.entries)
    has_companies = any(p.company_key for e in program.entries for p in e.speakers)
    has_speakers = any(entry.speakers for entry in program.entries)
    sections = [
        (key, title)
        for key, title in SECTIONS
        if (key != "sec-studies" or has_studies)
        and (key != "sec-companies" or has_companies)
        and (key != "sec-speakers" or has_speakers)
    ]
    story = _cover(program, styles, forms, sections)
    story += _grids(program, styles)
    story += _sessions(program, styles)
    if has_speakers:
        story.append(_Deferred(lambda: _speaker_index(program, styles, pages)))
    if has_companies:
        story.append(_Deferred(lambda: _company_index(program, styles, pages)))
    if has_studies:
        story.append(_Deferred(lambda: _case_studies(program, styles, pages)))
    story.append(_Marker(last=True))
    return story


def render_program(
    *,
    conference,
    sessions: Iterable[SessionRow],
    version: str,
    draft: bool,
    subscribe_url: str,
    site_name: str,
    created_at: datetime.datetime,
    page_size: str = "A4",
) -> bytes:
    """The programme as PDF bytes: of a release (`version` its name), of the working copy
    (`draft`), or of nothing yet (neither, no sessions). `sessions` are
    `events.schedule.rows.session_rows` of the schedule; cancelled ones are left out. Runs
    no query and reads no setting: the caller passes what it needs."""
    _fonts()
    program = _gather(
        conference=conference,
        sessions=sessions,
        version=version,
        draft=draft,
        subscribe_url=subscribe_url,
        site_name=site_name,
    )
    size = PAGE_SIZES[page_size]
    title = plain(f"{conference.name}: programme")
    if program.draft:
        title += " (working copy)"
    pages: dict[str, int] = {}
    forms: dict[str, tuple[str, float]] = {}
    buffer = io.BytesIO()
    document = _Booklet(
        buffer,
        program=program,
        pages=pages,
        forms=forms,
        created_at=created_at,
        pagesize=size,
        pageTemplates=_templates(size),
        title=title,
        author=plain(site_name),
        subject=plain(f"Programme, version {program.version}" if program.released else "Programme"),
        creator="Guildhall",
        keywords=["programme", "agenda", plain(conference.name)],
        lang="en",
        displayDocTitle=1,
    )
    document.build(_story(program, pages, forms))
    return buffer.getvalue()


def program_digest(*, conference, subscribe_url: str, site_name: str) -> str:
    """A short digest of what the cover prints from outside the release (the conference's
    own fields, the site's name and address), so an edited welcome text is not hidden by a
    booklet cached for the release."""
    fields = [
        str(LAYOUT_VERSION),
        conference.name,
        conference.slug,
        conference.starts_on.isoformat(),
        conference.ends_on.isoformat(),
        conference.timezone,
        conference.venue,
        conference.venue_address,
        conference.welcome_text,
        subscribe_url,
        site_name,
    ]
    return hashlib.sha256("\x1f".join(fields).encode()).hexdigest()[:16]
