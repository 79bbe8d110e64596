"""The release banner on the schedule page (events/schedule/views/site.py
`release_banner`): what changed since a visitor last looked, remembered by cookie or on the
registration."""

import pytest

from events.schedule.views.site import SEEN_COOKIE
from tests.events.schedule.views.site.conftest import schedule_url
from tests.factories import AgendaItemFactory, RegistrationFactory, ScheduleFactory, SlotFactory

pytestmark = pytest.mark.django_db


def banner_release_pair():
    first = ScheduleFactory(released=True, version="1.0")
    slot = SlotFactory(schedule=first, talk=True, submission__title="Moved talk")
    second = ScheduleFactory(
        conference=first.conference,
        released=True,
        version="1.1",
        changelog={
            "moved": [
                {
                    "uid": str(slot.uid),
                    "title": "Moved talk",
                    "start": slot.start.isoformat(),
                    "room": "IJ Hall",
                }
            ]
        },
    )
    SlotFactory(schedule=second, talk=True, submission=slot.submission, uid=slot.uid)
    return first, second, slot


def test_banner_for_anonymous_visitor_uses_cookie(client):
    first, second, _ = banner_release_pair()
    url = schedule_url(first.conference)
    cookie = SEEN_COOKIE.format(first.conference.pk)

    first_visit = client.get(url)
    remembered = first_visit.cookies[cookie].value
    client.cookies[cookie] = str(first.pk)
    after_release = client.get(url)
    again = client.get(url)

    assert b"has changed since your last visit" not in first_visit.content
    assert remembered == str(second.pk)
    assert b"has changed since your last visit" in after_release.content
    assert b"Moved talk" in after_release.content
    assert b"has changed since your last visit" not in again.content


def test_banner_for_registered_attendee_marks_starred_changes_once(client):
    first, second, slot = banner_release_pair()
    registration = RegistrationFactory(conference=first.conference, last_seen_release=first)
    AgendaItemFactory(registration=registration, slot_uid=slot.uid)
    client.force_login(registration.user)
    url = schedule_url(first.conference)

    shown = client.get(url).content.decode()
    again = client.get(url).content.decode()

    registration.refresh_from_db()
    assert "has changed since your last visit" in shown
    assert "In your agenda" in shown
    assert "has changed since your last visit" not in again
    assert registration.last_seen_release == second
