"""A session's share image: the 1200 by 630 PNG that social sites show as a link's preview
(Open Graph, Twitter cards), drawn with Pillow from plain data in the bundled DejaVu faces,
with Symbola for the symbols and emoji DejaVu lacks.

Pure: it takes a `ShareCard` and returns bytes. `card_digest` names the bytes a card gives,
so callers can store the image once per distinct card.
"""

import datetime
import hashlib
import io
import re
from dataclasses import astuple, dataclass
from functools import cache
from itertools import groupby
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from reportlab.pdfbase.ttfonts import TTFontFile

WIDTH, HEIGHT = 1200, 630
# Raise when the drawing changes, so that every stored image is drawn again.
REVISION = 1

FONT_DIR = Path(__file__).resolve().parent / "fonts"
REGULAR, BOLD, SYMBOLS = "DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "Symbola.ttf"

BACKGROUND = "#ffffff"
INK = "#1c2533"
MUTED = "#5b6472"
BRAND = "#1f3a5f"
NO_TRACK = "#7a8699"
CANCELLED = "#b3261e"
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")

MARGIN = 72
ACCENT_WIDTH = 24
TEXT_WIDTH = WIDTH - ACCENT_WIDTH - 2 * MARGIN
TITLE_SIZES = (64, 56, 48)
TITLE_LINES = 3
ELLIPSIS = "…"


@dataclass(frozen=True)
class ShareCard:
    """What a session's image shows. `start` and `end` are in the conference's timezone,
    named by `timezone`; `speakers` are display lines such as "Ada Lovelace, Acme"."""

    conference: str
    title: str
    speakers: tuple[str, ...]
    start: datetime.datetime
    end: datetime.datetime
    timezone: str
    room: str
    track: str = ""
    accent: str = ""
    cancelled: bool = False

    @property
    def when(self) -> str:
        start, end = self.start, self.end
        day = f"{start:%A} {start.day} {start:%B %Y}"
        return f"{day} · {start:%H:%M}–{end:%H:%M} ({self.timezone})"  # noqa: RUF001 - the image's own en dash


def card_digest(card: ShareCard) -> str:
    """A digest of everything the image of the card shows, and of the drawing's revision."""
    parts = (REVISION, *(v.isoformat() if hasattr(v, "isoformat") else v for v in astuple(card)))
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


def card_alt(card: ShareCard) -> str:
    """The image's text alternative: what it shows, in one line."""
    people = "; ".join(card.speakers)
    parts = [card.title, people, card.when, card.room, card.conference]
    text = " · ".join(part for part in parts if part)
    return f"Cancelled: {text}" if card.cancelled else text


# Fonts and the characters they draw


@cache
def _font(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_DIR / name), size)


@cache
def _coverage(name: str) -> frozenset[int]:
    return frozenset(TTFontFile(str(FONT_DIR / name)).charToGlyph)


_CONTROLS = {code: None for code in range(32)} | {0x7F: None}
_MISSING = re.compile("\ufffd+")


def _runs(text: str) -> list[tuple[str, bool]]:
    """The text cut where it changes between DejaVu and Symbola, each run with whether
    Symbola draws it; what neither face has becomes U+FFFD, so no script can break the
    image (it shows a replacement mark instead of the character)."""
    text = " ".join(text.translate(_CONTROLS).split())
    if text.isascii():
        return [(text, False)] if text else []
    dejavu, symbols = _coverage(BOLD) & _coverage(REGULAR), _coverage(SYMBOLS)
    chars = [
        (ch, False)
        if ord(ch) in dejavu
        else (ch, True)
        if ord(ch) in symbols
        else ("\ufffd", False)
        for ch in text
    ]
    runs = [
        ("".join(ch for ch, _ in group), fallback)
        for fallback, group in groupby(chars, key=lambda pair: pair[1])
    ]
    # One mark for a stretch of undrawable characters (a whole CJK phrase), not one each.
    return [(_MISSING.sub("\ufffd", run), fallback) for run, fallback in runs]


def _face(fallback: bool, name: str, size: int) -> ImageFont.FreeTypeFont:
    return _font(SYMBOLS if fallback else name, size)


def _width(runs: list[tuple[str, bool]], name: str, size: int) -> float:
    return sum(_face(fallback, name, size).getlength(run) for run, fallback in runs)


def _text(runs: list[tuple[str, bool]]) -> str:
    return "".join(run for run, _ in runs)


def _slice(runs: list[tuple[str, bool]], start: int, end: int) -> list[tuple[str, bool]]:
    """The runs of characters [start, end) of their joined text."""
    cut: list[tuple[str, bool]] = []
    position = 0
    for run, fallback in runs:
        piece = run[max(start - position, 0) : max(end - position, 0)]
        if piece:
            cut.append((piece, fallback))
        position += len(run)
    return cut


def _ellipsised(runs: list[tuple[str, bool]], name: str, size: int, width: float) -> list:
    """The runs shortened to fit `width` with an ellipsis, at a word break if one is near."""
    text = _text(runs)
    if _width(runs, name, size) <= width:
        return runs
    end = len(text)
    while end > 0 and _width([*_slice(runs, 0, end), (ELLIPSIS, False)], name, size) > width:
        end -= 1
    space = text.rfind(" ", 0, end)
    if space > end * 0.6:
        end = space
    kept = _slice(runs, 0, end)
    while kept and kept[-1][0].endswith(" "):
        kept[-1] = (kept[-1][0].rstrip(), kept[-1][1])
    return [*kept, (ELLIPSIS, False)]


def _wrap(
    runs: list[tuple[str, bool]], name: str, size: int, width: float, lines: int
) -> tuple[list[list[tuple[str, bool]]], bool]:
    """The runs broken into at most `lines` lines at spaces (inside a word only when the
    word alone is too wide); the last line ellipsised when the text does not fit. Returns
    the lines and whether all of the text fits."""
    text = _text(runs)
    result: list[list[tuple[str, bool]]] = []
    start = 0
    while start < len(text) and len(result) < lines:
        end = len(text)
        while _width(_slice(runs, start, end), name, size) > width:
            space = text.rfind(" ", start, end)
            if space > start:
                end = space
            else:  # one word wider than the line: break it where it stops fitting
                end -= 1
        end = max(end, start + 1)
        result.append(_slice(runs, start, end))
        start = end
        while start < len(text) and text[start] == " ":
            start += 1
    if start >= len(text):
        return result, True
    result[-1] = _ellipsised(_slice(runs, _offset(result[:-1], text), len(text)), name, size, width)
    return result, False


def _offset(lines: list[list[tuple[str, bool]]], text: str) -> int:
    """Where the line after `lines` starts in `text` (the spaces between lines skipped)."""
    position = 0
    for line in lines:
        position += len(_text(line))
        while position < len(text) and text[position] == " ":
            position += 1
    return position


def _title_lines(title: str) -> tuple[int, list[list[tuple[str, bool]]]]:
    runs = _runs(title)
    for size in TITLE_SIZES:
        lines, fits = _wrap(runs, BOLD, size, TEXT_WIDTH, TITLE_LINES)
        if fits:
            break
    return size, lines


def title_layout(title: str) -> tuple[int, list[str]]:
    """The type size and the lines the title is drawn in: the largest size at which it
    fits in three lines, else the smallest with the third line ellipsised."""
    size, lines = _title_lines(title)
    return size, [_text(line) for line in lines]


def _draw(
    draw: ImageDraw.ImageDraw,
    x: float,
    y: float,
    runs: list[tuple[str, bool]],
    name: str,
    size: int,
    fill: str,
) -> None:
    for run, fallback in runs:
        face = _face(fallback, name, size)
        draw.text((x, y), run, font=face, fill=fill)
        x += face.getlength(run)


def _accent(card: ShareCard) -> str:
    return card.accent if _COLOUR.match(card.accent or "") else NO_TRACK


def render_share_image(card: ShareCard) -> bytes:
    """The card as a 1200 by 630 PNG: the conference at the top, the title (wrapped, the
    largest size that fits in three lines, else ellipsised), the speakers with their
    companies, and when and where, beside a bar in the track's colour."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    accent = _accent(card)
    draw.rectangle((0, 0, ACCENT_WIDTH - 1, HEIGHT - 1), fill=accent)
    left = ACCENT_WIDTH + MARGIN

    y = 56
    head = _ellipsised(_runs(card.conference), BOLD, 32, TEXT_WIDTH)
    _draw(draw, left, y, head, BOLD, 32, BRAND)
    y += 48
    label = card.track
    if card.cancelled:
        label = "Cancelled" + (f" · {label}" if label else "")
    if label:
        colour = CANCELLED if card.cancelled else MUTED
        _draw(draw, left, y, _ellipsised(_runs(label), BOLD, 24, TEXT_WIDTH), BOLD, 24, colour)
    y += 56

    size, lines = _title_lines(card.title)
    line_height = round(size * 1.22)
    for line in lines:
        _draw(draw, left, y, line, BOLD, size, INK)
        y += line_height

    y += 20
    people = _runs(" · ".join(card.speakers))
    if people:
        # Two lines of speakers while the title leaves room for them, else one.
        room_for = 2 if len(lines) < TITLE_LINES or size < TITLE_SIZES[0] else 1
        speaker_lines, _ = _wrap(people, REGULAR, 30, TEXT_WIDTH, room_for)
        for line in speaker_lines:
            _draw(draw, left, y, line, REGULAR, 30, INK)
            y += 40

    bottom = HEIGHT - 110
    draw.line((left, bottom - 18, WIDTH - MARGIN, bottom - 18), fill=accent, width=3)
    for text, offset in ((card.when, 0), (card.room, 38)):
        runs = _ellipsised(_runs(text), REGULAR, 26, TEXT_WIDTH)
        _draw(draw, left, bottom + offset, runs, REGULAR, 26, MUTED)

    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
