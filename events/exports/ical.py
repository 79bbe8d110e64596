"""iCalendar (RFC 5545) feeds of a released schedule: the whole conference, one track, one
session, or an attendee's starred sessions.

A pure renderer: it takes a conference and sessions read by `events.schedule.rows.session_rows`
and returns bytes, asking the database nothing. Every value comes from the release, never
from the clock, so two renderings of one release are byte for byte the same and calendar
apps see a change only when a release makes one.

The VTIMEZONE comes from `events.exports.vtimezone`, which reads the zone's rules from
zoneinfo. The events are written here, as content lines: icalendar's serialiser spends a
millisecond per event (it folds lines one character at a time), twenty times what the lines
cost to write, and a 600-session feed must stay within four times that floor (bench/).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from events.exports.vtimezone import vtimezone

if TYPE_CHECKING:  # annotations only: the renderer reads the attributes it is handed
    from events.models import Conference, Schedule
    from events.schedule.rows import SessionRow

PRODID = "-//Guildhall//Conference schedule//EN"
# How often calendar apps should poll; revalidation is a cheap 304 between releases.
REFRESH_INTERVAL = datetime.timedelta(hours=1)


def _location(session: SessionRow, conference: Conference) -> str:
    if session.room_id:
        return f"{session.room_name}, {conference.venue}"
    return conference.venue


def _categories(session: SessionRow) -> list[str]:
    """Track and format of a talk; the kind (break, lunch, …) of a block."""
    if not session.is_talk:
        return [session.kind_label]
    return [name for name in (session.track_name, session.format_name) if name]


def _summary(session: SessionRow) -> str:
    """The title; a cancelled session's says so, for the many clients (calcurse, phone
    calendars) that show STATUS:CANCELLED events like any other."""
    return f"Cancelled: {session.title}" if session.cancelled else session.title


def _description(session: SessionRow, url: str) -> str:
    parts = []
    if session.cancelled:
        parts.append("This session has been cancelled.")
    if session.abstract.strip():
        parts.append(session.abstract.strip())
    speakers = [
        f"{speaker.name} ({speaker.company})" if speaker.company else speaker.name
        for speaker in session.speakers
    ]
    if speakers:
        label = "Speaker" if len(speakers) == 1 else "Speakers"
        parts.append(f"{label}: " + "; ".join(speakers))
    parts.append(f"Room: {session.room_name if session.room_id else 'whole venue'}")
    parts.append(url)
    return "\n\n".join(parts)


def _text(value: str) -> str:
    """A TEXT value, escaped as RFC 5545 (3.3.11) says."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\n", "\\n")
    )


def _line(name: str, value: str) -> bytes:
    """One content line, folded so that no line is longer than 75 octets (RFC 5545 3.1),
    never inside a UTF-8 character, and ended with CRLF."""
    line = f"{name}:{value}".encode()
    if len(line) <= 75:
        return line + b"\r\n"
    parts, start, limit = [], 0, 75
    while start < len(line):
        end = min(start + limit, len(line))
        while end < len(line) and line[end] & 0xC0 == 0x80:  # a continuation byte
            end -= 1
        parts.append(line[start:end])
        start, limit = end, 74  # a continued line starts with a space
    return b"\r\n ".join(parts) + b"\r\n"


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _event(
    session: SessionRow,
    *,
    conference: Conference,
    release: Schedule,
    session_url: Callable[[SessionRow], str],
) -> bytes:
    # The release that last changed the session dates it; a slot copied without that
    # record (made outside a release) is dated by the release it belongs to.
    changed = session.changed_at or release.released_at
    if changed is None:
        raise ValueError(f"Schedule {release.pk} is the working copy, not a release")
    changed_at = _utc(changed)
    url = session_url(session)
    tz, start = conference.tz, f"DTSTART;TZID={conference.timezone}"
    return b"".join(
        (
            b"BEGIN:VEVENT\r\n",
            _line("SUMMARY", _text(_summary(session))),
            _line(start, session.start.astimezone(tz).strftime("%Y%m%dT%H%M%S")),
            _line("DTEND" + start[7:], session.end.astimezone(tz).strftime("%Y%m%dT%H%M%S")),
            _line("DTSTAMP", changed_at),
            _line("UID", str(session.uid)),
            _line("SEQUENCE", str(session.sequence)),
            # One property per category rather than one comma-separated list: readers that
            # keep a single value per property still get every category whole.
            *(_line("CATEGORIES", _text(name)) for name in _categories(session)),
            _line("DESCRIPTION", _text(_description(session, url))),
            _line("LAST-MODIFIED", changed_at),
            _line("LOCATION", _text(_location(session, conference))),
            _line("STATUS", "CANCELLED" if session.cancelled else "CONFIRMED"),
            _line("URL", url),
            b"END:VEVENT\r\n",
        )
    )


def calendar_ics(
    *,
    conference: Conference,
    release: Schedule | None,
    sessions: Iterable[SessionRow],
    name: str,
    session_url: Callable[[SessionRow], str],
) -> bytes:
    """A VCALENDAR named `name` with one VEVENT per session (cancelled ones as
    STATUS:CANCELLED) and the VTIMEZONE of the conference. `release` is the schedule the
    sessions belong to; without one (nothing released yet) the calendar has no events, so
    a subscription made early fills up with the first release. `session_url(session)`
    gives the absolute address of a session's page."""
    refresh = f"PT{int(REFRESH_INTERVAL.total_seconds()) // 3600}H"
    parts = [
        b"BEGIN:VCALENDAR\r\n",
        _line("VERSION", "2.0"),
        _line("PRODID", PRODID),
        _line("CALSCALE", "GREGORIAN"),
        _line("METHOD", "PUBLISH"),
        _line("NAME", _text(name)),
        _line("X-WR-CALNAME", _text(name)),
        _line("REFRESH-INTERVAL;VALUE=DURATION", refresh),
        _line("X-PUBLISHED-TTL", refresh),
        _line("X-WR-TIMEZONE", conference.timezone),
        vtimezone(conference.timezone, conference.starts_on.year, conference.ends_on.year),
    ]
    if release is not None:
        parts.extend(
            _event(session, conference=conference, release=release, session_url=session_url)
            for session in sessions
        )
    parts.append(b"END:VCALENDAR\r\n")
    return b"".join(parts)
