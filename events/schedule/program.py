"""The printed programme built from the database: loads a schedule's sessions and what the
cover prints from the site's settings, and hands them to the pure renderer in
events/exports/program_pdf/. The programme view, the admin's preview and `build_program`
call these."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from events.exports.program_pdf import program_digest, render_program
from events.models import Conference, Schedule
from events.schedule.rows import session_rows


def program_subscribe_url(conference: Conference) -> str:
    """The page where attendees subscribe to the agenda, for the cover's QR code.

    Built from SITE_URL because the booklet is printed outside a request.
    """
    return settings.SITE_URL + reverse("events:subscribe", args=[conference.slug])


def program_cover_digest(conference: Conference) -> str:
    """A short digest of what the cover prints from outside the release (the conference's
    own fields, the site's name and address), for keys of cached booklets."""
    return program_digest(
        conference=conference,
        subscribe_url=program_subscribe_url(conference),
        site_name=settings.SITE_NAME,
    )


def program_pdf_build(
    *, conference: Conference, schedule: Schedule | None, page_size: str | None = None
) -> bytes:
    """The programme of a schedule (a release, the working copy, or None before any) as
    PDF bytes. Loads its active sessions in two queries (none without a schedule).

    The creation date is the release's, so a release always gives the same bytes; the
    working copy is stamped with the time of printing.
    """
    sessions = [] if schedule is None else session_rows(slots=schedule.slots.active())
    if schedule is not None and schedule.released_at is not None:
        created_at = schedule.released_at
    else:
        created_at = timezone.now()
    return render_program(
        conference=conference,
        sessions=sessions,
        version="" if schedule is None else schedule.version,
        draft=schedule is not None and schedule.is_working_copy,
        subscribe_url=program_subscribe_url(conference),
        site_name=settings.SITE_NAME,
        created_at=created_at,
        page_size=page_size or settings.PROGRAM_PAGE_SIZE,
    )
