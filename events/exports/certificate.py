"""A certificate of attendance as PDF: the person, the conference, the sessions attended
with their continuing-education credit hours and the total, and a verification code with a
QR code of the public page that confirms it.

`render_certificate` is pure: it takes a plain `CertificateData` (the caller hands in the
verification URL) and returns the PDF's bytes. It uses the printed programme's bundled
fonts, so any name or title prints, and the badges' QR encoding.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass
from decimal import Decimal

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from events.exports.badges import qr_runs
from events.exports.program_pdf.styles import (
    BRAND,
    BRAND_LIGHT,
    INK,
    MUTED,
    RULE,
    SANS,
    SANS_BOLD,
    draw_text,
    markup,
    plain,
    register_fonts,
)

__all__ = ["CertificateData", "CertificateSession", "render_certificate"]

MARGIN = 20 * mm
BAND = 30 * mm
QR_SIZE = 32 * mm


@dataclass(frozen=True)
class CertificateSession:
    title: str
    when: str  # already in the conference's timezone and words
    credit_hours: Decimal


@dataclass(frozen=True)
class CertificateData:
    name: str
    conference: str
    dates: str
    venue: str
    sessions: list[CertificateSession]
    credit_hours: Decimal
    code: str
    verify_url: str
    issued_at: datetime.datetime


def hours(value: Decimal) -> str:
    """Credit hours without trailing zeros: 1, 1.5, 0.75."""
    return f"{value.normalize():f}"


class _Qr(Flowable):
    """A QR code of `value`, `size` points square, drawn as the badges draw theirs."""

    def __init__(self, value: str, size: float) -> None:
        super().__init__()
        self.count, self.runs = qr_runs(value)
        self.size = size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        box = self.size / self.count
        canvas = self.canv
        canvas.setFillColorRGB(0, 0, 0)
        for row, column, length in self.runs:
            top = self.size - (row + 1) * box
            canvas.rect(column * box, top, length * box, box, stroke=0, fill=1)


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=SANS, fontSize=10, leading=14, textColor=INK)
    return {
        "base": base,
        "kicker": ParagraphStyle(
            "kicker", parent=base, fontSize=11, textColor=MUTED, alignment=1, spaceAfter=4
        ),
        "name": ParagraphStyle(
            "name",
            parent=base,
            fontName=SANS_BOLD,
            fontSize=24,
            leading=30,
            alignment=1,
            spaceBefore=2,
            spaceAfter=8,
        ),
        "lead": ParagraphStyle("lead", parent=base, fontSize=11, leading=16, alignment=1),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9.5, leading=12.5),
        "head": ParagraphStyle("head", parent=base, fontName=SANS_BOLD, fontSize=9.5),
        "number": ParagraphStyle("number", parent=base, fontSize=9.5, alignment=2),
        "head_number": ParagraphStyle(
            "head_number", parent=base, fontName=SANS_BOLD, fontSize=9.5, alignment=2
        ),
        # The total's label and number share a size, so that they share a baseline.
        "total_label": ParagraphStyle(
            "total_label", parent=base, fontName=SANS_BOLD, fontSize=10.5
        ),
        "total": ParagraphStyle(
            "total", parent=base, fontName=SANS_BOLD, fontSize=10.5, alignment=2
        ),
        "small": ParagraphStyle("small", parent=base, fontSize=8.5, leading=11, textColor=MUTED),
        "code": ParagraphStyle("code", parent=base, fontName=SANS_BOLD, fontSize=13, leading=17),
    }


def render_certificate(data: CertificateData) -> bytes:
    """The certificate as a PDF on A4, as many pages as its sessions need. Runs no query
    and reads no setting; the same data gives the same bytes."""
    register_fonts()
    styles = _styles()
    buffer = io.BytesIO()
    title = f"Certificate of attendance: {plain(data.name)}, {plain(data.conference)}"
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=BAND + 12 * mm,
        bottomMargin=MARGIN,
        title=title,
        author=plain(data.conference),
        creator="Guildhall",
        invariant=True,
    )
    width = A4[0] - 2 * MARGIN
    rows: list[list[Paragraph | str]] = [
        [
            Paragraph("Session", styles["head"]),
            Paragraph("When", styles["head"]),
            Paragraph("Credit hours", styles["head_number"]),
        ]
    ]
    rows += [
        [
            Paragraph(markup(session.title), styles["cell"]),
            Paragraph(markup(session.when), styles["cell"]),
            Paragraph(hours(session.credit_hours), styles["number"]),
        ]
        for session in data.sessions
    ]
    rows.append(
        [
            Paragraph("Total", styles["total_label"]),
            "",
            Paragraph(hours(data.credit_hours), styles["total"]),
        ]
    )
    table = Table(rows, colWidths=[width * 0.56, width * 0.26, width * 0.18], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), BRAND_LIGHT),
                ("LINEBELOW", (0, 0), (-1, -2), 0.5, RULE),
                ("LINEABOVE", (0, -1), (-1, -1), 1, INK),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    issued = f"{data.issued_at.astimezone(datetime.UTC):%-d %B %Y}"
    verification = Table(
        [
            [
                _Qr(data.verify_url, QR_SIZE),
                [
                    Paragraph("Verification code", styles["small"]),
                    Paragraph(markup(data.code), styles["code"]),
                    Spacer(1, 3),
                    Paragraph(
                        "Scan the code or open the address below to confirm this "
                        "certificate with the organizers.",
                        styles["small"],
                    ),
                    Paragraph(markup(data.verify_url), styles["small"]),
                    Spacer(1, 3),
                    Paragraph(f"Issued on {issued}.", styles["small"]),
                ],
            ]
        ],
        colWidths=[QR_SIZE + 6 * mm, width - QR_SIZE - 6 * mm],
    )
    verification.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (0, 0), 0),
            ]
        )
    )
    credits = hours(data.credit_hours)
    story = [
        Paragraph("This certifies that", styles["kicker"]),
        Paragraph(markup(data.name), styles["name"]),
        Paragraph(
            f"attended the following sessions of <b>{markup(data.conference)}</b>, "
            f"{markup(data.dates)}, {markup(data.venue)}, and earned "
            f"<b>{credits} continuing-education credit "
            f"hour{'' if credits == '1' else 's'}</b>.",
            styles["lead"],
        ),
        Spacer(1, 8 * mm),
        table,
        Spacer(1, 10 * mm),
        KeepTogether([verification]),
    ]

    def page(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFillColor(BRAND)
        canvas.rect(0, A4[1] - BAND, A4[0], BAND, stroke=0, fill=1)
        canvas.setFillColorRGB(1, 1, 1)
        draw_text(
            canvas, A4[0] / 2, A4[1] - 14 * mm, "Certificate of attendance", SANS_BOLD, 20, "centre"
        )
        draw_text(canvas, A4[0] / 2, A4[1] - 22 * mm, plain(data.conference), SANS, 11, "centre")
        canvas.setFillColor(MUTED)
        draw_text(
            canvas,
            A4[0] / 2,
            10 * mm,
            f"{plain(data.code)} · page {doc.page}",
            SANS,
            8,
            "centre",
        )
        canvas.restoreState()

    document.build(story, onFirstPage=page, onLaterPages=page)
    return buffer.getvalue()
