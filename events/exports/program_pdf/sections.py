"""The booklet's story, section by section: cover, day-at-a-glance grids, sessions by day,
speaker and company indexes, and the case studies presented."""

from collections import defaultdict
from xml.sax.saxutils import escape

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from events.exports.program_pdf.flowables import (
    DayGrid,
    Deferred,
    KeyedParagraph,
    Marker,
    PageNumber,
    SessionEntry,
)
from events.exports.program_pdf.model import Entry, Person, Program
from events.exports.program_pdf.styles import (
    BRAND,
    BRAND_LIGHT,
    MAX_ROOMS_PER_GRID,
    RULE,
    date_range,
    day_label,
    markup,
    page_refs,
    paragraph_styles,
    plain,
    sort_key,
)


def _qr_code(url: str, size: float) -> Drawing:
    widget = QrCodeWidget(url, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    return drawing


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
            escape(date_range(conference.starts_on, conference.ends_on)), styles["cover_dates"]
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
                PageNumber(key, forms),
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
        f'<font color="{colour}" size="10">■</font>&nbsp;{markup(name)}'
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
                outline.append((day_label(day), f"grid-{day.isoformat()}", 1))
            story.append(
                Marker(
                    keys=["sec-grid"] if day_index == 0 and group_index == 0 else [],
                    outline=outline,
                    section=f"Day at a glance · {day_label(day)}",
                )
            )
            title = f"{day_label(day)}"
            note = "Day at a glance. Click a session to read its entry."
            if len(groups) > 1:
                note = (
                    f"Day at a glance, rooms {group[0][1]} to {group[-1][1]} "
                    f"(page {group_index + 1} of {len(groups)} for this day)."
                )
            story.append(Paragraph(escape(title), styles["h1"]))
            story.append(Paragraph(markup(note), styles["h1_note"]))
            story.append(_legend(program, styles))
            story.append(Spacer(1, 6))
            story.append(DayGrid(entries=day_entries, rooms=group, window=window, fits={}))
    return story


def _session(entry: Entry, styles) -> Flowable:
    anchor = f'<a name="{entry.key}"/>'
    if entry.is_block:
        text = f"{anchor}<b>{entry.times}</b>&nbsp;&nbsp;&nbsp;<b>{markup(entry.title)}</b>"
        text += f" · {markup(entry.room_name)}"
        if entry.text:
            text += f'<br/><font size="7.5">{markup(entry.text)}</font>'
        paragraph = KeyedParagraph(text, styles["block"])
        paragraph._program_keys = (entry.key,)
        return paragraph
    kicker = []
    if entry.is_keynote:
        kicker.append("<b>KEYNOTE</b>")
    kicker.append(f"<b>{markup(entry.room_name)}</b>")
    if entry.track_name:
        kicker.append(f'<font color="{entry.track_colour}">■</font> {markup(entry.track_name)}')
    if entry.format_name:
        kicker.append(markup(entry.format_name))
    if entry.level and entry.kind == "talk":
        kicker.append(markup(entry.level))
    content: list = [Paragraph(" · ".join(kicker), styles["kicker"])]
    title_style = styles["keynote_title"] if entry.is_keynote else styles["title"]
    content.append(Paragraph(f"{anchor}{markup(entry.title)}", title_style))
    if entry.speakers:
        names = ", ".join(
            f"<b>{markup(person.name)}</b>"
            + (f" ({markup(person.company)})" if person.company else "")
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
        outline.append((day_label(day), f"day-{day.isoformat()}", 1))
        story.append(
            Marker(
                keys=["sec-sessions"] if day_index == 0 else [],
                outline=outline,
                section=f"Sessions · {day_label(day)}",
            )
        )
        story.append(Paragraph(escape(day_label(day)), styles["h1"]))
        story.append(Spacer(1, 6))
        for entry in program.entries:
            if entry.day == day:
                story.append(CondPageBreak(30 * mm))
                story.append(_session(entry, styles))
    return story


def _letter(text: str) -> str:
    first = sort_key(text)[:1].upper()
    return first if first.isalpha() else "#"


def _speaker_index(program: Program, styles, pages) -> list:
    sessions: dict[int, list[str]] = defaultdict(list)
    people: dict[int, Person] = {}
    for entry in program.entries:
        for person in entry.speakers:
            people[person.key] = person
            sessions[person.key].append(entry.key)
    ordered = sorted(people.values(), key=lambda p: (sort_key(p.sort_name), p.key))
    story: list = [NextPageTemplate("index"), PageBreak()]
    story.append(
        Marker(
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
            story.append(Paragraph(markup(letter), styles["index_letter"]))
        text = f"<b>{markup(person.sort_name)}</b>"
        if person.company:
            text += f' <font color="#5b6472">· {markup(person.company)}</font>'
        text += f"&nbsp;&nbsp;{page_refs(sessions[person.key], pages)}"
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
        Marker(
            keys=["sec-companies"],
            outline=[("Company index", "sec-companies", 0)],
            section="Company index",
        )
    )
    story.append(Paragraph("Companies", styles["h1"]))
    letter = None
    for key in sorted(names, key=lambda k: (sort_key(names[k]), k)):
        if _letter(names[key]) != letter:
            letter = _letter(names[key])
            story.append(CondPageBreak(22 * mm))
            story.append(Paragraph(markup(letter), styles["index_letter"]))
        text = f"<b>{markup(names[key])}</b>&nbsp;&nbsp;{page_refs(sessions[key], pages)}"
        people = ", ".join(sorted(speakers[key].values(), key=sort_key))
        story.append(
            KeepTogether(
                [
                    Paragraph(text, styles["index"]),
                    Paragraph(markup(people), styles["index_sub"]),
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
        Marker(
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
    ordered = sorted(studies.values(), key=lambda s: (sort_key(s.company), sort_key(s.title), s.id))
    for study in ordered:
        talks = seen[study.id]
        where = "; ".join(
            f"{markup(t.title)}, {day_label(t.day)} {t.start:%H:%M}, page "
            f"{page_refs([t.key], pages)}"
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


def booklet_story(program: Program, pages: dict[str, int], forms: dict) -> list:
    """The booklet's flowables. The indexes and the case-study page are made when layout
    reaches them, after every session has been placed and its page recorded in `pages`."""
    styles = paragraph_styles()
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
        story.append(Deferred(lambda: _speaker_index(program, styles, pages)))
    if has_companies:
        story.append(Deferred(lambda: _company_index(program, styles, pages)))
    if has_studies:
        story.append(Deferred(lambda: _case_studies(program, styles, pages)))
    story.append(Marker(last=True))
    return story
