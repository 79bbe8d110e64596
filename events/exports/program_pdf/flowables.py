"""The booklet's own flowables: markers of sections and their pages, page numbers drawn
late, deferred indexes, the day-at-a-glance grid and a session's entry."""

import bisect
import datetime

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    Paragraph,
    Spacer,
)

from events.exports.program_pdf.model import Entry
from events.exports.program_pdf.styles import (
    BRAND,
    BREAK_FILL,
    GAP_MINUTES,
    GRID_GAP_ROW,
    GRID_MAX_SCALE,
    GRID_MIN_ROW,
    GRID_TIME_WIDTH,
    INK,
    MUTED,
    NARROW,
    NARROW_BOLD,
    RULE,
    draw_text,
    fit_width,
    mix,
    text_width,
)

# Markers the document template reads


class KeyedParagraph(Paragraph):
    """A paragraph whose page `Booklet.afterFlowable` records under its `_program_keys`."""

    _program_keys: tuple[str, ...] = ()


class Marker(Flowable):
    """An invisible flowable that marks where a section begins: its page (`keys`), its
    outline entries and the running header's text. `Booklet.afterFlowable` reads it."""

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


class PageNumber(Flowable):
    """The page a section starts on, for the contents on the cover, which is laid out
    before that page is known: it draws a form that `Booklet` defines at the end."""

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


class Deferred(Flowable):
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


# The day-at-a-glance grid


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
        low, _, minutes, _ = self.segments[index]
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
            baseline = body_top + (self.header + len(lines) * 8.2) / 2 - 6.5
            for line in lines:
                draw_text(canv, x + self.column / 2, baseline, line, NARROW_BOLD, 7, align="centre")
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
            fill, text_colour, bar = mix(entry.track_colour, 0.8), INK, entry.track_colour
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
            if entry.room_key is None:
                draw_text(canv, x + width / 2, cursor + size * 0.22, line, font, size, "centre")
            else:
                draw_text(canv, x + inset, cursor + size * 0.22, line, font, size)
        canv.restoreState()
        canv.linkRect("", entry.key, (x, y, x + width, y + height), relative=1, Border="[0 0 0]")


def _lines(text: str, font: str, size: float, width: float) -> list[str]:
    """The text broken into lines no wider than the width; a word too long for a line is
    broken inside."""

    def measure(text: str, size: float) -> float:
        return text_width(text, font, size)

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
    shortened = _lines(title, NARROW_BOLD, size, width)[:room]
    shortened[-1] = fit_width(shortened[-1] + "…", NARROW_BOLD, size, width)
    return [(line, NARROW_BOLD, size) for line in shortened]


# A session on the sessions pages


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
