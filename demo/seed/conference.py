"""Seed this year's summit: a Tuesday about four months ahead, three days long, its call for
papers closed ten days ago, with its rooms, tracks and session formats.

No service creates conferences, rooms, tracks or formats (organizers add them in the admin),
so they are validated and inserted here.
"""

import datetime
from dataclasses import dataclass

from demo.data.conference import (
    CFP_TEXT,
    CONFERENCE_SLUG,
    CONFERENCE_TIMEZONE,
    FORMATS,
    ROOMS,
    TRACKS,
    VENUE,
    VENUE_ADDRESS,
    WELCOME_TEXT,
)
from demo.seed.common import SeedError
from events.models import Conference, Room, SessionFormat, Track


@dataclass(frozen=True)
class Summit:
    """A seeded conference with its rooms (by key), tracks and formats (by slug)."""

    conference: Conference
    rooms: dict[str, Room]
    tracks: dict[str, Track]
    formats: dict[str, SessionFormat]


def conference_create(
    *,
    slug: str,
    starts_on: datetime.date,
    cfp_opens_on: datetime.date,
    cfp_closes_on: datetime.date,
    **texts: str,
) -> Conference:
    """A three-day Polaris Users' Summit at the demo venue; its call for papers opens at 09:00
    and closes at 23:59 on the given days, in the conference's timezone."""
    conference = Conference(
        name=f"Polaris Users' Summit {starts_on.year}",
        slug=slug,
        year=starts_on.year,
        starts_on=starts_on,
        ends_on=starts_on + datetime.timedelta(days=2),
        timezone=CONFERENCE_TIMEZONE,
        venue=VENUE,
        venue_address=VENUE_ADDRESS,
        reviews_anonymous=True,
        **texts,
    )
    tz = conference.tz
    conference.cfp_opens_at = datetime.datetime.combine(cfp_opens_on, datetime.time(9), tzinfo=tz)
    conference.cfp_closes_at = datetime.datetime.combine(
        cfp_closes_on, datetime.time(23, 59), tzinfo=tz
    )
    conference.full_clean()
    conference.save()
    return conference


def cfp_window(conference: Conference) -> tuple[datetime.datetime, datetime.datetime]:
    """When the conference's call for papers opens and closes, as `conference_create` set them."""
    if conference.cfp_opens_at is None or conference.cfp_closes_at is None:
        raise SeedError(f"{conference.name} has no dates for its call for papers.")
    return conference.cfp_opens_at, conference.cfp_closes_at


def tracks_create(*, conference: Conference) -> dict[str, Track]:
    tracks = {
        slug: Track(
            conference=conference,
            slug=slug,
            name=name,
            colour=colour,
            description=description,
            order=order,
        )
        for order, (slug, name, colour, description) in enumerate(TRACKS)
    }
    Track.objects.bulk_create(tracks.values())
    return tracks


def formats_create(
    *, conference: Conference, leave_out: tuple[str, ...] = ()
) -> dict[str, SessionFormat]:
    formats = {
        slug: SessionFormat(
            conference=conference,
            slug=slug,
            name=name,
            duration_minutes=minutes,
            description=description,
        )
        for slug, name, minutes, description in FORMATS
        if slug not in leave_out
    }
    SessionFormat.objects.bulk_create(formats.values())
    return formats


def summit_create(*, today: datetime.date) -> Summit:
    ahead = today + datetime.timedelta(days=120)
    starts_on = ahead + datetime.timedelta(days=(1 - ahead.weekday()) % 7)
    conference = conference_create(
        slug=CONFERENCE_SLUG,
        starts_on=starts_on,
        cfp_opens_on=today - datetime.timedelta(days=100),
        cfp_closes_on=today - datetime.timedelta(days=10),
        welcome_text=WELCOME_TEXT,
        cfp_text=CFP_TEXT,
    )
    rooms = {
        key: Room(conference=conference, name=name, capacity=capacity, order=order)
        for order, (key, name, capacity) in enumerate(ROOMS)
    }
    Room.objects.bulk_create(rooms.values())
    return Summit(
        conference=conference,
        rooms=rooms,
        tracks=tracks_create(conference=conference),
        formats=formats_create(conference=conference),
    )
