"""The conference models (events/models/conference.py): database constraints, the
conference's calendar and call for papers in its own timezone, rooms, tracks and formats,
and how each events row names itself."""

import datetime
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from events.models import Conference, SessionFormat, Slot, Track, validate_timezone
from tests.factories import (
    AgendaItemFactory,
    ConferenceFactory,
    MemberFactory,
    RegistrationFactory,
    ReviewFactory,
    RoomFactory,
    ScheduleFactory,
    SessionFormatFactory,
    SlotFactory,
    SubmissionFactory,
    SubmissionTransitionFactory,
    TrackFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
JUNE_10 = datetime.date(2030, 6, 10)
JUNE_11 = datetime.date(2030, 6, 11)

# Conference


def test_conference_ending_before_start_refused_by_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        ConferenceFactory(starts_on=JUNE_11, ends_on=JUNE_10)


def test_conference_of_one_day_accepted():
    conference = ConferenceFactory(starts_on=JUNE_10, ends_on=JUNE_10)

    assert conference.days == [JUNE_10]


def test_conference_ending_before_start_refused_by_full_clean():
    conference = ConferenceFactory.build(starts_on=JUNE_11, ends_on=JUNE_10)

    with pytest.raises(ValidationError) as error:
        conference.full_clean()

    assert error.value.messages == ["The conference cannot end before it starts."]


@pytest.mark.parametrize("closes_after", [datetime.timedelta(0), datetime.timedelta(days=-1)])
def test_conference_cfp_closing_at_or_before_opening_refused_by_database(closes_after):
    opens_at = datetime.datetime(2030, 1, 1, 9, tzinfo=UTC)

    with pytest.raises(IntegrityError), transaction.atomic():
        ConferenceFactory(cfp_opens_at=opens_at, cfp_closes_at=opens_at + closes_after)


def test_conference_cfp_closing_before_opening_refused_by_full_clean():
    opens_at = datetime.datetime(2030, 1, 1, 9, tzinfo=UTC)
    conference = ConferenceFactory.build(
        cfp_opens_at=opens_at, cfp_closes_at=opens_at - datetime.timedelta(days=1)
    )

    with pytest.raises(ValidationError) as error:
        conference.full_clean()

    assert error.value.messages == ["The call for papers must close after it opens."]


@pytest.mark.parametrize(
    ("opens_at", "closes_at"),
    [(None, None), (datetime.datetime(2030, 1, 1, tzinfo=UTC), None)],
)
def test_conference_cfp_without_both_dates_accepted(opens_at, closes_at):
    conference = ConferenceFactory(cfp_opens_at=opens_at, cfp_closes_at=closes_at)

    assert conference.cfp_state(datetime.datetime(2030, 2, 1, tzinfo=UTC)) == "unannounced"


@pytest.mark.parametrize(
    ("now", "state"),
    [
        (datetime.datetime(2030, 1, 1, 8, 59, 59, tzinfo=UTC), "upcoming"),
        (datetime.datetime(2030, 1, 1, 9, tzinfo=UTC), "open"),
        (datetime.datetime(2030, 3, 1, 8, 59, 59, tzinfo=UTC), "open"),
        (datetime.datetime(2030, 3, 1, 9, tzinfo=UTC), "closed"),
        (datetime.datetime(2030, 6, 1, tzinfo=UTC), "closed"),
    ],
)
def test_conference_cfp_state_at_instant(conference, now, state):
    assert (conference.cfp_state(now), conference.cfp_is_open(now)) == (state, state == "open")


def test_conference_days_are_every_day_from_start_to_end():
    conference = ConferenceFactory(
        starts_on=datetime.date(2030, 2, 27), ends_on=datetime.date(2030, 3, 2)
    )

    assert conference.days == [
        datetime.date(2030, 2, 27),
        datetime.date(2030, 2, 28),
        datetime.date(2030, 3, 1),
        datetime.date(2030, 3, 2),
    ]


def test_conference_opens_at_midnight_local_time_of_first_day(conference):
    assert conference.opens_at == datetime.datetime(2030, 6, 9, 22, tzinfo=UTC)


def test_conference_closes_at_midnight_local_time_after_last_day(conference):
    assert conference.closes_at == datetime.datetime(2030, 6, 11, 22, tzinfo=UTC)


def test_conference_closes_at_follows_daylight_saving_change():
    # Summer time ends in the night of 27 October 2030: the first day is UTC+2, the next UTC+1.
    conference = ConferenceFactory(
        starts_on=datetime.date(2030, 10, 26),
        ends_on=datetime.date(2030, 10, 27),
        timezone="Europe/Amsterdam",
    )

    assert (conference.opens_at, conference.closes_at) == (
        datetime.datetime(2030, 10, 25, 22, tzinfo=UTC),
        datetime.datetime(2030, 10, 27, 23, tzinfo=UTC),
    )


@pytest.mark.parametrize("name", ["Europe/Amsterdam", "America/New_York", "UTC", "Asia/Kolkata"])
def test_validate_timezone_accepts_iana_name(name):
    validate_timezone(name)  # raises ValidationError for a name it refuses


@pytest.mark.parametrize(
    "name", ["Mars/Olympus", "CEST", "", "../etc/passwd", "Europe/", "Europe", "America"]
)
def test_validate_timezone_refuses_other_text(name):
    with pytest.raises(ValidationError) as error:
        validate_timezone(name)

    assert error.value.messages == [
        f"“{name}” is not an IANA timezone name such as Europe/Amsterdam."
    ]


def test_conference_full_clean_refuses_unknown_timezone():
    conference = ConferenceFactory.build(timezone="Mars/Olympus")

    with pytest.raises(ValidationError) as error:
        conference.full_clean()

    assert list(error.value.message_dict) == ["timezone"]


def test_conference_upcoming_lists_conferences_not_over_by_start():
    ConferenceFactory(starts_on=datetime.date(2030, 1, 10), ends_on=datetime.date(2030, 1, 11))
    later = ConferenceFactory(
        starts_on=datetime.date(2031, 6, 1), ends_on=datetime.date(2031, 6, 2)
    )
    sooner = ConferenceFactory(starts_on=JUNE_10, ends_on=JUNE_11)

    upcoming = Conference.objects.upcoming(JUNE_11)

    assert list(upcoming) == [sooner, later]


# Rooms, tracks and formats


def test_room_same_name_in_one_conference_refused_by_database(conference):
    RoomFactory(conference=conference, name="Auditorium")

    with pytest.raises(IntegrityError), transaction.atomic():
        RoomFactory(conference=conference, name="Auditorium")


def test_track_same_slug_in_one_conference_refused_by_database(conference):
    TrackFactory(conference=conference, slug="data")

    with pytest.raises(IntegrityError), transaction.atomic():
        TrackFactory(conference=conference, slug="data")


def test_track_same_slug_in_other_conference_accepted(conference):
    TrackFactory(conference=conference, slug="data")

    TrackFactory(slug="data")

    assert Track.objects.filter(slug="data").count() == 2


def test_format_same_slug_in_one_conference_refused_by_database(conference):
    SessionFormatFactory(conference=conference, slug="keynote")

    with pytest.raises(IntegrityError), transaction.atomic():
        SessionFormatFactory(conference=conference, slug="keynote")


def test_format_same_slug_in_other_conference_accepted(conference):
    SessionFormatFactory(conference=conference, slug="keynote")

    SessionFormatFactory(slug="keynote")

    assert SessionFormat.objects.filter(slug="keynote").count() == 2


def test_format_duration_is_its_minutes(conference):
    session_format = SessionFormatFactory(conference=conference, duration_minutes=45)

    assert session_format.duration == datetime.timedelta(minutes=45)


def test_track_colour_not_hex_refused_by_full_clean(conference):
    track = TrackFactory.build(conference=conference, colour="blue")

    with pytest.raises(ValidationError) as error:
        track.full_clean()

    assert error.value.message_dict["colour"] == ["Give a colour as #rrggbb."]


def test_room_without_seats_refused_by_database(conference):
    with pytest.raises(IntegrityError), transaction.atomic():
        RoomFactory(conference=conference, capacity=0)


# Names


def test_events_models_str(conference):
    room = RoomFactory(conference=conference, name="Auditorium")
    track = TrackFactory(conference=conference, name="Data platforms")
    session_format = SessionFormatFactory(
        conference=conference, name="Keynote", duration_minutes=45
    )
    speaker = MemberFactory(user__first_name="Ada", user__last_name="Lovelace")
    submission = SubmissionFactory(
        conference=conference, title="Streaming at Orbit", format=session_format, speakers=[speaker]
    )
    organizer = UserFactory(username="grace")
    transition = SubmissionTransitionFactory(
        submission=submission, from_state="submitted", to_state="accepted", actor=organizer
    )
    review = ReviewFactory(submission=submission, reviewer=UserFactory(username="alan"), score=5)
    working = ScheduleFactory(conference=conference)
    release = ScheduleFactory(conference=conference, released=True, version="1.0")
    talk = SlotFactory(
        schedule=working,
        room=room,
        submission=submission,
        title="",
        start=datetime.datetime(2030, 6, 10, 7, 30, tzinfo=UTC),
        end=datetime.datetime(2030, 6, 10, 8, 15, tzinfo=UTC),
    )
    lunch = SlotFactory(
        schedule=working,
        room=None,
        title="Lunch",
        start=datetime.datetime(2030, 6, 10, 10, tzinfo=UTC),
        end=datetime.datetime(2030, 6, 10, 11, tzinfo=UTC),
    )
    registration = RegistrationFactory(conference=conference, user=organizer)
    item = AgendaItemFactory(
        registration=registration, slot_uid=uuid.UUID("12345678-1234-5678-1234-567812345678")
    )
    name = conference.name

    assert [
        str(conference),
        str(room),
        str(track),
        str(session_format),
        str(submission),
        str(submission.submission_speakers.get()),
        str(transition),
        str(review),
        str(working),
        str(release),
        str(Slot.objects.get(pk=talk.pk)),
        str(Slot.objects.get(pk=lunch.pk)),
        str(registration),
        str(item),
    ] == [
        name,
        "Auditorium",
        "Data platforms",
        "Keynote (45 min)",
        "Streaming at Orbit",
        "Ada Lovelace on “Streaming at Orbit”",
        "Streaming at Orbit: submitted → accepted",
        "5/5 by alan on “Streaming at Orbit”",
        f"{name} · working copy",
        f"{name} · version 1.0",
        "Streaming at Orbit · Auditorium · 2030-06-10 07:30 UTC",
        "Lunch · all rooms · 2030-06-10 10:00 UTC",
        f"grace at {name}",
        "grace starred 12345678-1234-5678-1234-567812345678",
    ]
