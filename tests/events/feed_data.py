"""Agendas for the feed and export tests, arranged with factories and released through the
real `schedule_release`, so UIDs, sequences and release dates are the service's own."""

import datetime

from events.models import Conference, Schedule, Slot, Submission, SubmissionSpeaker
from events.schedule.services import schedule_release, schedule_working
from tests.factories import (
    ConferenceFactory,
    MemberFactory,
    RoomFactory,
    SessionFormatFactory,
    SlotFactory,
    TrackFactory,
    local_datetime,
)

RELEASE_1 = datetime.datetime(2030, 5, 1, 12, tzinfo=datetime.UTC)
RELEASE_2 = datetime.datetime(2030, 5, 8, 12, 30, tzinfo=datetime.UTC)
DAY_1 = datetime.date(2030, 6, 10)


def conference(**fields) -> Conference:
    defaults = {
        "slug": "summit",
        "name": "Polaris Summit",
        "starts_on": DAY_1,
        "ends_on": DAY_1 + datetime.timedelta(days=1),
        "venue": "Beurs van Berlage",
        "timezone": "Europe/Amsterdam",
    }
    return ConferenceFactory(**(defaults | fields))


def talk(working: Schedule, room, start: datetime.datetime, minutes: int = 30, **talk_fields):
    return SlotFactory(
        schedule=working,
        talk=True,
        room=room,
        start=start,
        end=start + datetime.timedelta(minutes=minutes),
        **{f"submission__{name}": value for name, value in talk_fields.items()},
    )


def first_release() -> dict:
    """Release 1.0: a keynote and a talk in a track, a lab without one, and lunch for the
    whole venue."""
    event = conference()
    working = schedule_working(conference=event)
    hall = RoomFactory(conference=event, name="Main hall", order=1)
    lab_room = RoomFactory(conference=event, name="Lab", order=2)
    track = TrackFactory(conference=event, name="Pipelines", slug="pipelines", colour="#2F855A")
    keynote_format = SessionFormatFactory(conference=event, name="Keynote", slug="keynote")
    keynote = talk(
        working,
        hall,
        local_datetime(event, DAY_1, 9),
        60,
        title="Opening keynote",
        format=keynote_format,
        track=track,
        abstract="Where Polaris goes next.",
    )
    streaming = talk(
        working, hall, local_datetime(event, DAY_1, 11), title="Streaming at Orbit", track=track
    )
    lab = talk(working, lab_room, local_datetime(event, DAY_1, 11), 90, title="Lakehouse lab")
    lunch = SlotFactory(
        schedule=working,
        kind=Slot.Kind.MEAL,
        room=None,
        title="Lunch",
        description="Served in the foyer.",
        start=local_datetime(event, DAY_1, 12, 30),
        end=local_datetime(event, DAY_1, 13, 30),
    )
    first = schedule_release(conference=event, version="1.0", now=RELEASE_1)
    return {
        "conference": event,
        "track": track,
        "first": first,
        "keynote": keynote,
        "streaming": streaming,
        "lab": lab,
        "lunch": lunch,
    }


def second_release(agenda: dict) -> dict:
    """Release 1.1 of `first_release()`: the keynote moved an hour later, the lab removed."""
    keynote = agenda["keynote"]
    keynote.start += datetime.timedelta(hours=1)
    keynote.end += datetime.timedelta(hours=1)
    keynote.save()
    agenda["lab"].delete()
    second = schedule_release(conference=agenda["conference"], version="1.1", now=RELEASE_2)
    return agenda | {"second": second}


def two_releases() -> dict:
    return second_release(first_release())


def many_sessions(count: int) -> Conference:
    """A released schedule of `count` talks (two speakers each) and one lunch, made with
    bulk_create so hundreds take a moment."""
    event = conference(slug=f"big-{count}")
    release = Schedule.objects.create(
        conference=event, version="1.0", released_at=RELEASE_1, changelog={}
    )
    rooms = [RoomFactory(conference=event, name=f"Room {n}", order=n) for n in range(24)]
    tracks = [TrackFactory(conference=event, slug=f"track-{n}") for n in range(4)]
    session_format = SessionFormatFactory(conference=event)
    speakers = [MemberFactory() for _ in range(4)]
    submissions = Submission.objects.bulk_create(
        Submission(
            conference=event,
            title=f"Talk {n}",
            abstract=f"Abstract {n}",
            format=session_format,
            track=tracks[n % 4],
            state=Submission.State.CONFIRMED,
        )
        for n in range(count)
    )
    SubmissionSpeaker.objects.bulk_create(
        SubmissionSpeaker(submission=submission, member=speakers[(n + k) % 4], is_primary=k == 0)
        for n, submission in enumerate(submissions)
        for k in range(2)
    )
    start = local_datetime(event, DAY_1, 8)
    slots = [
        Slot(
            schedule=release,
            kind=Slot.Kind.TALK,
            room=rooms[n % 24],
            submission=submission,
            start=start + datetime.timedelta(minutes=30 * (n // 24)),
            end=start + datetime.timedelta(minutes=30 * (n // 24) + 25),
            changed_in=release,
        )
        for n, submission in enumerate(submissions)
    ]
    slots.append(
        Slot(
            schedule=release,
            kind=Slot.Kind.MEAL,
            title="Lunch",
            start=local_datetime(event, DAY_1 + datetime.timedelta(days=1), 12),
            end=local_datetime(event, DAY_1 + datetime.timedelta(days=1), 13),
            changed_in=release,
        )
    )
    Slot.objects.bulk_create(slots)
    return event
