"""The booklet's document template: page templates, running header and footer, the cover's
band, and the bookkeeping of pages, outline and page-number forms."""

import datetime

from reportlab.lib import colors
from reportlab.lib.pagesizes import landscape
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    PageTemplate,
)

from events.exports.program_pdf.model import Program
from events.exports.program_pdf.styles import (
    BRAND,
    INK,
    MUTED,
    PLACEHOLDER_PAGE,
    RULE,
    SANS,
    SANS_BOLD,
    draw_text,
    fit_width,
    plain,
    text_width,
)


class Booklet(BaseDocTemplate):
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

    def _makeCanvas(self, *args, **kwargs):  # reportlab's name
        canv = super()._makeCanvas(*args, **kwargs)  # type: ignore[misc]  # types-reportlab leaves out BaseDocTemplate._makeCanvas
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

    def afterFlowable(self, flowable):  # reportlab's name
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


def _page_furniture(canv, doc: Booklet) -> None:
    """Running header (conference, section) and footer (page number, version)."""
    program = doc.program
    width, height = canv._pagesize
    margin = 16 * mm
    canv.saveState()
    canv.setFont(SANS_BOLD, 7.5)
    canv.setFillColor(BRAND)
    section = fit_width(plain(doc.section), SANS, 7.5, width / 2 - margin)
    name_width = width - 2 * margin - text_width(section, SANS, 7.5) - 12
    name = fit_width(plain(program.conference.name), SANS_BOLD, 7.5, name_width)
    draw_text(canv, margin, height - 11 * mm, name, SANS_BOLD, 7.5)
    canv.setFillColor(MUTED)
    draw_text(canv, width - margin, height - 11 * mm, section, SANS, 7.5, align="right")
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
    draw_text(canv, width / 2, 8 * mm, note, SANS, 7, align="centre")
    canv.restoreState()


def _cover_furniture(canv, doc: Booklet) -> None:
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
    site_name = fit_width(plain(doc.program.site_name), SANS_BOLD, 11, width - 36 * mm)
    draw_text(canv, 18 * mm, height - 16 * mm, site_name, SANS_BOLD, 11)
    canv.setFont(SANS, 22)
    label = "Programme · draft" if doc.program.draft else "Programme"
    canv.drawString(18 * mm, height - 26 * mm, label)
    canv.restoreState()


def page_templates(page_size) -> list[PageTemplate]:
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
