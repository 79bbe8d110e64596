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

from __future__ import annotations

import datetime
import hashlib
import io
from collections.abc import Iterable
from typing import TYPE_CHECKING

from events.exports.program_pdf.document import Booklet, page_templates
from events.exports.program_pdf.model import gather_program
from events.exports.program_pdf.sections import booklet_story
from events.exports.program_pdf.styles import PAGE_SIZES, plain, register_fonts

if TYPE_CHECKING:  # annotations only: the booklet is drawn from what it is handed
    from events.models import Conference
    from events.schedule.rows import SessionRow

__all__ = ["LAYOUT_VERSION", "PAGE_SIZES", "program_digest", "render_program"]

# Raise when the layout changes, so that booklets cached for a release are built again.
LAYOUT_VERSION = 1


def render_program(
    *,
    conference: Conference,
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
    register_fonts()
    program = gather_program(
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
    document = Booklet(
        buffer,
        program=program,
        pages=pages,
        forms=forms,
        created_at=created_at,
        pagesize=size,
        pageTemplates=page_templates(size),
        title=title,
        author=plain(site_name),
        subject=plain(f"Programme, version {program.version}" if program.released else "Programme"),
        creator="Guildhall",
        keywords=["programme", "agenda", plain(conference.name)],
        lang="en",
        displayDocTitle=1,
    )
    document.build(booklet_story(program, pages, forms))
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
