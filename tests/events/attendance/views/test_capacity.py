"""Seats on the schedule and session pages, signing up and leaving without JavaScript,
cancelling one's registration and the primary contact's transfer page
(events/attendance/views/capacity.py and the seat labels of the schedule templates)."""

import datetime
import re

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from events.attendance.services import signup_join
from events.models import Registration, SessionSignup, Slot
from tests.events.attendance.conftest import company_with_passes
from tests.factories import (
    MemberFactory,
    RegistrationFactory,
    RoomFactory,
    ScheduleFactory,
    SlotFactory,
    UserFactory,
    local_datetime,
)

pytestmark = pytest.mark.django_db
State = SessionSignup.State
# The pages' own typography: an en dash and a typographic apostrophe.
FULL_JOIN = "Full \N{EN DASH} join the waitlist"
ON_WAITLIST = "You\N{RIGHT SINGLE QUOTATION MARK}re on the waitlist"


@pytest.fixture
def lab():
    release = ScheduleFactory(released=True)
    room = RoomFactory(conference=release.conference, name="Lab 1", capacity=30)
    return SlotFactory(
        schedule=release,
        room=room,
        talk=True,
        submission__title="Streaming lab",
        signup_required=True,
        signup_cap=2,
    )


def fill(slot: Slot, count: int) -> list[Registration]:
    people = [RegistrationFactory(conference=slot.schedule.conference) for _ in range(count)]
    for person in people:
        signup_join(registration=person, slot_uid=slot.uid)
    return people


@pytest.fixture
def attendee(client, lab):
    registration = RegistrationFactory(conference=lab.schedule.conference)
    client.force_login(registration.user)
    return registration


def schedule_url(slot: Slot) -> str:
    return reverse("events:schedule", args=[slot.schedule.conference.slug])


def session_url(slot: Slot) -> str:
    return reverse("events:session", args=[slot.schedule.conference.slug, slot.uid])


def signup_url(slot: Slot) -> str:
    return reverse("events:signup", args=[slot.schedule.conference.slug, slot.uid])


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


# The seat labels


def test_schedule_shows_seats_left_to_anonymous_visitor_without_button(client, lab):
    fill(lab, 1)

    response = client.get(schedule_url(lab))

    text = text_of(response)
    assert "1 seat left" in text
    assert "Sign up for" not in text


def test_schedule_offers_sign_up_while_seats_are_left(client, lab, attendee):
    response = client.get(schedule_url(lab))

    assert "2 seats left" in text_of(response)
    assert "Sign up for “Streaming lab”" in text_of(response)


def test_schedule_full_session_offers_the_waitlist(client, lab, attendee):
    fill(lab, 2)

    text = text_of(client.get(schedule_url(lab)))

    assert "Full" in text
    assert f"{FULL_JOIN} for “Streaming lab”" in text


def test_schedule_shows_waitlist_place(client, lab, attendee):
    fill(lab, 3)
    signup_join(registration=attendee, slot_uid=lab.uid)

    text = text_of(client.get(schedule_url(lab)))

    assert f"{ON_WAITLIST} (#2)" in text
    assert "Leave the waitlist of “Streaming lab”" in text


def test_session_page_shows_seat_and_give_up_button(client, lab, attendee):
    signup_join(registration=attendee, slot_uid=lab.uid)

    text = text_of(client.get(session_url(lab)))

    assert "You have a seat" in text
    assert "Give up your seat of “Streaming lab”" in text


def test_session_page_without_signup_shows_no_seats(client, attendee):
    talk = SlotFactory(schedule=ScheduleFactory(released=True), talk=True)

    text = text_of(client.get(session_url(talk)))

    assert "seat" not in text.lower()


@pytest.mark.parametrize("count", [1, 12])
def test_schedule_with_labs_runs_fixed_number_of_queries(client, django_assert_num_queries, count):
    release = ScheduleFactory(released=True)
    conference = release.conference
    registration = RegistrationFactory(conference=conference)
    labs = [
        SlotFactory(
            schedule=release,
            talk=True,
            signup_required=True,
            signup_cap=1,
            start=local_datetime(conference, conference.starts_on, 9)
            + datetime.timedelta(minutes=30 * index),
            end=local_datetime(conference, conference.starts_on, 9)
            + datetime.timedelta(minutes=30 * index + 30),
        )
        for index in range(count)
    ]
    for slot in labs:
        fill(slot, 1)
        signup_join(registration=registration, slot_uid=slot.uid)
    client.force_login(registration.user)

    # as the schedule without labs (11), plus the seats taken and the attendee's sign-ups
    with django_assert_num_queries(13):
        response = client.get(schedule_url(labs[0]))

    assert text_of(response).count(f"{ON_WAITLIST} (#1)") == count


@pytest.mark.parametrize("taken", [0, 5])
def test_session_page_with_lab_runs_fixed_number_of_queries(
    client, django_assert_num_queries, lab, attendee, taken
):
    lab.signup_cap = 10
    lab.save()
    fill(lab, taken)

    # as the session page (10), plus the seats taken and the attendee's sign-up
    with django_assert_num_queries(12):
        response = client.get(session_url(lab))

    assert f"{10 - taken} seats left" in text_of(response)


# Signing up and leaving


def test_signup_without_javascript_redirects_back(client, lab, attendee):
    back = schedule_url(lab) + "?track=x"

    response = client.post(signup_url(lab), {"action": "join", "next": back})

    assert (response.status_code, response["Location"]) == (302, f"{back}#slot-{lab.uid}")
    assert SessionSignup.objects.get(registration=attendee).state == State.CONFIRMED


def test_signup_when_full_joins_waitlist_and_says_so(client, lab, attendee):
    fill(lab, 2)

    response = client.post(signup_url(lab), {"action": "join"}, follow=True)

    assert SessionSignup.objects.get(registration=attendee).state == State.WAITLISTED
    assert "you are number 1 on the waitlist" in text_of(response)


def test_leave_gives_seat_to_first_waiting(client, lab, attendee):
    signup_join(registration=attendee, slot_uid=lab.uid)
    (waiting,) = fill(lab, 3)[1:2]

    client.post(signup_url(lab), {"action": "leave"})

    assert not SessionSignup.objects.filter(registration=attendee).exists()
    assert SessionSignup.objects.get(registration=waiting).state == State.CONFIRMED


def test_signup_without_registration_sends_to_register(client, lab):
    client.force_login(UserFactory())

    response = client.post(signup_url(lab), {"action": "join"})

    assert response["Location"].startswith(
        reverse("events:register", args=[lab.schedule.conference.slug])
    )
    assert not SessionSignup.objects.exists()


def test_signup_anonymous_sent_to_login(client, lab):
    response = client.post(signup_url(lab), {"action": "join"})

    assert response.status_code == 302
    assert "/login" in response["Location"]
    assert not SessionSignup.objects.exists()


def test_signup_for_session_without_signup_refused_with_message(client, attendee, lab):
    talk = SlotFactory(schedule=lab.schedule, talk=True)

    response = client.post(signup_url(talk), {"action": "join"}, follow=True)

    assert "This session needs no sign-up" in text_of(response)
    assert not SessionSignup.objects.exists()


def test_signup_for_unknown_session_answers_404(client, lab, attendee):
    url = reverse(
        "events:signup",
        args=[lab.schedule.conference.slug, "00000000-0000-0000-0000-000000000000"],
    )

    assert client.post(url, {"action": "join"}).status_code == 404


def test_signup_get_not_allowed(client, lab, attendee):
    assert client.get(signup_url(lab)).status_code == 405


# Cancelling a registration


def cancel_url(registration: Registration) -> str:
    return reverse("events:registration_cancel", args=[registration.conference.slug])


def test_cancel_page_asks_first(client, lab, attendee):
    signup_join(registration=attendee, slot_uid=lab.uid)

    response = client.get(cancel_url(attendee))

    assert "your seat at 1 session with sign-up goes to the first person" in text_of(response)
    assert Registration.objects.filter(pk=attendee.pk).exists()


def test_cancel_post_cancels_and_frees_the_seat(client, lab, attendee):
    signup_join(registration=attendee, slot_uid=lab.uid)
    (waiting,) = fill(lab, 3)[1:2]

    response = client.post(cancel_url(attendee))

    assert response.status_code == 302
    assert not Registration.objects.filter(user=attendee.user).exists()
    assert SessionSignup.objects.get(registration=waiting).state == State.CONFIRMED
    assert AuditEntry.objects.get().action == AuditEntry.Action.REGISTRATION_CANCELLED


def test_cancel_only_touches_own_registration(client, lab, attendee):
    other = RegistrationFactory(conference=lab.schedule.conference)

    client.post(cancel_url(other))

    assert Registration.objects.filter(pk=other.pk).exists()


# The primary contact's transfers


@pytest.fixture
def company(lab):
    company = company_with_passes(1)
    primary = MemberFactory(company=company, is_primary_contact=True)
    leaving = MemberFactory(company=company, user__first_name="Lea", user__last_name="Ving")
    joining = MemberFactory(company=company, user__first_name="Jo", user__last_name="Ining")
    registration = RegistrationFactory(
        conference=lab.schedule.conference,
        user=leaving.user,
        pass_type=Registration.PassType.MEMBER,
    )
    return {"primary": primary, "joining": joining, "registration": registration}


def company_url(slot: Slot) -> str:
    return reverse("events:company_registrations", args=[slot.schedule.conference.slug])


def transfer(client, slot, registration, member):
    return client.post(
        company_url(slot),
        {"registration": registration.pk, f"transfer-{registration.pk}-member": member.pk},
    )


def test_company_page_lists_registrations_for_primary_contact(client, lab, company):
    client.force_login(company["primary"].user)

    text = text_of(client.get(company_url(lab)))

    assert "Lea Ving" in text
    assert "1 of the 1 complimentary pass of your membership is in use" in text
    assert "Jo Ining" in text  # a colleague to transfer to


def test_company_page_refused_to_others(client, lab, company):
    client.force_login(company["joining"].user)

    assert client.get(company_url(lab)).status_code == 404


def test_transfer_gives_registration_to_colleague(client, lab, company):
    client.force_login(company["primary"].user)

    response = transfer(client, lab, company["registration"], company["joining"])

    assert response.status_code == 302
    assert Registration.objects.get(conference=lab.schedule.conference).user == (
        company["joining"].user
    )


def test_transfer_beyond_passes_refused_at_the_field(client, lab, company):
    registration = company["registration"]
    registration.pass_type = Registration.PassType.SPEAKER
    registration.save()
    RegistrationFactory(
        conference=lab.schedule.conference,
        user=MemberFactory(company=company["primary"].company).user,
        pass_type=Registration.PassType.MEMBER,
    )
    client.force_login(company["primary"].user)

    response = transfer(client, lab, registration, company["joining"])

    assert response.status_code == 400
    assert "the speaker pass cannot go to Jo Ining." in text_of(response)
    assert Registration.objects.get(pk=registration.pk).user != company["joining"].user


def test_transfer_of_other_company_registration_answers_404(client, lab, company):
    stranger = RegistrationFactory(conference=lab.schedule.conference)
    client.force_login(company["primary"].user)

    response = transfer(client, lab, stranger, company["joining"])

    assert response.status_code == 404
    assert Registration.objects.get(pk=stranger.pk).user == stranger.user


def test_transfer_to_someone_outside_the_company_refused(client, lab, company):
    outsider = MemberFactory()
    client.force_login(company["primary"].user)

    response = transfer(client, lab, company["registration"], outsider)

    assert response.status_code == 400
    assert "Select a valid choice" in text_of(response)
