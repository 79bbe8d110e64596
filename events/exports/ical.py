"""iCalendar (RFC 5545) feeds of a released schedule: the whole conference, one track, one
session, or an attendee's starred sessions.

A pure renderer: it takes a conference and slots loaded by `events.selectors.schedule_slots`
and returns bytes, asking the database nothing. Every value comes from the release, never
from the clock, so two renderings of one release are byte for byte the same and calendar
apps see a change only when a release makes one.
"""

import datetime
from collections.abc import Callable, Iterable

from icalendar import Calendar, Event, Timezone, vDuration

from events.models import Conference, Schedule, Slot

PRODID = "-//Guildhall//Conference schedule//EN"
# How often calendar apps should poll; revalidation is a cheap 304 between releases.
REFRESH_INTERVAL = datetime.timedelta(hours=1)


def _vtimezone(conference: Conference) -> Timezone:
    # The rules of the conference's years only: enough for every event in the feed and
    # far shorter than the zone's whole history.
    return Timezone.from_tzid(
        conference.timezone,
        first_date=datetime.date(conference.starts_on.year, 1, 1),
        last_date=datetime.date(conference.ends_on.year + 1, 1, 1),
    )


def slot_location(slot: Slot, conference: Conference) -> str:
    if slot.room_id:
        return f"{slot.room.name}, {conference.venue}"
    return conference.venue


def slot_categories(slot: Slot) -> list[str]:
    """Track and format of a talk; the kind (break, lunch, …) of a block."""
    talk = slot.submission
    if talk is None:
        return [slot.get_kind_display()]
    return [name for name in (talk.track.name if talk.track else "", talk.format.name) if name]


def slot_speakers(slot: Slot) -> list[str]:
    """'Name (Company)' for each speaker, primary first."""
    if slot.submission is None:
        return []
    names = []
    for speaker in slot.submission.submission_speakers.all():
        member = speaker.member
        names.append(f"{member.name} ({member.company.name})" if member.company else member.name)
    return names


def _description(slot: Slot, conference: Conference, url: str) -> str:
    talk = slot.submission
    parts = []
    if slot.cancelled:
        parts.append("This session has been cancelled.")
    text = talk.abstract if talk else slot.description
    if text.strip():
        parts.append(text.strip())
    speakers = slot_speakers(slot)
    if speakers:
        label = "Speaker" if len(speakers) == 1 else "Speakers"
        parts.append(f"{label}: " + "; ".join(speakers))
    parts.append(f"Room: {slot.room.name if slot.room_id else 'whole venue'}")
    parts.append(url)
    return "\n\n".join(parts)


def _event(
    slot: Slot, *, conference: Conference, release: Schedule, session_url: Callable[[Slot], str]
) -> Event:
    # The release that last changed the session dates it; a slot copied without that
    # record (made outside a release) is dated by the release it belongs to.
    changed_at = slot.changed_in.released_at if slot.changed_in_id else release.released_at
    url = session_url(slot)
    event = Event()
    event.add("uid", str(slot.uid))
    event.add("dtstamp", changed_at.astimezone(datetime.UTC))
    event.add("last-modified", changed_at.astimezone(datetime.UTC))
    event.add("sequence", slot.sequence)
    event.add("dtstart", slot.start.astimezone(conference.tz))
    event.add("dtend", slot.end.astimezone(conference.tz))
    event.add("summary", slot.display_title)
    event.add("description", _description(slot, conference, url))
    event.add("location", slot_location(slot, conference))
    event.add("url", url)
    event.add("categories", slot_categories(slot))
    event.add("status", "CANCELLED" if slot.cancelled else "CONFIRMED")
    return event


def calendar_ics(
    *,
    conference: Conference,
    release: Schedule | None,
    slots: Iterable[Slot],
    name: str,
    session_url: Callable[[Slot], str],
) -> bytes:
    """A VCALENDAR named `name` with one VEVENT per slot (cancelled ones as
    STATUS:CANCELLED) and the VTIMEZONE of the conference. `release` is the schedule the
    slots belong to; without one (nothing released yet) the calendar has no events, so a
    subscription made early fills up with the first release. `session_url(slot)` gives
    the absolute address of a session's page."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", conference.timezone)
    calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    # An X- property is text to icalendar: give it the duration already written out.
    calendar.add("x-published-ttl", vDuration(REFRESH_INTERVAL).to_ical().decode())
    calendar.add_component(_vtimezone(conference))
    if release is not None:
        for slot in slots:
            calendar.add_component(
                _event(slot, conference=conference, release=release, session_url=session_url)
            )
    return calendar.to_ical()
