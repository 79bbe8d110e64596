"""The attendee's pages: starring (plain form and JSON), My agenda, and registration."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import AgendaItem, Registration
from tests.factories import (
    AgendaItemFactory,
    ConferenceFactory,
    MemberCompanyFactory,
    MemberFactory,
    MembershipTierFactory,
    RegistrationFactory,
    ScheduleFactory,
    SlotFactory,
    UserFactory,
    local_datetime,
)

pytestmark = pytest.mark.django_db
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def talk():
    return SlotFactory(schedule=ScheduleFactory(released=True), talk=True)


@pytest.fixture
def attendee(client, talk):
    registration = RegistrationFactory(conference=talk.schedule.conference)
    client.force_login(registration.user)
    return registration


def star_url(slot) -> str:
    return reverse("events:star", args=[slot.schedule.conference.slug, slot.uid])


def test_star_without_javascript_redirects_back_to_next(client, talk, attendee):
    back = reverse("events:schedule", args=[talk.schedule.conference.slug]) + "?track=x"

    response = client.post(star_url(talk), {"action": "star", "next": back})

    assert response.status_code == 302
    assert response["Location"] == f"{back}#slot-{talk.uid}"
    assert attendee.agenda_items.get().slot_uid == talk.uid


def test_star_with_javascript_answers_json(client, talk, attendee):
    response = client.post(star_url(talk), {"action": "star"}, **JSON)

    assert response.json() == {"starred": True, "message": "Added to your agenda."}


def test_unstar_with_javascript_answers_json(client, talk, attendee):
    AgendaItemFactory(registration=attendee, slot_uid=talk.uid)

    response = client.post(star_url(talk), {"action": "unstar"}, **JSON)

    assert response.json()["starred"] is False
    assert not attendee.agenda_items.exists()


def test_star_ignores_next_on_another_host(client, talk, attendee):
    response = client.post(star_url(talk), {"action": "star", "next": "https://evil.example/"})

    assert response["Location"].startswith(
        reverse("events:session", args=[talk.schedule.conference.slug, talk.uid])
    )


def test_star_anonymous_is_sent_to_log_in(client, talk):
    response = client.post(star_url(talk), {"action": "star"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not AgendaItem.objects.exists()


def test_star_unregistered_is_sent_to_register(client, talk):
    client.force_login(UserFactory())

    response = client.post(star_url(talk), {"action": "star"})

    assert response["Location"].startswith(
        reverse("events:register", args=[talk.schedule.conference.slug])
    )
    assert not AgendaItem.objects.exists()


def test_star_unregistered_with_javascript_answers_403(client, talk):
    client.force_login(UserFactory())

    response = client.post(star_url(talk), {"action": "star"}, **JSON)

    assert response.status_code == 403
    assert "Register" in response.json()["error"]


def test_star_cancelled_session_is_refused(client, attendee, talk):
    cancelled = SlotFactory(schedule=talk.schedule, talk=True, cancelled=True)

    response = client.post(star_url(cancelled), {"action": "star"}, **JSON)

    assert response.status_code == 400
    assert "cancelled" in response.json()["error"]


def test_star_cancelled_session_without_javascript_shows_message(client, attendee, talk):
    cancelled = SlotFactory(schedule=talk.schedule, talk=True, cancelled=True)

    response = client.post(star_url(cancelled), {"action": "star"}, follow=True)

    assert b"has been cancelled and cannot be starred" in response.content
    assert not AgendaItem.objects.exists()


def test_star_unknown_session_answers_404(client, attendee, talk):
    unknown = SlotFactory(talk=True, schedule__conference=talk.schedule.conference)

    response = client.post(star_url(unknown), {"action": "star"})

    assert response.status_code == 404


def test_star_without_action_is_refused(client, attendee, talk):
    response = client.post(star_url(talk), {"action": "maybe"}, **JSON)

    assert response.status_code == 400
    assert not AgendaItem.objects.exists()


def test_star_by_get_is_not_allowed(client, attendee, talk):
    response = client.get(star_url(talk))

    assert response.status_code == 405


# My agenda


def agenda_url(conference) -> str:
    return reverse("events:agenda", args=[conference.slug])


def test_agenda_anonymous_is_sent_to_log_in(client, talk):
    response = client.get(agenda_url(talk.schedule.conference))

    assert response["Location"].startswith(reverse("login"))


def test_agenda_unregistered_is_sent_to_register(client, talk):
    client.force_login(UserFactory())

    response = client.get(agenda_url(talk.schedule.conference))

    assert response["Location"] == reverse("events:register", args=[talk.schedule.conference.slug])


def test_agenda_lists_starred_sessions_by_day_with_clashes_and_cancellations(
    client, attendee, talk
):
    conference = talk.schedule.conference
    second_day = conference.starts_on + datetime.timedelta(days=1)
    clash = SlotFactory(schedule=talk.schedule, talk=True, submission__title="At the same time")
    later = SlotFactory(
        schedule=talk.schedule,
        talk=True,
        submission__title="Next day talk",
        start=local_datetime(conference, second_day, 9),
        end=local_datetime(conference, second_day, 10),
    )
    dropped = SlotFactory(
        schedule=talk.schedule,
        talk=True,
        cancelled=True,
        submission__title="Dropped talk",
        start=local_datetime(conference, second_day, 9),
        end=local_datetime(conference, second_day, 10),
    )
    SlotFactory(schedule=talk.schedule, talk=True, submission__title="Not starred")
    for slot in (talk, clash, later, dropped):
        AgendaItemFactory(registration=attendee, slot_uid=slot.uid)

    response = client.get(agenda_url(conference))

    text = response.content.decode()
    assert "Not starred" not in text
    assert text.count('class="flag flag-clash"') == 2
    assert text.count('class="flag flag-cancelled"') == 1
    assert text.index(f"{conference.starts_on:%d}") < text.index("Next day talk")
    assert "Dropped talk" in text


def test_agenda_without_stars_points_to_schedule(client, attendee, talk):
    response = client.get(agenda_url(talk.schedule.conference))

    assert b"You have not starred any sessions yet." in response.content


@pytest.mark.parametrize("count", [1, 6])
def test_agenda_runs_fixed_number_of_queries(client, django_assert_num_queries, count):
    release = ScheduleFactory(released=True)
    registration = RegistrationFactory(conference=release.conference)
    for _ in range(count):
        AgendaItemFactory(
            registration=registration, slot_uid=SlotFactory(schedule=release, talk=True).uid
        )
    client.force_login(registration.user)

    # session, user, conference, registration, releases, slots, speakers, last seen release
    with django_assert_num_queries(9):
        response = client.get(agenda_url(release.conference))

    assert response.content.decode().count('class="agenda-item') == count


# Registration


def register_url(conference) -> str:
    return reverse("events:register", args=[conference.slug])


def test_register_page_says_which_pass_before_registering(client):
    conference = ConferenceFactory()
    member = MemberFactory(
        company=MemberCompanyFactory(
            name="Acme", membership__tier=MembershipTierFactory(name="Gold", conference_passes=3)
        )
    )
    client.force_login(member.user)

    response = client.get(register_url(conference))

    text = response.content.decode()
    assert "Member pass (complimentary)" in text
    assert "One of the 3 complimentary passes of Acme&#x27;s Gold membership" in text
    assert not Registration.objects.exists()


def test_register_post_registers_and_goes_to_next(client):
    conference = ConferenceFactory()
    user = UserFactory()
    client.force_login(user)

    response = client.post(register_url(conference), {"next": "/schedule/"})

    assert response["Location"] == "/schedule/"
    assert Registration.objects.get(user=user).pass_type == Registration.PassType.PAID


def test_register_post_twice_keeps_one_registration(client):
    registration = RegistrationFactory()
    client.force_login(registration.user)

    response = client.post(register_url(registration.conference))

    assert b"You are registered" in response.content
    assert Registration.objects.count() == 1


def test_register_for_conference_that_is_over_is_refused(client):
    today = timezone.localdate()
    conference = ConferenceFactory(
        starts_on=today - datetime.timedelta(days=5), ends_on=today - datetime.timedelta(days=4)
    )
    client.force_login(UserFactory())

    response = client.post(register_url(conference))

    assert response.status_code == 400
    assert b"is over" in response.content
    assert not Registration.objects.exists()


def test_register_anonymous_is_sent_to_log_in(client):
    response = client.get(register_url(ConferenceFactory()))

    assert response["Location"].startswith(reverse("login"))


def test_my_agenda_navigation_goes_to_current_conference(client):
    conference = ConferenceFactory()
    client.force_login(UserFactory())

    response = client.get(reverse("events:agenda_current"))

    assert response["Location"] == agenda_url(conference)


def test_agenda_links_the_attendees_own_personal_feed(client, attendee, talk):
    conference = talk.schedule.conference

    text = client.get(reverse("events:agenda", args=[conference.slug])).content.decode()

    assert reverse("events:agenda_ics", args=[attendee.calendar_token]) in text
    assert reverse("events:subscribe", args=[conference.slug]) + "#personal" in text
