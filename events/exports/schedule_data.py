"""The released schedule arranged as conference apps read it: days, each with its rooms,
each with its events. The frab XML and the c3voc JSON renderers serialise this one
arrangement, so both formats always say the same thing.

Pure: built from a conference and sessions read by `events.schedule.rows.session_rows`.
Cancelled sessions are left out (the apps show the current plan; calendar feeds are where
cancellations are announced); breaks, meals and other blocks are included.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from django.utils.text import slugify

if TYPE_CHECKING:  # annotations only: the arrangement reads the attributes it is handed
    from events.models import Conference, Schedule
    from events.schedule.rows import SessionRow

# Namespace of the uuid5 names Guildhall gives rooms and people in these formats.
NAMESPACE = uuid.UUID("1f6c2d4e-8a57-4f0e-9b1e-5d3a7c9e2b10")
GENERATOR = "Guildhall"
WHOLE_VENUE = "All rooms"
TIMESLOT_MINUTES = 5
LANGUAGE = "en"
_ACRONYM = re.compile(r"^[a-z0-9_]{4,}$")
_TRACK_SLUG = re.compile(r"^[a-z][a-z0-9-]+$")


@dataclasses.dataclass(frozen=True)
class Person:
    id: int
    guid: str
    name: str


@dataclasses.dataclass(frozen=True)
class EventEntry:
    """A SessionRow as both app formats name it: the numbers, slug, guids and local times
    they share, derived once from the row (nothing is loaded for it), so the XML and the
    JSON cannot disagree. Not a second read model: `schedule_document` builds it from
    `events.schedule.rows.SessionRow` and nothing else does."""

    id: int
    guid: str
    title: str
    type: str
    room: str
    start: datetime.datetime  # in the conference's timezone
    end: datetime.datetime
    abstract: str
    description: str
    slug: str
    track: str
    persons: list[Person]
    url: str

    @property
    def duration(self) -> str:
        minutes = int((self.end - self.start).total_seconds() // 60)
        return f"{minutes // 60:02d}:{minutes % 60:02d}"


@dataclasses.dataclass(frozen=True)
class RoomEntry:
    name: str
    guid: str
    capacity: int | None
    events: list[EventEntry]


@dataclasses.dataclass(frozen=True)
class DayEntry:
    index: int
    date: datetime.date
    start: datetime.datetime
    end: datetime.datetime
    rooms: list[RoomEntry]


@dataclasses.dataclass(frozen=True)
class TrackEntry:
    name: str
    slug: str  # empty where the track's slug is not one the formats accept
    colour: str


@dataclasses.dataclass(frozen=True)
class ScheduleDocument:
    conference: Conference
    version: str
    acronym: str
    base_url: str
    url: str  # the document's own address
    conference_url: str  # the conference's public schedule page
    tracks: list[TrackEntry]
    rooms: list[RoomEntry]  # every room of the schedule, without events
    days: list[DayEntry]


def conference_acronym(conference: Conference) -> str:
    """The conference's slug as the formats want it: lowercase letters, digits and
    underscores, at least four of them."""
    acronym = conference.slug.lower().replace("-", "_")
    if not _ACRONYM.match(acronym):
        acronym = f"{re.sub(r'[^a-z0-9_]', '_', acronym)}_{conference.year}"
    return acronym


def _stable_ids(sessions: list[SessionRow]) -> dict[uuid.UUID, int]:
    """A positive integer per session, derived from its uid so it stays the same across
    releases; the formats still require one. Unique within the document: a clash (about
    one in ten thousand for 600 sessions) moves the later uid on to the next free number."""
    ids: dict[uuid.UUID, int] = {}
    taken: set[int] = set()
    for uid in sorted({session.uid for session in sessions}):
        number = (uid.int >> 97) or 1  # the top 31 bits: fits every consumer's int
        while number in taken:
            number = number % (2**31 - 1) + 1
        taken.add(number)
        ids[uid] = number
    return ids


def _event_slug(acronym: str, session: SessionRow) -> str:
    title = slugify(session.title)[:50].strip("-_")
    slug = f"{acronym}-{session.uid.hex[:8]}"
    return f"{slug}-{title}" if title else slug


def _persons(session: SessionRow) -> list[Person]:
    return [
        Person(
            id=speaker.member_id,
            guid=str(uuid.uuid5(NAMESPACE, f"member:{speaker.member_id}")),
            name=speaker.name,
        )
        for speaker in session.speakers
    ]


def _tracks(sessions: list[SessionRow]) -> list[TrackEntry]:
    """The tracks the sessions belong to, in the organizers' order."""
    tracks = {
        session.track_id: session for session in sessions if session.is_talk and session.track_id
    }
    return [
        TrackEntry(
            name=session.track_name,
            slug=session.track_slug if _TRACK_SLUG.match(session.track_slug) else "",
            colour=session.track_colour.lower(),
        )
        for session in sorted(tracks.values(), key=lambda s: (s.track_order, s.track_name))
    ]


def _room_guid(conference: Conference, room_id: int | None) -> str:
    name = f"room:{room_id}" if room_id else f"conference:{conference.pk}:whole-venue"
    return str(uuid.uuid5(NAMESPACE, name))


def _event(session: SessionRow, *, conference: Conference, number: int, acronym: str, url: str):
    # The outline is written for the committee; the public gets what the session page shows.
    return EventEntry(
        id=number,
        guid=str(session.uid),
        title=session.title,
        type=session.format_name if session.is_talk else session.kind_label,
        room=session.room_name if session.room_id else WHOLE_VENUE,
        start=session.start.astimezone(conference.tz),
        end=session.end.astimezone(conference.tz),
        abstract=session.abstract,
        description="",
        slug=_event_slug(acronym, session),
        track=session.track_name if session.is_talk else "",
        persons=_persons(session),
        url=url,
    )


def schedule_document(
    *,
    conference: Conference,
    release: Schedule,
    sessions: Iterable[SessionRow],
    base_url: str,
    url: str,
    conference_url: str,
    session_url: Callable[[SessionRow], str],
) -> ScheduleDocument:
    """Arrange a release's active sessions by local day and room (rooms in their order, the
    whole-venue blocks first), with the tracks they use. `base_url` is the site's root,
    `url` the document's own address, `conference_url` the conference's schedule page and
    `session_url(session)` a session page's address."""
    tz = conference.tz
    active = [session for session in sessions if not session.cancelled]
    acronym = conference_acronym(conference)
    numbers = _stable_ids(active)
    rooms: dict[int | None, tuple[tuple, str, int | None]] = {}
    by_day: dict[datetime.date, dict[int | None, list[EventEntry]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for session in active:
        if session.room_id not in rooms:
            rooms[session.room_id] = (
                (session.room_order, session.room_name) if session.room_id else (-1, ""),
                session.room_name if session.room_id else WHOLE_VENUE,
                session.room_capacity if session.room_id else None,
            )
        entry = _event(
            session,
            conference=conference,
            number=numbers[session.uid],
            acronym=acronym,
            url=session_url(session),
        )
        by_day[entry.start.date()][session.room_id].append(entry)
    room_order = sorted(rooms, key=lambda room_id: rooms[room_id][0])

    def room_entry(room_id: int | None, events: list[EventEntry]) -> RoomEntry:
        _, name, capacity = rooms[room_id]
        return RoomEntry(
            name=name, guid=_room_guid(conference, room_id), capacity=capacity, events=events
        )

    days = []
    for index, date in enumerate(sorted(set(conference.days) | set(by_day)), start=1):
        day_rooms = by_day.get(date, {})
        events = [event for room_events in day_rooms.values() for event in room_events]
        midnight = datetime.datetime.combine(date, datetime.time.min, tzinfo=tz)
        days.append(
            DayEntry(
                index=index,
                date=date,
                start=min((e.start for e in events), default=midnight),
                end=max(
                    (e.end for e in events),
                    default=datetime.datetime.combine(
                        date + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz
                    ),
                ),
                rooms=[room_entry(r, day_rooms[r]) for r in room_order if r in day_rooms],
            )
        )
    return ScheduleDocument(
        conference=conference,
        version=release.version,
        acronym=acronym,
        base_url=base_url,
        url=url,
        conference_url=conference_url,
        tracks=_tracks(active),
        rooms=[room_entry(room_id, []) for room_id in room_order],
        days=days,
    )
