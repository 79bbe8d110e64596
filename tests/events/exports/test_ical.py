"""The iCalendar renderer (events/exports/ical.py) on sessions built in memory: what clients
that read the text without a full RFC 5545 parser see (categories, cancelled titles), and
VTIMEZONEs that give the zone's offsets wherever a client looks."""

import datetime
import uuid
import zoneinfo
from typing import Any

import pytest
from dateutil import rrule  # type: ignore[import-untyped]  # icalendar's dependency, untyped
from icalendar import Calendar, Component, Event, vRecur

from events.exports.ical import calendar_ics
from events.schedule.rows import SessionRow
from tests.factories import ConferenceFactory, ScheduleFactory

RELEASED = datetime.datetime(2030, 5, 1, 12, tzinfo=datetime.UTC)


def session(conference, **fields) -> SessionRow:
    start = datetime.datetime(2030, 6, 10, 11, tzinfo=conference.tz)
    values: dict[str, Any] = {
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

    assert isinstance(event, Event)
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


# VTIMEZONE


def onsets(vtimezone: Component, until: datetime.datetime) -> list[tuple[datetime.datetime, ...]]:
    """Every onset the VTIMEZONE describes up to `until`, in UTC, with the offsets before and
    after it: DTSTART, each RRULE occurrence (expanded with dateutil) and each RDATE."""
    found = []
    for observance in vtimezone.subcomponents:
        start = observance.decoded("DTSTART")
        assert start.tzinfo is None  # local time, as RFC 5545 3.6.5 wants
        before, after = observance.decoded("TZOFFSETFROM"), observance.decoded("TZOFFSETTO")
        local_onsets = [start]
        recurrence = observance.get("RRULE")
        if recurrence is not None:
            assert isinstance(recurrence, vRecur)
            rule = rrule.rrulestr(recurrence.to_ical().decode(), dtstart=start)
            local_onsets = rule.between(start, until.replace(tzinfo=None), inc=True)
        rdates = observance.get("RDATE", [])
        for rdate in rdates if isinstance(rdates, list) else [rdates]:
            local_onsets += [period.dt for period in rdate.dts]
        found += [
            ((local - before).replace(tzinfo=datetime.UTC), before, after) for local in local_onsets
        ]
    return sorted(found)


def offset_at(described: list, moment: datetime.datetime) -> datetime.timedelta:
    """The offset in force at a UTC moment: after the last onset before it, or before the
    first onset (RFC 5545 3.6.5)."""
    offset = described[0][1]
    for onset, _, after in described:
        if onset > moment:
            break
        offset = after
    return offset


ZONES = [
    ("Europe/Amsterdam", datetime.date(2030, 6, 10)),
    ("Europe/Amsterdam", datetime.date(2030, 10, 26)),  # across the end of summer time
    ("America/New_York", datetime.date(2030, 3, 9)),
    ("Australia/Sydney", datetime.date(2030, 4, 6)),  # southern: summer time ends in April
    ("Australia/Lord_Howe", datetime.date(2030, 10, 5)),  # a half-hour change
    ("Asia/Kolkata", datetime.date(2030, 6, 10)),  # no summer time
    ("America/New_York", datetime.date(2007, 3, 10)),  # the US rules changed in 2007
    ("America/Sao_Paulo", datetime.date(2019, 2, 15)),  # summer time abolished in 2019
    ("Europe/Moscow", datetime.date(2014, 10, 25)),  # permanent summer time ended in 2014
    ("Africa/Casablanca", datetime.date(2030, 3, 1)),  # changes for Ramadan, no yearly rule
]


@pytest.mark.parametrize(("timezone", "day"), ZONES, ids=lambda value: str(value))
def test_calendar_ics_vtimezone_gives_zoneinfo_offsets_a_year_around_the_events(timezone, day):
    conference = summer_conference(timezone, starts_on=day, ends_on=day + datetime.timedelta(1))
    zone = zoneinfo.ZoneInfo(timezone)
    rows = [
        session(
            conference,
            uid=uuid.UUID(int=number + 1),
            start=datetime.datetime.combine(moment, datetime.time(hour), tzinfo=zone),
            end=datetime.datetime.combine(moment, datetime.time(hour, 30), tzinfo=zone),
        )
        for number, (moment, hour) in enumerate(
            [(conference.starts_on, 9), (conference.ends_on, 17)]
        )
    ]

    (vtimezone,) = Calendar.from_ical(render(conference, rows)).walk("VTIMEZONE")

    first = rows[0].start.astimezone(datetime.UTC) - datetime.timedelta(days=366)
    last = rows[-1].end.astimezone(datetime.UTC) + datetime.timedelta(days=366)
    described = onsets(vtimezone, until=last + datetime.timedelta(days=2))
    moment, wrong = first, []
    while moment <= last:
        expected = moment.astimezone(zone).utcoffset()
        if offset_at(described, moment) != expected:
            wrong.append(f"{moment:%Y-%m-%d %H:%M}Z: {offset_at(described, moment)} != {expected}")
        moment += datetime.timedelta(minutes=30)
    assert wrong[:5] == []
    for row in rows:
        assert offset_at(described, row.start.astimezone(datetime.UTC)) == row.start.utcoffset()


@pytest.mark.parametrize(
    ("timezone", "day"),
    [
        ("Europe/Amsterdam", datetime.date(2030, 6, 10)),
        ("America/New_York", datetime.date(2030, 3, 9)),
        ("Australia/Sydney", datetime.date(2030, 4, 6)),
        ("America/New_York", datetime.date(2007, 3, 10)),
    ],
    ids=lambda value: str(value),
)
def test_calendar_ics_vtimezone_of_a_summer_time_zone_ends_in_yearly_rules(timezone, day):
    conference = summer_conference(timezone, starts_on=day, ends_on=day)

    (vtimezone,) = Calendar.from_ical(render(conference, [])).walk("VTIMEZONE")

    # The last STANDARD and the last DAYLIGHT observance each repeat every year, so that a
    # client (the Ruby icalendar gem among them) needs nothing past the final DTSTART.
    last = {observance.name: observance for observance in vtimezone.subcomponents}
    assert set(last) == {"STANDARD", "DAYLIGHT"}
    for observance in last.values():
        assert "RDATE" not in observance
        rule = observance.get("RRULE")
        assert isinstance(rule, vRecur)
        assert rule["FREQ"] == ["YEARLY"]


@pytest.mark.parametrize(
    ("timezone", "day"),
    [
        ("Europe/Amsterdam", datetime.date(2030, 3, 31)),
        ("Australia/Sydney", datetime.date(2030, 4, 6)),
        ("Asia/Jerusalem", datetime.date(2030, 3, 29)),
        ("America/Sao_Paulo", datetime.date(2018, 11, 4)),
        ("Africa/Casablanca", datetime.date(2030, 3, 1)),
    ],
    ids=lambda value: str(value),
)
def test_calendar_ics_vtimezone_observances_all_start_before_the_events(timezone, day):
    conference = summer_conference(timezone, starts_on=day, ends_on=day)

    (vtimezone,) = Calendar.from_ical(render(conference, [])).walk("VTIMEZONE")

    # The Ruby icalendar gem compares the latest onset before an event of every STANDARD
    # (and every DAYLIGHT) observance, and fails where one has none: each kind of change
    # is one observance (later onsets as RDATEs), begun before the conference.
    starts = [observance.decoded("DTSTART") for observance in vtimezone.subcomponents]
    assert max(starts) < datetime.datetime.combine(day, datetime.time())
    kinds = [
        (observance.name, observance.decoded("TZOFFSETFROM"), observance.decoded("TZOFFSETTO"))
        for observance in vtimezone.subcomponents
    ]
    assert len(kinds) == len(set(kinds))


def test_calendar_ics_vtimezone_of_amsterdam_uses_last_sunday_rules():
    conference = summer_conference()

    body = render(conference, [])

    lines = unfolded_lines(body)
    assert "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU" in lines
    assert "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU" in lines


def test_calendar_ics_vtimezone_of_a_zone_without_summer_time_has_one_rule():
    conference = summer_conference("Asia/Kolkata")

    (vtimezone,) = Calendar.from_ical(render(conference, [])).walk("VTIMEZONE")

    (observance,) = vtimezone.subcomponents
    assert observance.name == "STANDARD"
    lines = observance.to_ical().splitlines()
    assert b"TZOFFSETFROM:+0530" in lines
    assert b"TZOFFSETTO:+0530" in lines
    assert b"RRULE" not in observance.to_ical()
