"""The events models: database constraints, the conference's calendar and call for papers in
its own timezone, and how each row names itself."""

import datetime
import uuid
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from events.models import (
    ABSTRACT_MAX_LENGTH,
    Conference,
    Review,
    Schedule,
    SessionFormat,
    Slot,
    Submission,
    SubmissionSpeaker,
    Track,
    validate_timezone,
)
from tests.factories import (
    AgendaItemFactory,
    ConferenceFactory,
    MemberFactory,
    RegistrationFactory,
    ReviewerFactory,
    ReviewFactory,
    RoomFactory,
    ScheduleFactory,
    SessionFormatFactory,
    SlotFactory,
    SubmissionFactory,
    SubmissionSpeakerFactory,
    SubmissionTransitionFactory,
    TrackFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
JUNE_10 = datetime.date(2030, 6, 10)
JUNE_11 = datetime.date(2030, 6, 11)


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=AMSTERDAM)


@pytest.fixture
def conference() -> Conference:
    return ConferenceFactory(
        starts_on=JUNE_10,
        ends_on=JUNE_11,
        timezone="Europe/Amsterdam",
        cfp_opens_at=datetime.datetime(2030, 1, 1, 9, tzinfo=UTC),
        cfp_closes_at=datetime.datetime(2030, 3, 1, 9, tzinfo=UTC),
    )


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
    assert validate_timezone(name) is None


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


# Submissions


def test_submission_abstract_at_limit_accepted(conference):
    submission = SubmissionFactory(conference=conference, abstract="x" * ABSTRACT_MAX_LENGTH)

    assert len(Submission.objects.get(pk=submission.pk).abstract) == ABSTRACT_MAX_LENGTH


def test_submission_abstract_over_limit_refused_by_database(conference):
    with pytest.raises(IntegrityError), transaction.atomic():
        SubmissionFactory(conference=conference, abstract="x" * (ABSTRACT_MAX_LENGTH + 1))


def test_submission_abstract_over_limit_refused_by_full_clean(conference):
    submission = SubmissionFactory.build(
        conference=conference,
        format=SessionFormatFactory(conference=conference),
        abstract="x" * (ABSTRACT_MAX_LENGTH + 1),
    )

    with pytest.raises(ValidationError) as error:
        submission.full_clean()

    assert list(error.value.message_dict) == ["abstract"]


def test_submission_blank_abstract_refused_by_full_clean(conference):
    submission = SubmissionFactory.build(
        conference=conference, format=SessionFormatFactory(conference=conference), abstract="  "
    )

    with pytest.raises(ValidationError) as error:
        submission.full_clean()

    assert error.value.message_dict["abstract"] == ["Write an abstract."]


def test_submission_empty_title_refused_by_database(conference):
    with pytest.raises(IntegrityError), transaction.atomic():
        SubmissionFactory(conference=conference, title="")


def test_submission_format_of_other_conference_refused_by_full_clean(conference):
    submission = SubmissionFactory.build(conference=conference, format=SessionFormatFactory())

    with pytest.raises(ValidationError) as error:
        submission.full_clean()

    assert error.value.message_dict == {"format": ["This format belongs to another conference."]}


def test_submission_track_of_other_conference_refused_by_full_clean(conference):
    submission = SubmissionFactory.build(
        conference=conference,
        format=SessionFormatFactory(conference=conference),
        track=TrackFactory(),
    )

    with pytest.raises(ValidationError) as error:
        submission.full_clean()

    assert error.value.message_dict == {"track": ["This track belongs to another conference."]}


def test_submission_second_primary_speaker_refused_by_database(conference):
    submission = SubmissionFactory(conference=conference)

    with pytest.raises(IntegrityError), transaction.atomic():
        SubmissionSpeakerFactory(submission=submission, is_primary=True)


def test_submission_co_speakers_accepted(conference):
    submission = SubmissionFactory(conference=conference)

    SubmissionSpeakerFactory.create_batch(2, submission=submission, is_primary=False)

    assert (
        submission.submission_speakers.count(),
        submission.submission_speakers.filter(is_primary=True).count(),
    ) == (3, 1)


def test_submission_same_speaker_twice_refused_by_database(conference):
    member = MemberFactory()
    submission = SubmissionFactory(conference=conference, speakers=[member])

    with pytest.raises(IntegrityError), transaction.atomic():
        SubmissionSpeaker.objects.create(submission=submission, member=member)


def test_submission_in_program_lists_accepted_and_confirmed(conference):
    accepted = SubmissionFactory(conference=conference, state=Submission.State.ACCEPTED)
    confirmed = SubmissionFactory(conference=conference, state=Submission.State.CONFIRMED)
    for state in ["draft", "submitted", "rejected", "withdrawn"]:
        SubmissionFactory(conference=conference, state=state)

    assert set(Submission.objects.in_program()) == {accepted, confirmed}


# Reviews


def test_review_second_by_same_reviewer_refused_by_database():
    review = ReviewFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewFactory(submission=review.submission, reviewer=review.reviewer)


def test_review_by_another_reviewer_accepted():
    review = ReviewFactory()

    ReviewFactory(submission=review.submission)

    assert review.submission.reviews.count() == 2


@pytest.mark.parametrize("score", [0, 6])
def test_review_score_outside_1_to_5_refused_by_database(score):
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewFactory(score=score)


@pytest.mark.parametrize("score", [1, 5])
def test_review_score_at_bounds_accepted(score):
    review = ReviewFactory(score=score)

    assert Review.objects.get(pk=review.pk).score == score


@pytest.mark.parametrize("score", [0, 6])
def test_review_score_outside_1_to_5_refused_by_full_clean(score):
    review = ReviewFactory.build(
        submission=SubmissionFactory(), reviewer=ReviewerFactory(), score=score
    )

    with pytest.raises(ValidationError) as error:
        review.full_clean()

    assert list(error.value.message_dict) == ["score"]


# Schedules


def test_schedule_second_working_copy_refused_by_database(conference):
    ScheduleFactory(conference=conference)

    with pytest.raises(IntegrityError), transaction.atomic():
        ScheduleFactory(conference=conference)


def test_schedule_working_copies_of_two_conferences_accepted(conference):
    ScheduleFactory(conference=conference)
    ScheduleFactory()

    assert Schedule.objects.filter(version="").count() == 2


def test_schedule_same_version_twice_refused_by_database(conference):
    ScheduleFactory(conference=conference, released=True, version="1.0")

    with pytest.raises(IntegrityError), transaction.atomic():
        ScheduleFactory(conference=conference, released=True, version="1.0")


def test_schedule_same_version_in_other_conference_accepted(conference):
    ScheduleFactory(conference=conference, released=True, version="1.0")

    ScheduleFactory(released=True, version="1.0")

    assert Schedule.objects.filter(version="1.0").count() == 2


def test_schedule_version_without_release_time_refused_by_database(conference):
    with pytest.raises(IntegrityError), transaction.atomic():
        ScheduleFactory(conference=conference, version="1.0", released_at=None)


def test_schedule_working_copy_with_release_time_refused_by_database(conference):
    with pytest.raises(IntegrityError), transaction.atomic():
        ScheduleFactory(
            conference=conference, version="", released_at=datetime.datetime(2030, 1, 1, tzinfo=UTC)
        )


def test_schedule_working_copy_is_the_one_without_version(conference):
    working = ScheduleFactory(conference=conference)
    release = ScheduleFactory(conference=conference, released=True)

    assert (working.is_working_copy, release.is_working_copy) == (True, False)


def test_schedule_released_lists_newest_release_first(conference):
    ScheduleFactory(conference=conference)
    first = ScheduleFactory(
        conference=conference, version="1", released_at=datetime.datetime(2030, 5, 1, tzinfo=UTC)
    )
    second = ScheduleFactory(
        conference=conference, version="2", released_at=datetime.datetime(2030, 5, 2, tzinfo=UTC)
    )

    assert list(Schedule.objects.released()) == [second, first]


# Slots


@pytest.fixture
def working(conference) -> Schedule:
    return ScheduleFactory(conference=conference)


@pytest.mark.parametrize("length", [datetime.timedelta(0), datetime.timedelta(minutes=-30)])
def test_slot_ending_at_or_before_start_refused_by_database(working, length):
    start = at(JUNE_10, 9)

    with pytest.raises(IntegrityError), transaction.atomic():
        SlotFactory(schedule=working, start=start, end=start + length)


def test_slot_without_submission_or_title_refused_by_database(working):
    with pytest.raises(IntegrityError), transaction.atomic():
        SlotFactory(schedule=working, submission=None, title="")


def test_slot_without_submission_or_title_refused_by_full_clean(working):
    slot = SlotFactory.build(
        schedule=working, room=RoomFactory(conference=working.conference), title=""
    )

    with pytest.raises(ValidationError) as error:
        slot.full_clean()

    assert error.value.messages == ["A block without a talk needs a title."]


def test_talk_slot_without_talk_refused_by_database(working):
    with pytest.raises(IntegrityError), transaction.atomic():
        SlotFactory(schedule=working, kind=Slot.Kind.TALK, submission=None, title="Mystery")


@pytest.mark.parametrize("kind", [Slot.Kind.BREAK, Slot.Kind.MEAL, Slot.Kind.SOCIAL])
def test_block_slot_with_talk_refused_by_database(working, kind):
    with pytest.raises(IntegrityError), transaction.atomic():
        SlotFactory(schedule=working, talk=True, kind=kind)


def test_keynote_slot_with_or_without_talk_accepted(working):
    SlotFactory(schedule=working, kind=Slot.Kind.KEYNOTE, title="Opening keynote")
    SlotFactory(schedule=working, talk=True, kind=Slot.Kind.KEYNOTE, start=at(JUNE_10, 11))

    assert working.slots.filter(kind=Slot.Kind.KEYNOTE).count() == 2


def test_room_without_seats_refused_by_database(conference):
    with pytest.raises(IntegrityError), transaction.atomic():
        RoomFactory(conference=conference, capacity=0)


def test_slot_with_submission_and_no_title_accepted(working):
    slot = SlotFactory(schedule=working, talk=True)

    assert (slot.title, slot.display_title) == ("", slot.submission.title)


def test_slot_same_talk_twice_in_one_schedule_refused_by_database(working):
    slot = SlotFactory(schedule=working, talk=True)

    with pytest.raises(IntegrityError), transaction.atomic():
        SlotFactory(
            schedule=working,
            submission=slot.submission,
            title="",
            start=at(JUNE_11, 9),
            end=at(JUNE_11, 10),
        )


def test_slot_same_uid_twice_in_one_schedule_refused_by_database(working):
    slot = SlotFactory(schedule=working)

    with pytest.raises(IntegrityError), transaction.atomic():
        SlotFactory(schedule=working, uid=slot.uid, start=at(JUNE_11, 9), end=at(JUNE_11, 10))


def test_slot_same_uid_in_a_release_accepted(working):
    slot = SlotFactory(schedule=working)

    SlotFactory(
        schedule=ScheduleFactory(conference=working.conference, released=True), uid=slot.uid
    )

    assert Slot.objects.filter(uid=slot.uid).count() == 2


def test_slot_duration_is_end_minus_start(working):
    slot = SlotFactory(schedule=working, start=at(JUNE_10, 9), end=at(JUNE_10, 10, 30))

    assert slot.duration == datetime.timedelta(minutes=90)


def test_slot_overlapping_in_one_room_refused_by_database(working):
    room = RoomFactory(conference=working.conference)
    SlotFactory(schedule=working, room=room, start=at(JUNE_10, 9), end=at(JUNE_10, 10))

    with pytest.raises(IntegrityError), transaction.atomic():
        Slot.objects.create(
            schedule=working,
            room=room,
            start=at(JUNE_10, 9, 30),
            end=at(JUNE_10, 10, 30),
            title="X",
            kind=Slot.Kind.OTHER,
        )


def test_slot_moved_into_overlap_refused_by_database(working):
    room = RoomFactory(conference=working.conference)
    SlotFactory(schedule=working, room=room, start=at(JUNE_10, 9), end=at(JUNE_10, 10))
    later = SlotFactory(schedule=working, room=room, start=at(JUNE_10, 11), end=at(JUNE_10, 12))

    with pytest.raises(IntegrityError), transaction.atomic():
        Slot.objects.filter(pk=later.pk).update(start=at(JUNE_10, 9, 45))


def test_slot_moved_within_its_own_time_accepted_by_database(working):
    room = RoomFactory(conference=working.conference)
    slot = SlotFactory(schedule=working, room=room, start=at(JUNE_10, 9), end=at(JUNE_10, 10))

    Slot.objects.filter(pk=slot.pk).update(end=at(JUNE_10, 10, 15))

    slot.refresh_from_db()
    assert slot.end == at(JUNE_10, 10, 15)


def test_slot_overlapping_whole_venue_blocks_refused_by_database(working):
    SlotFactory(schedule=working, room=None, start=at(JUNE_10, 12), end=at(JUNE_10, 13))

    with pytest.raises(IntegrityError), transaction.atomic():
        Slot.objects.create(
            schedule=working,
            room=None,
            start=at(JUNE_10, 12, 30),
            end=at(JUNE_10, 14),
            title="X",
            kind=Slot.Kind.OTHER,
        )


def test_slot_back_to_back_in_one_room_accepted_by_database(working):
    room = RoomFactory(conference=working.conference)
    SlotFactory(schedule=working, room=room, start=at(JUNE_10, 9), end=at(JUNE_10, 10))

    Slot.objects.create(
        schedule=working,
        room=room,
        start=at(JUNE_10, 10),
        end=at(JUNE_10, 11),
        title="Next",
        kind=Slot.Kind.OTHER,
    )

    assert room.slots.count() == 2


def test_slot_overlapping_cancelled_slot_accepted_by_database(working):
    room = RoomFactory(conference=working.conference)
    SlotFactory(
        schedule=working, room=room, start=at(JUNE_10, 9), end=at(JUNE_10, 10), cancelled=True
    )

    Slot.objects.create(
        schedule=working,
        room=room,
        start=at(JUNE_10, 9),
        end=at(JUNE_10, 10),
        title="Instead",
        kind=Slot.Kind.OTHER,
    )

    assert room.slots.count() == 2


def test_slot_overlapping_in_other_schedule_accepted_by_database(working):
    room = RoomFactory(conference=working.conference)
    SlotFactory(schedule=working, room=room, start=at(JUNE_10, 9), end=at(JUNE_10, 10))
    release = ScheduleFactory(conference=working.conference, released=True)

    Slot.objects.create(
        schedule=release,
        room=room,
        start=at(JUNE_10, 9),
        end=at(JUNE_10, 10),
        title="Copy",
        kind=Slot.Kind.OTHER,
    )

    assert room.slots.count() == 2


def test_slot_active_excludes_cancelled(working):
    active = SlotFactory(schedule=working)
    SlotFactory(schedule=working, cancelled=True)

    assert list(Slot.objects.active()) == [active]


# Registrations and personal agendas


def test_registration_second_for_same_person_refused_by_database(conference):
    registration = RegistrationFactory(conference=conference)

    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(conference=conference, user=registration.user)


def test_registration_calendar_tokens_are_long_and_distinct(conference):
    first, second = RegistrationFactory.create_batch(2, conference=conference)

    assert (len(first.calendar_token) >= 43, first.calendar_token != second.calendar_token) == (
        True,
        True,
    )


def test_agenda_item_same_session_starred_twice_refused_by_database():
    item = AgendaItemFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaItemFactory(registration=item.registration, slot_uid=item.slot_uid)


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


def test_slot_str_names_utc_time_of_unsaved_local_datetime(conference):
    room = RoomFactory(conference=conference, name="Auditorium")
    slot = Slot(
        room=room,
        title="Opening",
        start=datetime.datetime(2030, 6, 10, 9, 30, tzinfo=conference.tz),
        end=datetime.datetime(2030, 6, 10, 10, 30, tzinfo=conference.tz),
    )

    assert str(slot) == "Opening · Auditorium · 2030-06-10 07:30 UTC"


def test_submission_reviewable_by_leaves_out_own_talks_and_own_company(conference):
    reviewer = MemberFactory()
    colleague = MemberFactory(company=reviewer.company)
    open_one = SubmissionFactory(
        conference=conference, state=Submission.State.SUBMITTED, speakers=[MemberFactory()]
    )
    SubmissionFactory(
        conference=conference,
        state=Submission.State.SUBMITTED,
        speakers=[MemberFactory(), reviewer],
    )
    SubmissionFactory(conference=conference, state=Submission.State.SUBMITTED, speakers=[colleague])
    SubmissionFactory(
        conference=conference, state=Submission.State.DRAFT, speakers=[MemberFactory()]
    )

    reviewable = Submission.objects.reviewable_by(reviewer.user)

    assert list(reviewable) == [open_one]


def test_submission_reviewable_by_person_without_company_leaves_out_own_talks(conference):
    outsider = UserFactory()
    open_one = SubmissionFactory(
        conference=conference, state=Submission.State.SUBMITTED, speakers=[MemberFactory()]
    )

    assert list(Submission.objects.reviewable_by(outsider)) == [open_one]
