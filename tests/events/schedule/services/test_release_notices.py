"""Schedule-change notices of a release (events/schedule/notices.py, called by
schedule_release): one digest per attendee who starred a moved, changed or cancelled session
and one per speaker of one, each listing only that person's sessions in the conference's
timezone; opted-out attendees left out; one digest per person, role and release; a fixed
number of queries however many sessions and stars."""

import pytest
from django.core import mail

from events.models import Schedule, Slot
from events.schedule.notices import schedule_change_mails, schedule_change_notify
from events.schedule.services import _release_plan, schedule_release, slot_unschedule
from members.models import MailKind, MailOptOut, OutgoingEmail
from tests.events.schedule.services.conftest import (
    JUNE_10,
    JUNE_11,
    RELEASE_1,
    RELEASE_2,
    accepted_talk,
    at,
    place,
)
from tests.factories import AgendaItemFactory, MemberFactory, RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db

DASH = "\N{EN DASH}"  # between the start and end of a time range


@pytest.fixture
def speaker():
    return MemberFactory(user__first_name="Ada", user__last_name="Lovelace")


@pytest.fixture
def agenda(conference, working, room, speaker) -> dict[str, Slot]:
    """A first release of two talks (one by `speaker`) and a lunch."""
    slots = {
        "keynote": place(
            working,
            room,
            at(conference, JUNE_10, 9),
            at(conference, JUNE_10, 10),
            submission=accepted_talk(conference, "Streaming at Orbit", speaker),
        ),
        "lab": place(
            working,
            room,
            at(conference, JUNE_10, 11),
            at(conference, JUNE_10, 12),
            submission=accepted_talk(conference, "Lakehouse lab"),
        ),
        "lunch": place(
            working, None, at(conference, JUNE_10, 12), at(conference, JUNE_10, 13), title="Lunch"
        ),
    }
    schedule_release(conference=conference, version="1.0", now=RELEASE_1)
    return slots


def star(conference, *slots, user=None):
    registration = RegistrationFactory(conference=conference, **({"user": user} if user else {}))
    for slot in slots:
        AgendaItemFactory(registration=registration, slot_uid=slot.uid)
    return registration.user


def release_2(conference, captured):
    with captured(execute=True):
        return schedule_release(conference=conference, version="1.1", now=RELEASE_2)


def mails_to(user) -> list:
    return [message for message in mail.outbox if message.to == [user.email]]


def move(slot, room, start, end):
    Slot.objects.filter(pk=slot.pk).update(room=room, start=start, end=end)


def test_release_mails_a_starrer_the_move_in_conference_time(
    conference, agenda, other_room, django_capture_on_commit_callbacks
):
    attendee = star(conference, agenda["keynote"])
    move(agenda["keynote"], other_room, at(conference, JUNE_11, 14), at(conference, JUNE_11, 15))

    release_2(conference, django_capture_on_commit_callbacks)

    [message] = mails_to(attendee)
    assert message.subject == "Polaris Summit 2030: schedule changes in version 1.1"
    assert "Moved: Streaming at Orbit" in message.body
    # Stored in UTC; Amsterdam is UTC+2 in June.
    assert f"was: Mon 10 Jun 09:00{DASH}10:00, Auditorium" in message.body
    assert f"now: Tue 11 Jun 14:00{DASH}15:00, Studio" in message.body
    assert f"/conferences/{conference.slug}/sessions/{agenda['keynote'].uid}/" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_release_mails_each_starrer_one_digest_of_only_their_sessions(
    conference, agenda, other_room, django_capture_on_commit_callbacks
):
    both = star(conference, agenda["keynote"], agenda["lab"])
    lab_only = star(conference, agenda["lab"])
    unchanged_only = star(conference, agenda["lunch"])
    move(agenda["keynote"], other_room, at(conference, JUNE_10, 9), at(conference, JUNE_10, 10))
    Slot.objects.filter(pk=agenda["lab"].pk).update(description="Bring a laptop")

    release_2(conference, django_capture_on_commit_callbacks)

    [digest] = mails_to(both)
    assert "Moved: Streaming at Orbit" in digest.body
    assert "Changed: Lakehouse lab" in digest.body
    [lab_digest] = mails_to(lab_only)
    assert "Streaming at Orbit" not in lab_digest.body
    assert mails_to(unchanged_only) == []


def test_release_mails_a_cancellation_to_starrers_and_the_speaker(
    conference, agenda, speaker, organizer, django_capture_on_commit_callbacks
):
    attendee = star(conference, agenda["keynote"])
    slot_unschedule(slot=agenda["keynote"], actor=organizer)

    release_2(conference, django_capture_on_commit_callbacks)

    [to_attendee] = mails_to(attendee)
    [to_speaker] = mails_to(speaker.user)
    assert "Cancelled: Streaming at Orbit" in to_attendee.body
    assert f"was: Mon 10 Jun 09:00{DASH}10:00, Auditorium" in to_attendee.body
    assert "changes your session." in to_speaker.body
    assert "Hello Ada Lovelace," in to_speaker.body


def test_release_leaves_out_starrers_who_turned_schedule_mail_off(
    conference, agenda, other_room, django_capture_on_commit_callbacks
):
    quiet = star(conference, agenda["keynote"])
    MailOptOut.objects.create(user=quiet, kind=MailKind.SCHEDULE)
    keen = star(conference, agenda["keynote"])
    move(agenda["keynote"], other_room, at(conference, JUNE_10, 9), at(conference, JUNE_10, 10))

    release_2(conference, django_capture_on_commit_callbacks)

    assert (len(mails_to(quiet)), len(mails_to(keen))) == (0, 1)


def test_release_tells_a_speaker_even_when_they_turned_schedule_mail_off(
    conference, agenda, speaker, other_room, django_capture_on_commit_callbacks
):
    """A speaker's notice is about their own talk: transactional, like the decision."""
    MailOptOut.objects.create(user=speaker.user, kind=MailKind.SCHEDULE)
    move(agenda["keynote"], other_room, at(conference, JUNE_10, 9), at(conference, JUNE_10, 10))

    release_2(conference, django_capture_on_commit_callbacks)

    [message] = mails_to(speaker.user)
    assert "Moved: Streaming at Orbit" in message.body
    assert "List-Unsubscribe" not in message.extra_headers


def test_release_without_changes_to_starred_sessions_mails_nobody(
    conference, agenda, django_capture_on_commit_callbacks
):
    star(conference, agenda["keynote"], agenda["lunch"])

    release_2(conference, django_capture_on_commit_callbacks)

    assert mail.outbox == []


def test_notices_of_a_release_are_queued_once_however_often_asked(
    conference, agenda, other_room, speaker
):
    star(conference, agenda["keynote"])
    move(agenda["keynote"], other_room, at(conference, JUNE_10, 9), at(conference, JUNE_10, 10))
    working = Schedule.objects.get(conference=conference, version="")
    changes = _release_plan(
        conference=conference,
        working=working,
        release=Schedule(conference=conference, version="1.1"),
    ).changes
    release = schedule_release(conference=conference, version="1.1", now=RELEASE_2)
    digests = OutgoingEmail.objects.filter(key__startswith=f"schedule-changes:{release.pk}:")
    assert digests.count() == 2  # the starrer and the speaker

    assert schedule_change_notify(release=release, changes=changes) == 2
    assert digests.count() == 2


def test_notices_are_computed_in_the_same_queries_for_few_and_many(
    conference, working, room, other_room, django_assert_num_queries
):
    def notices(sessions: int, starrers: int) -> int:
        Schedule.objects.filter(conference=conference).exclude(version="").delete()
        Slot.objects.filter(schedule=working).delete()
        slots = [
            place(
                working,
                room,
                at(conference, JUNE_10, 8 + hour),
                at(conference, JUNE_10, 9 + hour),
                submission=accepted_talk(conference, f"Talk {hour}", MemberFactory()),
            )
            for hour in range(sessions)
        ]
        schedule_release(conference=conference, version="1.0", now=RELEASE_1)
        for _ in range(starrers):
            star(conference, *slots)
        for slot in slots:
            move(slot, other_room, slot.start, slot.end)
        release = Schedule(conference=conference, version="1.1", pk=10_000 + sessions)
        changes = _release_plan(conference=conference, working=working, release=release).changes
        # Who wants schedule mail, the stars and the speakers: three queries.
        with django_assert_num_queries(3):
            return len(schedule_change_mails(release=release, changes=changes))

    assert (notices(sessions=1, starrers=1), notices(sessions=6, starrers=12)) == (2, 18)


def test_a_user_without_address_gets_no_digest(
    conference, agenda, other_room, django_capture_on_commit_callbacks
):
    nameless = star(conference, agenda["keynote"], user=UserFactory(email=""))
    move(agenda["keynote"], other_room, at(conference, JUNE_10, 9), at(conference, JUNE_10, 10))

    release_2(conference, django_capture_on_commit_callbacks)

    assert not OutgoingEmail.objects.filter(user=nameless).exists()
