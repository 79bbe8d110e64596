"""Seats at sessions that require sign-up, their waitlists, and cancelling or transferring a
registration: the capacity services in events/attendance/services.py."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from audit.models import AuditEntry
from events.attendance.selectors import seats_for
from events.attendance.services import (
    registration_cancel,
    registration_transfer,
    signup_join,
    signup_leave,
)
from events.models import AgendaItem, Registration, SessionSignup
from events.schedule.rows import session_rows
from events.schedule.services import schedule_release, schedule_working
from tests.events.attendance.conftest import company_with_passes
from tests.factories import (
    AgendaItemFactory,
    ConferenceFactory,
    MemberFactory,
    RegistrationFactory,
    RoomFactory,
    ScheduleFactory,
    SlotFactory,
    SubmissionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

State = SessionSignup.State
PassType = Registration.PassType


def lab(*, cap: int | None = 2, capacity: int = 40, **kwargs):
    """A released hands-on lab that requires sign-up, with `cap` seats (None: the room's)."""
    release = ScheduleFactory(released=True, **kwargs)
    room = RoomFactory(conference=release.conference, name="Lab 1", capacity=capacity)
    return SlotFactory(schedule=release, room=room, talk=True, signup_required=True, signup_cap=cap)


def attendees(slot, count: int) -> list[Registration]:
    return [
        RegistrationFactory(
            conference=slot.schedule.conference,
            user=UserFactory(first_name=f"Person{index}", last_name="Tester"),
        )
        for index in range(count)
    ]


def states(slot) -> list[tuple[str, str]]:
    return [
        (signup.registration.user.first_name, signup.state)
        for signup in SessionSignup.objects.filter(slot_uid=slot.uid).order_by("position")
    ]


# Signing up


def test_signup_join_confirms_until_cap_then_waitlists_in_order():
    slot = lab(cap=2)
    people = attendees(slot, 4)

    joined = [signup_join(registration=person, slot_uid=slot.uid) for person in people]

    assert [signup.state for signup in joined] == [
        State.CONFIRMED,
        State.CONFIRMED,
        State.WAITLISTED,
        State.WAITLISTED,
    ]
    assert [signup.position for signup in joined] == [1, 2, 3, 4]


def test_signup_join_without_cap_uses_room_capacity():
    slot = lab(cap=None, capacity=1)
    first, second = attendees(slot, 2)

    signup_join(registration=first, slot_uid=slot.uid)
    waiting = signup_join(registration=second, slot_uid=slot.uid)

    assert waiting.state == State.WAITLISTED


def test_signup_join_twice_keeps_one_signup():
    slot = lab(cap=1)
    (person,) = attendees(slot, 1)

    first = signup_join(registration=person, slot_uid=slot.uid)
    again = signup_join(registration=person, slot_uid=slot.uid)

    assert (again.pk, SessionSignup.objects.count()) == (first.pk, 1)


def test_signup_join_refuses_session_without_signup():
    release = ScheduleFactory(released=True)
    slot = SlotFactory(schedule=release, talk=True)
    registration = RegistrationFactory(conference=release.conference)

    with pytest.raises(ValidationError) as refusal:
        signup_join(registration=registration, slot_uid=slot.uid)

    assert refusal.value.code == "no_signup"
    assert not SessionSignup.objects.exists()


def test_signup_join_refuses_cancelled_session():
    release = ScheduleFactory(released=True)
    slot = SlotFactory(
        schedule=release, talk=True, signup_required=True, signup_cap=5, cancelled=True
    )
    registration = RegistrationFactory(conference=release.conference)

    with pytest.raises(ValidationError) as refusal:
        signup_join(registration=registration, slot_uid=slot.uid)

    assert refusal.value.code == "cancelled"


def test_signup_join_refuses_session_only_in_working_copy():
    working = ScheduleFactory()
    slot = SlotFactory(schedule=working, talk=True, signup_required=True, signup_cap=5)
    registration = RegistrationFactory(conference=working.conference)

    with pytest.raises(ValidationError) as refusal:
        signup_join(registration=registration, slot_uid=slot.uid)

    assert refusal.value.code == "unknown_session"


def test_signup_join_refuses_session_that_has_begun():
    slot = lab()
    (person,) = attendees(slot, 1)

    with pytest.raises(ValidationError) as refusal:
        signup_join(registration=person, slot_uid=slot.uid, now=slot.start)

    assert refusal.value.code == "signup_closed"


# Leaving and the waitlist


def test_signup_leave_of_seat_promotes_first_waiting_and_mails_them(
    django_capture_on_commit_callbacks,
):
    slot = lab(cap=1)
    seated, first_waiting, second_waiting = attendees(slot, 3)
    for person in (seated, first_waiting, second_waiting):
        signup_join(registration=person, slot_uid=slot.uid)
    first_waiting.user.email = "person1@example.com"
    first_waiting.user.save()

    with django_capture_on_commit_callbacks(execute=True):
        left = signup_leave(registration=seated, slot_uid=slot.uid)

    assert left is True
    assert states(slot) == [("Person1", State.CONFIRMED), ("Person2", State.WAITLISTED)]
    assert [message.to for message in mail.outbox] == [["person1@example.com"]]
    assert mail.outbox[0].subject == f"You have a seat at “{slot.display_title}”"
    assert f"/sessions/{slot.uid}/" in mail.outbox[0].body


def test_signup_leave_of_waitlist_place_promotes_nobody(django_capture_on_commit_callbacks):
    slot = lab(cap=1)
    seated, first_waiting, second_waiting = attendees(slot, 3)
    for person in (seated, first_waiting, second_waiting):
        signup_join(registration=person, slot_uid=slot.uid)

    with django_capture_on_commit_callbacks(execute=True):
        signup_leave(registration=first_waiting, slot_uid=slot.uid)

    assert states(slot) == [("Person0", State.CONFIRMED), ("Person2", State.WAITLISTED)]
    assert mail.outbox == []


def test_signup_leave_without_signup_changes_nothing():
    slot = lab(cap=1)
    seated, other = attendees(slot, 2)
    signup_join(registration=seated, slot_uid=slot.uid)

    assert signup_leave(registration=other, slot_uid=slot.uid) is False
    assert states(slot) == [("Person0", State.CONFIRMED)]


def test_seats_for_counts_seats_and_waitlist_rank():
    slot = lab(cap=1)
    people = attendees(slot, 3)
    for person in people:
        signup_join(registration=person, slot_uid=slot.uid)
    signup_leave(registration=people[0], slot_uid=slot.uid)
    rows = session_rows(slots=slot.schedule.slots.all())

    seats = seats_for(sessions=rows, registration=people[2])[slot.uid]

    assert (seats.capacity, seats.taken, seats.waiting, seats.left) == (1, 1, 1, 0)
    assert (seats.mine, seats.rank) == (State.WAITLISTED, 1)


# Cancelling a registration


def test_registration_cancel_frees_seat_for_waitlist_and_is_audited(
    django_capture_on_commit_callbacks,
):
    slot = lab(cap=1)
    seated, waiting = attendees(slot, 2)
    for person in (seated, waiting):
        signup_join(registration=person, slot_uid=slot.uid)
    AgendaItemFactory(registration=seated, slot_uid=slot.uid)
    cancelled_pk = seated.pk

    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(registration=seated, actor=seated.user)

    assert not Registration.objects.filter(pk=cancelled_pk).exists()
    assert not AgendaItem.objects.exists()
    assert states(slot) == [("Person1", State.CONFIRMED)]
    assert len(mail.outbox) == 1
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.target_id) == (
        AuditEntry.Action.REGISTRATION_CANCELLED,
        seated.user,
        str(cancelled_pk),
    )


def test_registration_cancel_refuses_someone_else():
    registration = RegistrationFactory()

    with pytest.raises(ValidationError) as refusal:
        registration_cancel(registration=registration, actor=UserFactory())

    assert refusal.value.code == "not_allowed"
    assert Registration.objects.filter(pk=registration.pk).exists()


def test_registration_cancel_refuses_conference_that_is_over():
    conference = ConferenceFactory(
        starts_on=timezone.localdate() - datetime.timedelta(days=10),
        ends_on=timezone.localdate() - datetime.timedelta(days=9),
    )
    registration = RegistrationFactory(conference=conference)

    with pytest.raises(ValidationError) as refusal:
        registration_cancel(registration=registration, actor=registration.user)

    assert refusal.value.code == "conference_over"
    assert Registration.objects.filter(pk=registration.pk).exists()


# Transferring a registration


def company_people(passes: int, count: int):
    company = company_with_passes(passes)
    primary = MemberFactory(company=company, is_primary_contact=True)
    return primary, [MemberFactory(company=company) for _ in range(count)]


def member_refusal(refusal: pytest.ExceptionInfo) -> tuple[str, str]:
    error = refusal.value.error_dict["member"][0]
    return error.code, error.messages[0]


def test_registration_transfer_gives_member_pass_to_colleague_and_is_audited():
    conference = ConferenceFactory()
    primary, (leaving, joining) = company_people(passes=1, count=2)
    registration = RegistrationFactory(
        conference=conference, user=leaving.user, pass_type=PassType.MEMBER
    )

    transferred = registration_transfer(
        registration=registration, to_member=joining, actor=primary.user
    )

    assert (transferred.user, transferred.pass_type) == (joining.user, PassType.MEMBER)
    assert list(Registration.objects.filter(conference=conference)) == [transferred]
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.details["from"], entry.details["to"]) == (
        AuditEntry.Action.REGISTRATION_TRANSFERRED,
        primary.user,
        leaving.user.username,
        joining.user.username,
    )


def test_registration_transfer_drops_old_holders_seat_for_the_waitlist():
    slot = lab(cap=1)
    conference = slot.schedule.conference
    primary, (leaving, joining) = company_people(passes=1, count=2)
    registration = RegistrationFactory(
        conference=conference, user=leaving.user, pass_type=PassType.MEMBER
    )
    (waiting,) = attendees(slot, 1)
    signup_join(registration=registration, slot_uid=slot.uid)
    signup_join(registration=waiting, slot_uid=slot.uid)

    registration_transfer(registration=registration, to_member=joining, actor=primary.user)

    assert states(slot) == [("Person0", State.CONFIRMED)]


def test_registration_transfer_refuses_beyond_company_passes():
    conference = ConferenceFactory()
    primary, (speaker, colleague, joining) = company_people(passes=1, count=3)
    SubmissionFactory(conference=conference, speakers=[speaker], state="confirmed")
    spoken = RegistrationFactory(
        conference=conference, user=speaker.user, pass_type=PassType.SPEAKER
    )
    RegistrationFactory(conference=conference, user=colleague.user, pass_type=PassType.MEMBER)

    with pytest.raises(ValidationError) as refusal:
        registration_transfer(registration=spoken, to_member=joining, actor=primary.user)

    code, message = member_refusal(refusal)
    assert code == "no_pass_left"
    assert message.startswith("All 1 complimentary passes of ")
    assert message.endswith(f"the speaker pass cannot go to {joining.name}.")
    assert Registration.objects.get(pk=spoken.pk).user == speaker.user
    assert not AuditEntry.objects.exists()


def test_registration_transfer_refuses_someone_not_primary_contact():
    conference = ConferenceFactory()
    _, (leaving, joining) = company_people(passes=2, count=2)
    registration = RegistrationFactory(conference=conference, user=leaving.user)

    with pytest.raises(ValidationError) as refusal:
        registration_transfer(registration=registration, to_member=joining, actor=leaving.user)

    assert refusal.value.code == "not_allowed"


def test_registration_transfer_refuses_registration_of_another_company():
    conference = ConferenceFactory()
    primary, (joining,) = company_people(passes=2, count=1)
    stranger = MemberFactory()
    registration = RegistrationFactory(conference=conference, user=stranger.user)

    with pytest.raises(ValidationError) as refusal:
        registration_transfer(registration=registration, to_member=joining, actor=primary.user)

    assert refusal.value.code == "not_allowed"


def test_registration_transfer_refuses_person_at_another_company():
    conference = ConferenceFactory()
    primary, (leaving,) = company_people(passes=2, count=1)
    registration = RegistrationFactory(conference=conference, user=leaving.user)

    with pytest.raises(ValidationError) as refusal:
        registration_transfer(
            registration=registration, to_member=MemberFactory(), actor=primary.user
        )

    assert member_refusal(refusal)[0] == "not_colleague"


def test_registration_transfer_refuses_colleague_already_registered():
    conference = ConferenceFactory()
    primary, (leaving, joining) = company_people(passes=2, count=2)
    registration = RegistrationFactory(conference=conference, user=leaving.user)
    RegistrationFactory(conference=conference, user=joining.user)

    with pytest.raises(ValidationError) as refusal:
        registration_transfer(registration=registration, to_member=joining, actor=primary.user)

    assert member_refusal(refusal)[0] == "already_registered"


def test_release_raising_cap_gives_seats_to_waiting_in_order(django_capture_on_commit_callbacks):
    conference = ConferenceFactory()
    working = schedule_working(conference=conference)
    room = RoomFactory(conference=conference, capacity=40)
    slot = SlotFactory(schedule=working, room=room, talk=True, signup_required=True, signup_cap=1)
    schedule_release(conference=conference, version="1.0")
    people = attendees(slot, 4)
    for person in people:
        signup_join(registration=person, slot_uid=slot.uid)
    slot.signup_cap = 3
    slot.save()

    with django_capture_on_commit_callbacks(execute=True):
        schedule_release(conference=conference, version="1.1")

    assert states(slot) == [
        ("Person0", State.CONFIRMED),
        ("Person1", State.CONFIRMED),
        ("Person2", State.CONFIRMED),
        ("Person3", State.WAITLISTED),
    ]
    assert len(mail.outbox) == 2
