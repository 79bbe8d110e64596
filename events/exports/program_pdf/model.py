"""What the booklet prints: the sessions of a schedule as entries, with the rooms, tracks
and days they use, gathered once from `events.schedule.rows.SessionRow`s."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from events.exports.program_pdf.styles import NO_TRACK, plain, sort_key

if TYPE_CHECKING:  # annotations only: the booklet is drawn from what it is handed
    from events.models import Conference
    from events.schedule.rows import SessionCaseStudy, SessionRow, SessionSpeaker


@dataclass(frozen=True)
class Person:
    key: int
    name: str
    sort_name: str
    company: str
    company_key: int | None


@dataclass
class Entry:
    """One slot as printed: a session or a block such as a break."""

    key: str
    kind: str
    start: datetime.datetime
    end: datetime.datetime
    title: str
    room_key: int | None
    room_name: str
    track_name: str
    track_colour: str
    format_name: str
    level: str
    speakers: list[Person]
    text: str
    case_study: SessionCaseStudy | None = None

    @property
    def is_block(self) -> bool:
        return self.kind in ("break", "meal", "social")

    @property
    def is_keynote(self) -> bool:
        return self.kind == "keynote"

    @property
    def day(self) -> datetime.date:
        return self.start.date()

    @property
    def times(self) -> str:
        return f"{self.start:%H:%M}–{self.end:%H:%M}"  # noqa: RUF001 - the printed program's own en dash


@dataclass
class Program:
    conference: Conference
    version: str
    released: bool
    draft: bool
    subscribe_url: str
    site_name: str
    entries: list[Entry]
    rooms: list[tuple[int, str]]
    tracks: list[tuple[str, str]]
    days: list[datetime.date]


def _person(speaker: SessionSpeaker) -> Person:
    return Person(
        speaker.member_id,
        plain(speaker.name),
        plain(speaker.sort_name or speaker.name),
        plain(speaker.company),
        speaker.company_id,
    )


def gather_program(
    *,
    conference: Conference,
    sessions: Iterable[SessionRow],
    version: str,
    draft: bool,
    subscribe_url: str,
    site_name: str,
) -> Program:
    tz = conference.tz
    entries: list[Entry] = []
    rooms: dict[int | None, tuple] = {}
    tracks: dict[int, tuple] = {}
    for session in sessions:
        if session.cancelled:
            continue
        if session.room_id is not None:
            rooms[session.room_id] = (
                session.room_order,
                sort_key(session.room_name),
                session.room_id,
                session.room_name,
            )
        track_id = session.track_id if session.is_talk else None
        has_track = track_id is not None
        if track_id is not None:
            tracks[track_id] = (
                session.track_order,
                sort_key(session.track_name),
                session.track_name,
                session.track_colour,
            )
        entries.append(
            Entry(
                key=f"s-{session.uid.hex}",
                kind=session.kind,
                start=session.start.astimezone(tz),
                end=session.end.astimezone(tz),
                title=plain(session.title),
                room_key=session.room_id,
                room_name=plain(session.room_name) if session.room_id is not None else "All rooms",
                track_name=plain(session.track_name) if has_track else "",
                track_colour=session.track_colour if has_track else NO_TRACK,
                format_name=plain(session.format_name) if session.is_talk else "",
                level=session.audience_level_label if session.is_talk else "",
                speakers=[_person(speaker) for speaker in session.speakers],
                text=session.description or session.abstract,
                case_study=session.case_study if session.is_talk else None,
            )
        )
    entries.sort(key=lambda e: (e.start, rooms.get(e.room_key, (-1,))[:3], e.end, e.key))
    return Program(
        conference=conference,
        version=version,
        released=bool(version),
        draft=draft,
        subscribe_url=subscribe_url,
        site_name=site_name,
        entries=entries,
        rooms=[(value[2], plain(value[3])) for value in sorted(rooms.values())],
        tracks=[(plain(value[2]), value[3]) for value in sorted(tracks.values())],
        days=sorted({entry.day for entry in entries}),
    )
