"""Conference badges as PDF: name, company, pass and a QR code of the check-in code.

`render_badges` is pure: it takes plain `BadgeData` (the caller signs the codes) and yields
the PDF in pieces, page by page, so the 8,000 badges of a big conference stream out in
bounded memory. reportlab's canvas keeps every page until it saves the document, so the
pages are written here as PDF objects of their own; the text uses the programme's bundled
DejaVu faces, embedded at the end as subsets of what the badges used (reportlab's
subsetter), and the QR code is reportlab's QR widget drawn as filled rectangles.

What stays in memory while the PDF streams: one page, the byte offset of each object
(two per page), the characters used so far and, at the end, the font subsets. A single
badge is one page of badge size; the print sheet puts four on an A4 page with cut lines.
"""

from __future__ import annotations

import datetime
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import groupby, islice

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.ttfonts import SUBSETN, TTFontFace, makeToUnicodeCMap

from events.exports.program_pdf.styles import BRAND, FONT_DIR, INK, MUTED, RULE

__all__ = ["BADGE_SIZE", "BadgeData", "qr_runs", "render_badges"]

BADGE_SIZE = (A4[0] / 2, A4[1] / 2)  # A6-ish: four to an A4 sheet
MARGIN = 9 * mm
BAND = 26 * mm
QR_SIZE = 38 * mm
PASS_BAND = 13 * mm
PASS_COLOURS = {
    "staff": colors.HexColor("#8a1c2b"),
    "speaker": BRAND,
    "member": colors.HexColor("#1d6b5a"),
    "paid": INK,
}
WHITE = colors.white
_FACES = {"R": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "C": "DejaVuSansCondensed-Bold.ttf"}
_CONTROLS = {code: None for code in range(32)} | {0x7F: None}


@dataclass(frozen=True)
class BadgeData:
    """One badge: the person's name, their company (may be empty), the pass's words, and the
    check-in code that the QR code carries and the badge prints for typing."""

    name: str
    company: str
    pass_label: str
    code: str
    pass_type: str = ""


class _Face:
    """A DejaVu face whose characters are given codes in subsets of 256 as they are first
    drawn, the way reportlab embeds TrueType fonts."""

    def __init__(self, key: str, filename: str) -> None:
        self.key = key
        self.face = TTFontFace(str(FONT_DIR / filename))
        self.codes: dict[int, tuple[int, int]] = {}
        self.subsets: list[list[int]] = []
        replacement = 0xFFFD if 0xFFFD in self.face.charToGlyph else ord("?")
        self.replacement = replacement

    def drawable(self, text: str) -> str:
        text = text.translate(_CONTROLS)
        glyphs = self.face.charToGlyph
        return "".join(ch if ord(ch) in glyphs else chr(self.replacement) for ch in text)

    def width(self, text: str, size: float) -> float:
        return sum(self.face.getCharWidth(ord(ch)) for ch in self.drawable(text)) * size / 1000

    def _code(self, char: int) -> tuple[int, int]:
        found = self.codes.get(char)
        if found is None:
            if not self.subsets or len(self.subsets[-1]) == 256:
                self.subsets.append([])
            subset = self.subsets[-1]
            found = self.codes[char] = (len(self.subsets) - 1, len(subset))
            subset.append(char)
        return found

    def show(self, text: str, size: float) -> str:
        """Text operators drawing `text` at the current point, switching subsets as needed."""
        ops = []
        current = -1
        run: list[int] = []
        for ch in self.drawable(text):
            subset, code = self._code(ord(ch))
            if subset != current:
                if run:
                    ops.append(f"<{bytes(run).hex()}> Tj")
                ops.append(f"/{self.key}{subset} {size:.2f} Tf")
                current, run = subset, []
            run.append(code)
        if run:
            ops.append(f"<{bytes(run).hex()}> Tj")
        return " ".join(ops)

    def resource_names(self) -> list[str]:
        return [f"{self.key}{number}" for number in range(len(self.subsets))]

    def subset_objects(self, number: int) -> tuple[str, bytes, bytes, dict]:
        """The subset's PostScript name, its TrueType file, its ToUnicode map and the
        entries of its font dictionary that do not refer to other objects."""
        subset = self.subsets[number]
        name = b"".join((SUBSETN(number), b"+", self.face.name, self.face.subfontNameX))
        base = name.decode("pdfdoc")
        widths = " ".join(f"{self.face.getCharWidth(char):.0f}" for char in subset)
        info = {
            "first": 0,
            "last": len(subset) - 1,
            "widths": widths,
        }
        cmap = makeToUnicodeCMap(base, subset).encode("latin-1")
        return base, self.face.makeSubset(subset), cmap, info


def qr_runs(value: str) -> tuple[int, list[tuple[int, int, int]]]:
    """A QR code of `value`: its size in modules, and its dark modules as runs (row, first
    column, length) counted from the top left, for drawing as filled rectangles."""
    # reportlab's QR widget encodes (and picks the mask that scans best); its modules are
    # drawn as runs of rectangles, as the widget's own draw() does, without building a
    # shape object per run (that doubled the time of a badge).
    encoder = QrCodeWidget(value, barLevel="M").qr  # type: ignore[attr-defined] # set in __init__ via __dict__
    encoder.make()
    runs = []
    for row_number, row in enumerate(encoder.modules):
        column = 0
        for dark, run in groupby(row):
            length = len(list(run))
            if dark:
                runs.append((row_number, column, length))
            column += length
    return encoder.getModuleCount(), runs


def _rgb(colour: colors.Color, stroke: bool = False) -> str:
    return f"{colour.red:.3f} {colour.green:.3f} {colour.blue:.3f} {'RG' if stroke else 'rg'}"


class _Page:
    """One page's content stream, drawn with PDF operators; y grows upwards as in PDF."""

    def __init__(self, faces: dict[str, _Face]) -> None:
        self.faces = faces
        self.ops: list[str] = []

    def rect(self, x: float, y: float, width: float, height: float, fill: colors.Color) -> None:
        self.ops.append(f"{_rgb(fill)} {x:.2f} {y:.2f} {width:.2f} {height:.2f} re f")

    def text(
        self,
        x: float,
        y: float,
        text: str,
        *,
        face: str,
        size: float,
        fill: colors.Color,
        centre: bool = True,
    ) -> None:
        font = self.faces[face]
        if centre:
            x -= font.width(text, size) / 2
        self.ops.append(f"BT {_rgb(fill)} {x:.2f} {y:.2f} Td {font.show(text, size)} ET")

    def fit(self, text: str, *, face: str, size: float, width: float) -> str:
        """The text shortened with an ellipsis until it fits the width."""
        font = self.faces[face]
        text = font.drawable(text).strip()
        if font.width(text, size) <= width:
            return text
        while text and font.width(text + "…", size) > width:
            text = text[:-1]
        return text.rstrip() + "…"

    def qr(self, x: float, y: float, value: str, size: float) -> None:
        count, runs = qr_runs(value)
        box = size / count
        self.ops.append("0 0 0 rg")
        for row_number, column, length in runs:
            top = y + size - (row_number + 1) * box
            self.ops.append(f"{x + column * box:.2f} {top:.2f} {length * box:.2f} {box:.2f} re")
        self.ops.append("f")

    def cut_lines(self, width: float, height: float) -> None:
        self.ops.append(
            f"q {_rgb(RULE, stroke=True)} 0.5 w [3 3] 0 d "
            f"{width / 2:.2f} 0 m {width / 2:.2f} {height:.2f} l "
            f"0 {height / 2:.2f} m {width:.2f} {height / 2:.2f} l S Q"
        )

    def content(self) -> bytes:
        return "\n".join(self.ops).encode("latin-1")


def _name_lines(page: _Page, name: str, width: float) -> tuple[list[str], float]:
    """The name on one line as large as fits (26 to 17 points), else on two lines."""
    font = page.faces["B"]
    name = font.drawable(name).strip() or "?"
    for size in (26, 24, 22, 20, 18, 17):
        if font.width(name, size) <= width:
            return [name], size
    words = name.split()
    if len(words) > 1:
        best = min(
            range(1, len(words)),
            key=lambda cut: abs(len(" ".join(words[:cut])) - len(" ".join(words[cut:]))),
        )
        lines = [" ".join(words[:best]), " ".join(words[best:])]
        for size in (20, 18, 16):
            if all(font.width(line, size) <= width for line in lines):
                return lines, size
        return [page.fit(line, face="B", size=16, width=width) for line in lines], 16
    return [page.fit(name, face="B", size=17, width=width)], 17


def _draw_badge(
    page: _Page, x: float, y: float, badge: BadgeData, conference_name: str, dates: str
) -> None:
    width, height = BADGE_SIZE
    inner = width - 2 * MARGIN
    centre = x + width / 2
    top = y + height
    page.rect(x, top - BAND, width, BAND, BRAND)
    page.text(
        centre,
        top - 12 * mm,
        page.fit(conference_name, face="B", size=14, width=inner),
        face="B",
        size=14,
        fill=WHITE,
    )
    page.text(
        centre,
        top - 19 * mm,
        page.fit(dates, face="R", size=9.5, width=inner),
        face="R",
        size=9.5,
        fill=WHITE,
    )
    lines, size = _name_lines(page, badge.name, inner)
    baseline = top - BAND - 16 * mm
    for line in lines:
        page.text(centre, baseline, line, face="B", size=size, fill=INK)
        baseline -= size * 1.15
    if badge.company:
        page.text(
            centre,
            baseline - 3 * mm,
            page.fit(badge.company, face="R", size=13, width=inner),
            face="R",
            size=13,
            fill=MUTED,
        )
    # Four modules of white all round (the QR code's quiet zone) keep it quick to scan.
    qr_y = y + PASS_BAND + 16 * mm
    page.qr(centre - QR_SIZE / 2, qr_y, badge.code, QR_SIZE)
    page.text(centre, y + PASS_BAND + 6 * mm, badge.code, face="C", size=12, fill=INK)
    band = PASS_COLOURS.get(badge.pass_type, INK)
    page.rect(x, y, width, PASS_BAND, band)
    page.text(
        centre,
        y + 4.6 * mm,
        page.fit(badge.pass_label.upper(), face="B", size=11, width=inner),
        face="B",
        size=11,
        fill=WHITE,
    )


def _pdf_string(text: str) -> str:
    """A PDF text string in UTF-16BE with a byte order mark: any script, nothing to escape."""
    return "<feff" + text.encode("utf-16-be").hex() + ">"


class _Writer:
    """Numbers objects, writes them and remembers where each starts, for the xref table."""

    def __init__(self) -> None:
        self.offsets: dict[int, int] = {}
        self.position = 0
        self.last_id = 0

    def reserve(self) -> int:
        self.last_id += 1
        return self.last_id

    def emit(self, data: bytes) -> bytes:
        self.position += len(data)
        return data

    def obj(self, number: int, body: str | bytes) -> bytes:
        self.offsets[number] = self.position
        raw = body.encode("latin-1") if isinstance(body, str) else body
        return self.emit(b"%d 0 obj\n%s\nendobj\n" % (number, raw))

    def stream(self, number: int, data: bytes, extra: str = "") -> bytes:
        packed = zlib.compress(data, 6)
        head = f"<< /Length {len(packed)} /Filter /FlateDecode {extra}>>\nstream\n"
        return self.obj(number, head.encode("latin-1") + packed + b"\nendstream")

    def xref(self, trailer: str) -> bytes:
        start = self.position
        lines = [f"xref\n0 {self.last_id + 1}\n", "0000000000 65535 f \n"]
        numbers = range(1, self.last_id + 1)
        lines += [f"{self.offsets[number]:010d} 00000 n \n" for number in numbers]
        lines.append(f"trailer\n{trailer}\nstartxref\n{start}\n%%EOF\n")
        return self.emit("".join(lines).encode("latin-1"))


def render_badges(
    badges: Iterable[BadgeData],
    *,
    conference_name: str,
    dates: str,
    created_at: datetime.datetime,
    sheet: bool = True,
    title: str = "",
) -> Iterator[bytes]:
    """The badges as a PDF, yielded in pieces: four to an A4 sheet with cut lines (`sheet`),
    or one badge-sized page each. `badges` may be a generator; it is read one page at a
    time. Runs no query and reads no setting; the same input gives the same bytes."""
    faces = {key: _Face(key, filename) for key, filename in _FACES.items()}
    writer = _Writer()
    catalog, pages_id, resources_id, info_id = (writer.reserve() for _ in range(4))
    page_size = A4 if sheet else BADGE_SIZE
    per_page = 4 if sheet else 1
    positions = (
        [(0, BADGE_SIZE[1]), (BADGE_SIZE[0], BADGE_SIZE[1]), (0, 0), (BADGE_SIZE[0], 0)]
        if sheet
        else [(0, 0)]
    )
    yield writer.emit(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    kids: list[int] = []
    iterator = iter(badges)
    while chunk := list(islice(iterator, per_page)):
        page = _Page(faces)
        for badge, (x, y) in zip(chunk, positions, strict=False):
            _draw_badge(page, x, y, badge, conference_name, dates)
        if sheet:
            page.cut_lines(*page_size)
        content_id, page_id = writer.reserve(), writer.reserve()
        kids.append(page_id)
        yield writer.stream(content_id, page.content())
        yield writer.obj(
            page_id,
            f"<< /Type /Page /Parent {pages_id} 0 R /Resources {resources_id} 0 R "
            f"/MediaBox [0 0 {page_size[0]:.2f} {page_size[1]:.2f}] "
            f"/Contents {content_id} 0 R >>",
        )
    if not kids:  # no registrations yet: one empty page, so the file still opens
        page_id = writer.reserve()
        kids.append(page_id)
        yield writer.obj(
            page_id,
            f"<< /Type /Page /Parent {pages_id} 0 R /Resources {resources_id} 0 R "
            f"/MediaBox [0 0 {page_size[0]:.2f} {page_size[1]:.2f}] >>",
        )
    fonts: list[str] = []
    for face in faces.values():
        for number, name in enumerate(face.resource_names()):
            base, font_file, cmap, info = face.subset_objects(number)
            file_id, descriptor_id, cmap_id, font_id = (writer.reserve() for _ in range(4))
            yield writer.stream(file_id, font_file, f"/Length1 {len(font_file)} ")
            source = face.face
            flags = (source.flags & ~32) | 4  # symbolic, as reportlab marks its subsets
            bbox = " ".join(f"{value:.0f}" for value in source.bbox)
            yield writer.obj(
                descriptor_id,
                f"<< /Type /FontDescriptor /FontName /{base} /Flags {flags} "
                f"/FontBBox [{bbox}] /ItalicAngle {source.italicAngle:.0f} "
                f"/Ascent {source.ascent:.0f} /Descent {source.descent:.0f} "
                f"/CapHeight {source.capHeight:.0f} /StemV {source.stemV:.0f} "
                f"/MissingWidth {source.defaultWidth:.0f} /FontFile2 {file_id} 0 R >>",
            )
            yield writer.stream(cmap_id, cmap)
            yield writer.obj(
                font_id,
                f"<< /Type /Font /Subtype /TrueType /BaseFont /{base} "
                f"/FirstChar {info['first']} /LastChar {info['last']} /Widths [{info['widths']}] "
                f"/FontDescriptor {descriptor_id} 0 R /ToUnicode {cmap_id} 0 R >>",
            )
            fonts.append(f"/{name} {font_id} 0 R")
    yield writer.obj(resources_id, f"<< /ProcSet [/PDF /Text] /Font << {' '.join(fonts)} >> >>")
    yield writer.obj(
        pages_id,
        f"<< /Type /Pages /Count {len(kids)} /Kids [{' '.join(f'{kid} 0 R' for kid in kids)}] >>",
    )
    yield writer.obj(catalog, f"<< /Type /Catalog /Pages {pages_id} 0 R >>")
    stamp = created_at.astimezone(datetime.UTC).strftime("D:%Y%m%d%H%M%SZ")
    yield writer.obj(
        info_id,
        f"<< /Title {_pdf_string(title or f'{conference_name}: badges')} "
        f"/Creator (Guildhall) /Producer (Guildhall) /CreationDate ({stamp}) >>",
    )
    yield writer.xref(f"<< /Size {writer.last_id + 1} /Root {catalog} 0 R /Info {info_id} 0 R >>")
