"""The iCalendar renderer (events/exports/ical.py) on sessions built in memory: what clients
that read the text without a full RFC 5545 parser see (categories, cancelled titles), and
VTIMEZONEs that give the zone's offsets wherever a client looks."""

import datetime
import uuid

from icalendar import Calendar

from events.exports.ical import calendar_ics
from events.schedule.rows import SessionRow
from tests.factories import ConferenceFactory, ScheduleFactory

RELEASED = datetime.datetime(2030, 5, 1, 12, tzinfo=datetime.UTC)


def session(conference, **fields) -> SessionRow:
    start = datetime.datetime(2030, 6, 10, 11, tzinfo=conference.tz)
    values = {
        "uid": uuid.UUID(int=1),
        "kind": "talk",
        "kind_label": "Talk",
        "title": "Streaming at Orbit",
        "abstract": "How Orbit streams.",
        "start": start,
        "end": start + datetime.timedelta(minutes=30),
        "cancelled": False,
        "sequence": 0,
        "changed_at": RELEASED,
        "is_talk": True,
        "room_id": 1,
        "room_name": "Main hall",
        "room_order": 1,
        "room_capacity": 200,
        "track_id": 1,
        "track_name": "Pipelines",
        "track_slug": "pipelines",
        "track_colour": "#2f855a",
        "track_order": 1,
        "format_name": "Case study",
        "speakers": [],
    }
    return SessionRow(**(values | fields))


def render(conference, sessions) -> bytes:
    return calendar_ics(
        conference=conference,
        release=ScheduleFactory.build(conference=conference, released_at=RELEASED),
        sessions=sessions,
        name=conference.name,
        session_url=lambda row: f"https://example.org/sessions/{row.uid}/",
    )


def unfolded_lines(body: bytes) -> list[str]:
    return body.decode().replace("\r\n ", "").split("\r\n")


def summer_conference(timezone: str = "Europe/Amsterdam", **fields):
    defaults = {
        "starts_on": datetime.date(2030, 6, 10),
        "ends_on": datetime.date(2030, 6, 11),
        "timezone": timezone,
    }
    return ConferenceFactory.build(**(defaults | fields))


# CATEGORIES


def test_calendar_ics_writes_one_categories_line_per_category():
    conference = summer_conference()
    row = session(conference, track_name="Analytics, BI and ML", format_name="Case study")

    lines = unfolded_lines(render(conference, [row]))

    # Clients that keep one value per property, or split a list on its commas, must still
    # read the track's name whole.
    categories = [line for line in lines if line.startswith("CATEGORIES")]
    assert categories == ["CATEGORIES:Analytics\\, BI and ML", "CATEGORIES:Case study"]


def test_calendar_ics_categories_parse_back_as_the_track_and_format():
    conference = summer_conference()
    row = session(conference, track_name="Analytics, BI and ML")

    (event,) = Calendar.from_ical(render(conference, [row])).walk("VEVENT")

    assert event.categories == ["Analytics, BI and ML", "Case study"]


# Cancelled sessions


def test_calendar_ics_cancelled_session_title_says_cancelled():
    conference = summer_conference()
    cancelled = session(conference, cancelled=True)
    active = session(conference, uid=uuid.UUID(int=2), title="Stock levels")

    events = {
        str(event["UID"]): event
        for event in Calendar.from_ical(render(conference, [cancelled, active])).walk("VEVENT")
    }

    assert events[str(cancelled.uid)]["SUMMARY"] == "Cancelled: Streaming at Orbit"
    assert events[str(cancelled.uid)]["STATUS"] == "CANCELLED"
    assert events[str(active.uid)]["SUMMARY"] == "Stock levels"
    assert events[str(active.uid)]["STATUS"] == "CONFIRMED"
